import ignore, { Ignore } from 'ignore';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

interface Level {
  /** The folder the rules belong to, relative to the root ("" for the root). */
  base: string;
  rules: Ignore;
}

/**
 * Every file below `root` that the .gitignore files (the root's and any nested one) do not
 * exclude, as "/"-separated relative paths. Symlinks are not followed (a linked folder could lead
 * outside the workspace); the folders named in `skipped` are not entered at all.
 */
export async function walkHonoringGitignore(root: string, skipped: ReadonlySet<string>): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relative: string, levels: Level[]): Promise<void> => {
    const dir = relative ? join(root, relative) : root;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    const own = entries.some((entry) => entry.name === '.gitignore' && entry.isFile())
      ? await readRules(join(dir, '.gitignore'))
      : null;
    const here = own ? [...levels, { base: relative, rules: own }] : levels;
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (skipped.has(entry.name) || ignored(here, `${path}/`)) continue;
        await walk(path, here);
      } else if (entry.isFile() && !ignored(here, path)) {
        out.push(path);
      }
    }
  };
  await walk('', []);
  return out;
}

async function readRules(file: string): Promise<Ignore | null> {
  const text = await fs.readFile(file, 'utf8').catch(() => null);
  return text === null ? null : ignore().add(text);
}

/**
 * Whether the rules ignore a path: each level's rules are matched relative to its folder, and a
 * deeper .gitignore overrides a shallower one (its "!pattern" can bring a file back), as in git.
 */
function ignored(levels: Level[], path: string): boolean {
  let result = false;
  for (const { base, rules } of levels) {
    const verdict = rules.test(base ? path.slice(base.length + 1) : path);
    if (verdict.ignored) result = true;
    else if (verdict.unignored) result = false;
  }
  return result;
}
