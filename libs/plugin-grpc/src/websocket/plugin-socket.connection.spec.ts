import { WebSocketFrame, WebSocketPeer } from '@qntx/domains';
import { PluginSocketConnectionImpl } from './plugin-socket.connection';
import { WS_HANDLER_QUEUE_FRAMES } from './websocket.constants';

/** The client side, recorded: what the connection sent and asked of it. */
class RecordingPeer implements WebSocketPeer {
  sent: WebSocketFrame[] = [];
  closes: [number, string][] = [];
  paused = false;
  accept = true;
  send(frame: WebSocketFrame): boolean {
    this.sent.push(frame);
    return this.accept;
  }
  close(code: number, reason: string): void {
    this.closes.push([code, reason]);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
}

function connect(peer: RecordingPeer): PluginSocketConnectionImpl {
  return new PluginSocketConnectionImpl(
    { path: 'p', query: 'a=1', headers: { cookie: 'c' }, signal: new AbortController().signal },
    peer,
  );
}

describe('PluginSocketConnection', () => {
  it('keeps frames that arrive before the handler listens, and hands them over in order', async () => {
    const socket = connect(new RecordingPeer());
    socket.session.onMessage({ kind: 'text', data: 'one' });
    socket.session.onMessage({ kind: 'binary', data: Buffer.from('two') });
    const seen: (string | Buffer)[] = [];
    socket.on('message', (data) => seen.push(data));
    await Promise.resolve();
    socket.session.onMessage({ kind: 'text', data: 'three' });
    expect(seen).toEqual(['one', Buffer.from('two'), 'three']);
  });

  it('holds frames back while paused, pauses the client, and delivers them on resume', async () => {
    const peer = new RecordingPeer();
    const socket = connect(peer);
    const seen: (string | Buffer)[] = [];
    socket.on('message', (data) => seen.push(data));
    socket.pause();
    expect(peer.paused).toBe(true);
    socket.session.onMessage({ kind: 'text', data: 'in flight' });
    expect(seen).toEqual([]);
    socket.resume();
    expect(peer.paused).toBe(false);
    expect(seen).toEqual(['in flight']);
  });

  it('iterates frames until the connection closes, and pauses the client when they pile up', async () => {
    const peer = new RecordingPeer();
    const socket = connect(peer);
    for (let i = 0; i < WS_HANDLER_QUEUE_FRAMES; i++) socket.session.onMessage({ kind: 'text', data: String(i) });
    expect(peer.paused).toBe(true);
    socket.session.onClose(4000, 'done');
    const seen: (string | Buffer)[] = [];
    for await (const data of socket) seen.push(data);
    expect(seen).toHaveLength(WS_HANDLER_QUEUE_FRAMES);
    expect(socket.signal.aborted).toBe(true);
  });

  it('sends text and binary with their kind, and reports a full client until it drains', async () => {
    const peer = new RecordingPeer();
    const socket = connect(peer);
    expect(socket.send('t')).toBe(true);
    peer.accept = false;
    expect(socket.send(new Uint8Array([1, 2]))).toBe(false);
    expect(peer.sent).toEqual([
      { kind: 'text', data: 't' },
      { kind: 'binary', data: Buffer.from([1, 2]) },
    ]);
    let drained = false;
    const waiting = socket.drained().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false);
    socket.session.onDrain!();
    await waiting;
    expect(drained).toBe(true);
  });

  it('closes once, with the close event and the signal, and sends nothing after', () => {
    const peer = new RecordingPeer();
    const socket = connect(peer);
    const closes: [number, string][] = [];
    socket.on('close', (code, reason) => closes.push([code, reason]));
    socket.close(4100, 'bye');
    socket.session.onClose(1000, 'late');
    expect(peer.closes).toEqual([[4100, 'bye']]);
    expect(closes).toEqual([[4100, 'bye']]);
    expect(socket.signal.aborted).toBe(true);
    expect(socket.send('after')).toBe(false);
  });
});
