import { EXIT_INTERRUPTED } from './cli.constants';
import { runCli } from './cli.runner';
import { cliOptionsFromEnv } from './cli-options.factory';
import { flushIo, processIo } from './output/cli-io';

/** The `qntx` bin (bin/qntx.js loads this bundle). */
async function main(): Promise<void> {
  const io = processIo();
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort();
    // A second Ctrl-C does not wait for the clean-up.
    process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
  });
  let code: number;
  try {
    code = await runCli(process.argv.slice(2), { ...cliOptionsFromEnv(process.env), io, signal: interrupt.signal });
  } catch (error) {
    io.stderr.write(`qntx: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 70;
  }
  await flushIo(io);
  process.exit(code);
}

void main();
