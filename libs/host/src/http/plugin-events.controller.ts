import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { ServerSentEvents } from './server-sent-events';

/**
 * `GET /api/plugins/events`: server-sent events, one `status` event (`{ name, state, pid,
 * address, restarts, lastError, uptimeSeconds }`) for each launched plugin at once and then at
 * every change of its state, pid or address, so a page sees a restart as it happens. It tells
 * no more than `GET /api/plugins` does, so it is open like that one.
 */
@Controller('api/plugins')
export class PluginEventsController {
  constructor(
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    private readonly events: ServerSentEvents,
  ) {}

  @Get('events')
  watch(@Req() req: unknown, @Res() res: unknown): void {
    const stream = this.events.start(req, res);
    for (const { supervisor } of this.loaded) {
      if (!supervisor) continue;
      const send = (): void => stream.send('status', { name: supervisor.name, ...supervisor.status() });
      send();
      stream.onClose(supervisor.onChange(send));
    }
  }
}
