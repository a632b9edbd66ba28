import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Gives a response the 'close' that Node leaves out when its connection dies while it waits
 * behind another response (HTTP/1.1 pipelining): Node destroys the queued request but never
 * tells its response, so whatever waits for that 'close' (the in-flight gauge, the cancellation
 * of the plugin call, a streamed body waiting for 'drain') would wait forever.
 */
export function closeWithConnection(req: IncomingMessage, res: ServerResponse): void {
  req.once('close', () => {
    // An attached response hears the socket itself; a finished one has had its 'close'.
    if (res.socket || res.closed || res.writableFinished || !req.socket.destroyed) return;
    res.destroy();
    res.emit('close');
  });
}
