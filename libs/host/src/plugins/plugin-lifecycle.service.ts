import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { LivePlugins } from './live-plugins';

/** At bootstrap, the loaded plugins are registered, initialized in order, and their routes collected. */
@Injectable()
export class PluginLifecycleService implements OnApplicationBootstrap {
  constructor(private readonly live: LivePlugins) {}

  onApplicationBootstrap(): Promise<void> {
    return this.live.start();
  }
}
