import { BenchReport } from './bench-report.interface';
import { fmt } from './comparisons';
import { ContenderName } from './contender.catalog';
import { CodeSearchFigures, ContenderSummary } from './measurement.interface';
import { Spread } from './spread';

type Cell = string;

/** The run as text tables for stdout. */
export function renderTables(report: BenchReport): string {
  const out: string[] = [];
  const labels = new Map(report.contenders.map((c) => [c.name, c.label]));
  const { settings, machine } = report;
  out.push(
    `qntx bench — ${report.startedAt} — ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
      `load average ${machine.loadAverageStart.map((n) => n.toFixed(2)).join(' ')} at start, ` +
      `${machine.loadAverageEnd.map((n) => n.toFixed(2)).join(' ')} at end`,
    `${settings.rounds} rounds × ${settings.durationSec} s per measurement (warm-up ${settings.warmupSec} s), ` +
      `figures are median [min–max] over the rounds; ×floor is req/s over the plain app's in the same round`,
    '',
  );
  for (const scenario of report.scenarios) {
    const head = `${scenario.name} — ${scenario.title}${scenario.generator ? ` (${scenario.generator})` : ''}`;
    if (scenario.status !== 'measured') {
      out.push(`${head}: ${scenario.status}${scenario.note ? ` — ${scenario.note}` : ''}`, '');
      continue;
    }
    if (scenario.wsEcho) {
      out.push(`${head} — ${scenario.note ?? ''}`);
      for (const [name, w] of Object.entries(scenario.wsEcho)) {
        out.push(`  ${(labels.get(name as ContenderName) ?? name).padEnd(28)} ${range(w!.roundTripsPerSec, 0)} round trips/s, p50 ${range(w!.p50Ms, 3)} ms, p99 ${range(w!.p99Ms, 3)} ms, CPU ${range(w!.cpuUsPerRoundTrip ?? null, 1)} µs/round trip`);
      }
      out.push('');
      continue;
    }
    if (scenario.transfer) {
      out.push(`${head} — ${scenario.note ?? ''}`);
      for (const [name, t] of Object.entries(scenario.transfer)) {
        out.push(`  ${(labels.get(name as ContenderName) ?? name).padEnd(28)} ${range(t!.mibPerSec, 0)} MiB/s, host RSS growth ${range(t!.rssGrowthMiB, 0)} MiB, host VmHWM ${fmt(t!.hostVmHwmMiB, 0)} MiB`);
      }
      out.push('');
      continue;
    }
    if (scenario.timing) {
      const { ms, baselineLabel, baselineMs, samplesMs } = scenario.timing;
      out.push(
        `${head}: ${range(ms, 0)} ms over ${samplesMs.length} samples` +
          (baselineMs ? `; ${baselineLabel} ${range(baselineMs, 0)} ms` : '') +
          (scenario.note ? ` — ${scenario.note}` : ''),
        '',
      );
      continue;
    }
    out.push(scenario.floor ? `${head} — ×floor over ${labels.get(scenario.floor) ?? scenario.floor}` : head);
    if (scenario.codeSearch) {
      out.push(renderCodeSearch(scenario.codeSearch), '');
      if (scenario.note) out.push(`  (${scenario.note})`, '');
      continue;
    }
    const payload = Object.values(scenario.summary).some((s) => s?.mibPerSec);
    const header = ['contender', 'req/s', '×floor', 'p50 ms', 'p99 ms', ...(payload ? ['MiB/s'] : []), 'CPU µs/req', 'RSS MiB'];
    const rows = (Object.entries(scenario.summary) as [ContenderName, ContenderSummary][]).map(([name, s]) => [
      labels.get(name) ?? name,
      range(s.reqPerSec, 0),
      range(s.ratioToFloor, 2),
      range(s.p50Ms, 2),
      range(s.p99Ms, 2),
      ...(payload ? [range(s.mibPerSec, 1)] : []),
      fmt(s.cpuUsPerReq?.median, 0),
      fmt(s.rssMiB?.max, 0),
    ]);
    out.push(table(header, rows));
    for (const [name, s] of Object.entries(scenario.summary)) if (s?.problems) out.push(`  ! ${name}: ${s.problems}`);
    if (scenario.note) out.push(`  (${scenario.note})`);
    out.push('');
  }
  if (report.comparisons.length) {
    out.push('Ratios (median of per-round ratios [min–max])');
    out.push(
      table(
        ['comparison', 'scenario', 'metric', 'ratio', 'figures'],
        report.comparisons.map((c) => [c.name, c.scenario, c.metric, `${range(c.ratio, 2)}`, c.detail]),
      ),
      '',
    );
  }
  out.push('Targets');
  out.push(table(['target', 'status', 'figure'], report.targets.map((t) => [t.description, t.status, t.figure])), '');
  const absent = report.contenders.filter((c) => c.status === 'unavailable');
  for (const c of absent) out.push(`Contender ${c.name} unavailable: ${c.note}`);
  for (const tool of report.tools) if (!tool.available) out.push(`${tool.name}: ${tool.note}`);
  return out.join('\n');
}

/** The code-search scenario: wall time of each searcher, and the ratio. */
export function renderCodeSearch(figures: CodeSearchFigures): string {
  const { tree, matches } = figures;
  return [
    `  tree: ${tree.files} files, ${tree.mib.toFixed(0)} MiB, ${tree.expectedLines} matching lines`,
    table(
      ['searcher', 'ms', '×git grep', 'lines'],
      [
        ['git grep -F -n --column', range(figures.gitGrepMs, 0), '1.00', String(matches.gitGrep)],
        ['host → code plugin (NDJSON)', range(figures.pluginMs, 0), range(figures.ratio, 2), String(matches.plugin)],
      ],
    ),
  ].join('\n');
}

export function range(value: Spread | null | undefined, digits: number): string {
  if (!value) return '—';
  if (value.min === value.max) return fmt(value.median, digits);
  return `${fmt(value.median, digits)} [${fmt(value.min, digits)}–${fmt(value.max, digits)}]`;
}

function table(header: Cell[], rows: Cell[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: Cell[]) =>
    cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
