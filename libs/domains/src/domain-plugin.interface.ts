import { CommandDefinition } from './command.interface';
import { HttpOperations, HttpRouter } from './http.interface';
import { ServiceRegistry } from './service-registry.interface';
import { WebSocketHandler } from './websocket.interface';

/** What a plugin says about itself. `qntxVersion` is a semver range on the host's version. */
export interface Metadata {
  name: string;
  version: string;
  qntxVersion: string;
  description: string;
  author: string;
  license: string;
}

export interface HealthStatus {
  healthy: boolean;
  message: string;
  details: Record<string, string>;
}

/**
 * The one plugin interface. Built-in plugins implement it directly; external plugins are reached
 * through an adapter that implements it over gRPC. The registry cannot tell them apart.
 */
export interface DomainPlugin {
  metadata(): Metadata;
  initialize(services: ServiceRegistry): Promise<void>;
  shutdown(): Promise<void>;
  commands(): Promise<CommandDefinition[]>;
  registerHttp(router: HttpRouter): Promise<void>;
  registerWebSocket(): Promise<Record<string, WebSocketHandler>>;
  health(): Promise<HealthStatus>;
  /**
   * The plugin's HTTP routes described for the host's OpenAPI document, or null when it does not
   * describe them (a reference plugin). Optional: a plugin without it is shown with a generic route.
   */
  describeHttp?(): Promise<HttpOperations | null>;
}
