import type { CommandDefinition, CommandResult, DomainPlugin, Metadata } from '@qntx/domains';
import { PluginTimeoutError, commandWord } from '@qntx/domains/lean';
import { CLI_NAME, EXIT_FAILURE, EXIT_OK } from '../cli.constants';
import type { CliOptions } from '../cli-options.interface';
import type { CatalogEntry } from '../discovery/catalog-entry.interface';
import { CliUsageError } from '../errors/cli-usage.error';
import { CommandInterruptedError } from '../errors/command-interrupted.error';
import { CommandTimeoutError } from '../errors/command-timeout.error';
import { CommandOutputWriter } from '../output/command-output.writer';
import { ParsedCommandLine } from './command-line.interface';
import { CommandRoot, parseCommandLine } from './command-line.parser';
import { renderCommandHelp } from './command-help.renderer';

/** A plugin the CLI reached, and where (`PluginAccess` gives one; so does the fast path). */
export interface CommandSource {
  plugin: Pick<DomainPlugin, 'metadata'>;
  /** Where it answered; null for a built-in. */
  address: string | null;
  /** The CLI started its process for this run. */
  started: boolean;
}

/**
 * The rest of `qntx <plugin> ...` once the plugin is reached and its command tree read: checks the
 * command line against the tree, then prints the help it asks for, or runs the command with its
 * output streamed to the CLI's own stdout/stderr and returns the plugin's exit code. Free of Nest,
 * so that the dispatcher and the fast path (../fast/) run the same code.
 */
export class PluginCommandRunner {
  constructor(private readonly options: Pick<CliOptions, 'io' | 'signal'>) {}

  async run(
    entry: Pick<CatalogEntry, 'name' | 'commandTimeoutMs'>,
    reached: CommandSource,
    tree: CommandDefinition[],
    tokens: string[],
  ): Promise<number> {
    const root = commandRoot(entry.name, reached.plugin.metadata(), tree);
    const parsed = parseCommandLine(root, tokens);
    if (parsed.kind === 'run') return this.execute(entry, parsed);
    const heading = parsed.command.node === root.node ? describePlugin(reached) : undefined;
    this.options.io.stdout.write(renderCommandHelp(parsed.command, heading));
    return EXIT_OK;
  }

  private async execute(
    entry: Pick<CatalogEntry, 'name' | 'commandTimeoutMs'>,
    { command, args, flags }: Extract<ParsedCommandLine, { kind: 'run' }>,
  ): Promise<number> {
    const abort = new AbortController();
    const stopped = this.stopSignals(entry, command.display, abort);
    const writer = new CommandOutputWriter(this.options.io, `${command.display}: waiting for output`);
    try {
      const running = command.node.run!({
        command: command.path.join(' '),
        args,
        flags,
        output: writer,
        signal: abort.signal,
      });
      // A built-in that ignores its abort signal cannot hold the CLI past the timeout.
      const result: CommandResult = await Promise.race([running, stopped]);
      writer.stdout(result.stdout);
      writer.stderr(result.stderr);
      return toProcessExitCode(result.exitCode);
    } catch (error) {
      if (error instanceof PluginTimeoutError) {
        throw new CommandTimeoutError(entry.name, command.display, entry.commandTimeoutMs);
      }
      throw error;
    } finally {
      if (!abort.signal.aborted) abort.abort();
      writer.close();
    }
  }

  /** Rejects, aborting the command, at its timeout or when the CLI is interrupted (Ctrl-C). */
  private stopSignals(
    entry: Pick<CatalogEntry, 'name' | 'commandTimeoutMs'>,
    display: string,
    abort: AbortController,
  ): Promise<never> {
    return new Promise<never>((_, reject) => {
      const stop = (error: Error): void => {
        abort.abort();
        reject(error);
      };
      const timer = setTimeout(
        () => stop(new CommandTimeoutError(entry.name, display, entry.commandTimeoutMs)),
        entry.commandTimeoutMs,
      );
      abort.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
      const interrupt = this.options.signal;
      if (interrupt?.aborted) stop(new CommandInterruptedError(display));
      interrupt?.addEventListener('abort', () => stop(new CommandInterruptedError(display)), { once: true });
    });
  }
}

/**
 * Where `qntx <plugin> ...` starts in the plugin's tree: its top-level command named after the
 * plugin (the usual shape), or else all its top-level commands under the plugin's name.
 */
function commandRoot(name: string, metadata: Metadata, tree: CommandDefinition[]): CommandRoot {
  const display = `${CLI_NAME} ${name}`;
  if (tree.length === 0) throw new CliUsageError(`Plugin "${name}" declares no commands.`);
  const own = tree.find((node) => commandWord(node) === name);
  if (own) return { node: own, path: [name], display };
  return { node: { name, description: metadata.description, flags: [], subcommands: tree }, path: [], display };
}

function describePlugin({ plugin, address, started }: CommandSource): string {
  const { name, version } = plugin.metadata();
  const where = address === null ? 'built-in' : `at ${address}${started ? ', started for this command' : ''}`;
  return `Plugin ${name} ${version} (${where})`;
}

/** Exit codes outside 0-255 would wrap around (256 would read as success); they become 1. */
function toProcessExitCode(code: number): number {
  return Number.isInteger(code) && code >= 0 && code <= 255 ? code : EXIT_FAILURE;
}
