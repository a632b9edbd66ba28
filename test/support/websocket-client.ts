import type { IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';

export interface Closed {
  code: number;
  reason: string;
}

/**
 * A client socket that records every message (text as string, binary as Buffer) and its close
 * from the start: a server may send its first frame in the same packet as the 101 response.
 */
export class TestSocket {
  readonly messages: (string | Buffer)[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.messages.push(isBinary ? data : data.toString('utf8'));
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(data: string | Buffer): void {
    this.ws.send(data, { binary: Buffer.isBuffer(data) });
  }

  /** Resolves once `count` messages have arrived in all. */
  async waitFor(count: number): Promise<(string | Buffer)[]> {
    while (this.messages.length < count) await new Promise<void>((wake) => this.waiters.push(wake));
    return this.messages.slice(0, count);
  }
}

/** Opens a socket; rejects with the HTTP status and body when the upgrade is refused. */
export function openSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new TestSocket(new WebSocket(url, options));
    socket.ws.once('open', () => resolve(socket));
    socket.ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        const refusal = { status: res.statusCode, body, headers: res.headers };
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode} ${body}`), refusal));
      });
    });
    socket.ws.once('error', reject);
  });
}

export interface UpgradeAnswer {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

/** What an upgrade request was answered with: 101 when accepted, else the refusal. */
export async function upgradeStatus(url: string, options: WebSocket.ClientOptions = {}): Promise<UpgradeAnswer> {
  try {
    const socket = await openSocket(url, options);
    socket.ws.terminate();
    return { status: 101, body: '', headers: {} };
  } catch (error) {
    const refusal = error as Partial<UpgradeAnswer>;
    if (refusal.status === undefined) throw error;
    return { status: refusal.status, body: refusal.body ?? '', headers: refusal.headers ?? {} };
  }
}
