import {
  CommandDefinition,
  DomainPlugin,
  HealthStatus,
  HttpRouter,
  Metadata,
  PluginUnavailableError,
  WebSocketHandler,
} from '@qntx/domains';

/** A fixed setup fault: clients are told to come back much later, as for a launched plugin marked failed. */
const RETRY_AFTER_SECONDS = 60;

/**
 * A plugin at an address that reports another name than its entry's: not the plugin the
 * configuration meant, so nothing reaches it. It stands in under the configured name so that the
 * host starts and its other plugins serve, as a launched impostor is contained: its routes and
 * sockets answer 503, its health gives the reason, and `GET /api/plugins` shows it failed.
 */
export class MisnamedPlugin implements DomainPlugin {
  constructor(
    private readonly name: string,
    readonly reason: string,
  ) {}

  metadata(): Metadata {
    return { name: this.name, version: '', qntxVersion: '', description: '', author: '', license: '' };
  }

  async initialize(): Promise<void> {
    throw this.refusal();
  }

  async shutdown(): Promise<void> {}

  async commands(): Promise<CommandDefinition[]> {
    throw this.refusal();
  }

  async registerHttp(router: HttpRouter): Promise<void> {
    router.handle('*', `/api/${this.name}/{*path}`, () => Promise.reject(this.refusal()), { streamBody: true });
  }

  async registerWebSocket(): Promise<Record<string, WebSocketHandler>> {
    throw this.refusal();
  }

  async health(): Promise<HealthStatus> {
    return { healthy: false, message: this.reason, details: {} };
  }

  private refusal(): PluginUnavailableError {
    return new PluginUnavailableError(this.name, this.reason, RETRY_AFTER_SECONDS);
  }
}
