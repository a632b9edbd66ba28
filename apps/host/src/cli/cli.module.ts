import { DynamicModule, Module } from '@nestjs/common';
import { DomainsModule } from '@qntx/domains';
import { HOST_VERSION } from '@qntx/host/host.constants';
import { CLI_OPTIONS } from './cli.constants';
import { CliOptions } from './cli-options.interface';
import { CliSession } from './cli-session';
import { HelpCommand } from './commands/help.command';
import { PluginCommand } from './commands/plugin.command';
import { PluginInstallCommand } from './commands/plugin-install.command';
import { PluginRemoveCommand } from './commands/plugin-remove.command';
import { PluginsCommand } from './commands/plugins.command';
import { PluginNewCommand } from './commands/plugin-new.command';
import { PluginsHealthCommand } from './commands/plugins-health.command';
import { PluginsListCommand } from './commands/plugins-list.command';
import { PluginsReloadCommand } from './commands/plugins-reload.command';
import { PluginUpgradeCommand } from './commands/plugin-upgrade.command';
import { QntxRootCommand } from './commands/qntx-root.command';
import { PluginAccess } from './discovery/plugin-access.service';
import { CliHostServices } from './discovery/cli-host-services';
import { AttestationsCommand } from './commands/attestations.command';
import { AttestationsQueryCommand } from './commands/attestations-query.command';
import { PluginCatalog } from './discovery/plugin-catalog';
import { PluginCommandDispatcher } from './dispatch/plugin-command.dispatcher';
import { PluginInstaller } from './install/plugin-installer';
import { PluginStatusCollector } from './status/plugin-status.collector';

/**
 * The `qntx` CLI: the host's `DomainsModule` (same registry, same name and version checks) and
 * configuration loaders, with nest-commander commands on top.
 */
@Module({})
export class CliModule {
  static forRoot(options: CliOptions): DynamicModule {
    return {
      module: CliModule,
      imports: [DomainsModule.forRoot({ hostVersion: HOST_VERSION })],
      providers: [
        { provide: CLI_OPTIONS, useValue: options },
        CliSession,
        PluginCatalog,
        PluginAccess,
        CliHostServices,
        PluginStatusCollector,
        PluginCommandDispatcher,
        QntxRootCommand,
        PluginsCommand,
        PluginsListCommand,
        PluginsHealthCommand,
        PluginsReloadCommand,
        HelpCommand,
        PluginInstaller,
        PluginCommand,
        PluginInstallCommand,
        PluginUpgradeCommand,
        PluginRemoveCommand,
        PluginNewCommand,
        AttestationsCommand,
        AttestationsQueryCommand,
      ],
    };
  }
}
