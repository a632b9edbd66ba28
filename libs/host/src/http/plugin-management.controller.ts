import { All, Controller, Get, Header, HttpCode, HttpException, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
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

  /**
   * Any other method on these paths: 405 naming the one they take. Without these routes the
   * request falls through to the plugin routes and answers as if "plugins" were a plugin.
   */
  @All(':name/restart')
  @Header('Allow', 'POST')
  restartOtherwise(@Param('name') name: string): never {
    throw methodNotAllowed(name, 'restart', 'POST');
  }

  @All(':name/logs')
  @Header('Allow', 'GET, HEAD')
  logsOtherwise(@Param('name') name: string): never {
    throw methodNotAllowed(name, 'logs', 'GET');
  }

  private supervisor(name: string): PluginSupervisor {
    return launchedPlugin(this.loaded, name);
  }
}

function methodNotAllowed(name: string, action: string, method: string): HttpException {
  const message = `/api/plugins/${name}/${action} takes ${method} only.`;
  return new HttpException({ error: 'Method Not Allowed', plugin: name, message }, 405);
}
