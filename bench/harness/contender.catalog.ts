import { ToolStatus } from './system-tools';
import { launchNodeContender, LaunchOptions } from './node-contender.launcher';
import { launchNginx } from './nginx.launcher';
import { ProcessHandle } from './process-handle';
import { GUARDED_REQUEST_HEADERS } from '../bench.payload';

export type ContenderName =
  | 'plain'
  | 'builtin'
  | 'external'
  | 'nginx'
  | 'nginx-auto'
  | 'http-proxy'
  | 'minimal'
  | 'guarded-plain'
  | 'guarded-builtin'
  | 'guarded-external'
  | 'guarded-nginx'
  | 'guarded-http-proxy'
  | 'guarded-external-traced'
  | 'fastify-guarded-plain'
  | 'fastify-guarded-builtin'
  | 'fastify-guarded-external'
  | 'fastify-guarded-nginx'
  | 'fastify-guarded-http-proxy'
  | 'ws-direct'
  | 'ws-relay';

/** A contender serving: its URL, and every process that serves it (for CPU and RSS). */
export interface RunningContender {
  name: ContenderName;
  url: string;
  /** Every process on the request path, the upstream app included for the proxies in front of it. */
  stack: ProcessHandle[];
  /** The processes this contender started (the shared upstream app is not one of them for proxies). */
  owned: ProcessHandle[];
}

export interface StartContext {
  /** The contenders serving already: the plain app (started first) and the upstream of each proxy. */
  running: ReadonlyMap<ContenderName, RunningContender>;
  tools: { nginx: ToolStatus };
  /** Node flags for every process of this contender (the profiler's --cpu-prof). */
  nodeFlags?: (role: string) => string[];
}

export interface ContenderSpec {
  name: ContenderName;
  label: string;
  description: string;
  /** The app this proxy forwards to; it is started first. */
  upstream?: ContenderName;
  /** Carries the bench's global guard and interceptor: requests need the token header (get-c64-guarded). */
  guarded?: boolean;
  /** Its Nest apps run on @nestjs/platform-fastify instead of Express. */
  fastify?: boolean;
  /** Tracing on in its host and plugin processes (spans recorded, then dropped). */
  traced?: boolean;
  start(context: StartContext): Promise<RunningContender>;
}

function node(context: StartContext, role: string): LaunchOptions {
  return { role, nodeFlags: context.nodeFlags?.(role) };
}

/** The running app behind a proxy contender. */
function upstreamOf(context: StartContext, proxy: ContenderName): RunningContender {
  const name = contenderSpec(proxy).upstream!;
  const upstream = context.running.get(name);
  if (!upstream) throw new Error(`${name} (its upstream) is not running`);
  return upstream;
}

/** `--guarded` for the apps of the guarded contenders, `--fastify` for those on Fastify. */
function appArgs(name: ContenderName): string[] {
  const spec = contenderSpec(name);
  return [...(spec.guarded ? ['--guarded'] : []), ...(spec.fastify ? ['--fastify'] : []), ...(spec.traced ? ['--traced'] : [])];
}

/**
 * The six contenders of the issue, plus nginx with `worker_processes auto` for reference; then
 * the guarded ones (issue 14): the plain app, both hosts and the two proxies again, every app
 * with the same global guard and interceptor (bench-enhancers.module.ts).
 */
