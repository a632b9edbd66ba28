import { BenchReport } from './bench-report.interface';
import { fmt } from './comparisons';
import { ContenderName } from './contender.catalog';
import { ContenderSummary } from './measurement.interface';
import { range } from './table.report';

/** The run as Markdown, for bench/README.md and the README's performance section. */
export function renderMarkdown(report: BenchReport): string {
  const labels = new Map(report.contenders.map((c) => [c.name, c.label]));
  const { machine, settings } = report;
  const out: string[] = [
    `Run of ${report.startedAt}: ${machine.cpus} × ${machine.cpuModel}, ${Math.round(machine.memoryMiB / 1024)} GiB, node ${machine.node}; ` +
      `load average ${machine.loadAverageStart.map((n) => n.toFixed(2)).join(' / ')} at start and ` +
      `${machine.loadAverageEnd.map((n) => n.toFixed(2)).join(' / ')} at end; ` +
      `${settings.rounds} rounds × ${settings.durationSec} s${settings.quick ? ' (--quick)' : ''}; median [min–max].`,
    '',
  ];
  for (const scenario of report.scenarios) {
    if (scenario.status !== 'measured') continue;
    if (scenario.codeSearch) {
      const c = scenario.codeSearch;
      out.push(`**${scenario.name}** — ${scenario.title}`, '');
      out.push('| searcher | ms | ×git grep | lines |', '|---|--:|--:|--:|');
      out.push(`| git grep -F -n --column | ${range(c.gitGrepMs, 0)} | 1.00 | ${c.matches.gitGrep} |`);
      out.push(`| host → code plugin (NDJSON) | ${range(c.pluginMs, 0)} | ${range(c.ratio, 2)} | ${c.matches.plugin} |`, '');
      continue;
    }
    if (scenario.wsEcho) {
      out.push(`**${scenario.name}** — ${scenario.title}`, '', '| contender | round trips/s | p50 ms | p99 ms | CPU µs/round trip |', '|---|--:|--:|--:|--:|');
      for (const [name, w] of Object.entries(scenario.wsEcho)) {
        out.push(`| ${labels.get(name as ContenderName) ?? name} | ${range(w!.roundTripsPerSec, 0)} | ${range(w!.p50Ms, 3)} | ${range(w!.p99Ms, 3)} | ${range(w!.cpuUsPerRoundTrip ?? null, 1)} |`);
      }
      out.push('');
      continue;
    }
    if (scenario.transfer) {
      out.push(`**${scenario.name}** — ${scenario.title}`, '', '| contender | MiB/s | host RSS growth MiB | host VmHWM MiB |', '|---|--:|--:|--:|');
      for (const [name, t] of Object.entries(scenario.transfer)) {
        out.push(`| ${labels.get(name as ContenderName) ?? name} | ${range(t!.mibPerSec, 0)} | ${range(t!.rssGrowthMiB, 0)} | ${fmt(t!.hostVmHwmMiB, 0)} |`);
      }
      out.push('');
      continue;
    }
    if (scenario.timing) {
      const { ms, baselineLabel, baselineMs, samplesMs } = scenario.timing;
      out.push(
        `**${scenario.name}** — ${scenario.title}: ${range(ms, 0)} ms over ${samplesMs.length} samples` +
          (baselineMs ? `; ${baselineLabel} ${range(baselineMs, 0)} ms` : '') +
          (scenario.note ? ` (${scenario.note})` : ''),
        '',
      );
      continue;
    }
    const payload = Object.values(scenario.summary).some((s) => s?.mibPerSec);
    const floor = scenario.floor ? `; ×floor over ${labels.get(scenario.floor) ?? scenario.floor}` : '';
    out.push(`**${scenario.name}** — ${scenario.title} (${scenario.generator}${floor})`, '');
    out.push(`| contender | req/s | ×floor | p50 ms | p99 ms |${payload ? ' MiB/s |' : ''} CPU µs/req | RSS MiB |`);
    out.push(`|---|--:|--:|--:|--:|${payload ? '--:|' : ''}--:|--:|`);
    for (const [name, s] of Object.entries(scenario.summary) as [ContenderName, ContenderSummary][]) {
      out.push(
        `| ${labels.get(name) ?? name} | ${range(s.reqPerSec, 0)} | ${range(s.ratioToFloor, 2)} | ${range(s.p50Ms, 2)} | ` +
          `${range(s.p99Ms, 2)} |${payload ? ` ${range(s.mibPerSec, 1)} |` : ''} ${fmt(s.cpuUsPerReq?.median, 0)} | ${fmt(s.rssMiB?.max, 0)} |`,
      );
    }
    out.push('');
  }
  out.push('| target | status | figure |', '|---|---|---|');
  for (const target of report.targets) out.push(`| ${target.description} | **${target.status}** | ${target.figure} |`);
  return `${out.join('\n')}\n`;
}
