import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningPlugin } from '@qntx/plugin-grpc';
import { codePluginHostOptions } from '../support/code-host.fixture';
import { ListeningHost, startListeningHost } from '../support/listening-host.fixture';
import { open } from '../support/http-client';

/** 3000 files of 16 KiB, one match in every tenth: enough work for the search to take many slices. */
function makeTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'qntx-search-tree-'));
  const filler = 'const value = compute(input, options); // ordinary line of code\n'.repeat(256);
  for (let i = 0; i < 3000; i++) {
    const dir = join(root, `pkg${i % 30}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.ts`), i % 10 === 0 ? `${filler}export const marker${i} = 'findme';\n${filler}` : filler);
  }
  return root;
}

/** Search results travel as the search finds them (HandleHTTPStream), not after it ends. */
describe.each(['external', 'built-in'] as const)('streamed code search (%s)', (kind) => {
  let tree: string;
  let plugin: RunningPlugin | null = null;
  let host: ListeningHost;

  beforeAll(async () => {
    tree = makeTree();
    const setup = await codePluginHostOptions(kind, { workspace_root: tree }, 30_000);
    plugin = setup.plugin;
    host = await startListeningHost(setup.options);
  });

  afterAll(async () => {
    await host.close();
    await plugin?.close();
    rmSync(tree, { recursive: true, force: true });
  });

  it('sends the first results before the summary, in several chunks', async () => {
    const res = await open(`${host.url}/api/code/search?q=findme&limit=10000`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const chunks: string[] = [];
    for await (const chunk of res) chunks.push((chunk as Buffer).toString('utf8'));
    const lines = chunks.join('').trim().split('\n').map((line) => JSON.parse(line));
    const summary = lines.pop();
    expect(summary).toMatchObject({ done: true, matches: 300, filesSearched: 3000, truncated: false });
    expect(lines).toHaveLength(300);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]).toContain('"snippet"');
    expect(chunks[0]).not.toContain('"done":true');
  });
});