export const CONTENDERS: ContenderSpec[] = [
  {
    name: 'plain',
    label: '1 plain Nest app',
    description: 'The handler in a plain Nest app (platform-express, default settings), hit directly: the floor.',
    start: (context) => startPlain(context, 'plain'),
  },
  {
    name: 'builtin',
    label: '2 host, built-in plugin',
    description: 'The handler as a @Plugin loaded with createBuiltinPlugin and passed to the host as builtins.',
    start: (context) => startBuiltin(context, 'builtin'),
  },
  {
    name: 'external',
    label: '3 host, external plugin',
    description: 'The same @Plugin module as its own process (PluginFactory.create), the host configured with its address.',
    start: (context) => startExternal(context, 'external'),
  },
  {
    name: 'nginx',
    label: '4 nginx → plain',
    description: 'The plain app behind nginx (worker_processes 1, keep-alive upstream), loopback only.',
    upstream: 'plain',
    start: (context) => startNginx(context, 'nginx', 1),
  },
  {
    name: 'nginx-auto',
    label: '4b nginx(auto) → plain',
    description: 'The same with worker_processes auto (one worker per core); for reference, not a target.',
    upstream: 'plain',
    start: (context) => startNginx(context, 'nginx-auto', 'auto'),
  },
  {
    name: 'http-proxy',
    label: '5 http-proxy → plain',
    description: 'The plain app behind a Node reverse proxy (http-proxy, keep-alive agent).',
    upstream: 'plain',
    start: (context) => startHttpProxy(context, 'http-proxy'),
  },
  {
    name: 'minimal',
    label: '6 minimal express→grpc',
    description: 'A bare Express route forwarding over a raw grpc-js client to a raw grpc-js server answering HandleHTTP from a constant.',
    async start(context) {
      const server = await launchNodeContender('minimal-grpc-server.contender.ts', [], node(context, 'minimal-grpc-server'));
      try {
        const gateway = await launchNodeContender(
          'minimal-express-gateway.contender.ts',
          ['--grpc-address', server.info.address!],
          node(context, 'minimal-gateway'),
        );
        return { name: 'minimal', url: gateway.info.url!, stack: [gateway.handle, server.handle], owned: [gateway.handle, server.handle] };
      } catch (error) {
        await server.handle.stop();
        throw error;
      }
    },
  },
  {
    name: 'guarded-plain',
    label: '1g plain Nest app, guarded',
    description: 'The plain app with the bench guard and interceptor (APP_GUARD, APP_INTERCEPTOR): the floor of get-c64-guarded.',
    guarded: true,
    start: (context) => startPlain(context, 'guarded-plain'),
  },
  {
    name: 'guarded-builtin',
    label: '2g host, built-in, guarded',
    description: 'The host with the built-in plugin, in an app module that adds the same guard and interceptor next to QntxHostModule.',
    guarded: true,
    start: (context) => startBuiltin(context, 'guarded-builtin'),
  },
  {
    name: 'guarded-external',
    label: '3g host, external, guarded',
    description: 'The host with the external plugin process, in an app module that adds the same guard and interceptor.',
    guarded: true,
    start: (context) => startExternal(context, 'guarded-external'),
  },
  {
    name: 'guarded-nginx',
    label: '4g nginx → guarded plain',
    description: 'nginx (worker_processes 1) in front of the guarded plain app.',
    upstream: 'guarded-plain',
    guarded: true,
    start: (context) => startNginx(context, 'guarded-nginx', 1),
  },
  {
    name: 'guarded-http-proxy',
    label: '5g http-proxy → guarded plain',
    description: 'http-proxy in front of the guarded plain app.',
    upstream: 'guarded-plain',
    guarded: true,
    start: (context) => startHttpProxy(context, 'guarded-http-proxy'),
  },
  {
    name: 'guarded-external-traced',
    label: '3gt host, external, guarded, traced',
    description: 'guarded-external with OpenTelemetry tracing on in the host and the plugin (batch processor, spans dropped).',
    guarded: true,
    traced: true,
    start: (context) => startExternal(context, 'guarded-external-traced'),
  },
  // The guarded five again with every Nest app on @nestjs/platform-fastify (get-c64-guarded-fastify).
  {
    name: 'fastify-guarded-plain',
    label: '1gf plain Nest app on Fastify, guarded',
    description: 'The guarded plain app on @nestjs/platform-fastify: the floor of get-c64-guarded-fastify.',
    guarded: true,
    fastify: true,
    start: (context) => startPlain(context, 'fastify-guarded-plain'),
  },
  {
    name: 'fastify-guarded-builtin',
    label: '2gf host on Fastify, built-in, guarded',
    description: 'The host app on Fastify embedding the bench plugin, with the bench guard and interceptor.',
    guarded: true,
    fastify: true,
    start: (context) => startBuiltin(context, 'fastify-guarded-builtin'),
  },
  {
    name: 'fastify-guarded-external',
    label: '3gf host on Fastify, external, guarded',
    description: 'The host app on Fastify with the bench plugin as its own process, with the bench guard and interceptor.',
    guarded: true,
    fastify: true,
    start: (context) => startExternal(context, 'fastify-guarded-external'),
  },
  {
    name: 'fastify-guarded-nginx',
    label: '4gf nginx → guarded plain on Fastify',
    description: 'nginx (worker_processes 1) in front of the guarded plain app on Fastify.',
    upstream: 'fastify-guarded-plain',
    guarded: true,
    fastify: true,
    start: (context) => startNginx(context, 'fastify-guarded-nginx', 1),
  },
  {
    name: 'fastify-guarded-http-proxy',
    label: '5gf http-proxy → guarded plain on Fastify',
    description: 'http-proxy in front of the guarded plain app on Fastify.',
    upstream: 'fastify-guarded-plain',
    guarded: true,
    fastify: true,
    start: (context) => startHttpProxy(context, 'fastify-guarded-http-proxy'),
  },
  {
    name: 'ws-direct',
    label: 'ws direct',
    description: 'WebSocket floor: a bare ws server echoing every frame.',
    async start(context) {
      const { info, handle } = await launchNodeContender('ws-direct.contender.ts', [], node(context, 'ws-direct'));
      return { name: 'ws-direct', url: info.url!, stack: [handle], owned: [handle] };
    },
  },
  {
    name: 'ws-relay',
    label: 'ws→grpc-js→ws relay',
    description: 'A bare ws server relaying each socket over one raw grpc-js HandleWebSocket stream to the bench plugin process.',
    async start(context) {
      const plugin = await launchNodeContender('bench-plugin.contender.ts', [], node(context, 'ws-relay-plugin'));
      try {
        const relay = await launchNodeContender('ws-relay.contender.ts', ['--plugin-address', plugin.info.address!], node(context, 'ws-relay'));
        return { name: 'ws-relay', url: relay.info.url!, stack: [relay.handle, plugin.handle], owned: [relay.handle, plugin.handle] };
      } catch (error) {
        await plugin.handle.stop();
        throw error;
      }
    },
  },
];

