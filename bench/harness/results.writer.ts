import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchReport } from './bench-report.interface';
import { renderMarkdown } from './markdown.report';
import { REPO_ROOT } from './node-contender.launcher';

export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

/** Writes bench/results/<timestamp>.json, latest.json and latest.md; returns the timestamped path. */
export function writeResults(report: BenchReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(RESULTS_DIR, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(RESULTS_DIR, 'latest.json'), json);
  writeFileSync(join(RESULTS_DIR, 'latest.md'), renderMarkdown(report));
  return file;
}
