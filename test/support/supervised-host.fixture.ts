import { Logger } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOADED_PLUGINS } from '../../libs/host/src/host.constants';
import { LoadedPlugin } from '../../libs/host/src/plugins/loaded-plugin.interface';
import { PluginState } from '../../libs/host/src/supervisor/plugin-runtime-status';
import { PluginSupervisor } from '../../libs/host/src/supervisor/plugin-supervisor';
import { startTestHost, TestHost } from './host.fixture';

/** A temporary $QNTX_HOME with a plugins/ folder and a workspace for the code plugin. */
export function makeHome(): { home: string; workspace: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), 'qntx-sup-'));
  mkdirSync(join(home, 'plugins'));
  const workspace = join(home, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'hello.txt'), 'hello\n');
  writeFileSync(join(home, 'am.code.toml'), `workspace_root = "${workspace}"\n`);
  return { home, workspace, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** Short supervision intervals for tests, as am.plugins.toml lines. */
export const FAST_SUPERVISION = [
  'start_timeout_ms = 8000',
  'health_interval_ms = 200',
  'health_timeout_ms = 500',
  'unhealthy_threshold = 2',
  'restart_backoff_ms = 50',
  'restart_backoff_max_ms = 200',
  'shutdown_grace_ms = 1000',
].join('\n');

/** A host (Nest testing module) that reads `$QNTX_HOME/am.plugins.toml` written from `toml`. */
export async function startHostWithConfig(home: string, toml: string): Promise<TestHost> {
  writeFileSync(join(home, 'am.plugins.toml'), toml);
  Logger.overrideLogger(false); // the plugins launch before the testing module silences Nest
  return startTestHost({ home, plugins: undefined });
}

export function supervisorOf(host: TestHost, name: string): PluginSupervisor {
  const loaded = host.app.get<LoadedPlugin[]>(LOADED_PLUGINS);
  const supervisor = loaded.find(({ plugin }) => plugin.metadata().name === name)?.supervisor;
  if (!supervisor) throw new Error(`plugin "${name}" is not supervised`);
  return supervisor;
}

/** Resolves when the supervisor reaches one of `states` (at once if it is there already). */
export function waitForState(supervisor: PluginSupervisor, states: PluginState[], timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (!states.includes(supervisor.status().state)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve();
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`"${supervisor.name}" did not reach ${states.join('/')}: ${JSON.stringify(supervisor.status())}`));
    }, timeoutMs);
    const unsubscribe = supervisor.onChange(() => void check());
    check();
  });
}
