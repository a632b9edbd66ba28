import * as grpc from '@grpc/grpc-js';
import {
  CommandDefinition,
  DomainPlugin,
  PluginRouter,
  WebSocketHandler,
  commandWord,
} from '@qntx/domains';
import {
  WireEmpty,
  WireExecuteCommandRequest,
  WireExecuteCommandResponse,
  WireHealthResponse,
  WireHttpRequest,
  WireHttpResponse,
  WireHttpStreamFrame,
  WireHttpExchangeFrame,
  WireInitializeRequest,
  WireMetadataResponse,
  WireCommandsResponse,
} from '../protocol/protocol.types';
import { commandToWire } from '../protocol/protocol.mapping';
import { SDK_PROTOCOL_EXTENSIONS } from '../protocol/protocol-extensions';
import { toGrpcError } from './grpc-error.mapping';
import { streamCommandOutput } from './command-stream.handler';
import { resolveCommandRequest } from './command-request.resolver';
import { inRequestScope, serveHttpCall } from './http-call.scope';
import { SocketServerCall, SocketStreamServer, declaredSocketPaths } from '../websocket/socket-stream.server';
import { DEFAULT_MAX_MESSAGE_BYTES, TOKEN_METADATA_KEY } from '../plugin-grpc.constants';
import { PluginHttpDispatcher } from './plugin-http.dispatcher';
import { serveHttpStream } from './http-stream.handler';
import { serveHttpMultiplex } from './http-multiplex.handler';
import { cancellationOf } from './call-cancellation';
import { InitializedServices, servicesFromInitialize } from '../host-services/initialize-services';
import { inRpcServerSpan } from '../tracing/grpc-server-spans';

type Unary<Req, Res> = grpc.handleUnaryCall<Req, Res>;

/**
 * The DomainPluginService methods over one `DomainPlugin`: what the guide's Go `PluginServer`
 * does, for any plugin object (a decorated provider, or a hand-written implementation).
 */
export class DomainServiceHandlers {
  private sockets: Record<string, WebSocketHandler> = {};
  private http: PluginHttpDispatcher | null = null;
  private commandTree: CommandDefinition[] | null = null;
  private services: InitializedServices | null = null;
  /** Metadata's `http_operations`: the plugin's routes as OpenAPI JSON, "" when it describes none. */
  private operationsJson = '';

  constructor(
    private readonly plugin: DomainPlugin,
    private readonly token: string | undefined,
    /** Largest request body buffered for a route that does not stream it (the message limit). */
    private readonly maxBodyBytes = DEFAULT_MAX_MESSAGE_BYTES,
  ) {}

  /** Builds what every request needs once, before the server accepts calls. */
  async prepare(): Promise<void> {
    const name = this.plugin.metadata().name;
    const router = new PluginRouter(name);
    await this.plugin.registerHttp(router);
    this.sockets = await this.plugin.registerWebSocket();
    this.http = new PluginHttpDispatcher(router, name, this.maxBodyBytes);
    // Made here, so that a description that cannot be made stops the plugin at start.
    const operations = (await this.plugin.describeHttp?.()) ?? null;
    this.operationsJson = operations ? JSON.stringify(operations) : '';
  }

