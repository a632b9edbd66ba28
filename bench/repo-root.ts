import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's root, found by walking up from this file: the bench runs compiled from
 * dist/bench/bench/, and its results and the proto live in the source tree.
 */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'proto', 'domain.proto')) || !existsSync(join(dir, 'bench', 'run.ts'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the repository (proto/domain.proto and bench/run.ts) above ${__dirname}.`);
    dir = parent;
  }
  return dir;
}
