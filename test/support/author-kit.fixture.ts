import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, REPO_ROOT } from './process.helpers';

/** The hello example packaged as one file by its own `package` script. */
export const HELLO_BUNDLE = join(REPO_ROOT, 'examples', 'hello-plugin', 'dist', 'qntx-hello');

/** Runs `npm run package:hello`, as an author would. */
export function packageHello(): void {
  execFileSync('npm', ['run', 'package:hello'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

/**
 * A plugin file that starts the TypeScript fixture plugin under ts-node with the given metadata.
 * Paths inside are absolute, so that the file still runs once copied alone into plugins/.
 */
export function writeFixturePlugin(path: string, metadata: { name: string; qntxVersion?: string }): string {
  const modules = join(REPO_ROOT, 'node_modules');
  const lines = [
    '#!/usr/bin/env node',
    `process.env.FIXTURE_PLUGIN_NAME = ${JSON.stringify(metadata.name)};`,
    metadata.qntxVersion === undefined ? '' : `process.env.FIXTURE_QNTX_VERSION = ${JSON.stringify(metadata.qntxVersion)};`,
    `process.env.TS_NODE_PROJECT = ${JSON.stringify(join(REPO_ROOT, 'tsconfig.json'))};`,
    `require(${JSON.stringify(join(modules, 'ts-node', 'register', 'transpile-only'))});`,
    `require(${JSON.stringify(join(modules, 'tsconfig-paths', 'register'))});`,
    `require(${JSON.stringify(join(FIXTURES, 'install-fixture.plugin.ts'))});`,
  ];
  writeFileSync(path, `${lines.filter(Boolean).join('\n')}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** A plugin file that fails at start with a message on stderr, as a misconfigured plugin does. */
export function writeCrashingPlugin(path: string): string {
  writeFileSync(path, "#!/usr/bin/env node\nprocess.stderr.write('boom: MYPLUGIN_API_KEY is not set\\n');\nprocess.exit(3);\n");
  chmodSync(path, 0o755);
  return path;
}

/** Every file in a folder with a hash of its bytes: to assert that a refused command changed nothing. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = createHash('sha256').update(readFileSync(join(dir, rel))).digest('hex').slice(0, 16);
    }
  };
  walk('');
  return out;
}
