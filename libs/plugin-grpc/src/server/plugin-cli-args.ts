import {
  DEFAULT_PLUGIN_PORT,
  ENV_PLUGIN_HANDSHAKE,
  ENV_PLUGIN_HEALTH_ADDRESS,
  ENV_PLUGIN_TLS_CERT,
  ENV_PLUGIN_TLS_CLIENT_CA,
  ENV_PLUGIN_TLS_KEY,
} from '../plugin-grpc.constants';
import { PluginServerTlsOptions } from '../interfaces/plugin-tls-options.interface';
import { TlsSettingsError } from '../errors/tls-file.error';

export interface PluginListenArgs {
  host: string;
  port: number;
  /** Launched by a host: print the handshake line and exit when the host goes away. */
  handshake: boolean;
  /** From --tls-cert/--tls-key/--tls-client-ca or QNTX_PLUGIN_TLS_CERT/_KEY/_CLIENT_CA. */
  tls?: PluginServerTlsOptions;
  /** From --health-address or QNTX_PLUGIN_HEALTH_ADDRESS: a plaintext listener for probes. */
  healthAddress?: string;
}

/**
 * Reads `--port N` / `--port=N` and `--host H` (defaults: 9000 on 127.0.0.1, as in the guide).
 * A host that launches the plugin sets QNTX_PLUGIN_HANDSHAKE=1; then the default port is 0 and
 * the real one travels back in the handshake line, so no port is ever guessed.
 */
export function parsePluginArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): PluginListenArgs {
  const handshake = env[ENV_PLUGIN_HANDSHAKE] === '1';
  const port = readOption(argv, 'port');
  const host = readOption(argv, 'host') ?? env.QNTX_PLUGIN_HOST ?? '127.0.0.1';
  let portNumber = handshake ? 0 : DEFAULT_PLUGIN_PORT;
  if (port !== undefined) {
    portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
      throw new Error(`--port must be a whole number from 0 to 65535, got "${port}".`);
    }
  }
  const healthAddress = readOption(argv, 'health-address') ?? (env[ENV_PLUGIN_HEALTH_ADDRESS] || undefined);
  return { host, port: portNumber, handshake, tls: readTls(argv, env), healthAddress };
}

/** TLS files from flags, each falling back to its environment variable. */
function readTls(argv: string[], env: NodeJS.ProcessEnv): PluginServerTlsOptions | undefined {
  const certFile = readOption(argv, 'tls-cert') ?? (env[ENV_PLUGIN_TLS_CERT] || undefined);
  const keyFile = readOption(argv, 'tls-key') ?? (env[ENV_PLUGIN_TLS_KEY] || undefined);
  const clientCaFile = readOption(argv, 'tls-client-ca') ?? (env[ENV_PLUGIN_TLS_CLIENT_CA] || undefined);
  if (!certFile && !keyFile && !clientCaFile) return undefined;
  if (!certFile || !keyFile) {
    throw new TlsSettingsError(
      `Serving TLS needs both --tls-cert and --tls-key (or ${ENV_PLUGIN_TLS_CERT} and ${ENV_PLUGIN_TLS_KEY}); ` +
        `got ${certFile ? 'a certificate without a key' : keyFile ? 'a key without a certificate' : 'only a client CA'}.`,
    );
  }
  return { certFile, keyFile, clientCaFile };
}

function readOption(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}
