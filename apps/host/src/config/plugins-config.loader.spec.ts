import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPluginEntries } from './plugins-config.loader';
import { ConfigFileError } from './config-file.error';

describe('loadPluginEntries: HTTP limits of a plugin', () => {
  let home: string;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'qntx-config-'));
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  function write(toml: string): void {
    writeFileSync(join(home, 'am.plugins.toml'), toml);
  }

  it('reads request_timeout_ms and max_body_bytes of each plugin', () => {
    write('[[plugins]]\nname = "a"\naddress = "localhost:1"\nrequest_timeout_ms = 1500\nmax_body_bytes = 1048576\n');
    expect(loadPluginEntries(home)).toEqual([
      { name: 'a', enabled: true, address: 'localhost:1', requestTimeoutMs: 1500, maxBodyBytes: 1048576 },
    ]);
  });

  it('leaves max_body_bytes to the host default and request_timeout_ms at 30 s when absent', () => {
    write('[[plugins]]\nname = "a"\naddress = "localhost:1"\n');
    expect(loadPluginEntries(home)[0]).toMatchObject({ requestTimeoutMs: 30_000, maxBodyBytes: undefined });
  });

  it.each([
    ['max_body_bytes = -1', /"max_body_bytes" must be a positive whole number, got -1/],
    ['max_body_bytes = "1MB"', /"max_body_bytes" must be a positive whole number, got "1MB"/],
    ['request_timeout_ms = 0', /"request_timeout_ms" must be a positive whole number, got 0/],
  ])('refuses %s, naming the file and the plugin', (line, message) => {
    write(`[[plugins]]\nname = "a"\naddress = "localhost:1"\n${line}\n`);
    expect(() => loadPluginEntries(home)).toThrow(ConfigFileError);
    expect(() => loadPluginEntries(home)).toThrow(message);
    expect(() => loadPluginEntries(home)).toThrow(/am\.plugins\.toml: plugin "a"/);
  });
});
