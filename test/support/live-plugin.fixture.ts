import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, REPO_ROOT } from './process.helpers';

export interface LivePluginOptions {
  name: string;
  version: string;
  /** Its Initialize throws. */
  failInitialize?: boolean;
  /** It exits this long after Initialize. */
  crashAfterMs?: number;
}

const SOURCE = join(FIXTURES, 'live-plugin.ts');
/** test/fixtures/live-plugin.ts packaged as one file, as an author packages a plugin: it starts in about a second. */
export const LIVE_PLUGIN_BUNDLE = join(REPO_ROOT, 'dist', 'test-fixtures', 'qntx-live');

/** Packages the fixture with the SDK's package-plugin script, unless the file is newer than its source. */
export function ensureLivePluginBundle(): void {
  if (existsSync(LIVE_PLUGIN_BUNDLE) && statSync(LIVE_PLUGIN_BUNDLE).mtimeMs > statSync(SOURCE).mtimeMs) return;
  const packager = join(REPO_ROOT, 'libs', 'plugin-grpc', 'packaging', 'package-plugin.js');
  execFileSync(process.execPath, [packager, 'test/fixtures/live-plugin.ts', '--out', LIVE_PLUGIN_BUNDLE], { cwd: REPO_ROOT, stdio: 'pipe' });
}

/**
 * A plugin file that runs the packaged fixture as the given name and version (with the given
 * misbehaviour): what `qntx plugin install` and `upgrade` take, and what an entry's `binary` names.
 */
export function writeLivePlugin(path: string, options: LivePluginOptions): string {
  const env: Record<string, string> = { LIVE_PLUGIN_NAME: options.name, LIVE_PLUGIN_VERSION: options.version };
  if (options.failInitialize) env.LIVE_FAIL_INITIALIZE = '1';
  if (options.crashAfterMs !== undefined) env.LIVE_CRASH_AFTER_MS = String(options.crashAfterMs);
  const lines = [
    '#!/usr/bin/env node',
    ...Object.entries(env).map(([key, value]) => `process.env.${key} = ${JSON.stringify(value)};`),
    `require(${JSON.stringify(LIVE_PLUGIN_BUNDLE)});`,
  ];
  writeFileSync(path, `${lines.join('\n')}\n`);
  chmodSync(path, 0o755);
  return path;
}
