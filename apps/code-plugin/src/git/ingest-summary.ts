import { IngestSummary } from './git-ingest.service';

/** The last lines of `ix git`, on stdout. */
export function formatIngestSummary(s: IngestSummary): string {
  const seconds = s.elapsedMs / 1000;
  const rate = Math.round(s.commits / Math.max(seconds, 0.001));
  const timing = `${seconds.toFixed(1)} s, ${rate} commits/s`;
  if (s.dryRun) {
    return `Dry run of ${s.repository} (${s.context}): ${s.commits} commits would give ${s.attestations} attestations; nothing written (${timing}).\n`;
  }
  return (
    `Ingested ${s.repository} (${s.context}): ${s.commits} commits, ${s.attestations} attestations: ` +
    `${s.inserted} new, ${s.existing} already present (${timing}).\n`
  );
}
