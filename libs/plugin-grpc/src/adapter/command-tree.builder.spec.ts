import { createBuiltinPlugin } from './builtin-plugin.loader';
import { SamplePluginModule } from '../testing-fixtures/sample.plugin';
import { findCommand } from '../server/domain-service.handlers';

describe('command tree of a decorated plugin', () => {
  it('nests commands under a top-level command named after the plugin', async () => {
    const plugin = await createBuiltinPlugin(SamplePluginModule, { logger: false });
    const [root] = await plugin.commands();
    expect(root.name).toBe('sample');
    expect(root.subcommands.map((c) => c.name).sort()).toEqual(['db', 'version']);
    const db = root.subcommands.find((c) => c.name === 'db')!;
    expect(db.description).toBe('Database commands');
    expect(db.subcommands[0]).toMatchObject({ name: 'migrate <target>', description: 'Migrate the database' });
    expect(db.subcommands[0].flags.map((f) => `${f.name}:${f.type}:${f.short}:${f.defaultValue}:${f.repeated}`)).toEqual([
      'steps:int:s:1:false',
      'dry-run:bool:::false',
      'tag:string:::true',
    ]);
    await plugin.shutdown();
  });

  it('runs a command with typed flags, defaults and collected output', async () => {
    const plugin = await createBuiltinPlugin(SamplePluginModule, { logger: false });
    const node = findCommand(await plugin.commands(), ['sample', 'db', 'migrate'])!;
    const result = await node.run!({ command: 'sample db migrate', args: ['v2'], flags: { tag: 'a\nb', 'dry-run': 'true' } });
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'migrate v2 steps=1 dry=true tags=["a","b"]\n',
      stderr: 'warning: sample\n',
    });
    const failing = await node.run!({ command: 'sample db migrate', args: ['fail'], flags: {} });
    expect(failing.exitCode).toBe(3);
    const badFlag = await node.run!({ command: 'sample db migrate', args: ['x'], flags: { steps: 'many' } });
    expect(badFlag).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--steps got "many"') });
    await plugin.shutdown();
  });
});
