import type { CommandDefinition, CommandInvocation, CommandResult, DomainPlugin, Metadata } from '@qntx/domains';
import type { WireCommandsResponse, WireExecuteCommandRequest } from '../../protocol/protocol.types';
import { PluginNameMismatchError } from '../../errors/plugin-name-mismatch.error';
import { commandFromWire, metadataFromWire } from '../../protocol/protocol.mapping';
import { PROTOCOL_EXTENSIONS } from '../../protocol/protocol-extensions';
import { toPluginCallError } from '../grpc-call-error.mapping';
import { runRemoteCommand } from '../remote-command.runner';
import { attachRemoteRun } from '../remote-command.tree';
import { H2CommandClient } from './h2-command.client';

export interface H2CommandsProxyOptions {
  /** A plugin that reports another name is refused (`PluginNameMismatchError`). */
  expectedName: string;
  token?: string;
  /** Deadline of a command. */
  requestTimeoutMs: number;
  /** Deadline of Metadata and Commands. */
  controlTimeoutMs: number;
}

/**
 * What `ExternalDomainProxy` offers of a plugin's commands (its metadata, and its command tree
 * whose `run` calls the plugin, output streamed), over `H2CommandClient`: for a process that runs
 * one command and must start fast, the CLI. Errors are the proxy's (`toPluginCallError`).
 */
export class H2CommandsProxy implements Pick<DomainPlugin, 'metadata' | 'commands'> {
  private constructor(
    private readonly client: H2CommandClient,
    private readonly meta: Metadata,
    /** Whether the plugin declared `command-stream` in its Metadata. */
    private readonly streams: boolean,
    private readonly options: H2CommandsProxyOptions,
    /** The tree asked for with the metadata, for the first `commands()`. */
    private prefetched: Promise<WireCommandsResponse> | null,
  ) {}

  /**
   * Connects and reads the plugin's metadata. The command tree is asked for in the same round
   * trip (Commands is read-only, so asking a plugin that is then refused does no harm): the CLI
   * reads it next, and a round trip is a good part of a short command's time.
   */
  static async connect(address: string, options: H2CommandsProxyOptions): Promise<H2CommandsProxy> {
    const client = new H2CommandClient(address, { token: options.token });
    const tree = client.commands(options.controlTimeoutMs);
    tree.catch(() => undefined); // its failure is reported by commands(), or not at all if unused
    try {
      const wire = await client.metadataCall(options.controlTimeoutMs);
      const metadata = metadataFromWire(wire);
      if (metadata.name !== options.expectedName) {
        throw new PluginNameMismatchError(options.expectedName, metadata.name, address);
      }
      const streams = (wire.extensions ?? []).includes(PROTOCOL_EXTENSIONS.commandStream);
      return new H2CommandsProxy(client, metadata, streams, options, tree);
    } catch (error) {
      client.close();
      if (error instanceof PluginNameMismatchError) throw error;
      throw toPluginCallError(options.expectedName, address, options.controlTimeoutMs, error);
    }
  }

  get address(): string {
    return this.client.address;
  }

  metadata(): Metadata {
    return this.meta;
  }

  async commands(): Promise<CommandDefinition[]> {
    const { controlTimeoutMs } = this.options;
    const pending = this.prefetched ?? this.client.commands(controlTimeoutMs);
    this.prefetched = null;
    const wire = await this.call(() => pending, controlTimeoutMs);
    return wire.commands.map((command) =>
      attachRemoteRun(commandFromWire(command), (request, invocation) => this.execute(request, invocation)),
    );
  }

  close(): void {
    this.client.close();
  }

  private execute(request: WireExecuteCommandRequest, invocation: CommandInvocation): Promise<CommandResult> {
    const { requestTimeoutMs } = this.options;
    return this.call(() => runRemoteCommand(this.client, request, invocation, requestTimeoutMs, this.streams), requestTimeoutMs);
  }

  private async call<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toPluginCallError(this.meta.name, this.address, timeoutMs, error);
    }
  }
}
