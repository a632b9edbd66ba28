import { Attestation } from '@qntx/domains';

const MAX_CELL = 60;

/** `qntx attestations query`: one row per record, the attributes as compact JSON, cut to fit a terminal. */
export function renderAttestationTable(records: Attestation[]): string {
  if (records.length === 0) return 'No attestations match.\n';
  const header = ['TIMESTAMP', 'SUBJECT', 'PREDICATE', 'CONTEXT', 'ACTOR', 'SOURCE', 'ATTRIBUTES'];
  const rows = records.map((r) =>
    [r.timestamp, r.subject, r.predicate, r.context || '-', r.actor, r.source ?? '-', JSON.stringify(r.attributes)].map(cut),
  );
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n${records.length} record${records.length === 1 ? '' : 's'}\n`;
}

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}
