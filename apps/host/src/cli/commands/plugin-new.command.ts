import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { relative } from 'node:path';
import { CLI_NAME, CLI_OPTIONS, EXIT_OK } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { CliSession } from '../cli-session';
import { CliUsageError } from '../errors/cli-usage.error';
import { generatePluginProject } from '../generator/plugin-project.generator';
import { findSdkCheckout } from '../generator/sdk-checkout';

interface PluginNewFlags {
  dir?: string;
  linkNodeModules?: boolean;
}

/** `qntx plugin new <name> [--dir <path>] [--link-node-modules]` */
@SubCommand({
  name: 'new',
  arguments: '<name>',
  argsDescription: { name: 'the plugin name (lower-case letters, digits, "-", "_")' },
  description: 'Write a ready plugin project: a command, a route, a socket, tests, README, config entry',
})
export class PluginNewCommand extends CommandRunner {
  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly session: CliSession,
  ) {
    super();
  }

  async run(words: string[], parsed: PluginNewFlags): Promise<void> {
    await this.session.run(async () => {
      const [name, ...rest] = words;
      const flags = { ...parsed, ...trailingFlags(rest) };
      const project = generatePluginProject(
        { name, dir: flags.dir, linkNodeModules: flags.linkNodeModules },
        findSdkCheckout(),
      );
      const where = relative(process.cwd(), project.dir) || '.';
      const install = flags.linkNodeModules ? '' : '\n  npm install';
      this.options.io.stdout.write(
        `Created the plugin "${name}" in ${project.dir}:\n${project.files.map((file) => `  ${file}\n`).join('')}` +
          `\nNext:\n  cd ${where}${install}\n  npm run build && npm test\n` +
          `Then add the entry of ${where}/am.plugins.toml to $QNTX_HOME/am.plugins.toml and run "${CLI_NAME} ${name} greet Ada".\n`,
      );
      return EXIT_OK;
    });
  }

  @Option({ flags: '--dir <path>', description: 'Where to write the project (default: ./<name>)' })
  dir(path: string): string {
    return path;
  }

  @Option({
    flags: '--link-node-modules',
    description: "Link node_modules to this checkout's instead of running npm install (offline)",
  })
  linkNodeModules(): boolean {
    return true;
  }
}

/**
 * The CLI passes options after a command's arguments through untouched (plugin commands need
 * that), so `qntx plugin new weather --dir x` reaches here as words: read them the same way.
 */
function trailingFlags(words: string[]): PluginNewFlags {
  const flags: PluginNewFlags = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--link-node-modules') flags.linkNodeModules = true;
    else if (word === '--dir' && i + 1 < words.length) flags.dir = words[++i];
    else if (word.startsWith('--dir=')) flags.dir = word.slice('--dir='.length);
    else throw new CliUsageError(`Unexpected "${word}".`, `${CLI_NAME} plugin new --help`);
  }
  return flags;
}
