import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { get } from 'node:http';
import { BenchArgs } from './bench-args';
import { generateCodeTree } from './code-tree.generator';
import { CodeSearchFigures, CodeSearchRound, ScenarioResult } from './measurement.interface';
import { launchNodeContender } from './node-contender.launcher';
import { ProcessHandle } from './process-handle';
import { CodeSearchScenario } from './scenario.catalog';
import { spread } from './spread';

/** Searches per contender per round; the round's figure is their median (one search is ~0.2–1 s). */
const SEARCHES_PER_ROUND = 5;

interface Timed {
  ms: number;
  lines: number;
}

/**
 * The code-search scenario: on a generated tree (20,000 files, ~200 MiB, a git repository), the
 * same literal found by `git grep -F -n --column` and by the code plugin's search through the
 * host (the plugin as its own process, results streamed as NDJSON), interleaved round by round
 * after one warm-up each (so both read from the page cache). Reports wall time and the ratio.
 */
export async function runCodeSearch(scenario: CodeSearchScenario, args: BenchArgs, log: (line: string) => void): Promise<ScenarioResult> {
  const base = { name: scenario.name, title: scenario.title, measurements: {}, summary: {} };
  log(`${scenario.name}: generating ${scenario.files} files of ~${scenario.meanFileBytes} bytes`);
  const started = Date.now();
  const tree = generateCodeTree(scenario.files, scenario.meanFileBytes, scenario.literal);
  log(`${scenario.name}: tree of ${(tree.bytes / 2 ** 20).toFixed(0)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s (${tree.root})`);
  const processes: ProcessHandle[] = [];
  try {
    const plugin = await launchNodeContender('code-plugin.contender.ts', [], { role: 'code-plugin' });
    processes.push(plugin.handle);
    const host = await launchNodeContender('host-code.contender.ts', ['--plugin-address', plugin.info.address!, '--workspace', tree.root], {
      role: 'host-code',
    });
    processes.push(host.handle);
    const url = `${host.info.url}/api/code/search?q=${encodeURIComponent(scenario.literal)}&limit=10000`;
    const searchers: Record<'gitGrep' | 'plugin', () => Promise<Timed>> = {
      gitGrep: () => gitGrep(tree.root, scenario.literal),
      plugin: () => pluginSearch(url),
    };
    const warm = { gitGrep: await searchers.gitGrep(), plugin: await searchers.plugin() };
    const rounds: CodeSearchRound[] = [];
    for (let round = 1; round <= args.rounds; round++) {
      const order = round % 2 ? (['gitGrep', 'plugin'] as const) : (['plugin', 'gitGrep'] as const);
      const times: Record<string, number[]> = { gitGrep: [], plugin: [] };
      for (let i = 0; i < SEARCHES_PER_ROUND; i++) for (const name of order) times[name].push((await searchers[name]()).ms);
      const gitGrepMs = spread(times.gitGrep)!.median;
      const pluginMs = spread(times.plugin)!.median;
      rounds.push({ round, gitGrepMs, pluginMs, ratio: pluginMs / gitGrepMs });
      log(`round ${round}/${args.rounds}  ${scenario.name}  git grep ${gitGrepMs.toFixed(0)} ms  code plugin via host ${pluginMs.toFixed(0)} ms  ×${(pluginMs / gitGrepMs).toFixed(2)}`);
    }
    const figures: CodeSearchFigures = {
      tree: { files: tree.files, mib: tree.bytes / 2 ** 20, expectedLines: tree.expectedLines },
      matches: { gitGrep: warm.gitGrep.lines, plugin: warm.plugin.lines },
      rounds,
      gitGrepMs: spread(rounds.map((r) => r.gitGrepMs)),
      pluginMs: spread(rounds.map((r) => r.pluginMs)),
      ratio: spread(rounds.map((r) => r.ratio)),
    };
    const agree = warm.gitGrep.lines === tree.expectedLines && warm.plugin.lines === tree.expectedLines;
    const note = agree ? null : `matching lines differ: expected ${tree.expectedLines}, git grep ${warm.gitGrep.lines}, code plugin ${warm.plugin.lines}`;
    return { ...base, status: 'measured', note, codeSearch: figures };
  } catch (error) {
    return { ...base, status: 'skipped', note: `could not run: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await Promise.all(processes.map((handle) => handle.stop()));
    rmSync(tree.root, { recursive: true, force: true });
  }
}

/** `git grep -F -n --column -I`, stdout read and its lines counted: the time to the last byte. */
function gitGrep(root: string, literal: string): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['grep', '-F', '-n', '--column', '-I', '-e', literal], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 || code === 1 ? resolve({ ms: performance.now() - started, lines }) : reject(new Error(`git grep exited ${code}`))));
  });
}

/** GET /api/code/search through the host, the NDJSON read to its end; the last line is the summary. */
function pluginSearch(url: string): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`search answered ${res.statusCode}`));
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      });
      res.once('end', () => resolve({ ms: performance.now() - started, lines: lines - 1 }));
      res.once('error', reject);
    }).once('error', reject);
  });
}
