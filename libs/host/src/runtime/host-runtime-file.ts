import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '@qntx/domains';
import { HOST_OPTIONS, HOST_VERSION, LOADED_PLUGINS } from '../host.constants';
import { HostOptions } from '../host-options.interface';
import { LoadedPlugin } from '../plugins/loaded-plugin.interface';
import { LivePlugins } from '../plugins/live-plugins';
import { PluginSupervisor } from '../supervisor/plugin-supervisor';
import { supervisorsOf } from '../plugins/plugin-loader';

/** `$QNTX_HOME/run/host.json`: how other tools (the CLI) find this host and reuse its plugins. */
export interface HostRuntimeInfo {
  pid: number;
  hostVersion: string;
  url: string;
  startedAt: string;
  plugins: {
    name: string;
    kind: 'built-in' | 'external';
    address: string | null;
    token: string | null;
    pid: number | null;
  }[];
}

/**
 * Writes the runtime file once the host listens, rewrites it when a launched plugin comes back
 * with a new pid, address and token, when a plugin is installed or removed and when a new
 * generation takes over (so the CLI's commands reach the generation that serves now), and
 * removes it when the host stops. It holds plugin
 * tokens, so the folder is 0700 and the file 0600, written whole (temp file + rename) so a
 * reader never sees half of it.
 */
@Injectable()
export class HostRuntimeFile implements OnApplicationShutdown {
  private readonly log = new Logger('HostRuntimeFile');
  private readonly dir: string;
  private readonly file: string;
  private readonly startedAt = new Date().toISOString();
  private url: string | null = null;
  private readonly watched = new WeakSet<PluginSupervisor>();

  constructor(
    @Inject(HOST_OPTIONS) options: HostOptions,
    @Inject(LOADED_PLUGINS) private readonly loaded: LoadedPlugin[],
    private readonly live: LivePlugins,
  ) {
    this.dir = join(options.home, 'run');
    this.file = join(this.dir, 'host.json');
  }

  get path(): string {
    return this.file;
  }

  /** Called by main once the HTTP server listens at `url`. */
  publish(url: string): void {
    this.url = url;
    this.watchSupervisors();
    this.write();
    this.live.onChange(() => {
      this.watchSupervisors();
      this.write();
    });
    // Also on an exit that skips Nest's shutdown hooks (process.exit after a fatal error).
    process.once('exit', () => this.remove());
  }

  onApplicationShutdown(): void {
    this.remove();
  }

  snapshot(): HostRuntimeInfo {
    return {
      pid: process.pid,
      hostVersion: HOST_VERSION,
      url: this.url ?? '',
      startedAt: this.startedAt,
      plugins: this.loaded.map((loaded) => ({ name: loaded.plugin.metadata().name, kind: loaded.kind, ...runtimeOf(loaded) })),
    };
  }

  private watchSupervisors(): void {
    for (const supervisor of this.loaded.flatMap(supervisorsOf)) {
      if (this.watched.has(supervisor)) continue;
      this.watched.add(supervisor);
      supervisor.onChange(() => this.write());
    }
  }

  private write(): void {
    if (this.url === null) return;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      chmodSync(this.dir, 0o700);
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(this.snapshot(), null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, this.file);
    } catch (error) {
      this.log.warn(`Cannot write ${this.file}: ${messageOf(error)}`);
    }
  }

  /** Removes the file if it is still this host's (another host may have replaced it). */
  private remove(): void {
    if (this.url === null) return;
    this.url = null;
    try {
      const current = JSON.parse(readFileSync(this.file, 'utf8')) as { pid?: number };
      if (current.pid === process.pid) unlinkSync(this.file);
    } catch {
      // already gone, or not ours to remove
    }
    try {
      rmdirSync(this.dir); // only when empty: a host that ran leaves no empty run/ behind
    } catch {
      // not empty (another host's file), or already gone
    }
  }
}

/**
 * Where the CLI reaches a plugin: the process that serves it (with replicas, the first one
 * serving), or its address when the host did not launch it.
 */
function runtimeOf(loaded: LoadedPlugin): Pick<HostRuntimeInfo['plugins'][number], 'pid' | 'address' | 'token'> {
  const supervisors = supervisorsOf(loaded);
  if (loaded.replicas && supervisors.length === 0) {
    return { pid: null, address: loaded.replicas.describe().find((replica) => replica.up)?.address ?? null, token: null };
  }
  if (supervisors.length === 0) return { pid: null, address: loaded.address ?? null, token: null };
  const serving = supervisors.find((supervisor) => supervisor.serving() !== null) ?? supervisors[0];
  return serving.runtime();
}
