import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { HOST_VERSION } from '@qntx/host/host.constants';
import { CLI_NAME, EXIT_USAGE } from './cli.constants';
import { CliOptions } from './cli-options.interface';
import { CliModule } from './cli.module';
import { CliSession } from './cli-session';

/** What commander's own exits (help, version, a usage error it found) are turned into. */
class CommanderExit extends Error {
  constructor(readonly exitCode: number) {
    super(`commander exit ${exitCode}`);
  }
}

/**
 * Runs one `qntx` command line and returns its exit code; nothing here exits the process, so
 * tests and embeddings can call it. Every plugin it reached is closed (and every plugin process
 * it started is stopped) before it returns.
 */
export async function runCli(argv: string[], options: CliOptions): Promise<number> {
  const { io } = options;
  let commanderExit: number | null = null;
  const app = await CommandFactory.createWithoutRunning(CliModule.forRoot(options), {
    logger: false,
    cliName: CLI_NAME,
    version: HOST_VERSION,
    // Options after the plugin name belong to the plugin's command, not to commander.
    enablePositionalOptions: true,
    enablePassThroughOptions: true,
    outputConfiguration: {
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    },
    // Commander has already printed its message (or the help); keep its verdict as an exit code.
    errorHandler: (error) => {
      const exitCode = (error as { exitCode?: number }).exitCode ?? EXIT_USAGE;
      throw new CommanderExit(exitCode === 0 ? 0 : EXIT_USAGE);
    },
    serviceErrorHandler: (error) => {
      commanderExit = error instanceof CommanderExit ? error.exitCode : app.get(CliSession).fail(error);
    },
  });
  try {
    await app.get(CommandRunnerService).run(['node', CLI_NAME, ...argv]);
    return commanderExit ?? app.get(CliSession).exitCode;
  } finally {
    await app.close();
  }
}
