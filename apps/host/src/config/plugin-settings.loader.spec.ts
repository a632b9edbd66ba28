import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPluginSettings } from './plugin-settings.loader';

describe('loadPluginSettings (am.<plugin>.toml)', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'qntx-settings-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));
  const write = (toml: string): void => writeFileSync(join(home, 'am.myplugin.toml'), toml);

  it('is empty when the plugin has no settings file', () => {
    expect(loadPluginSettings(home, 'myplugin', {})).toEqual({});
  });

  it('flattens tables to dotted keys and hands every value over as text', () => {
    write('cache_ttl_seconds = 300\nverbose = true\ntags = ["a", "b"]\n[api]\nendpoint = "https://api.example.com"\n');
    expect(loadPluginSettings(home, 'myplugin', {})).toEqual({
      cache_ttl_seconds: '300',
      verbose: 'true',
      tags: '["a","b"]',
      'api.endpoint': 'https://api.example.com',
    });
  });

  it('expands ${VAR} and ${VAR:-default}, and keeps $${ as a literal ${', () => {
    write('api_key = "${MYPLUGIN_API_KEY}"\nregion = "${REGION:-eu}"\nempty = "${EMPTY:-fallback}"\ntemplate = "$${NAME}"\n');
    expect(loadPluginSettings(home, 'myplugin', { MYPLUGIN_API_KEY: 's3cr3t', EMPTY: '' })).toEqual({
      api_key: 's3cr3t',
      region: 'eu',
      empty: 'fallback',
      template: '${NAME}',
    });
  });

  it('names the file, the key and the variable when a variable is missing', () => {
    write('[api]\nkey = "Bearer ${MYPLUGIN_API_KEY}"\n');
    expect(() => loadPluginSettings(home, 'myplugin', {})).toThrow(
      `${join(home, 'am.myplugin.toml')}: key "api.key" refers to the environment variable MYPLUGIN_API_KEY, which is not set.`,
    );
  });

  it('reports a syntax error with line and column', () => {
    write('a = 1\nb = = 2\n');
    expect(() => loadPluginSettings(home, 'myplugin', {})).toThrow(/am\.myplugin\.toml: TOML syntax error at line 2, column \d+/);
  });
});
