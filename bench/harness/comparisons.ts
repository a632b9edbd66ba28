import { ContenderName } from './contender.catalog';
import { Measurement, ScenarioResult } from './measurement.interface';
import { Spread, spread } from './spread';

/** A ratio between two contenders, from the rounds in which both were measured. */
export interface Comparison {
  name: string;
  scenario: string;
  metric: 'req/s' | 'added p50' | 'search time';
  /** Per-round ratios: a/b for req/s; for added p50, (a − floor)/(b − floor). */
  ratio: Spread | null;
  /** The figures behind the ratio, in words. */
  detail: string;
}

/** The pairs the issue asks about: the host against the alternatives and against the floor. */
export const REQ_PER_SEC_PAIRS: [ContenderName, ContenderName][] = [
  ['external', 'http-proxy'],
  ['external', 'nginx'],
  ['external', 'nginx-auto'],
  ['external', 'minimal'],
  ['builtin', 'plain'],
  ['external', 'plain'],
  ['minimal', 'plain'],
  // The same pairs with the same global guard and interceptor on both sides (get-c64-guarded).
  ['guarded-external', 'guarded-http-proxy'],
  ['guarded-external', 'guarded-nginx'],
  ['guarded-builtin', 'guarded-plain'],
  ['guarded-external', 'guarded-plain'],
  // What tracing on costs (issue 21), reported.
  ['guarded-external-traced', 'guarded-external'],
  // And on Fastify (get-c64-guarded-fastify).
  ['fastify-guarded-external', 'fastify-guarded-http-proxy'],
  ['fastify-guarded-external', 'fastify-guarded-nginx'],
  ['fastify-guarded-builtin', 'fastify-guarded-plain'],
  ['fastify-guarded-external', 'fastify-guarded-plain'],
];

export function compare(results: ScenarioResult[]): Comparison[] {
  const out: Comparison[] = [];
  for (const result of results) {
    if (result.status !== 'measured') continue;
    for (const [a, b] of REQ_PER_SEC_PAIRS) {
      const pair = perRound(result, a, b, (x, y) => x.reqPerSec / y.reqPerSec);
      if (!pair) continue;
      out.push({
        name: `${a} vs ${b}`,
        scenario: result.name,
        metric: 'req/s',
        ratio: spread(pair),
        detail: `median req/s ${fmt(result.summary[a]?.reqPerSec?.median, 0)} vs ${fmt(result.summary[b]?.reqPerSec?.median, 0)}`,
      });
    }
  }
  for (const result of results) {
    const search = result.status === 'measured' ? result.codeSearch : undefined;
    if (!search) continue;
    out.push({
      name: 'code plugin vs git grep',
      scenario: result.name,
      metric: 'search time',
      ratio: search.ratio,
      detail: `median ${fmt(search.pluginMs?.median, 0)} ms vs ${fmt(search.gitGrepMs?.median, 0)} ms`,
    });
  }
  const c1 = results.find((result) => result.name === 'get-c1' && result.status === 'measured');
  const added = c1 ? addedP50(c1) : null;
  if (added) out.push(added);
  return out;
}

/** What the external path adds to the floor's p50 at concurrency 1, against what the minimal pipeline adds. */
function addedP50(result: ScenarioResult): Comparison | null {
  const floor = result.measurements.plain;
  if (!floor || !result.measurements.external || !result.measurements.minimal) return null;
  const added = (name: ContenderName) =>
    (result.measurements[name] ?? [])
      .map((m) => {
        const same = floor.find((f) => f.round === m.round);
        return same ? m.p50Ms - same.p50Ms : NaN;
      });
  const external = added('external');
  const minimal = added('minimal');
  const ratios = external.map((value, i) => value / minimal[i]);
  return {
    name: 'external vs minimal',
    scenario: result.name,
    metric: 'added p50',
    ratio: spread(ratios),
    detail: `p50 over the plain app's: external +${fmt(spread(external)?.median, 3)} ms, minimal +${fmt(spread(minimal)?.median, 3)} ms`,
  };
}

function perRound(
  result: ScenarioResult,
  a: ContenderName,
  b: ContenderName,
  ratio: (x: Measurement, y: Measurement) => number,
): number[] | null {
  const left = result.measurements[a];
  const right = result.measurements[b];
  if (!left?.length || !right?.length) return null;
  return left.map((x) => {
    const y = right.find((m) => m.round === x.round);
    return y ? ratio(x, y) : NaN;
  });
}

export function fmt(value: number | undefined | null, digits: number): string {
  return value === undefined || value === null || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}
