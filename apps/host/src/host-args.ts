import { DEFAULT_HOST_ADDRESS, DEFAULT_HOST_PORT } from '@qntx/host/host.constants';
import { HOST_HTTP_ADAPTERS, HostHttpAdapter } from './host.bootstrap';

export interface HostListenArgs {
  port: number;
  host: string;
  httpAdapter: HostHttpAdapter;
}

/**
 * `--port` or PORT (default 8787); `--host` or HOST (default 127.0.0.1, loopback only);
 * `--http-adapter` or QNTX_HTTP_ADAPTER: express (default) or fastify.
 */
export function parseHostArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): HostListenArgs {
  const rawPort = option(argv, 'port') ?? env.PORT ?? String(DEFAULT_HOST_PORT);
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port/PORT must be a whole number from 0 to 65535, got "${rawPort}".`);
  }
  const rawAdapter = option(argv, 'http-adapter') ?? env.QNTX_HTTP_ADAPTER ?? 'express';
  const httpAdapter = HOST_HTTP_ADAPTERS.find((name) => name === rawAdapter);
  if (!httpAdapter) {
    throw new Error(`--http-adapter/QNTX_HTTP_ADAPTER must be one of ${HOST_HTTP_ADAPTERS.join(', ')}, got "${rawAdapter}".`);
  }
  return { port, host: option(argv, 'host') ?? env.HOST ?? DEFAULT_HOST_ADDRESS, httpAdapter };
}

function option(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return undefined;
}
