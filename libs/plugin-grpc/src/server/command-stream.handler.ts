import * as grpc from '@grpc/grpc-js';
import { WireCommandOutputChunk, WireExecuteCommandRequest } from '../protocol/protocol.types';
import { toGrpcError } from './grpc-error.mapping';
import { cancellationOf } from './call-cancellation';
import { ResolvedCommandRequest } from './command-request.resolver';
import { inRpcServerSpan } from '../tracing/grpc-server-spans';

type StreamCall = grpc.ServerWritableStream<WireExecuteCommandRequest, WireCommandOutputChunk>;

const EMPTY = Buffer.alloc(0);

/**
 * Serves the ExecuteCommandStream extension: what the command writes with `ctx.stdout()` /
 * `ctx.stderr()` goes out as it is written, then one last chunk carries the exit code.
 * `resolve` finds the command the request names (in either form); `authorized` checks the token.
 */
export function streamCommandOutput(
  resolve: (request: WireExecuteCommandRequest) => Promise<ResolvedCommandRequest>,
  authorized: (call: StreamCall) => boolean,
): grpc.handleServerStreamingCall<WireExecuteCommandRequest, WireCommandOutputChunk> {
  return (call: StreamCall) => {
    if (!authorized(call)) {
      call.emit('error', { code: grpc.status.UNAUTHENTICATED, details: 'missing or wrong plugin token' });
      return;
    }
    run(call, resolve).catch((error: unknown) => {
      if (!call.cancelled) call.emit('error', toGrpcError(error));
    });
  };
}

async function run(
  call: StreamCall,
  resolve: (request: WireExecuteCommandRequest) => Promise<ResolvedCommandRequest>,
): Promise<void> {
  const send = (chunk: Partial<WireCommandOutputChunk>): void => {
    // A caller that went away (deadline, Ctrl-C) no longer reads; writing would only buffer.
    if (!call.cancelled) call.write({ stdout: EMPTY, stderr: EMPTY, done: false, exit_code: 0, ...chunk });
  };
  const resolved = await resolve(call.request);
  if ('problem' in resolved) {
    send({ stderr: Buffer.from(`${resolved.problem}\n`), done: true, exit_code: 2 });
    return void call.end();
  }
  const cancellation = cancellationOf(call);
  const invocation = {
    ...resolved.invocation,
    signal: cancellation.signal,
    output: {
      stdout: (text: string) => {
        if (text) send({ stdout: Buffer.from(text) });
      },
      stderr: (text: string) => {
        if (text) send({ stderr: Buffer.from(text) });
      },
    },
  };
  const result = await inRpcServerSpan('ExecuteCommandStream', call.metadata, () => resolved.node.run!(invocation));
  // A plugin that collects its output instead of using the sink still gets it delivered.
  if (result.stdout) send({ stdout: Buffer.from(result.stdout) });
  if (result.stderr) send({ stderr: Buffer.from(result.stderr) });
  send({ done: true, exit_code: result.exitCode });
  cancellation.settle();
  call.end();
}
