import { Comparison, fmt } from './comparisons';
import { ScenarioResult } from './measurement.interface';
import { SCENARIOS } from './scenario.catalog';

export interface TargetResult {
  id: string;
  description: string;
  status: 'met' | 'not met' | 'not measured' | 'not measurable yet';
  /** The median ratio (or figure) it was judged on. */
  value: number | null;
  figure: string;
}

interface RatioTarget {
  id: string;
  description: string;
  comparison: string;
  scenario: string;
  metric: Comparison['metric'];
  atLeast?: number;
  atMost?: number;
}

/** The targets that the current code can be measured against (ratios of medians of per-round ratios). */
const RATIO_TARGETS: RatioTarget[] = [
  { id: 'external-vs-http-proxy', description: 'external req/s at c=64 ≥ 1.0× http-proxy', comparison: 'external vs http-proxy', scenario: 'get-c64', metric: 'req/s', atLeast: 1.0 },
  { id: 'external-vs-nginx', description: 'external req/s at c=64 ≥ 0.8× nginx (worker_processes 1)', comparison: 'external vs nginx', scenario: 'get-c64', metric: 'req/s', atLeast: 0.8 },
  { id: 'external-vs-minimal', description: 'external req/s at c=64 ≥ 0.9× minimal pipeline', comparison: 'external vs minimal', scenario: 'get-c64', metric: 'req/s', atLeast: 0.9 },
  { id: 'added-p50-c1', description: 'added p50 at c=1 ≤ 1.1× the minimal pipeline’s', comparison: 'external vs minimal', scenario: 'get-c1', metric: 'added p50', atMost: 1.1 },
  { id: 'builtin-vs-plain', description: 'built-in req/s at c=64 ≥ 0.9× plain app', comparison: 'builtin vs plain', scenario: 'get-c64', metric: 'req/s', atLeast: 0.9 },
  { id: 'guarded-external-vs-http-proxy', description: 'with a global guard and interceptor on both sides: external req/s at c=64 ≥ 1.0× http-proxy', comparison: 'guarded-external vs guarded-http-proxy', scenario: 'get-c64-guarded', metric: 'req/s', atLeast: 1.0 },
  { id: 'guarded-external-vs-nginx', description: 'with a global guard and interceptor on both sides: external req/s at c=64 ≥ 0.8× nginx (worker_processes 1)', comparison: 'guarded-external vs guarded-nginx', scenario: 'get-c64-guarded', metric: 'req/s', atLeast: 0.8 },
  { id: 'guarded-builtin-vs-plain', description: 'with a global guard and interceptor on both sides: built-in req/s at c=64 ≥ 0.9× plain app', comparison: 'guarded-builtin vs guarded-plain', scenario: 'get-c64-guarded', metric: 'req/s', atLeast: 0.9 },
  { id: 'fastify-guarded-external-vs-http-proxy', description: 'the same on Fastify: external req/s at c=64 ≥ 1.0× http-proxy', comparison: 'fastify-guarded-external vs fastify-guarded-http-proxy', scenario: 'get-c64-guarded-fastify', metric: 'req/s', atLeast: 1.0 },
  { id: 'fastify-guarded-external-vs-nginx', description: 'the same on Fastify: external req/s at c=64 ≥ 0.8× nginx (worker_processes 1)', comparison: 'fastify-guarded-external vs fastify-guarded-nginx', scenario: 'get-c64-guarded-fastify', metric: 'req/s', atLeast: 0.8 },
  { id: 'fastify-guarded-builtin-vs-plain', description: 'the same on Fastify: built-in req/s at c=64 ≥ 0.9× plain app', comparison: 'fastify-guarded-builtin vs fastify-guarded-plain', scenario: 'get-c64-guarded-fastify', metric: 'req/s', atLeast: 0.9 },
  { id: 'code-search-vs-git-grep', description: 'literal code search through the host ≤ 3× `git grep` (20,000 files, ~200 MiB)', comparison: 'code plugin vs git grep', scenario: 'code-search', metric: 'search time', atMost: 3 },
];

/** The targets whose scenarios other branches bring. */
const PENDING_TARGETS: { id: string; description: string; waitsFor: string }[] = [
];

