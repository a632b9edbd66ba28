import * as grpc from '@grpc/grpc-js';
import request from 'supertest';
import { HostServicesClient } from '@qntx/plugin-grpc';
import { HostServicesEndpoint } from '../libs/host/src/host-services/host-services.endpoint';
import { startTestHost, TestHost } from './support/host.fixture';
import { closedAddress } from './support/cli.fixture';

/** The host's callback server: the token names the plugin, and nothing in a request can change that. */
describe("the host's host-services server", () => {
  let host: TestHost;
  let endpoint: HostServicesEndpoint;
  const clients: HostServicesClient[] = [];
  const clientFor = (token: string): HostServicesClient => {
    const client = new HostServicesClient(endpoint.address!, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // Two configured plugins that do not answer: their settings are loaded all the same.
    const address = await closedAddress();
    host = await startTestHost({
      plugins: ['code', 'other'].map((name) => ({ name, enabled: true, address, requestTimeoutMs: 1000 })),
      pluginSettings: { code: { workspace_root: '/w' }, other: { api_key: 'other-secret' } },
    });
    endpoint = host.app.get(HostServicesEndpoint);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await host.close();
  });

  it('listens on a loopback port once the module is initialized, and gives each plugin its own token', () => {
    expect(endpoint.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const code = endpoint.registry.endpoint('code')!;
    const other = endpoint.registry.endpoint('other')!;
    expect(code.address).toBe(endpoint.address);
    expect(code.token).toMatch(/^[0-9a-f]{64}$/);
    expect(other.token).not.toBe(code.token);
    expect(endpoint.registry.endpoint('code')!.token).toBe(code.token);
  });

  it('refuses a missing or wrong token with UNAUTHENTICATED on every method', async () => {
    for (const token of ['', 'f'.repeat(64)]) {
      const client = clientFor(token);
      await expect(client.getConfig()).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      await expect(client.log({ level: 0, message: 'x', fields_json: '' })).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      await expect(client.queryAttestations({ limit: 0, cursor: '' })).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
      await expect(client.countAttestations({ limit: 0, cursor: '' })).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    }
  });

  it("gives a plugin its own config only, and records its writes as its own whatever the record claims", async () => {
    const code = clientFor(endpoint.registry.endpoint('code')!.token);
    expect((await code.getConfig()).config).toEqual({ workspace_root: '/w' });
    await code.putAttestations({
      records: [
        { id: 'claim-1', subject: 's', predicate: 'p', context: '', actor: 'a', timestamp: '2026-01-01T00:00:00Z', attributes_json: '{"k":1}', source: 'other' },
      ],
    });
    const res = await request(host.app.getHttpServer()).get('/api/attestations').query({ subject: 's' }).expect(200);
    expect(res.body.records).toEqual([expect.objectContaining({ id: 'claim-1', source: 'code', attributes: { k: 1 } })]);
    const other = clientFor(endpoint.registry.endpoint('other')!.token);
    expect((await other.getConfig()).config).toEqual({ api_key: 'other-secret' });
    expect(Number((await other.countAttestations({ source: 'code', limit: 0, cursor: '' })).count)).toBe(1);
  });
});
