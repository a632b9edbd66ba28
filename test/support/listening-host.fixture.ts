import { AddressInfo } from 'node:net';
import { QntxHostOptions } from '../../libs/host/src/qntx-host.options';
import { startTestHost, TestHost } from './host.fixture';

export interface ListeningHost extends TestHost {
  /** "http://127.0.0.1:<port>" */
  url: string;
  /** "ws://127.0.0.1:<port>" */
  wsUrl: string;
  port: number;
}

/** A test host on an ephemeral loopback port, for real HTTP and WebSocket clients. */
export async function startListeningHost(options: QntxHostOptions = {}): Promise<ListeningHost> {
  const host = await startTestHost(options);
  await host.app.listen(0, '127.0.0.1');
  const { port } = host.app.getHttpServer().address() as AddressInfo;
  return { ...host, port, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` };
}
