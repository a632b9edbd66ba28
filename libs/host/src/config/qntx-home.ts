import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The config directory: `$QNTX_HOME`, defaulting to `~/.qntx`. */
export function qntxHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.QNTX_HOME ? resolve(env.QNTX_HOME) : join(homedir(), '.qntx');
}
