import { CommandInvocation, CommandResult, FlagDefinition } from '@qntx/domains';
import { BoundHandler } from '../interfaces/plugin-definition.interface';
import { CommandContext } from '../interfaces/plugin-context.interface';
import { parseFlags } from './command-flags';
import { InvalidFlagValueError } from '../errors/invalid-flag-value.error';
import { SpanKind, context as otelContext } from '@opentelemetry/api';
import { activeTracer, inSpan } from '../tracing/plugin-spans';

/** Exit code for a usage error (bad flag value), as the CLI uses. */
const EXIT_USAGE = 2;

/**
 * Runs a `@PluginCommand` handler: output is streamed to the invocation's sink when it has one
 * and collected otherwise; the handler's return value is its exit code; a throw exits 1.
 */
export async function runCommandHandler(
  handler: BoundHandler,
  flags: FlagDefinition[],
  invocation: CommandInvocation,
): Promise<CommandResult> {
  const collected = { stdout: '', stderr: '' };
  const sink = invocation.output;
  const stdout = (text: string): void => (sink ? sink.stdout(text) : void (collected.stdout += text));
  const stderr = (text: string): void => (sink ? sink.stderr(text) : void (collected.stderr += text));
  let exitCode: number;
  try {
    const context: CommandContext = {
      command: invocation.command,
      args: invocation.args,
      flags: parseFlags(flags, invocation.flags),
      stdout,
      stderr,
      signal: invocation.signal ?? new AbortController().signal,
    };
    const result = await traced(invocation.command, () => Promise.resolve(handler(context)));
    exitCode = typeof result === 'number' ? result : 0;
  } catch (error) {
    stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    exitCode = error instanceof InvalidFlagValueError ? EXIT_USAGE : 1;
  }
  return { exitCode, ...collected };
}

/** With an OpenTelemetry SDK registered, the handler runs in a span named after the command (`command code ix git`). */
function traced<T>(command: string, run: () => Promise<T>): Promise<T> {
  const tracer = activeTracer();
  if (!tracer) return run();
  const failed = (result: T) => typeof result === 'number' && result !== 0;
  return inSpan(tracer, `command ${command}`, SpanKind.INTERNAL, { 'qntx.command': command }, otelContext.active(), run, failed);
}