export function judgeTargets(comparisons: Comparison[], results: ScenarioResult[] = []): TargetResult[] {
  const judged = RATIO_TARGETS.map((target): TargetResult => {
    const found = comparisons.find(
      (c) => c.name === target.comparison && c.scenario === target.scenario && c.metric === target.metric,
    );
    const value = found?.ratio?.median ?? null;
    if (value === null || !Number.isFinite(value)) {
      return { id: target.id, description: target.description, status: 'not measured', value: null, figure: `needs ${target.scenario} with ${target.comparison}` };
    }
    const met = target.atLeast !== undefined ? value >= target.atLeast : value <= target.atMost!;
    const range = found!.ratio!;
    return {
      id: target.id,
      description: target.description,
      status: met ? 'met' : 'not met',
      value,
      figure: `${fmt(value, 2)}× (rounds ${fmt(range.min, 2)}–${fmt(range.max, 2)}); ${found!.detail}`,
    };
  });
  const pending = PENDING_TARGETS.map(
    (target): TargetResult => ({ id: target.id, description: target.description, status: 'not measurable yet', value: null, figure: `scenario ${target.waitsFor} is not available yet` }),
  );
  return [...judged, ...pending, ...judgeTimed(results), judgeTransfer(results), judgeWebSocket(results)];
}

/** The stopwatch targets: the median sample against the limit, with min–max and the baseline. */
function judgeTimed(results: ScenarioResult[]): TargetResult[] {
  return SCENARIOS.flatMap((scenario): TargetResult[] => {
    if (scenario.kind !== 'timed') return [];
    const { id, description, atMostMs } = scenario.target;
    const result = results.find((r) => r.name === scenario.name);
    const ms = result?.timing?.ms;
    if (!result || !ms) {
      return [{ id, description, status: 'not measured' as const, value: null, figure: result?.note ?? `run the ${scenario.name} scenario` }];
    }
    const baseline = result.timing!.baselineMs;
    const figure =
      `median ${fmt(ms.median, 0)} ms (min ${fmt(ms.min, 0)}, max ${fmt(ms.max, 0)}; ${result.timing!.samplesMs.length} samples)` +
      (baseline ? `; ${result.timing!.baselineLabel} ${fmt(baseline.median, 0)} ms` : '');
    return [{ id, description, status: ms.median <= atMostMs ? ('met' as const) : ('not met' as const), value: ms.median, figure }];
  });
}

/** 1 GiB up and down through the external plugin: both at ≥ 200 MiB/s with < 100 MiB host RSS growth. */
function judgeTransfer(results: ScenarioResult[]): TargetResult {
  const id = 'stream-throughput';
  const description = '1 GiB through the host (external plugin) at ≥ 200 MiB/s with < 100 MiB host RSS growth';
  const parts = ['stream-upload-1g', 'stream-download-1g'].map((name) => ({ name, external: results.find((r) => r.name === name)?.transfer?.external }));
  if (parts.some((p) => !p.external?.mibPerSec || !p.external.rssGrowthMiB)) {
    return { id, description, status: 'not measured', value: null, figure: 'run stream-upload-1g and stream-download-1g with the external contender' };
  }
  const met = parts.every((p) => p.external!.mibPerSec!.median >= 200 && p.external!.rssGrowthMiB!.max < 100);
  const figure = parts
    .map((p) => `${p.name.replace('stream-', '').replace('-1g', '')} ${fmt(p.external!.mibPerSec!.median, 0)} MiB/s, RSS +${fmt(p.external!.rssGrowthMiB!.max, 0)} MiB`)
    .join('; ');
  return { id, description, status: met ? 'met' : 'not met', value: Math.min(...parts.map((p) => p.external!.mibPerSec!.median)), figure };
}

/** WebSocket: through the host (external plugin) within 1.2× of the minimal relay, p50 round trip at 1 and 64 sockets. */
function judgeWebSocket(results: ScenarioResult[]): TargetResult {
  const id = 'websocket-rtt';
  const description = 'WebSocket round trip through the host within 1.2× of a minimal ws → grpc-js stream → ws relay (p50)';
  const parts = ['ws-echo-c1', 'ws-echo-c64'].map((name) => {
    const ws = results.find((r) => r.name === name)?.wsEcho;
    return { name, host: ws?.external?.p50Ms?.median, relay: ws?.['ws-relay']?.p50Ms?.median, direct: ws?.['ws-direct']?.p50Ms?.median };
  });
  const measured = parts.filter((p) => p.host !== undefined && p.relay !== undefined);
  if (measured.length === 0) return { id, description, status: 'not measured', value: null, figure: 'run ws-echo-c1 / ws-echo-c64 with external and ws-relay' };
  const ratios = measured.map((p) => p.host! / p.relay!);
  const figure = measured
    .map((p) => `${p.name}: host ${fmt(p.host!, 3)} ms vs relay ${fmt(p.relay!, 3)} ms = ${fmt(p.host! / p.relay!, 2)}×` + (p.direct !== undefined ? ` (direct ${fmt(p.direct, 3)} ms)` : ''))
    .join('; ');
  return { id, description, status: ratios.every((r) => r <= 1.2) ? 'met' : 'not met', value: Math.max(...ratios), figure };
}