/** Process roles by contender (the profiler names its files after them); the guarded and Fastify ones are prefixed. */
function role(name: ContenderName, base: string): string {
  const spec = contenderSpec(name);
  return `${spec.fastify ? 'fastify-' : ''}${spec.guarded ? 'guarded-' : ''}${spec.traced ? 'traced-' : ''}${base}`;
}

async function startPlain(context: StartContext, name: ContenderName): Promise<RunningContender> {
  const { handle, info } = await launchNodeContender('plain-nest.contender.ts', appArgs(name), node(context, role(name, 'plain')));
  return { name, url: info.url!, stack: [handle], owned: [handle] };
}

async function startBuiltin(context: StartContext, name: ContenderName): Promise<RunningContender> {
  const { handle, info } = await launchNodeContender('host-builtin.contender.ts', appArgs(name), node(context, role(name, 'host-builtin')));
  return { name, url: info.url!, stack: [handle], owned: [handle] };
}

async function startExternal(context: StartContext, name: ContenderName): Promise<RunningContender> {
  const plugin = await launchNodeContender('bench-plugin.contender.ts', contenderSpec(name).traced ? ['--traced'] : [], node(context, role(name, 'plugin')));
  try {
    const host = await launchNodeContender(
      'host-external.contender.ts',
      ['--plugin-address', plugin.info.address!, ...appArgs(name)],
      node(context, role(name, 'host')),
    );
    return { name, url: host.info.url!, stack: [host.handle, plugin.handle], owned: [host.handle, plugin.handle] };
  } catch (error) {
    await plugin.handle.stop();
    throw error;
  }
}

async function startHttpProxy(context: StartContext, name: ContenderName): Promise<RunningContender> {
  const upstream = upstreamOf(context, name);
  const { handle, info } = await launchNodeContender('http-proxy.contender.ts', ['--target', upstream.url], node(context, role(name, 'http-proxy')));
  return { name, url: info.url!, stack: [handle, ...upstream.stack], owned: [handle] };
}

async function startNginx(context: StartContext, name: ContenderName, workers: 1 | 'auto'): Promise<RunningContender> {
  const nginx = context.tools.nginx;
  if (!nginx.available || !nginx.path) throw new Error(`nginx is not available: ${nginx.note}`);
  const upstream = upstreamOf(context, name);
  const probeHeaders = contenderSpec(name).guarded ? GUARDED_REQUEST_HEADERS : {};
  const { handle, url } = await launchNginx(nginx.path, upstream.url, workers, probeHeaders);
  return { name, url, stack: [handle, ...upstream.stack], owned: [handle] };
}

export function contenderSpec(name: ContenderName): ContenderSpec {
  return CONTENDERS.find((spec) => spec.name === name)!;
}
