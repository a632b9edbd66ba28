import request from 'supertest';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { PluginUnavailableError } from '@qntx/domains';
import { ExternalDomainProxy, PluginClient, PluginTlsOptions, RunningPlugin, TlsFileError } from '@qntx/plugin-grpc';
import { startCodePlugin } from './support/code-plugin.fixture';
import { startTestHost } from './support/host.fixture';
import { makeTestCertificates, opensslMissing, TestCertificates } from './support/test-certificates';

const missing = opensslMissing();
if (missing) console.warn(`Skipping the TLS tests: ${missing}`);
const describeWithOpenssl = missing ? describe.skip : describe;

function connect(address: string, tls?: PluginTlsOptions): Promise<ExternalDomainProxy> {
  return ExternalDomainProxy.connect(address, { tls, controlTimeoutMs: 5000 });
}

async function expectRefused(address: string, tls?: PluginTlsOptions): Promise<void> {
  await expect(connect(address, tls)).rejects.toBeInstanceOf(PluginUnavailableError);
}

/** grpc.health.v1.Health/Check over plaintext, as a Kubernetes gRPC probe makes it. */
function probe(address: string): Promise<string> {
  const definition = protoLoader.loadSync(healthProtoPath, { keepCase: true, enums: String });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
  const client = new pkg.grpc.health.v1.Health(address, grpc.credentials.createInsecure());
  return new Promise<string>((resolveStatus, reject) =>
    (client as unknown as { check: Function }).check(
      { service: '' },
      { deadline: Date.now() + 5000 },
      (error: Error | null, response: { status: string }) => (error ? reject(error) : resolveStatus(response.status)),
    ),
  ).finally(() => client.close());
}

