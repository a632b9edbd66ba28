import { CommandDefinition } from './command.interface';
import { HttpRouter } from './http.interface';
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
}
