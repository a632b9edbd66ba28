import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders under src/ with one file each: the watch sockets' globs and the toucher's targets. */
export const WATCHED_FOLDERS = 20;

/** The soak's HTTP mix, cycled in this order: file GETs (read whole and streamed), the tree route, 404s. */
export const SOAK_PATHS = [
  '/api/code/files/static/small.txt',
  '/api/code',
  '/api/code/files/static/medium.json',
  '/api/code/files/static/large.bin',
  '/api/code/files/missing/nothing-here.txt',
  '/api/code/files/src/m3/index.ts',
  '/api/code/files/static/small.txt',
  '/api/nope',
];

/** What a path of the mix should answer when the plugin is up. */
export const expectedStatus = (path: string): number => (path.includes('missing') || path === '/api/nope' ? 404 : 200);

/**
 * Fills the bench home's workspace (a git repository, so the tree route lists with `git ls-files`):
 * a 1 KiB, a 16 KiB and a 192 KiB file (past the 64 KiB the host reads whole, so it is streamed),
 * and src/m0..m19/index.ts.
 */
export function fillSoakWorkspace(workspace: string): void {
  mkdirSync(join(workspace, 'static'));
  writeFileSync(join(workspace, 'static', 'small.txt'), 'soak\n'.repeat(205));
  writeFileSync(join(workspace, 'static', 'medium.json'), JSON.stringify({ rows: Array.from({ length: 700 }, (_, i) => ({ i, name: `row-${i}` })) }));
  writeFileSync(join(workspace, 'static', 'large.bin'), Buffer.alloc(192 * 1024, 0x61));
  for (let folder = 0; folder < WATCHED_FOLDERS; folder++) {
    mkdirSync(join(workspace, 'src', `m${folder}`), { recursive: true });
    writeFileSync(join(workspace, 'src', `m${folder}`, 'index.ts'), `export const m = ${folder};\n`);
  }
  execFileSync('git', ['init', '-q'], { cwd: workspace });
}

/**
 * Changes the workspace every `everyMs`, so watch sockets get events: mostly a file's content,
 * and every tenth time a file created or deleted (which makes the tree route list again).
 */
export function touchWorkspace(workspace: string, everyMs = 200): { stop(): void } {
  let tick = 0;
  const timer = setInterval(() => {
    const folder = tick % WATCHED_FOLDERS;
    try {
      if (tick % 10 === 0) {
        const extra = join(workspace, 'src', `m${(tick / 10) % WATCHED_FOLDERS}`, 'extra.ts');
        if (existsSync(extra)) rmSync(extra);
        else writeFileSync(extra, 'export {};\n');
      } else {
        writeFileSync(join(workspace, 'src', `m${folder}`, 'index.ts'), `export const m = ${folder}; // ${tick}\n`);
      }
    } catch {
      // The workspace is being removed at the end: nothing to change any more.
    }
    tick++;
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}
