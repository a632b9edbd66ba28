import { PluginAttestations, ServiceRegistry } from '@qntx/domains';
import { isAbsolute, resolve } from 'node:path';
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
import { WorkspaceTree } from './files/workspace-tree';
import { WorkspaceFiles } from './files/workspace-files';
import { matchesEntityTag } from './files/entity-tag';
import { DevModeRequiredError } from './files/dev-mode-required.error';
import { CodeSearch } from './search/code-search';
import { parseSearchQuery } from './search/search-query';
import { ndjson } from './search/ndjson-lines';
import { GitBinary } from './git/git-binary';
import { GitIngest } from './git/git-ingest.service';
import { GitFileHistory } from './git/git-file-history';
import { formatIngestSummary } from './git/ingest-summary';
import { CodeHealth, checkCodeHealth } from './code-health';
import { historyLimit } from './git/history-limit';
import { validSince } from './git/since-date';
import { FILE_HISTORY, LIST_TREE, READ_FILE, SEARCH, WRITE_FILE } from './code-routes.openapi';

/** The default `--actor` of `ix git`: the ingesting tool, not the commits' authors (those are subjects). */
const DEFAULT_INGEST_ACTOR = 'code/ix-git';

/**
 * The reference plugin: a code domain over one workspace folder (its tree, files, text search,
 * git history and watches) that also ingests git histories into the attestation store. The
 * handlers stay thin; each role lives in its own provider.
 */
@Plugin({
  name: 'code',
  version: '0.2.0',
  qntxVersion: '>= 0.1.0, < 1.0.0',
  description: 'Source code of a workspace: tree, files, search, git history; git ingestion into attestations',
  author: 'QNTX plugin platform',
  license: 'MIT',
  commandGroups: { ix: 'Ingest data into the attestation store' },
})
export class CodePlugin {
  private devMode = false;
  private attestations: PluginAttestations | null = null;
  private services: ServiceRegistry | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly watcher: WorkspaceWatcher,
    private readonly tree: WorkspaceTree,
    private readonly files: WorkspaceFiles,
    private readonly search: CodeSearch,
    private readonly git: GitBinary,
    private readonly ingest: GitIngest,
    private readonly history: GitFileHistory,
  ) {}

  @OnPluginInit()
  init({ config, logger, attestations, services }: PluginInitContext): void {
    this.workspace.setRoot(config.getString('workspace_root', process.cwd()));
    this.devMode = config.getBool('dev_mode', false);
    this.git.use(config.getString('git_binary', 'git'));
    this.attestations = attestations;
    this.services = services;
    logger.info('code plugin ready', { workspace: this.workspace.rootPath, devMode: this.devMode });
  }

  @PluginRoute('GET', '', LIST_TREE)
  async listTree(): Promise<object> {
    const { files, truncated, source } = await this.tree.files();
    return { root: this.workspace.rootPath, source, count: files.length, truncated, files };
  }

  /**
   * One file, streamed from disk (any size passes without being held whole), with its content
   * type and an ETag; 304 without reading it when If-None-Match lists that ETag.
   */
  @PluginRoute('GET', 'files/*path', READ_FILE)
  async readFile(request: PluginRequest): Promise<PluginResponse> {
    const file = await this.files.open(request.params.path);
    // Served from the host's origin: never let a workspace .html or .svg run script there.
    const headers = { etag: file.etag, 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; sandbox" };
    if (matchesEntityTag(request.header('if-none-match'), file.etag)) {
      await file.close();
      return new PluginResponse(304, null, headers);
    }
    return PluginResponse.stream(file.stream(), { ...headers, 'content-type': file.contentType, 'content-length': String(file.size) });
  }

  /** Only with `dev_mode = true`; atomic; `If-Match` makes it conditional (412 when the file changed). */
  @PluginRoute('PUT', 'files/*path', WRITE_FILE)
  async writeFile(request: PluginRequest): Promise<PluginResponse> {
    if (!this.devMode) throw new DevModeRequiredError();
    const written = await this.files.write(request.params.path, request.body, request.header('if-match'));
    return PluginResponse.json(written, written.created ? 201 : 200, { etag: written.etag });
  }

  /**
   * NDJSON streamed as results are found: one `{path, line, column, snippet}` per matching line,
   * then `{done, matches, filesSearched, filesSkipped, truncated, elapsedMs}`. Bad parameters are
   * answered (400, or 403 for a glob leaving the workspace) before anything is streamed.
   */
  @PluginRoute('GET', 'search', SEARCH)
  searchText(request: PluginRequest): PluginResponse {
    const query = parseSearchQuery(request.queryParams);
    return PluginResponse.stream(ndjson(this.search.search(query, request.signal)), {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
    });
  }

  @PluginRoute('GET', 'git/log', FILE_HISTORY)
  async fileHistory(request: PluginRequest): Promise<object> {
    const path = request.queryParams.get('path') ?? '';
    const commits = await this.history.log(path, historyLimit(request.queryParams.get('limit')));
    return { path, commits };
  }

  /** `/ws/code/watch`: send a glob, receive the workspace's file changes as JSON (see watch.socket.ts). */
  @PluginSocket('watch')
  watch(socket: PluginSocketConnection): void {
    serveWatchSocket(socket, this.watcher);
  }

  @PluginCommand({
    command: 'ix git <repo-path>',
    description: "Ingest a git repository's history (every ref) as attestations: commits, authors, files touched",
    flags: [
      { name: 'since', type: 'string', description: 'Only commits after this date (ISO 8601, or "2 weeks ago")' },
      { name: 'dry-run', type: 'bool', description: 'Count what would be written, write nothing' },
      { name: 'actor', type: 'string', description: `Who the attestations are from (default "${DEFAULT_INGEST_ACTOR}")` },
    ],
  })
  async ingestGit(ctx: CommandContext): Promise<number> {
    const [given] = ctx.args;
    if (!given) {
      ctx.stderr('Give the repository: qntx code ix git <repo-path>.\n');
      return 2;
    }
    // A relative path is taken from the workspace: the plugin does not know the CLI's folder.
    const repoPath = isAbsolute(given) ? given : resolve(this.workspace.rootPath, given);
    const summary = await this.ingest.ingest(
      {
        repoPath,
        since: validSince(ctx.flags.since as string | undefined),
        dryRun: ctx.flags['dry-run'] === true,
        actor: (ctx.flags.actor as string | undefined) || DEFAULT_INGEST_ACTOR,
        progress: (line) => ctx.stderr(`${line}\n`),
        signal: ctx.signal,
      },
      this.requireAttestations(),
    );
    ctx.stdout(formatIngestSummary(summary));
    return 0;
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
    const { files } = await this.tree.files();
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
    const { files } = await this.tree.files();
    const bytes = files.reduce((sum, file) => sum + file.size, 0);
    ctx.stdout(`${files.length} files, ${bytes} bytes in ${this.workspace.rootPath}\n`);
  }

  /** Workspace, git binary, host-services channel and store, each with its own detail. */
  @PluginHealthCheck()
  health(): Promise<CodeHealth> {
    return checkCodeHealth({
      workspace: this.workspace,
      watcher: this.watcher,
      git: this.git,
      services: this.services,
      attestations: this.attestations,
    });
  }

  private requireAttestations(): PluginAttestations {
    if (!this.attestations) throw new Error('The code plugin has not been initialized by a host yet.');
    return this.attestations;
  }
}
