import { Comparison, fmt } from './comparisons';

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
  { id: 'code-search-vs-git-grep', description: 'literal code search through the host ≤ 3× `git grep` (20,000 files, ~200 MiB)', comparison: 'code plugin vs git grep', scenario: 'code-search', metric: 'search time', atMost: 3 },
];

/** The targets whose scenarios other branches bring. */
const PENDING_TARGETS: { id: string; description: string; waitsFor: string }[] = [
  { id: 'stream-throughput', description: '1 GiB through the host at ≥ 200 MiB/s with < 100 MiB host RSS growth', waitsFor: 'stream-upload-1g / stream-download-1g' },
  { id: 'websocket-rtt', description: 'WebSocket round trip through the host within 1.2× of a minimal ws → grpc-js stream → ws relay', waitsFor: 'ws-echo-c1 / ws-echo-c64' },
  { id: 'cli-warm', description: 'warm CLI command ≤ 250 ms median', waitsFor: 'cli-warm' },
  { id: 'cold-start', description: 'cold start ≤ 2 s', waitsFor: 'cold-start' },
  { id: 'kill-recovery', description: 'recovery after kill -9 ≤ 1 s', waitsFor: 'kill-recovery' },
];

export function judgeTargets(comparisons: Comparison[]): TargetResult[] {
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
  return [...judged, ...pending];
}
