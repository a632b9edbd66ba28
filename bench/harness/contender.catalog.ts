import { ToolStatus } from './system-tools';
import { launchNodeContender, LaunchOptions } from './node-contender.launcher';
import { launchNginx } from './nginx.launcher';
import { ProcessHandle } from './process-handle';

export type ContenderName = 'plain' | 'builtin' | 'external' | 'nginx' | 'nginx-auto' | 'http-proxy' | 'minimal' | 'ws-direct' | 'ws-relay';

/** A contender serving: its URL, and every process that serves it (for CPU and RSS). */
export interface RunningContender {
  name: ContenderName;
  url: string;
  /** Every process on the request path, the plain app included for the proxies in front of it. */
  stack: ProcessHandle[];
  /** The processes this contender started (the shared plain app is not one of them for proxies). */
  owned: ProcessHandle[];
}

export interface StartContext {
  /** The plain app, started first: the floor, and the upstream of the proxies. */
  plain: RunningContender | null;
  tools: { nginx: ToolStatus };
  /** Node flags for every process of this contender (the profiler's --cpu-prof). */
  nodeFlags?: (role: string) => string[];
}

export interface ContenderSpec {
  name: ContenderName;
  label: string;
  description: string;
  start(context: StartContext): Promise<RunningContender>;
}

function node(context: StartContext, role: string): LaunchOptions {
  return { role, nodeFlags: context.nodeFlags?.(role) };
}

function needPlain(context: StartContext): RunningContender {
  if (!context.plain) throw new Error('the plain app (its upstream) is not running');
  return context.plain;
}

/** The six contenders of the issue, plus nginx with `worker_processes auto` for reference. */
export const CONTENDERS: ContenderSpec[] = [
  {
    name: 'plain',
    label: '1 plain Nest app',
    description: 'The handler in a plain Nest app (platform-express, default settings), hit directly: the floor.',
    async start(context) {
      const { handle, info } = await launchNodeContender('plain-nest.contender.ts', [], node(context, 'plain'));
      return { name: 'plain', url: info.url!, stack: [handle], owned: [handle] };
    },
  },
  {
    name: 'builtin',
    label: '2 host, built-in plugin',
    description: 'The handler as a @Plugin loaded with createBuiltinPlugin and passed to the host as builtins.',
    async start(context) {
      const { handle, info } = await launchNodeContender('host-builtin.contender.ts', [], node(context, 'host-builtin'));
      return { name: 'builtin', url: info.url!, stack: [handle], owned: [handle] };
    },
  },
  {
    name: 'external',
    label: '3 host, external plugin',
    description: 'The same @Plugin module as its own process (PluginFactory.create), the host configured with its address.',
    async start(context) {
      const plugin = await launchNodeContender('bench-plugin.contender.ts', [], node(context, 'plugin'));
      try {
        const host = await launchNodeContender(
          'host-external.contender.ts',
          ['--plugin-address', plugin.info.address!],
          node(context, 'host'),
        );
        return { name: 'external', url: host.info.url!, stack: [host.handle, plugin.handle], owned: [host.handle, plugin.handle] };
      } catch (error) {
        await plugin.handle.stop();
        throw error;
      }
    },
  },
  {
    name: 'nginx',
    label: '4 nginx → plain',
    description: 'The plain app behind nginx (worker_processes 1, keep-alive upstream), loopback only.',
    start: (context) => startNginx(context, 1),
  },
  {
    name: 'nginx-auto',
    label: '4b nginx(auto) → plain',
    description: 'The same with worker_processes auto (one worker per core); for reference, not a target.',
    start: (context) => startNginx(context, 'auto'),
  },
  {
    name: 'http-proxy',
    label: '5 http-proxy → plain',
    description: 'The plain app behind a Node reverse proxy (http-proxy, keep-alive agent).',
    async start(context) {
      const plain = needPlain(context);
      const { handle, info } = await launchNodeContender('http-proxy.contender.ts', ['--target', plain.url], node(context, 'http-proxy'));
      return { name: 'http-proxy', url: info.url!, stack: [handle, ...plain.stack], owned: [handle] };
    },
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

async function startNginx(context: StartContext, workers: 1 | 'auto'): Promise<RunningContender> {
  const nginx = context.tools.nginx;
  if (!nginx.available || !nginx.path) throw new Error(`nginx is not available: ${nginx.note}`);
  const plain = needPlain(context);
  const { handle, url } = await launchNginx(nginx.path, plain.url, workers);
  const name = workers === 1 ? 'nginx' : 'nginx-auto';
  return { name, url, stack: [handle, ...plain.stack], owned: [handle] };
}

export function contenderSpec(name: ContenderName): ContenderSpec {
  return CONTENDERS.find((spec) => spec.name === name)!;
}
