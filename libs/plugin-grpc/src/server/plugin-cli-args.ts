import { DEFAULT_PLUGIN_PORT, ENV_PLUGIN_HANDSHAKE } from '../plugin-grpc.constants';

export interface PluginListenArgs {
  host: string;
  port: number;
  /** Launched by a host: print the handshake line and exit when the host goes away. */
  handshake: boolean;
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
  return { host, port: portNumber, handshake };
}

function readOption(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}
