import { parsePluginArgs } from './plugin-cli-args';
import { TlsSettingsError } from '../errors/tls-file.error';

describe('parsePluginArgs', () => {
  it('listens on 127.0.0.1:9000 by hand and on a free port when a host launches it', () => {
    expect(parsePluginArgs([], {})).toMatchObject({ host: '127.0.0.1', port: 9000, handshake: false, tls: undefined });
    expect(parsePluginArgs([], { QNTX_PLUGIN_HANDSHAKE: '1' })).toMatchObject({ port: 0, handshake: true });
  });

  it('reads the TLS files from flags, with mutual TLS when a client CA is named', () => {
    const args = parsePluginArgs(['--tls-cert', 'c.pem', '--tls-key=k.pem', '--tls-client-ca', 'ca.pem'], {});
    expect(args.tls).toEqual({ certFile: 'c.pem', keyFile: 'k.pem', clientCaFile: 'ca.pem' });
  });

  it('falls back to the environment for each TLS file, flags winning', () => {
    const env = { QNTX_PLUGIN_TLS_CERT: 'env-c.pem', QNTX_PLUGIN_TLS_KEY: 'env-k.pem' };
    expect(parsePluginArgs([], env).tls).toEqual({ certFile: 'env-c.pem', keyFile: 'env-k.pem', clientCaFile: undefined });
    expect(parsePluginArgs(['--tls-cert', 'flag-c.pem'], env).tls?.certFile).toBe('flag-c.pem');
  });

  it('refuses a certificate without its key, or a client CA alone', () => {
    expect(() => parsePluginArgs(['--tls-cert', 'c.pem'], {})).toThrow(TlsSettingsError);
    expect(() => parsePluginArgs([], { QNTX_PLUGIN_TLS_CLIENT_CA: 'ca.pem' })).toThrow(/only a client CA/);
  });

  it('reads the health-probe listener address from --health-address or the environment', () => {
    expect(parsePluginArgs(['--health-address', '0.0.0.0:9001'], {}).healthAddress).toBe('0.0.0.0:9001');
    expect(parsePluginArgs([], { QNTX_PLUGIN_HEALTH_ADDRESS: '0.0.0.0:9002' }).healthAddress).toBe('0.0.0.0:9002');
    expect(parsePluginArgs([], {}).healthAddress).toBeUndefined();
  });
});
