import * as grpc from '@grpc/grpc-js';
import { WireExecuteCommandRequest, loadDomainService } from '@qntx/plugin-grpc';

export interface ReferencePlugin {
  address: string;
  /** Every RPC the server answered, by method name, in order. */
  calls: string[];
  /** Every ExecuteCommand request, as received. */
  commands: WireExecuteCommandRequest[];
  close(): Promise<void>;
}

/** The RPCs of the reference protocol: what a plugin built against QNTX's guide serves. */
const REFERENCE_RPCS = [
  'Metadata',
  'Initialize',
  'Shutdown',
  'Commands',
  'ExecuteCommand',
  'HandleHTTP',
  'HandleWebSocket',
  'Health',
];

/** The SDK's extension RPCs, which a reference plugin does not have. */
const EXTENSION_RPCS = ['ExecuteCommandStream', 'HandleHTTPStream', 'HandleHTTPMultiplex'];

/**
 * A plugin written directly on grpc-js against the reference protocol only: no extension RPCs
 * (ExecuteCommandStream is not even registered, so grpc-js answers UNIMPLEMENTED), and a
 * command tree of one level described by usage lines, as the reference sends it.
 */
export async function startReferencePlugin(
  options: { extensionStubs?: boolean; qntxVersion?: string } = {},
): Promise<ReferencePlugin> {
  const calls: string[] = [];
  const commands: WireExecuteCommandRequest[] = [];
  const full = loadDomainService().service;
  // With `extensionStubs`, the extension RPCs exist but refuse (and are recorded), as stubs
  // generated from a newer proto would: that shows whether a host or the CLI tries them first.
  const served = options.extensionStubs ? [...REFERENCE_RPCS, ...EXTENSION_RPCS] : REFERENCE_RPCS;
  const service = Object.fromEntries(Object.entries(full).filter(([name]) => served.includes(name)));
  const unary =
    <T>(name: string, answer: (request: Record<string, unknown>) => T) =>
    (call: grpc.ServerUnaryCall<Record<string, unknown>, T>, callback: grpc.sendUnaryData<T>) => {
      calls.push(name);
      callback(null, answer(call.request));
    };
  const server = new grpc.Server();
  server.addService(service as grpc.ServiceDefinition, {
    Metadata: unary('Metadata', () => ({
      name: 'legacy',
      version: '0.9.0',
      qntx_version: options.qntxVersion ?? '>= 0.1.0',
      description: 'A reference-protocol plugin',
    })),
    Initialize: unary('Initialize', () => ({})),
    Shutdown: unary('Shutdown', () => ({})),
    Health: unary('Health', () => ({ healthy: true, message: 'fine', details: {} })),
    Commands: unary('Commands', () => ({
      commands: [
        {
          name: 'legacy',
          description: 'Commands of the legacy plugin',
          subcommands: ['greet <who>', 'fail'],
          flags: [{ name: 'shout', short: 's', description: 'Greet loudly', type: 'bool', default_value: 'false' }],
        },
      ],
    })),
    // As QNTX's Go server runs commands: the top-level command, the subcommand and its flags in args.
    ExecuteCommand: unary('ExecuteCommand', (request) => {
      const args = request.args as string[];
      commands.push({ command: request.command as string, args, flags: request.flags as Record<string, string> });
      const [sub, ...rest] = args;
      if (request.command === 'legacy' && sub === 'greet') {
        const shout = rest.includes('--shout') || rest.includes('-s');
        const who = rest.find((arg) => !arg.startsWith('-'));
        return { exit_code: 0, stdout: `Hello, ${who}${shout ? '!' : '.'}\n`, stderr: '' };
      }
      return { exit_code: 3, stdout: '', stderr: `cannot ${[request.command, ...args].join(' ')}\n` };
    }),
    // As QNTX's Go server answers HTTP: one request, one response.
    HandleHTTP: unary('HandleHTTP', (request) => ({
      status_code: 200,
      headers: [{ name: 'content-type', values: ['text/plain'] }],
      body: Buffer.from(`legacy ${request.method as string} ${request.path as string}`),
    })),
    ...Object.fromEntries(
      EXTENSION_RPCS.map((name) => [
        name,
        (call: grpc.ServerWritableStream<unknown, unknown>) => {
          calls.push(name);
          call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'not here' });
        },
      ]),
    ),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    calls,
    commands,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