  implementation(): grpc.UntypedServiceImplementation {
    return {
      Metadata: this.unary<WireEmpty, WireMetadataResponse>(async () => {
        const m = this.plugin.metadata();
        return {
          name: m.name,
          version: m.version,
          qntx_version: m.qntxVersion,
          description: m.description,
          author: m.author,
          license: m.license,
          websocket_paths: declaredSocketPaths(this.sockets),
          extensions: SDK_PROTOCOL_EXTENSIONS,
          http_operations: this.operationsJson,
        };
      }),
      Initialize: this.unary<WireInitializeRequest, WireEmpty>(async (request) => {
        // The host's callback channel when it sent one (see initialize-services.ts); a new
        // Initialize (the host restarted, or another host) replaces the previous channel.
        this.services?.close();
        this.services = servicesFromInitialize(this.plugin.metadata().name, request);
        await this.plugin.initialize(this.services.services);
        return {};
      }),
      Shutdown: this.unary<WireEmpty, WireEmpty>(async () => {
        await this.plugin.shutdown();
        return {};
      }),
      Commands: this.unary<WireEmpty, WireCommandsResponse>(async () => ({
        commands: (await this.commands()).map(commandToWire),
      })),
      ExecuteCommand: this.unary<WireExecuteCommandRequest, WireExecuteCommandResponse>(async (request, call) =>
        this.executeCommand(request, call),
      ),
      HandleHTTP: this.unary<WireHttpRequest, WireHttpResponse>(async (request, call) =>
        serveHttpCall(call, request, () => this.handleHttp(request, call)),
      ),
      HandleWebSocket: (call: SocketServerCall) => {
        if (!this.authorized(call)) return void call.emit('error', unauthenticated());
        new SocketStreamServer(call, this.sockets, this.plugin.metadata().name).start();
      },
      Health: this.unary<WireEmpty, WireHealthResponse>(async () => {
        const status = await this.plugin.health();
        return { healthy: status.healthy, message: status.message, details: status.details };
      }),
      ExecuteCommandStream: streamCommandOutput(
        async (request) => resolveCommandRequest(await this.commands(), request),
        (call) => this.authorized(call),
      ),
      HandleHTTPStream: (call: grpc.ServerDuplexStream<WireHttpStreamFrame, WireHttpStreamFrame>) => {
        if (!this.authorized(call)) return void call.emit('error', unauthenticated());
        inRequestScope(call, () => serveHttpStream(call, this.http!));
      },
      HandleHTTPMultiplex: (call: grpc.ServerDuplexStream<WireHttpExchangeFrame, WireHttpExchangeFrame>) => {
        if (!this.authorized(call)) return void call.emit('error', unauthenticated());
        serveHttpMultiplex(call, this.http!);
      },
    };
  }

  /** Lets go of the host-services channel (the server is closing). */
  dispose(): void {
    this.services?.close();
    this.services = null;
  }

  private async commands(): Promise<CommandDefinition[]> {
    this.commandTree ??= await this.plugin.commands();
    return this.commandTree;
  }

  private async executeCommand(
    request: WireExecuteCommandRequest,
    call: grpc.ServerUnaryCall<unknown, unknown>,
  ): Promise<WireExecuteCommandResponse> {
    const resolved = resolveCommandRequest(await this.commands(), request);
    if ('problem' in resolved) return { exit_code: 2, stdout: '', stderr: `${resolved.problem}\n` };
    const cancellation = cancellationOf(call);
    const result = await inRpcServerSpan('ExecuteCommand', call.metadata, () =>
      resolved.node.run!({ ...resolved.invocation, signal: cancellation.signal }),
    );
    cancellation.settle();
    return { exit_code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  }

  private handleHttp(request: WireHttpRequest, call: grpc.ServerUnaryCall<unknown, unknown>): Promise<WireHttpResponse> {
    const cancellation = cancellationOf(call);
    return this.http!.unary(request, cancellation.signal).finally(cancellation.settle);
  }

  private unary<Req, Res>(
    handler: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>,
  ): Unary<Req, Res> {
    return (call, callback) => {
      if (!this.authorized(call)) return callback(unauthenticated());
      handler(call.request, call).then(
        (response) => callback(null, response),
        (error: unknown) => callback(toGrpcError(error)),
      );
    };
  }

  private authorized(call: { metadata: grpc.Metadata }): boolean {
    if (!this.token) return true;
    const [given] = call.metadata.get(TOKEN_METADATA_KEY);
    return given === this.token;
  }
}

function unauthenticated(): Partial<grpc.StatusObject> {
  return { code: grpc.status.UNAUTHENTICATED, details: 'missing or wrong plugin token' };
}

/** The node at a command path ("code ix git"), starting at the top-level commands. */
export function findCommand(tree: CommandDefinition[], words: string[]): CommandDefinition | null {
  let level = tree;
  let node: CommandDefinition | null = null;
  for (const word of words) {
    node = level.find((candidate) => commandWord(candidate) === word) ?? null;
    if (!node) return null;
    level = node.subcommands;
  }
  return node;
}
