import * as grpc from '../../protocol/grpc-status';
import { DEFAULT_MAX_MESSAGE_BYTES, TOKEN_METADATA_KEY } from '../../plugin-grpc.constants';
import type {
  WireCommandOutputChunk,
  WireCommandsResponse,
  WireExecuteCommandRequest,
  WireExecuteCommandResponse,
  WireMetadataResponse,
} from '../../protocol/protocol.types';
import {
  decodeCommandOutputChunk,
  decodeCommandsResponse,
  decodeExecuteCommandResponse,
  decodeMetadataResponse,
  encodeExecuteCommandRequest,
} from '../../protocol/wire/command-messages.codec';
import type { CommandCalls } from '../remote-command.runner';
import { CallStatus } from './h2-grpc.call';
import { GrpcCallStatusError } from './grpc-call-status';
import { H2GrpcChannel } from './h2-grpc.channel';

const SERVICE = '/protocol.DomainPluginService';
const EMPTY = Buffer.alloc(0);

export interface H2CommandClientOptions {
  /** The per-launch token the plugin expects, when a host launched it. */
  token?: string;
  maxMessageBytes?: number;
}

type CallOptions = { timeoutMs?: number; signal?: AbortSignal };

/**
 * The command calls of `PluginClient` (Metadata, Commands, ExecuteCommand, ExecuteCommandStream)
 * over the lean HTTP/2 channel and hand-coded messages: no grpc-js, protobufjs or proto-loader to
 * load, which is what a short-lived CLI process pays for most. Plaintext only, as the channel.
 * Errors are `GrpcCallStatusError`s, shaped like grpc-js's, so the same error mapping serves both.
 */
export class H2CommandClient implements CommandCalls {
  private readonly channel: H2GrpcChannel;
  private readonly timeoutMs = 30_000;

  constructor(
    readonly address: string,
    options: H2CommandClientOptions = {},
  ) {
    this.channel = new H2GrpcChannel(address, {
      metadata: options.token ? { [TOKEN_METADATA_KEY]: options.token } : {},
      maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    });
  }

  async metadataCall(timeoutMs?: number): Promise<WireMetadataResponse> {
    return decodeMetadataResponse(await this.unary('Metadata', EMPTY, { timeoutMs }));
  }

  async commands(timeoutMs?: number): Promise<WireCommandsResponse> {
    return decodeCommandsResponse(await this.unary('Commands', EMPTY, { timeoutMs }));
  }

  async executeCommand(
    request: WireExecuteCommandRequest,
    options: CallOptions = {},
  ): Promise<WireExecuteCommandResponse> {
    return decodeExecuteCommandResponse(
      await this.unary('ExecuteCommand', encodeExecuteCommandRequest(request), options),
    );
  }

  /** Extension: ExecuteCommandStream, as `PluginClient.executeCommandStream` (a plugin without it answers UNIMPLEMENTED). */
  executeCommandStream(
    request: WireExecuteCommandRequest,
    onChunk: (chunk: WireCommandOutputChunk) => void,
    options: CallOptions = {},
  ): Promise<void> {
    const call = this.channel.start(`${SERVICE}/ExecuteCommandStream`, {
      deadlineMs: options.timeoutMs ?? this.timeoutMs,
    });
    const ended = new Promise<void>((resolve, reject) => {
      call.on('message', (bytes: Buffer) => {
        let chunk: WireCommandOutputChunk;
        try {
          chunk = decodeCommandOutputChunk(bytes);
        } catch (error) {
          // As grpc-js reports a response it cannot deserialize.
          call.cancel(grpc.status.INTERNAL, `Failed to parse server response: ${(error as Error).message}`);
          return;
        }
        onChunk(chunk);
      });
      call.once('status', ({ code, details }: CallStatus) =>
        code === grpc.status.OK ? resolve() : reject(new GrpcCallStatusError(code, details)),
      );
    });
    call.end(encodeExecuteCommandRequest(request));
    const signal = options.signal;
    if (signal) {
      const cancel = (): void => call.cancel(grpc.status.CANCELLED, 'Cancelled on client');
      if (signal.aborted) cancel();
      else {
        signal.addEventListener('abort', cancel, { once: true });
        call.once('status', () => signal.removeEventListener('abort', cancel));
      }
    }
    return ended;
  }

  close(): void {
    this.channel.close();
  }

  private unary(method: string, message: Uint8Array, options: CallOptions): Promise<Buffer> {
    return this.channel.unary(`${SERVICE}/${method}`, message, {
      deadlineMs: options.timeoutMs ?? this.timeoutMs,
      signal: options.signal,
    });
  }
}
