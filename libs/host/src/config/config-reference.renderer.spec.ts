import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLUGIN_TABLE_KEYS, TLS_TABLE_KEYS } from './config-keys';
import {
  REFERENCE_BEGIN,
  REFERENCE_END,
  renderConfigReference,
  withConfigReference,
} from './config-reference.renderer';
import { validatePluginTable } from './plugin-table.validator';

const GUIDE = join(__dirname, '..', '..', '..', '..', 'docs', 'operators-guide.md');

describe('the am.plugins.toml reference in docs/operators-guide.md', () => {
  it('is the one generated from the key tables the validators use (else: npm run docs:config -- --write)', () => {
    const doc = readFileSync(GUIDE, 'utf8');
    expect(doc).toContain(REFERENCE_BEGIN);
    expect(doc).toContain(REFERENCE_END);
    expect(withConfigReference(doc, renderConfigReference())).toBe(doc);
  });

  it('lists every key the validator knows, and the validator knows every key it lists', () => {
    const warnings: string[] = [];
    // One entry with every listed key, each with a value of its type (mode clashes aside, they only warn).
    const values: Record<string, unknown> = {
      name: 'x',
      binary: process.execPath,
      args: [],
      env: {},
      inherit_env: [],
      export: 'X',
      module: 'm.js',
    };
    const table: Record<string, unknown> = { surprise: true };
    for (const { key, type } of PLUGIN_TABLE_KEYS) {
      if (key === 'address' || key === 'builtin' || key === 'tls') continue; // the other ways to reach a plugin
      table[key] = key in values ? values[key] : type === 'bool' ? true : 1000;
    }
    validatePluginTable(table, 0, {
      file: 'am.plugins.toml',
      home: '/',
      env: {},
      warn: (message) => warnings.push(message),
    });
    expect(warnings.filter((w) => w.includes('unknown key'))).toEqual([
      'am.plugins.toml: plugin "x": unknown key "surprise" is ignored.',
    ]);
    const reference = renderConfigReference();
    for (const { key } of [...PLUGIN_TABLE_KEYS, ...TLS_TABLE_KEYS]) expect(reference).toContain(`| \`${key}\` |`);
  });
});
