import { Controller, Get, Inject, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { ManagementAccessGuard } from '../access/management-access.guard';
import { launchedPlugin } from './launched-plugin.lookup';
import { ServerSentEvents } from './server-sent-events';

const DEFAULT_BACKLOG = 100;

/**
 * `GET /api/plugins/<name>/logs/stream`: a live tail of a launched plugin's output as
 * server-sent events (`event: line`, data: `{ time, pid, stream, text, level?, fields? }`),
 * starting with its last `?lines=N` lines (100). Guarded like `/logs`: output can hold secrets.
 */
@Controller('api/plugins')
@UseGuards(ManagementAccessGuard)
export class PluginLogStreamController {
  constructor(
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    private readonly events: ServerSentEvents,
  ) {}

  @Get(':name/logs/stream')
  tail(
    @Param('name') name: string,
    @Query('lines') lines: string | undefined,
    @Req() req: unknown,
    @Res() res: unknown,
  ): void {
    const supervisor = launchedPlugin(this.loaded, name);
    const backlog = lines === undefined ? DEFAULT_BACKLOG : Math.max(0, Number.parseInt(lines, 10) || 0);
    const stream = this.events.start(req, res);
    for (const line of supervisor.logs.lines(backlog)) stream.send('line', line);
    stream.onClose(supervisor.logs.subscribe((line) => stream.send('line', line)));
  }
}
