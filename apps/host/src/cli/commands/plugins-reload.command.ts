import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CLI_OPTIONS, EXIT_FAILURE, EXIT_OK } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { CliSession } from '../cli-session';
import { describeHostChanges, RunningHostClient } from '../install/running-host.client';
import { RunningHostError } from '../errors/running-host.error';

/** `qntx plugins reload [name]`: the running host applies am.plugins.toml and am.<name>.toml as they are now. */
@SubCommand({
  name: 'reload',
  arguments: '[name]',
  description:
    'Have the running host apply am.plugins.toml and each am.<name>.toml as they are now: plugins added, removed or upgraded, the others untouched (as SIGHUP does)',
})
export class PluginsReloadCommand extends CommandRunner {
  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly session: CliSession,
  ) {
    super();
  }

  async run([name]: string[], flags: { json?: boolean }): Promise<void> {
    await this.session.run(async () => {
      const host = RunningHostClient.find(this.options.home);
      if (!host) {
        throw new RunningHostError(
          `No host is running on ${this.options.home} (no live run/host.json): a host reads am.plugins.toml when it starts.`,
          EXIT_FAILURE,
        );
      }
      const report = await host.reload(name);
      const { lines, ok } = describeHostChanges(host.pid, report);
      if (flags.json) {
        this.options.io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const unchanged = report.unchanged.length > 0 ? [`Unchanged: ${report.unchanged.join(', ')}.`] : [];
        const none = report.changes.length === 0 ? [`The running host (pid ${host.pid}) already serves what ${report.file} says.`] : [];
        this.options.io.stdout.write([...lines, ...none, ...unchanged].map((line) => `${line}\n`).join(''));
      }
      return ok ? EXIT_OK : EXIT_FAILURE;
    });
  }

  @Option({ flags: '--json', description: 'Print the host\'s report as JSON, for scripts' })
  json(): boolean {
    return true;
  }
}
