import { ConfigKey, HOST_TABLE_KEYS, PLUGIN_TABLE_KEYS, TLS_TABLE_KEYS } from './config-keys';

export const REFERENCE_BEGIN = '<!-- BEGIN config-reference (generated: npm run docs:config -- --write) -->';
export const REFERENCE_END = '<!-- END config-reference -->';

/** The am.plugins.toml reference of the operator's guide, from the key tables the validators use. */
export function renderConfigReference(): string {
  return [
    '#### `[host]`',
    table(HOST_TABLE_KEYS),
    '#### `[[plugins]]`',
    'Each entry reaches its plugin in exactly one way: `address`, `binary`, or `builtin = true` with `module`. ' +
      'The keys from `start_timeout_ms` on apply to plugins the host launches (`binary`).',
    table(PLUGIN_TABLE_KEYS),
    '#### `[plugins.tls]`',
    'Written right after its `[[plugins]]` table, for an `address` plugin. Relative paths are read from `$QNTX_HOME`.',
    table(TLS_TABLE_KEYS),
  ].join('\n\n');
}

/** `doc` with the text between the markers replaced by `reference`; throws when the markers are missing. */
export function withConfigReference(doc: string, reference: string): string {
  const begin = doc.indexOf(REFERENCE_BEGIN);
  const end = doc.indexOf(REFERENCE_END);
  if (begin < 0 || end < begin) throw new Error(`The document has no ${REFERENCE_BEGIN} ... ${REFERENCE_END} section.`);
  return `${doc.slice(0, begin + REFERENCE_BEGIN.length)}\n\n${reference}\n\n${doc.slice(end)}`;
}

function table(keys: readonly ConfigKey[]): string {
  const rows = keys.map((k) => `| \`${k.key}\` | ${k.type} | ${k.default || '—'} | ${k.meaning} |`);
  return ['| key | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
