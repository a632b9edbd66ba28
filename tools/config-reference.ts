/**
 * Prints the am.plugins.toml reference generated from the key tables the host validates with;
 * with --write, puts it into docs/operators-guide.md between its markers.
 * `npm run docs:config [-- --write]`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigReference, withConfigReference } from '../libs/host/src/config/config-reference.renderer';

const guide = join(__dirname, '..', 'docs', 'operators-guide.md');
const reference = renderConfigReference();
if (process.argv.includes('--write')) {
  writeFileSync(guide, withConfigReference(readFileSync(guide, 'utf8'), reference));
  process.stdout.write(`Updated the config reference in ${guide}.\n`);
} else {
  process.stdout.write(`${reference}\n`);
}
