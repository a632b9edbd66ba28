import { Inject } from '@nestjs/common';
import { CommandRunner, SubCommand } from 'nest-commander';
import { CLI_NAME, CLI_OPTIONS, EXIT_FAILURE, EXIT_OK } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { CliSession } from '../cli-session';
import { CliUsageError } from '../errors/cli-usage.error';
import { PluginInstaller } from '../install/plugin-installer';

@SubCommand({
  name: 'upgrade',
  // Optional for commander, checked in run(): its own message would exit 1, not 2.
  arguments: '[file-or-directory]',
  description:
    'Replace an installed plugin with a new version (checked as "install" checks it); a running host switches to it without a restart, and goes back if it fails',
})
export class PluginUpgradeCommand extends CommandRunner {
  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly session: CliSession,
    private readonly installer: PluginInstaller,
  ) {
    super();
  }

  async run([path]: string[]): Promise<void> {
    await this.session.run(async () => {
      if (!path) throw new CliUsageError('Missing the plugin file or directory to upgrade to.', `${CLI_NAME} plugin upgrade --help`);
      const { lines, ok } = await this.installer.install(path, { upgrade: true });
      this.options.io.stdout.write(lines.map((line) => `${line}\n`).join(''));
      return ok ? EXIT_OK : EXIT_FAILURE;
    });
  }
}
