import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GeneratedTree {
  root: string;
  files: number;
  bytes: number;
  /** Lines that hold the literal: what both searches must find. */
  expectedLines: number;
}

const WORDS = (
  'const let function return import export from class interface type async await if else for while switch case ' +
  'break continue new this super extends implements public private protected static readonly string number ' +
  'boolean void null undefined true false value result error handler request response config logger plugin ' +
  'service module controller provider'
).split(' ');

/**
 * A source-like tree of `files` files averaging `meanBytes`, with `literal` on about one line in
 * two thousand, committed to a fresh git repository (so that `git grep` and the code plugin's
 * `git ls-files` see the same files). Deterministic: the same sizes and text on every run.
 */
export function generateCodeTree(files: number, meanBytes: number, literal: string): GeneratedTree {
  const root = mkdtempSync(join(tmpdir(), 'qntx-bench-code-tree-'));
  let seed = 42;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  let bytes = 0;
  let expectedLines = 0;
  for (let i = 0; i < files; i++) {
    const dir = join(root, `pkg${i % 50}`, 'src', `d${i % 17}`);
    mkdirSync(dir, { recursive: true });
    const size = Math.floor(meanBytes * (0.2 + 1.6 * random()));
    const lines: string[] = [];
    let length = 0;
    while (length < size) {
      let line = '  ';
      const count = 3 + Math.floor(random() * 10);
      for (let k = 0; k < count; k++) line += `${WORDS[Math.floor(random() * WORDS.length)]} `;
      if (random() < 0.0005) {
        line += `${literal} `;
        expectedLines++;
      }
      lines.push(line);
      length += line.length + 1;
    }
    const text = `${lines.join('\n')}\n`;
    writeFileSync(join(dir, `f${i}.ts`), text);
    bytes += text.length;
  }
  const git = (...args: string[]): void =>
    void execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'generated tree');
  return { root, files, bytes, expectedLines };
}
