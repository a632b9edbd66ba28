// The status codes without loading grpc-js (see grpc-status.ts): the CLI's fast path maps errors here.
import * as grpc from '../protocol/grpc-status';
import { StringDecoder } from 'node:string_decoder';
import type { CommandInvocation, CommandOutputSink, CommandResult } from '@qntx/domains';
import type { PluginClient } from './plugin-client';
import type { WireCommandOutputChunk, WireExecuteCommandRequest } from '../protocol/protocol.types';

/** The calls a command needs: grpc-js's `PluginClient`, or the CLI's lean `CommandClient`. */
export type CommandCalls = Pick<PluginClient, 'executeCommand' | 'executeCommandStream'>;

/**
 * Runs a command in an external plugin. With an output sink and a plugin that declared
 * `command-stream` in its Metadata, output is streamed through ExecuteCommandStream; any other
 * plugin (a reference one declares nothing) is asked with the reference ExecuteCommand, and its
 * output reaches the sink when the command ends. Nothing is tried first: a plugin is called only
 * with what it said it serves (one that declared the stream and then refuses it, before any
 * output, still gets ExecuteCommand).
 */
export async function runRemoteCommand(
  client: CommandCalls,
  request: WireExecuteCommandRequest,
  invocation: CommandInvocation,
  timeoutMs: number,
  streams: boolean,
): Promise<CommandResult> {
  const options = { timeoutMs, signal: invocation.signal };
  const sink = invocation.output;
  if (sink && streams) {
    const streamed = await streamCommand(client, request, sink, options);
    if (streamed !== 'unimplemented') return streamed;
  }
  const wire = await client.executeCommand(request, options);
  if (!sink) return { exitCode: wire.exit_code, stdout: wire.stdout, stderr: wire.stderr };
  sink.stdout(wire.stdout);
  sink.stderr(wire.stderr);
  return { exitCode: wire.exit_code, stdout: '', stderr: '' };
}

async function streamCommand(
  client: CommandCalls,
  request: WireExecuteCommandRequest,
  sink: CommandOutputSink,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<CommandResult | 'unimplemented'> {
  // Decoders keep a multi-byte character that is split across two chunks whole.
  const stdout = new StringDecoder('utf8');
  const stderr = new StringDecoder('utf8');
  let received = false;
  let exitCode: number | null = null;
  const onChunk = (chunk: WireCommandOutputChunk): void => {
    received = true;
    if (chunk.stdout.length > 0) emit(sink.stdout.bind(sink), stdout.write(chunk.stdout));
    if (chunk.stderr.length > 0) emit(sink.stderr.bind(sink), stderr.write(chunk.stderr));
    if (chunk.done) exitCode = chunk.exit_code;
  };
  try {
    await client.executeCommandStream(request, onChunk, options);
  } catch (error) {
    // Only a plugin that never started the stream lacks it; a command that already produced
    // output must not run a second time.
    if (!received && (error as grpc.ServiceError).code === grpc.status.UNIMPLEMENTED) return 'unimplemented';
    throw error;
  }
  emit(sink.stdout.bind(sink), stdout.end());
  emit(sink.stderr.bind(sink), stderr.end());
  if (exitCode === null) throw new Error('the command output stream ended without an exit code');
  return { exitCode, stdout: '', stderr: '' };
}

function emit(write: (text: string) => void, text: string): void {
  if (text) write(text);
}
