import { PluginSocketConnection } from '@qntx/plugin-grpc';
import { WorkspaceWatcher } from './workspace-watcher';
import { WorkspaceEscapeError } from './workspace-escape.error';

/**
 * The `/ws/code/watch` conversation. The client sends a glob as a text frame (another glob later
 * replaces it); the plugin answers `{"type":"watching","glob"}` once the watch is in place, then
 * one JSON text frame per change: `{"type":"created"|"changed"|"deleted","path"}`, paths relative
 * to the workspace. A glob that leaves the workspace gets `{"type":"error"}` and close 1008.
 * A client that reads slower than changes happen misses some: once it has caught up it gets
 * `{"type":"overflow","missed"}` (time to re-list). Closing the socket stops the watch.
 */
export function serveWatchSocket(socket: PluginSocketConnection, watcher: WorkspaceWatcher): void {
  let current: AbortController | null = null;
  let dropping = false;
  let missed = 0;

  const send = (event: object): void => {
    if (socket.closed) return;
    if (dropping) return void missed++;
    if (socket.send(JSON.stringify(event))) return;
    // Nothing more is queued for a client that reads slower than changes happen: it is counted.
    dropping = true;
    void socket.drained().then(() => {
      dropping = false;
      if (missed > 0 && !socket.closed) socket.send(JSON.stringify({ type: 'overflow', missed }));
      missed = 0;
    });
  };
  const fail = (code: number, message: string): void => {
    if (socket.closed) return;
    socket.send(JSON.stringify({ type: 'error', message }));
    socket.close(code, message);
  };

  socket.on('message', (data) => {
    if (typeof data !== 'string') return fail(1003, 'Send the glob to watch as a text frame.');
    // A new glob replaces the watch.
    current?.abort();
    current = new AbortController();
    const { signal } = current;
    const glob = data.trim() || '**';
    const handlers = { onChange: send, onError: (error: Error) => fail(1011, `The watch stopped: ${error.message}`) };
    watcher.watch(glob, handlers, signal).then(
      () => signal.aborted || send({ type: 'watching', glob }),
      (error: Error) => signal.aborted || fail(error instanceof WorkspaceEscapeError ? 1008 : 1011, error.message),
    );
  });
  socket.signal.addEventListener('abort', () => current?.abort(), { once: true });
}
