import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliOptions } from '../cli-options.interface';
import { PluginCatalog } from '../discovery/plugin-catalog';
import { PluginStatusReport } from './plugin-status.interface';
import { renderHealthTable, renderPluginTable } from './status-table.renderer';

/** The line under `qntx plugins list` and `health` that says where the CLI found its plugins. */
describe('the origin line of the plugin tables', () => {
  let home: string;

  beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'qntx-origin-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const originLine = (plugins: PluginStatusReport['plugins'] = []): string[] => {
    const { origin } = new PluginCatalog({ home } as CliOptions).load();
    return [renderPluginTable({ origin, plugins }), renderHealthTable({ origin, plugins })].map(
      (table) => table.trimEnd().split('\n').pop()!,
    );
  };

  it('names the running host, its pid and its runtime file', () => {
    mkdirSync(join(home, 'run'));
    writeFileSync(join(home, 'run', 'host.json'), JSON.stringify({ pid: process.pid, plugins: [] }));
    const line = `No plugins from the running host (pid ${process.pid}, ${join(home, 'run', 'host.json')}).`;
    expect(originLine()).toEqual([line, line]);
  });

  it('names am.plugins.toml', () => {
    writeFileSync(join(home, 'am.plugins.toml'), '');
    const plugin = { name: 'code', version: null, description: null, kind: 'external', source: 'config', state: 'not started', address: null, healthy: null, message: '', details: {} } as const;
    expect(originLine([plugin])).toEqual(Array(2).fill(`Plugins from ${join(home, 'am.plugins.toml')}.`));
  });

  it('says the defaults apply when there is no am.plugins.toml', () => {
    expect(originLine()).toEqual(Array(2).fill(`No plugins from the defaults (no ${join(home, 'am.plugins.toml')}).`));
  });
});