describeWithOpenssl('plugins over TLS and mutual TLS', () => {
  let certs: TestCertificates;

  beforeAll(() => {
    certs = makeTestCertificates();
  });
  afterAll(() => certs?.remove());

  describe('an SDK plugin serving TLS', () => {
    let plugin: RunningPlugin;

    beforeAll(async () => {
      plugin = await startCodePlugin({
        tls: { certFile: certs.serverCert, keyFile: certs.serverKey },
        healthAddress: '127.0.0.1:0',
      });
    });
    afterAll(async () => plugin?.close());

    it('is reached by a client that trusts its CA, verifying the configured server name', async () => {
      const proxy = await connect(plugin.address, { caFile: certs.caCert, serverName: 'plugin.test' });
      expect(proxy.metadata().name).toBe('code');
      expect((await proxy.health()).healthy).toBe(true);
      await proxy.shutdown();
    });

    it('is reached by its address when the certificate names that IP', async () => {
      const proxy = await connect(plugin.address, { caFile: certs.caCert });
      expect(proxy.metadata().name).toBe('code');
      await proxy.shutdown();
    });

    it('refuses a client that trusts another CA', async () => {
      await expectRefused(plugin.address, { caFile: certs.otherCaCert, serverName: 'plugin.test' });
    });

    it('refuses a client expecting a name the certificate does not hold', async () => {
      await expectRefused(plugin.address, { caFile: certs.caCert, serverName: 'someone-else.test' });
    });

    it('refuses a plaintext client', async () => {
      await expectRefused(plugin.address);
    });

    it('answers plaintext health probes on its health address, and nothing else there', async () => {
      expect(plugin.healthAddress).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(plugin.healthAddress).not.toBe(plugin.address);
      expect(await probe(plugin.healthAddress!)).toBe('SERVING');
      const client = new PluginClient(plugin.healthAddress!, { timeoutMs: 5000 });
      await expect(client.metadataCall()).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
      client.close();
    });
  });

  describe('an SDK plugin requiring mutual TLS', () => {
    let plugin: RunningPlugin;

    beforeAll(async () => {
      plugin = await startCodePlugin({
        tls: { certFile: certs.serverCert, keyFile: certs.serverKey, clientCaFile: certs.caCert },
      });
    });
    afterAll(async () => plugin?.close());

    it('accepts a client presenting a certificate from the trusted CA', async () => {
      const proxy = await connect(plugin.address, {
        caFile: certs.caCert,
        certFile: certs.clientCert,
        keyFile: certs.clientKey,
        serverName: 'plugin.test',
      });
      expect(proxy.metadata().name).toBe('code');
      await proxy.shutdown();
    });

    it('refuses a client without a certificate', async () => {
      await expectRefused(plugin.address, { caFile: certs.caCert, serverName: 'plugin.test' });
    });

    it('refuses a client whose certificate another CA signed', async () => {
      await expectRefused(plugin.address, {
        caFile: certs.caCert,
        certFile: certs.otherClientCert,
        keyFile: certs.otherClientKey,
        serverName: 'plugin.test',
      });
    });
  });

  describe('the host, configured by am.plugins.toml with a [plugins.tls] table', () => {
    let plugin: RunningPlugin;
    let home: string;
    let workspace: string;

    beforeAll(async () => {
      plugin = await startCodePlugin({
        tls: { certFile: certs.serverCert, keyFile: certs.serverKey, clientCaFile: certs.caCert },
      });
      home = mkdtempSync(join(tmpdir(), 'qntx-home-tls-'));
      workspace = mkdtempSync(join(tmpdir(), 'qntx-ws-tls-'));
      writeFileSync(join(workspace, 'README.md'), '# over mTLS\n');
      mkdirSync(join(home, 'tls'));
      copyFileSync(certs.caCert, join(home, 'tls', 'ca.crt'));
      copyFileSync(certs.clientCert, join(home, 'tls', 'host.crt'));
      copyFileSync(certs.clientKey, join(home, 'tls', 'host.key'));
      writeFileSync(join(home, 'am.code.toml'), `workspace_root = ${JSON.stringify(workspace)}\n`);
    });
    afterAll(async () => {
      await plugin?.close();
      rmSync(home, { recursive: true, force: true });
      rmSync(workspace, { recursive: true, force: true });
    });

    const writeConfig = (tls: string) =>
      writeFileSync(
        join(home, 'am.plugins.toml'),
        `[[plugins]]\nname = "code"\naddress = "${plugin.address}"\n\n[plugins.tls]\n${tls}`,
      );

    it('proxies the plugin over mutual TLS, reading relative paths from $QNTX_HOME', async () => {
      writeConfig('ca = "tls/ca.crt"\ncert = "tls/host.crt"\nkey = "tls/host.key"\nserver_name = "plugin.test"\n');
      const host = await startTestHost({ home, plugins: undefined });
      try {
        const res = await request(host.app.getHttpServer()).get('/api/code/files/README.md').expect(200);
        expect(res.text).toBe('# over mTLS\n');
        const status = await request(host.app.getHttpServer()).get('/api/plugins').expect(200);
        expect(status.body.plugins[0]).toMatchObject({ name: 'code', state: 'running' });
      } finally {
        await host.close();
      }
    });

    it('answers 503 when the host has no client certificate for a plugin that requires one', async () => {
      writeConfig('ca = "tls/ca.crt"\nserver_name = "plugin.test"\n');
      const host = await startTestHost({ home, plugins: undefined });
      try {
        const res = await request(host.app.getHttpServer()).get('/api/code').expect(503);
        expect(res.body).toMatchObject({ plugin: 'code' });
      } finally {
        await host.close();
      }
    });

    it('refuses to start when a TLS file named in the config does not exist, naming the file', async () => {
      writeConfig('ca = "tls/missing-ca.crt"\n');
      await expect(startTestHost({ home, plugins: undefined })).rejects.toThrow(TlsFileError);
      await expect(startTestHost({ home, plugins: undefined })).rejects.toThrow(/missing-ca\.crt/);
    });
  });

  describe('a plugin process started with --tls-* flags', () => {
    let child: ChildProcess;
    let address: string;

    beforeAll(async () => {
      const root = resolve(__dirname, '..');
      child = spawn(
        process.execPath,
        ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/code-plugin/src/main.ts',
          '--tls-cert', certs.serverCert, '--tls-key', certs.serverKey, '--tls-client-ca', certs.caCert],
        {
          cwd: root,
          env: { ...process.env, QNTX_PLUGIN_HANDSHAKE: '1', TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: 'tsconfig.json' },
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      address = await new Promise<string>((resolveAddress, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (line.startsWith('QNTX_PLUGIN|')) resolveAddress(line.split('|')[4]);
        });
        child.once('exit', (code) => reject(new Error(`code plugin exited with ${code} before its handshake`)));
      });
    });
    afterAll(async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.stdin!.end();
      await exited;
    });

    it('serves mutual TLS: a client with a certificate gets in, one without is refused', async () => {
      const proxy = await connect(address, {
        caFile: certs.caCert,
        certFile: certs.clientCert,
        keyFile: certs.clientKey,
        serverName: 'plugin.test',
      });
      expect(proxy.metadata().name).toBe('code');
      await proxy.shutdown();
      await expectRefused(address, { caFile: certs.caCert, serverName: 'plugin.test' });
    });
  });
});
