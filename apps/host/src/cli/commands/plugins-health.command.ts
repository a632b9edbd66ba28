import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { CLI_OPTIONS, EXIT_FAILURE, EXIT_OK } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { CliSession } from '../cli-session';
import { PluginStatusCollector } from '../status/plugin-status.collector';
import { renderHealthTable } from '../status/status-table.renderer';

@SubCommand({
  name: 'health',
  description: "Check each plugin's health; exits 1 when one is unhealthy or cannot be reached",
})
export class PluginsHealthCommand extends CommandRunner {
  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly session: CliSession,
    private readonly collector: PluginStatusCollector,
  ) {
    super();
  }

  async run(_args: string[], flags: { json?: boolean }): Promise<void> {
    await this.session.run(async () => {
      const report = await this.collector.collect();
      this.options.io.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : renderHealthTable(report));
      const failing = report.plugins.some(
        (p) => p.state === 'unreachable' || p.state === 'failed' || (p.state === 'running' && !p.healthy),
      );
      return failing ? EXIT_FAILURE : EXIT_OK;
    });
  }

  @Option({ flags: '--json', description: 'Print JSON, for scripts' })
  json(): boolean {
    return true;
  }
}
