import { parsePluginTls } from './plugin-tls.parser';
import { ConfigFileError } from './config-file.error';

const FILE = '/home/u/.qntx/am.plugins.toml';
const HOME = '/home/u/.qntx';

describe('parsePluginTls ([plugins.tls] of am.plugins.toml)', () => {
  it('is absent when the entry has no tls table', () => {
    expect(parsePluginTls(FILE, 'code', undefined, HOME)).toBeUndefined();
  });

  it('resolves relative file paths from $QNTX_HOME and keeps absolute ones and the server name', () => {
    const tls = parsePluginTls(FILE, 'code', { ca: 'tls/ca.crt', cert: '/etc/qntx/host.crt', key: 'host.key', server_name: 'code-plugin.qntx.svc' }, HOME);
    expect(tls).toEqual({
      caFile: '/home/u/.qntx/tls/ca.crt',
      certFile: '/etc/qntx/host.crt',
      keyFile: '/home/u/.qntx/host.key',
      serverName: 'code-plugin.qntx.svc',
    });
  });

  it('accepts an empty table: TLS with the system CAs', () => {
    expect(parsePluginTls(FILE, 'code', {}, HOME)).toEqual({});
  });

  it.each([
    ['a non-table', 'yes', /"tls" must be a table/],
    ['an unknown key, naming it', { cafile: 'x' }, /unknown tls setting "cafile"/],
    ['a non-string value', { ca: 3 }, /tls\.ca must be a non-empty string/],
    ['a certificate without its key', { cert: 'host.crt' }, /tls\.cert and tls\.key go together/],
  ])('refuses %s with the file and plugin named', (_what, value, message) => {
    expect(() => parsePluginTls(FILE, 'code', value, HOME)).toThrow(ConfigFileError);
    expect(() => parsePluginTls(FILE, 'code', value, HOME)).toThrow(message);
    expect(() => parsePluginTls(FILE, 'code', value, HOME)).toThrow(/am\.plugins\.toml: plugin "code"/);
  });
});
