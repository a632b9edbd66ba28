import { extname } from 'node:path';
import {
  CommandContext,
  OnPluginInit,
  Plugin,
  PluginCommand,
  PluginHealthCheck,
  PluginInitContext,
  PluginRequest,
  PluginResponse,
  PluginRoute,
  PluginSocket,
  PluginSocketConnection,
} from '@qntx/plugin-grpc';
import { Workspace } from './workspace';
import { WorkspaceWatcher } from './workspace-watcher';
import { serveWatchSocket } from './watch.socket';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
};

/** The reference plugin: a code domain over one workspace folder. */
@Plugin({
  name: 'code',
  version: '0.1.0',
  qntxVersion: '>= 0.1.0, < 1.0.0',
  description: 'Source code of a workspace: its file tree, its files',
  author: 'QNTX plugin platform',
  license: 'MIT',
})
export class CodePlugin {
  constructor(
    private readonly workspace: Workspace,
    private readonly watcher: WorkspaceWatcher,
  ) {}

  @OnPluginInit()
  init({ config, logger }: PluginInitContext): void {
    this.workspace.setRoot(config.getString('workspace_root', process.cwd()));
    logger.info('code plugin ready', { workspace: this.workspace.rootPath });
  }

  @PluginRoute('GET')
  async tree(): Promise<object> {
    const { files, truncated } = await this.workspace.tree();
    return { root: this.workspace.rootPath, count: files.length, truncated, files };
  }

  /** One file, streamed from disk: any size passes without being held whole in memory. */
  @PluginRoute('GET', 'files/*path')
  async file(request: PluginRequest): Promise<PluginResponse> {
    const path = request.params.path;
    const { stream, size } = await this.workspace.openFile(path);
    const type = CONTENT_TYPES[extname(path)] ?? 'text/plain; charset=utf-8';
    return PluginResponse.stream(stream, { 'content-type': type, 'content-length': String(size) });
  }

  /** `/ws/code/watch`: send a glob, receive the workspace's file changes as JSON (see watch.socket.ts). */
  @PluginSocket('watch')
  watch(socket: PluginSocketConnection): void {
    serveWatchSocket(socket, this.watcher);
  }

  @PluginCommand({
    command: 'ls [prefix]',
    description: 'List the workspace files, optionally under a path prefix',
    flags: [
      { name: 'limit', short: 'n', type: 'int', description: 'List at most this many files', default: 1000 },
      { name: 'sizes', short: 's', type: 'bool', description: 'Show file sizes in bytes' },
    ],
  })
  async list(ctx: CommandContext): Promise<number> {
    const prefix = ctx.args[0] ?? '';
    const { files } = await this.workspace.tree();
    const matching = files.filter((file) => file.path.startsWith(prefix)).slice(0, ctx.flags.limit as number);
    for (const file of matching) ctx.stdout(ctx.flags.sizes ? `${file.size}\t${file.path}\n` : `${file.path}\n`);
    if (matching.length === 0) {
      ctx.stderr(`No files under "${prefix}".\n`);
      return 1;
    }
    return 0;
  }

  @PluginCommand({ command: 'stats', description: 'Count the workspace files and bytes' })
  async stats(ctx: CommandContext): Promise<void> {
    const { files } = await this.workspace.tree();
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    ctx.stdout(`${files.length} files, ${bytes} bytes in ${this.workspace.rootPath}\n`);
  }

  @PluginHealthCheck()
  async health(): Promise<{ healthy: boolean; message: string; details: Record<string, string> }> {
    const { ok, detail } = await this.workspace.readable();
    return {
      healthy: ok,
      message: ok ? 'workspace readable' : 'workspace not readable',
      details: { workspace: detail, watches: String(this.watcher.active) },
    };
  }
}
