import { EXIT_INTERRUPTED } from '../cli.constants';
import { flushIo, processIo } from '../output/cli-io';
import { runOnRunningHost } from './running-host.command';

/**
 * Entry of `dist/apps/cli/fast.js`, which bin/qntx.js loads before the full CLI: a bundle of its
 * own, with no Nest, nest-commander, grpc-js or protobufjs in its module graph (loading those is
 * most of the full CLI's start-up time; see test/cli/cli-fast-path.e2e-spec.ts). Runs a plugin
 * command on the running host's plugin, or calls `fallBack` to load the full CLI, which then
 * handles the command line from the start.
 */
export async function runFast(fallBack: () => void): Promise<void> {
  const io = processIo();
  const interrupt = new AbortController();
  const onInterrupt = (): void => {
    interrupt.abort();
    // A second Ctrl-C does not wait for the clean-up (as the full CLI's main.ts).
    process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
  };
  process.once('SIGINT', onInterrupt);
  let code: number | null;
  try {
    code = await runOnRunningHost(process.argv.slice(2), process.env, io, interrupt.signal);
  } catch {
    code = null;
  }
  // Interrupted before it could settle anything: stop here rather than start the full CLI.
  if (code === null && interrupt.signal.aborted) code = EXIT_INTERRUPTED;
  if (code === null) {
    process.removeListener('SIGINT', onInterrupt);
    fallBack();
    return;
  }
  await flushIo(io);
  process.exit(code);
}
