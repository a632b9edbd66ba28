import { Module } from '@nestjs/common';
import * as grpc from '@grpc/grpc-js';
import { PluginAttestations, PluginLogger, StaticServiceRegistry } from '@qntx/domains';
import { Plugin } from '../decorators/plugin.decorator';
import { PluginCommand } from '../decorators/plugin-command.decorator';
import { PluginRoute } from '../decorators/plugin-route.decorator';
import { OnPluginInit, PluginHealthCheck } from '../decorators/plugin-lifecycle.decorators';
import { CommandContext, PluginInitContext } from '../interfaces/plugin-context.interface';
import { PluginFactory, RunningPlugin } from '../server/plugin-factory';
import { ExternalDomainProxy } from '../client/external-domain-proxy';
import { findCommand } from '../server/domain-service.handlers';
import { TestServiceRegistry } from '../testing/test-service-registry';
import { HostServicesServer } from './host-services.server';
import { HostServicesClient } from './host-services.client';
import { HostServicesCallError } from './host-services-call.error';

/** A plugin that writes an attestation and logs per command: the same code built-in or external. */
@Plugin({ name: 'ledger', version: '1.0.0' })
class LedgerPlugin {
  private attestations!: PluginAttestations;
  private logger!: PluginLogger;
  private channel: () => Promise<{ ok: boolean; detail: string }> = async () => ({ ok: false, detail: 'not initialized' });

  @OnPluginInit()
  init({ attestations, logger, services }: PluginInitContext): void {
    this.attestations = attestations;
    this.logger = logger;
    this.channel = () => services.channel('ledger');
  }

  @PluginCommand({ command: 'note <text>', description: 'record a note' })
  async note(ctx: CommandContext): Promise<void> {
    const result = await this.attestations.put([
      { id: `note:${ctx.args[0]}`, subject: ctx.args[0], predicate: 'noted', context: 'test', actor: 'ledger', timestamp: '2026-01-02T03:04:05Z', attributes: { len: ctx.args[0].length } },
    ]);
    this.logger.info('noted', { text: ctx.args[0], inserted: result.inserted });
    ctx.stdout(`${result.inserted} new, ${await this.attestations.count({ predicate: 'noted' })} in all\n`);
  }

  @PluginRoute('GET', 'ping')
  ping(): object {
    this.logger.info('pinged');
    return { ok: true };
  }

  @PluginHealthCheck()
  async health() {
    const channel = await this.channel();
    return { healthy: channel.ok, message: 'ledger', details: { channel: channel.detail } };
  }
}

@Module({ providers: [LedgerPlugin] })
class LedgerModule {}

