import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPluginSettings, pluginDefaultsFile } from './plugin-settings.loader';

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

  describe('with defaults shipped by the plugin ($QNTX_HOME/plugins/qntx-<name>.am.toml)', () => {
    const writeDefaults = (toml: string): void => {
      mkdirSync(join(home, 'plugins'), { recursive: true });
      writeFileSync(pluginDefaultsFile(home, 'myplugin'), toml);
    };

    it('uses the defaults alone when the user has no settings file', () => {
      writeDefaults('endpoint = "https://api.example.com"\n[cache]\nttl = 300\n');
      expect(loadPluginSettings(home, 'myplugin', {})).toEqual({ endpoint: 'https://api.example.com', 'cache.ttl': '300' });
    });

    it("merges them under the user's keys, table by table", () => {
      writeDefaults('endpoint = "https://api.example.com"\nregion = "eu"\n[cache]\nttl = 300\nsize = 10\n');
      write('region = "us"\n[cache]\nttl = 60\n');
      expect(loadPluginSettings(home, 'myplugin', {})).toEqual({
        endpoint: 'https://api.example.com',
        region: 'us',
        'cache.ttl': '60',
        'cache.size': '10',
      });
    });

    it('expands only the values that are used, naming the file a missing variable comes from', () => {
      writeDefaults('api_key = "${MYPLUGIN_API_KEY}"\ntoken = "${MYPLUGIN_TOKEN}"\n');
      write('api_key = "literal"\n');
      expect(() => loadPluginSettings(home, 'myplugin', {})).toThrow(
        `${pluginDefaultsFile(home, 'myplugin')}: key "token" refers to the environment variable MYPLUGIN_TOKEN`,
      );
      expect(loadPluginSettings(home, 'myplugin', { MYPLUGIN_TOKEN: 't' })).toEqual({ api_key: 'literal', token: 't' });
    });
  });
});
