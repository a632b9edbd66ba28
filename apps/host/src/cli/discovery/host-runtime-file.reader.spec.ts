import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigFileError } from '@qntx/host/config/config-file.error';
import { readHostRuntime } from './host-runtime-file.reader';

describe('readHostRuntime', () => {
  let home: string;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'qntx-runtime-'));
    mkdirSync(join(home, 'run'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const write = (content: unknown): void =>
    writeFileSync(join(home, 'run', 'host.json'), typeof content === 'string' ? content : JSON.stringify(content));
  const plugin = { name: 'code', kind: 'external', address: '127.0.0.1:4000', token: 't0k', pid: 12 };

  it('is null when no host runs (no file)', () => {
    expect(readHostRuntime(home)).toBeNull();
  });

  it("reads a live host's plugins", () => {
    write({
      pid: process.pid,
      hostVersion: '0.1.0',
      url: 'http://127.0.0.1:8787',
      startedAt: 'now',
      plugins: [plugin],
    });
    expect(readHostRuntime(home)).toEqual({
      pid: process.pid,
      hostVersion: '0.1.0',
      url: 'http://127.0.0.1:8787',
      startedAt: 'now',
      plugins: [plugin],
    });
  });

  it('ignores a stale file whose host is no longer alive', () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    write({ pid: gone, plugins: [plugin] });
    expect(readHostRuntime(home)).toBeNull();
  });

  it('reads a built-in entry without address or token', () => {
    write({ pid: process.pid, plugins: [{ name: 'inner', kind: 'built-in', address: null, token: null, pid: null }] });
    expect(readHostRuntime(home)?.plugins).toEqual([
      { name: 'inner', kind: 'built-in', address: null, token: null, pid: null },
    ]);
  });

  it.each([
    ['not JSON', '{ nope', /host\.json: is not valid JSON .*delete the file/],
    ['without a pid', { plugins: [] }, /needs a whole-number "pid" and a "plugins" array/],
    ['with a nameless plugin', { pid: process.pid, plugins: [{ kind: 'external' }] }, /plugins\[0\] needs a "name"/],
  ])('names the file and the fix when it is %s', (_what, content, message) => {
    write(content);
    expect(() => readHostRuntime(home)).toThrow(ConfigFileError);
    expect(() => readHostRuntime(home)).toThrow(message);
  });
});
