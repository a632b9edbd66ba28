import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Workspace } from '../workspace';
import { WorkspaceFiles } from './workspace-files';

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('WorkspaceFiles.open', () => {
  let root: string;
  let files: WorkspaceFiles;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'qntx-files-'));
    const workspace = new Workspace();
    workspace.setRoot(root);
    files = new WorkspaceFiles(workspace);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('serves a small file as it was when opened: its size and its bytes agree, though it was rewritten since', async () => {
    writeFileSync(join(root, 'growing.txt'), 'first\n');
    const file = await files.open('growing.txt');
    writeFileSync(join(root, 'growing.txt'), 'first\nand a second line written meanwhile\n');
    expect(file.size).toBe(6);
    expect(await readAll(file.stream())).toBe('first\n');
  });

  it('streams nothing for a file that was empty when opened (caught mid-rewrite), though it has content now', async () => {
    writeFileSync(join(root, 'rewritten.ts'), 'old\n');
    truncateSync(join(root, 'rewritten.ts'), 0);
    const file = await files.open('rewritten.ts');
    writeFileSync(join(root, 'rewritten.ts'), 'new content\n');
    expect(file.size).toBe(0);
    expect(await readAll(file.stream())).toBe('');
  });

  it('streams no more of a large file than the size it announced when the file grows meanwhile', async () => {
    const large = 'x'.repeat(100 * 1024);
    writeFileSync(join(root, 'large.txt'), large);
    const file = await files.open('large.txt');
    writeFileSync(join(root, 'large.txt'), `${large}and more`);
    expect(file.size).toBe(large.length);
    expect(await readAll(file.stream())).toBe(large);
  });
});
