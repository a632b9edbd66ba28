import { Inject } from '@nestjs/common';
import { CommandRunner, SubCommand } from 'nest-commander';
import { CLI_NAME, CLI_OPTIONS, EXIT_FAILURE, EXIT_OK } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { CliSession } from '../cli-session';
import { CliUsageError } from '../errors/cli-usage.error';
import { PluginInstaller } from '../install/plugin-installer';

@SubCommand({
  name: 'remove',
  // Optional for commander, checked in run(): its own message would exit 1, not 2.
  arguments: '[name]',
  description: 'Undo "plugin install": delete the plugin from $QNTX_HOME/plugins/ and its [[plugins]] entry',
})
export class PluginRemoveCommand extends CommandRunner {
  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly session: CliSession,
    private readonly installer: PluginInstaller,
  ) {
    super();
  }

  async run([name]: string[]): Promise<void> {
    await this.session.run(async () => {
      if (!name) throw new CliUsageError('Missing the plugin name to remove.', `${CLI_NAME} plugin remove --help`);
      const { lines, ok } = await this.installer.remove(name);
      this.options.io.stdout.write(lines.map((line) => `${line}\n`).join(''));
      return ok ? EXIT_OK : EXIT_FAILURE;
    });
  }
}
