import { Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { LOADED_PLUGINS } from '../host.constants';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { PluginSupervisor } from '../supervisor/plugin-supervisor';
import { ManagementAccessGuard } from '../access/management-access.guard';
import { launchedPlugin } from './launched-plugin.lookup';

/** `POST /api/plugins/<name>/restart` and `GET /api/plugins/<name>/logs`, for launched plugins. */
@Controller('api/plugins')
@UseGuards(ManagementAccessGuard)
export class PluginManagementController {
  constructor(@Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[]) {}

  /** Answers once the new launch is running or has failed, with the plugin's status. */
  @Post(':name/restart')
  @HttpCode(200)
  async restart(@Param('name') name: string): Promise<object> {
    const supervisor = this.supervisor(name);
    await supervisor.restart();
    return { name, ...supervisor.status() };
  }

  /** The plugin's last output lines (`?lines=N`), oldest first, and its last failure. */
  @Get(':name/logs')
  logs(@Param('name') name: string, @Query('lines') lines?: string): object {
    const supervisor = this.supervisor(name);
    const limit = lines === undefined ? undefined : Math.max(0, Number.parseInt(lines, 10) || 0);
    return { name, lines: supervisor.logs.lines(limit), lastFailure: supervisor.lastFailure() };
  }

  private supervisor(name: string): PluginSupervisor {
    return launchedPlugin(this.loaded, name);
  }
}
