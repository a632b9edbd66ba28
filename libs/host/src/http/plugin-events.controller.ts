import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { LivePlugins } from '../plugins/live-plugins';
import { PluginSupervisor } from '../supervisor/plugin-supervisor';
import { ServerSentEvents } from './server-sent-events';

/**
 * `GET /api/plugins/events`: server-sent events, one `status` event (`{ name, state, pid,
 * address, restarts, lastError, uptimeSeconds }`) for each launched plugin at once and then at
 * every change of its state, pid or address, so a page sees a restart as it happens. It follows
 * the plugins as they change while the host runs: a plugin installed, or a new generation taking
 * over, sends its status at once; a generation no longer live (draining, stopped) sends nothing
 * more. It tells no more than `GET /api/plugins` does, so it is open like that one.
 */
@Controller('api/plugins')
export class PluginEventsController {
  constructor(
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    private readonly events: ServerSentEvents,
    private readonly live: LivePlugins,
  ) {}

  @Get('events')
  watch(@Req() req: unknown, @Res() res: unknown): void {
    const stream = this.events.start(req, res);
    const watched = new Set<PluginSupervisor>();
    const isLive = (supervisor: PluginSupervisor): boolean => this.loaded.some((loaded) => loaded.supervisor === supervisor);
    const follow = (): void => {
      for (const { supervisor } of this.loaded) {
        if (!supervisor || watched.has(supervisor)) continue;
        watched.add(supervisor);
        const send = (): void => {
          if (isLive(supervisor)) stream.send('status', { name: supervisor.name, ...supervisor.status() });
        };
        send();
        stream.onClose(supervisor.onChange(send));
      }
    };
    follow();
    stream.onClose(this.live.onChange(follow));
  }
}
