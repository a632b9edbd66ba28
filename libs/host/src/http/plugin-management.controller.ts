import { All, Controller, Get, Header, HttpCode, HttpException, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { messageOf } from '@qntx/domains';
import { LOADED_PLUGINS } from '../host.constants';
import { ConfigFileError } from '../config/config-file.error';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { LivePlugins, PluginChangeReport, ReloadReport } from '../plugins/live-plugins';
import { PluginNotConfiguredError } from '../plugins/plugin-not-configured.error';
import { ReloadUnavailableError } from '../plugins/reload-unavailable.error';
import { PluginSupervisor } from '../supervisor/plugin-supervisor';
import { ManagementAccessGuard } from '../access/management-access.guard';
import { launchedPlugin } from './launched-plugin.lookup';

/**
 * Plugin management, for loopback clients or the admin token: `POST /api/plugins/reload` (apply
 * am.plugins.toml and each am.<name>.toml as they are now), `POST /api/plugins/<name>/reload`
 * (that plugin alone: installed, removed or upgraded as its entry says), `POST
 * /api/plugins/<name>/upgrade` (a new generation even if nothing changed), and, for launched
 * plugins, `POST /api/plugins/<name>/restart` and `GET /api/plugins/<name>/logs`. Changes answer
 * once they are settled: an upgrade after its probation, a removal once the plugin stopped.
 */
@Controller('api/plugins')
@UseGuards(ManagementAccessGuard)
export class PluginManagementController {
  constructor(
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    private readonly live: LivePlugins,
  ) {}

  @Post('reload')
  @HttpCode(200)
  reloadAll(): Promise<ReloadReport> {
    return changing('*', () => this.live.reload());
  }

  @Post(':name/reload')
  @HttpCode(200)
  reloadOne(@Param('name') name: string): Promise<ReloadReport> {
    return changing(name, () => this.live.reload(name));
  }

  @Post(':name/upgrade')
  @HttpCode(200)
  upgrade(@Param('name') name: string): Promise<PluginChangeReport> {
    return changing(name, () => this.live.upgrade(name));
  }

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
  @All('reload')
  @Header('Allow', 'POST')
  reloadAllOtherwise(): never {
    throw methodNotAllowed('reload', 'POST');
  }

  @All(':name/reload')
  @Header('Allow', 'POST')
  reloadOtherwise(@Param('name') name: string): never {
    throw methodNotAllowed(`${name}/reload`, 'POST', name);
  }

  @All(':name/upgrade')
  @Header('Allow', 'POST')
  upgradeOtherwise(@Param('name') name: string): never {
    throw methodNotAllowed(`${name}/upgrade`, 'POST', name);
  }

  @All(':name/restart')
  @Header('Allow', 'POST')
  restartOtherwise(@Param('name') name: string): never {
    throw methodNotAllowed(`${name}/restart`, 'POST', name);
  }

  @All(':name/logs')
  @Header('Allow', 'GET, HEAD')
  logsOtherwise(@Param('name') name: string): never {
    throw methodNotAllowed(`${name}/logs`, 'GET', name);
  }

  private supervisor(name: string): PluginSupervisor {
    return launchedPlugin(this.loaded, name);
  }
}

/** A change, with the refusals it can meet as HTTP answers: 400 a file that does not load, 404/409 nothing to change. */
async function changing<T>(plugin: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof ConfigFileError) throw new HttpException({ error: 'Bad Request', plugin, message: messageOf(error) }, 400);
    if (error instanceof PluginNotConfiguredError) throw new HttpException({ error: 'Not Found', plugin, message: messageOf(error) }, 404);
    if (error instanceof ReloadUnavailableError) throw new HttpException({ error: 'Conflict', plugin, message: messageOf(error) }, 409);
    throw error;
  }
}

function methodNotAllowed(path: string, method: string, plugin = ''): HttpException {
  const message = `/api/plugins/${path} takes ${method} only.`;
  return new HttpException({ error: 'Method Not Allowed', plugin, message }, 405);
}