async function runNote(proxy: ExternalDomainProxy, text: string) {
  const node = findCommand(await proxy.commands(), ['ledger', 'note']);
  return node!.run!({ command: 'ledger note', args: [text], flags: {} });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('host services over gRPC', () => {
  let services: TestServiceRegistry;
  let server: HostServicesServer;
  let plugin: RunningPlugin;
  let proxy: ExternalDomainProxy;

  beforeAll(async () => {
    services = new TestServiceRegistry({ ledger: { region: 'eu' }, other: { secret: 'other-only' } });
    server = new HostServicesServer(services);
    await server.listen();
    services.offerRemotely((domain) => server.endpointFor(domain));
    plugin = await PluginFactory.create(LedgerModule, { port: 0, logger: false });
    proxy = await ExternalDomainProxy.connect(plugin.address, { expectedName: 'ledger' });
    await proxy.initialize(services);
  });

  afterAll(async () => {
    await proxy.shutdown();
    await plugin.close();
    await server.close();
  });

  it('lets an external plugin write attestations as itself, idempotently, and count them', async () => {
    expect(await runNote(proxy, 'first')).toMatchObject({ exitCode: 0, stdout: '1 new, 1 in all\n' });
    expect(await runNote(proxy, 'first')).toMatchObject({ exitCode: 0, stdout: '0 new, 1 in all\n' });
    const { records } = await services.store.query({ predicate: 'noted' });
    expect(records).toEqual([expect.objectContaining({ id: 'note:first', source: 'ledger', attributes: { len: 5 } })]);
  });

  it("puts the plugin's log lines in the host's log under the plugin's name, with their fields", async () => {
    await runNote(proxy, 'logged');
    await until(() => services.logs.some((line) => line.fields.text === 'logged'));
    expect(services.logs.find((line) => line.fields.text === 'logged')).toEqual({
      domain: 'ledger',
      level: 'info',
      message: 'noted',
      fields: { text: 'logged', inserted: 1 },
    });
  });

  it("carries the host's request id on lines logged while a route runs", async () => {
    await proxy.client.handleHttp(
      { method: 'GET', path: '/api/ledger/ping', headers: [], body: Buffer.alloc(0) },
      { requestId: 'req-7' },
    );
    await until(() => services.logs.some((line) => line.message === 'pinged'));
    expect(services.logs.find((line) => line.message === 'pinged')).toMatchObject({ domain: 'ledger', fields: { requestId: 'req-7' } });
  });

  it('reports the channel in the plugin health', async () => {
    const health = await proxy.health();
    expect(health.healthy).toBe(true);
    expect(health.details.channel).toMatch(/^host-services at 127\.0\.0\.1:\d+ \(\d+ ms\)$/);
  });

  it('refuses calls that carry no token or one it never issued, with UNAUTHENTICATED', async () => {
    const address = server.address!;
    for (const token of ['', 'not-a-token', 'x'.repeat(64)]) {
      const client = new HostServicesClient(address, token);
      try {
        await expect(client.getConfig()).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
        await expect(client.putAttestations({ records: [] })).rejects.toBeInstanceOf(HostServicesCallError);
      } finally {
        client.close();
      }
    }
  });

  it("identifies the caller by its token only: another plugin's token reads that plugin's config and writes as it", async () => {
    const other = new HostServicesClient(server.address!, server.endpointFor('other')!.token);
    try {
      expect((await other.getConfig()).config).toEqual({ secret: 'other-only' });
      await other.putAttestations({
        records: [{ id: 'spoof', subject: 's', predicate: 'p', context: '', actor: 'a', timestamp: '2026-01-01T00:00:00Z', attributes_json: '', source: 'ledger' }],
      });
      const { records } = await services.store.query({ subject: 's' });
      expect(records.map((r) => r.source)).toEqual(['other']);
      // ledger's token never reads other's settings
      const ledger = new HostServicesClient(server.address!, server.endpointFor('ledger')!.token);
      expect((await ledger.getConfig()).config).toEqual({ region: 'eu' });
      ledger.close();
    } finally {
      other.close();
    }
  });

  it('answers INVALID_ARGUMENT naming the record when a raw client sends a bad one', async () => {
    const client = new HostServicesClient(server.address!, server.endpointFor('ledger')!.token);
    try {
      const bad = { id: 'bad-1', subject: '', predicate: 'p', context: '', actor: 'a', timestamp: '2026-01-01T00:00:00Z', attributes_json: '', source: '' };
      await expect(client.putAttestations({ records: [bad] })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
        message: expect.stringContaining('Attestation "bad-1" is invalid: "subject"'),
      });
      await expect(client.queryAttestations({ limit: 0, cursor: 'garbage', since: 'yesterday' })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
    } finally {
      client.close();
    }
  });
});

describe('an external plugin whose host sends no host-services endpoint', () => {
  it('keeps working with local services, and says clearly that the store is not available', async () => {
    const plugin = await PluginFactory.create(LedgerModule, { port: 0, logger: false });
    const proxy = await ExternalDomainProxy.connect(plugin.address, { expectedName: 'ledger' });
    try {
      await proxy.initialize(new StaticServiceRegistry({ ledger: {} }));
      const result = await runNote(proxy, 'x');
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/The attestation store is not available to plugin "ledger": the host sent no host-services endpoint/);
      expect((await proxy.health()).details.channel).toMatch(/^not offered by the host/);
    } finally {
      await proxy.shutdown();
      await plugin.close();
    }
  });
});
