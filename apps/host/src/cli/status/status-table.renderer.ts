import { PluginStatus, PluginStatusReport } from './plugin-status.interface';

/** `qntx plugins list`: one row per plugin. */
export function renderPluginTable(report: PluginStatusReport): string {
  const rows = report.plugins.map((p) => [p.name, p.version ?? '-', p.kind, p.state, p.address ?? '-', healthWord(p)]);
  return `${columns(['NAME', 'VERSION', 'KIND', 'STATE', 'ADDRESS', 'HEALTH'], rows)}\n${footer(report)}`;
}

/** `qntx plugins health`: each plugin's health, its message and its details. */
export function renderHealthTable(report: PluginStatusReport): string {
  const lines: string[] = [];
  const rows = report.plugins.map((p) => [p.name, p.state, healthWord(p), p.message || '-']);
  const table = columns(['NAME', 'STATE', 'HEALTH', 'MESSAGE'], rows).split('\n');
  lines.push(table[0]);
  report.plugins.forEach((plugin, index) => {
    lines.push(table[index + 1]);
    for (const [key, value] of Object.entries(plugin.details)) lines.push(`    ${key}: ${value}`);
  });
  return `${lines.join('\n')}\n${footer(report)}`;
}

function healthWord(plugin: PluginStatus): string {
  if (plugin.healthy === null) return '-';
  return plugin.healthy ? 'healthy' : 'unhealthy';
}

/** Where the CLI found its plugins; the origin has parentheses of its own, so none around it. */
function footer(report: PluginStatusReport): string {
  return `${report.plugins.length === 0 ? 'No plugins' : 'Plugins'} from ${report.origin}.\n`;
}

function columns(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
