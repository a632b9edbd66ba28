import { Injectable } from '@nestjs/common';
import { PluginRouter } from '@qntx/domains';

/** Each plugin's HTTP routes, as it registered them; replaced when a plugin re-registers. */
@Injectable()
export class PluginRouteTable {
  private readonly routers = new Map<string, PluginRouter>();

  set(name: string, router: PluginRouter): void {
    this.routers.set(name, router);
  }

  get(name: string): PluginRouter | undefined {
    return this.routers.get(name);
  }

  delete(name: string): void {
    this.routers.delete(name);
  }
}
