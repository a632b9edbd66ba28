import { PluginSocketConnection } from '@qntx/plugin-grpc';
import { WorkspaceWatch, WorkspaceWatcher } from './workspace-watcher';
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
  let current: WorkspaceWatch | null = null;
  let generation = 0;
  let dropping = false;
  let missed = 0;

  const send = (event: object): void => {
    if (dropping) return void missed++;
    if (socket.send(JSON.stringify(event))) return;
    dropping = true;
    void socket.drained().then(() => {
      dropping = false;
      if (missed > 0) socket.send(JSON.stringify({ type: 'overflow', missed }));
      missed = 0;
    });
  };
  const fail = (code: number, message: string): void => {
    socket.send(JSON.stringify({ type: 'error', message }));
    socket.close(code, message);
  };
  const stop = (): void => {
    generation++;
    current?.close();
    current = null;
  };

  socket.on('message', (data) => {
    if (typeof data !== 'string') return fail(1003, 'Send the glob to watch as a text frame.');
    stop();
    const mine = generation;
    const glob = data.trim() || '**';
    watcher
      .watch(glob, send, (error) => fail(1011, `The watch stopped: ${error.message}`))
      .then(
        (watch) => {
          if (mine !== generation || socket.closed) return watch.close(); // replaced, or the client left
          current = watch;
          send({ type: 'watching', glob });
        },
        (error: Error) => fail(error instanceof WorkspaceEscapeError ? 1008 : 1011, error.message),
      );
  });
  socket.signal.addEventListener('abort', stop, { once: true });
}
