import request from 'supertest';
import { Logger } from '@nestjs/common';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaticServiceRegistry } from '@qntx/domains';
import { ExternalDomainProxy } from '@qntx/plugin-grpc';
import { PluginHandle } from '@qntx/plugin-grpc/testing';
import { PluginProcess } from '../../libs/host/src/supervisor/plugin-process';
import { CODE_PLUGIN_MAIN, ensureBuilt, ONE_FILE_CODE_PLUGIN } from '../support/process.helpers';
import { startTestHost, TestHost } from '../support/host.fixture';
import { makeHome } from '../support/supervised-host.fixture';
import { closedAddress } from '../support/cli.fixture';
import { healthCheck, reflectedServices } from '../support/grpc-probes';

/**
 * `npm run build` writes the code plugin as one executable file. Copied alone into an empty
 * folder far from the repository (no node_modules, no proto/ anywhere above it), it must start
 * under the host's launch contract and serve everything: the plugin protocol, the standard health
 * service and reflection (whose .proto files it carries inside).
 */
describe('the one-file code plugin', () => {
  let dir: string;
  let workspace: string;
  let proc: PluginProcess | undefined;
  const stderr: string[] = [];

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'qntx-lone-'));
    workspace = mkdtempSync(join(tmpdir(), 'qntx-lone-ws-'));
    writeFileSync(join(workspace, 'hello.txt'), 'hi\n');
    copyFileSync(ONE_FILE_CODE_PLUGIN, join(dir, 'qntx-code-plugin'));
  });

  afterAll(async () => {
    await proc?.terminate(2000);
    rmSync(dir, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  });

  it('is an executable file that starts with a node shebang', () => {
    const file = join(dir, 'qntx-code-plugin');
    expect(statSync(ONE_FILE_CODE_PLUGIN).mode & 0o777).toBe(0o755);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });

  it('runs alone with the handshake, answers Metadata and serves a route, health and reflection', async () => {
    const env = { QNTX_PROTO_DIR: '', NODE_PATH: '' };
    // Run from its own folder, as the host runs it: nothing of the repository is reachable.
    proc = PluginProcess.spawn({ name: 'code', binary: join(dir, 'qntx-code-plugin'), args: ['--port', '0'], env }, 'tok', (stream, line) => {
      if (stream === 'stderr') stderr.push(line);
    });
    const address = await proc.handshake(15_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${stderr.join('\n')}`);
    });

    const proxy = await ExternalDomainProxy.connect(address, { token: 'tok', expectedName: 'code' });
    try {
      expect(proxy.metadata()).toMatchObject({ name: 'code', qntxVersion: expect.any(String) });
      await proxy.initialize(new StaticServiceRegistry({ code: { workspace_root: workspace } }, () => silent));
      const res = await new PluginHandle(proxy).http('GET', '/api/code/files/hello.txt');
      expect(res.status).toBe(200);
      expect(res.text()).toBe('hi\n');
      expect(await healthCheck(address)).toBe('SERVING');
      expect(await reflectedServices(address)).toEqual(['protocol.DomainPluginService']);
    } finally {
      proxy.client.close();
    }
  });
});

/** The first run on a machine where the one-file build was copied into $QNTX_HOME/plugins/. */
describe('a host without am.plugins.toml', () => {
  let env: ReturnType<typeof makeHome>;
  let host: TestHost | undefined;

  beforeAll(() => {
    ensureBuilt();
    Logger.overrideLogger(false);
  });
  beforeEach(() => (env = makeHome()));
  afterEach(async () => {
    await host?.close();
    host = undefined;
    env.cleanup();
  });

  it('launches $QNTX_HOME/plugins/qntx-code-plugin when it is there', async () => {
    copyFileSync(ONE_FILE_CODE_PLUGIN, join(env.home, 'plugins', 'qntx-code-plugin'));
    chmodSync(join(env.home, 'plugins', 'qntx-code-plugin'), 0o755);
    host = await startTestHost({ home: env.home, plugins: undefined, defaultCodePluginAddress: await closedAddress() });
    const server = host.app.getHttpServer();
    await request(server).get('/api/code/files/hello.txt').expect(200, 'hello\n');
    const { body } = await request(server).get('/api/plugins').expect(200);
    const commandLine = readFileSync(`/proc/${body.plugins[0].pid}/cmdline`, 'utf8').split('\0');
    expect(commandLine).toContain(join(env.home, 'plugins', 'qntx-code-plugin'));
  });

  it('launches the bundled dist/apps/code-plugin/main.js otherwise', async () => {
    host = await startTestHost({ home: env.home, plugins: undefined, defaultCodePluginAddress: await closedAddress() });
    const { body } = await request(host.app.getHttpServer()).get('/api/plugins').expect(200);
    const commandLine = readFileSync(`/proc/${body.plugins[0].pid}/cmdline`, 'utf8').split('\0');
    expect(commandLine).toContain(CODE_PLUGIN_MAIN);
  });
});

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
