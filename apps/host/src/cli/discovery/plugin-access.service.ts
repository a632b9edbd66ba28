import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { DomainPlugin, DomainRegistry, messageOf } from '@qntx/domains';
import { ExternalDomainProxy, PROTOCOL_EXTENSIONS, PluginNameMismatchError } from '@qntx/plugin-grpc';
import { join } from 'node:path';
import { installedCodePlugin } from '@qntx/host/plugins/bundled-code-plugin';
import { CLI_CONTROL_TIMEOUT_MS, CLI_OPTIONS, PLUGIN_START_TIMEOUT_MS } from '../cli.constants';
import { CliOptions } from '../cli-options.interface';
import { PluginUnreachableError } from '../errors/plugin-unreachable.error';
import { CatalogEntry } from './catalog-entry.interface';
import { findCodePluginBundle } from './code-plugin-bundle';
import { hostRuntimeFile } from './host-runtime-file.reader';
import { LaunchedPlugin, launchPluginProcess } from './plugin-process.launcher';
import { CliHostServices } from './cli-host-services';

/** A plugin the CLI reached, and where. */
export interface ReachedPlugin {
  plugin: DomainPlugin;
  /** Where it answered; null for a built-in. */
  address: string | null;
  /** The CLI started its process for this run. */
  started: boolean;
}

interface OpenedPlugin {
  plugin: DomainPlugin;
  address: string | null;
  /** The CLI stops what it started: its built-ins and the processes it launched. */
  owned: boolean;
  launched: LaunchedPlugin | null;
}

/**
 * Reaches the plugin of a catalog entry as the host would: built-ins in-process, external ones
 * over gRPC, registered in the same `DomainRegistry` (name and version-range checks). Plugins a
 * running host supervises are borrowed as they are; others are initialized with the CLI's own
 * host services (their am.<name>.toml, the attestation store; see cli-host-services.ts). Everything opened is closed when the CLI's module is destroyed.
 */
@Injectable()
export class PluginAccess implements OnModuleDestroy {
  private readonly opened: OpenedPlugin[] = [];

  constructor(
    @Inject(CLI_OPTIONS) private readonly options: CliOptions,
    private readonly registry: DomainRegistry,
    private readonly hostServices: CliHostServices,
  ) {}

  /** With `launch`, an auto-start plugin that is not running is started for this CLI run. */
  async open(entry: CatalogEntry, { launch }: { launch: boolean }): Promise<ReachedPlugin> {
    if (entry.builtin) return this.adopt(entry, { plugin: entry.builtin, address: null, owned: true, launched: null });
    if (!entry.address) {
      throw new PluginUnreachableError(entry.name, null, 'it has no address', this.hint(entry));
    }
    try {
      const plugin = await this.connect(entry, entry.address, entry.token);
      return await this.adopt(entry, { plugin, address: entry.address, owned: false, launched: null });
    } catch (error) {
      if (!(error instanceof PluginUnreachableError) || !entry.autoStart || !launch) throw error;
    }
    return this.launch(entry);
  }

  async onModuleDestroy(): Promise<void> {
    for (const { plugin, owned, launched } of this.opened.reverse()) {
      this.registry.unregister(plugin.metadata().name);
      try {
        if (owned) await plugin.shutdown();
        else (plugin as ExternalDomainProxy).client.close();
      } catch {
        // A plugin that fails to stop cleanly is still stopped below, or was never ours.
      }
      await launched?.stop();
    }
    this.opened.length = 0;
    await this.hostServices.close();
  }

  private async launch(entry: CatalogEntry): Promise<ReachedPlugin> {
    const file =
      this.options.codePluginMain === undefined
        ? (installedCodePlugin(this.options.home) ?? findCodePluginBundle())
        : this.options.codePluginMain;
    if (!file) {
      throw new PluginUnreachableError(
        entry.name,
        entry.address,
        'nothing answers there, and the bundled plugin is not built',
        'Run "npm run build" so that the CLI can start it, or start it yourself.',
      );
    }
    const launched = await launchPluginProcess(entry.name, file, PLUGIN_START_TIMEOUT_MS);
    try {
      const plugin = await this.connect(entry, launched.address, launched.token);
      return await this.adopt(entry, { plugin, address: launched.address, owned: true, launched });
    } catch (error) {
      await launched.stop();
      throw error;
    }
  }

  private async connect(entry: CatalogEntry, address: string, token: string | null): Promise<ExternalDomainProxy> {
    try {
      return await ExternalDomainProxy.connect(address, {
        expectedName: entry.name,
        token: token ?? undefined,
        requestTimeoutMs: entry.commandTimeoutMs,
        controlTimeoutMs: CLI_CONTROL_TIMEOUT_MS,
      });
    } catch (error) {
      if (error instanceof PluginNameMismatchError) throw error;
      // The transport error already names the plugin; keep only what went wrong.
      const detail = messageOf(error).replace(/^Plugin "[^"]*" (is not available|failed|did not answer)[: ]*/, '');
      throw new PluginUnreachableError(entry.name, address, detail || messageOf(error), this.hint(entry));
    }
  }

  private async adopt(entry: CatalogEntry, opened: OpenedPlugin): Promise<ReachedPlugin> {
    const { plugin } = opened;
    try {
      this.registry.register(plugin);
    } catch (error) {
      if (!opened.owned) (plugin as ExternalDomainProxy).client.close();
      await opened.launched?.stop();
      throw error;
    }
    this.opened.push(opened);
    if (this.initializes(entry, opened)) {
      await this.registry.initialize(entry.name, await this.hostServices.registry());
    }
    return { plugin, address: opened.address, started: opened.launched !== null };
  }

  /**
   * A host-supervised plugin was initialized by its host; initializing it again would reset it.
   * A reference plugin that runs on its own is taken as initialized by whoever runs it: it does
   * not say whether it was, and QNTX's Go server ends on a second Initialize (it declares no
   * `initialize-again`).
   */
  private initializes(entry: CatalogEntry, { plugin, owned }: OpenedPlugin): boolean {
    if (entry.source === 'host') return false;
    return owned || (plugin as ExternalDomainProxy).declares(PROTOCOL_EXTENSIONS.initializeAgain);
  }

  private hint(entry: CatalogEntry): string {
    switch (entry.source) {
      case 'host':
        return entry.address
          ? `The running host lists it in ${hostRuntimeFile(this.options.home)}; check the host's log.`
          : 'It runs inside the host process, and the CLI does not bundle it.';
      case 'config':
        return `Start the plugin, or fix its [[plugins]] entry in ${join(this.options.home, 'am.plugins.toml')}.`;
      default:
        return 'Start it (node dist/apps/code-plugin/main.js --port 9000), or configure it in am.plugins.toml.';
    }
  }
}
