import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile the summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  /** Sampled ms inside the window (idle included). */
  totalMs: number;
  busyMs: number;
  functions: SelfTime[];
  layers: SelfTime[];
}

/**
 * Self time per function and per layer (a package, a node core module, our libs, GC), from the
 * samples that fall inside [fromUs, toUs] of the monotonic clock (the load window), or all of
 * them when the window is not given.
 */
export function summarizeCpuProfile(file: string, windowUs?: { fromUs: number; toUs: number }, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, SelfTime>();
  const byLayer = new Map<string, SelfTime>();
  let total = 0;
  let idle = 0;
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    // A sample stands for the time until the next one.
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    if (windowUs && (time < windowUs.fromUs || time > windowUs.toUs)) continue;
    const frame = frames.get(profile.samples[i]);
    if (!frame) continue;
    const ms = next / 1000;
    total += ms;
    if (frame.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    add(byFunction, `${name} ${where}`, name, where, ms);
    const layer = layerOf(frame.url, frame.functionName);
    add(byLayer, layer, layer, '', ms);
  }
  const busy = total - idle;
  const ranked = (map: Map<string, SelfTime>) =>
    [...map.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((entry) => ({ ...entry, share: busy > 0 ? entry.ms / busy : 0 }));
  return { totalMs: total, busyMs: busy, functions: ranked(byFunction), layers: ranked(byLayer) };
}

function add(map: Map<string, SelfTime>, key: string, name: string, where: string, ms: number): void {
  const entry = map.get(key);
  if (entry) entry.ms += ms;
  else map.set(key, { name, where, ms, share: 0 });
}

/** Which part of the stack a frame belongs to. */
export function layerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).replace(/^internal\//, '').split('/')[0]}`;
  const project = /\/(libs\/[^/]+|apps\/[^/]+|bench)\//.exec(url.replace(/^.*\/dist\/bench\//, '/'));
  return project ? project[1] : url;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const project = /\/((libs|apps|bench)\/.*)$/.exec(url.replace(/^.*\/dist\/bench\//, '/'));
  return project ? project[1] : url.replace(/^file:\/\//, '');
}

export function renderProfileSummary(title: string, summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  const lines = [
    `### ${title}`,
    '',
    `${(summary.busyMs / 1000).toFixed(2)} s busy of ${(summary.totalMs / 1000).toFixed(2)} s sampled during the load window.`,
    '',
    'Self time by layer:',
    '',
    '| layer | self ms | share of busy |',
    '|---|--:|--:|',
    ...summary.layers.map((l) => `| ${l.name} | ${l.ms.toFixed(0)} | ${pct(l.share)} |`),
    '',
    'Top functions by self time:',
    '',
    '| function | where | self ms | share of busy |',
    '|---|---|--:|--:|',
    ...summary.functions.map((f) => `| ${f.name} | ${f.where} | ${f.ms.toFixed(0)} | ${pct(f.share)} |`),
    '',
  ];
  return lines.join('\n');
}
