import { PluginProjectInput } from './plugin-project.input';

/** `src/`: the entry point, the module, a decorated provider with a command, a route and a socket, and its spec. */
export function sourceFiles({ name, className, hostRange }: PluginProjectInput): Record<string, string> {
  const moduleName = `${className}Module`;
  const moduleFile = `${name}-plugin.module`;
  return {
    'src/main.ts': `import { PluginFactory } from '@qntx/plugin-grpc';
import { ${moduleName} } from './${moduleFile}';

/** \`node dist/main.js [--port 9000]\` by hand, or launched by a host from am.plugins.toml. */
void PluginFactory.run(${moduleName});
`,
    [`src/${moduleFile}.ts`]: `import { Module } from '@nestjs/common';
import { ${className} } from './${name}.plugin';

@Module({ providers: [${className}] })
export class ${moduleName} {}
`,
    [`src/${name}.plugin.ts`]: `import {
  CommandContext,
  OnPluginInit,
  Plugin,
  PluginCommand,
  PluginHealthCheck,
  PluginInitContext,
  PluginRequest,
  PluginRoute,
  PluginSocket,
  PluginSocketConnection,
} from '@qntx/plugin-grpc';

/** The ${name} plugin: one command, one route and one socket to start from. */
@Plugin({
  name: '${name}',
  version: '0.1.0',
  qntxVersion: '${hostRange}',
  description: 'The ${name} plugin',
  author: '',
  license: 'MIT',
})
export class ${className} {
  private greeting = 'Hello';

  /** Runs at Initialize, with the settings of $QNTX_HOME/am.${name}.toml. */
  @OnPluginInit()
  init({ config, logger }: PluginInitContext): void {
    this.greeting = config.getString('greeting', 'Hello');
    logger.info('${name} plugin ready', { greeting: this.greeting });
  }

  /** \`qntx ${name} greet <name> [--shout]\` */
  @PluginCommand({
    command: 'greet <name>',
    description: 'Greet someone',
    flags: [{ name: 'shout', short: 's', type: 'bool', description: 'In capitals' }],
  })
  greet(ctx: CommandContext): void {
    const text = \`\${this.greeting}, \${ctx.args[0]}!\`;
    ctx.stdout(\`\${ctx.flags.shout ? text.toUpperCase() : text}\\n\`);
  }

  /** \`GET /api/${name}/hello?name=Ada\` answers JSON. */
  @PluginRoute('GET', 'hello')
  hello(req: PluginRequest): object {
    return { greeting: \`\${this.greeting}, \${req.queryParams.get('name') ?? 'world'}!\` };
  }

  /** \`/ws/${name}/echo\`: every message comes back. */
  @PluginSocket('echo')
  echo(socket: PluginSocketConnection): void {
    socket.on('message', (data) => socket.send(data));
  }

  @PluginHealthCheck()
  health(): { healthy: boolean; message: string; details: Record<string, string> } {
    return { healthy: true, message: '${name} ok', details: { greeting: this.greeting } };
  }
}
`,
    [`src/${name}.plugin.spec.ts`]: `import { PluginTestHarness } from '@qntx/plugin-grpc/testing';
import { ${moduleName} } from './${moduleFile}';

/** The plugin over real gRPC (as a host reaches it) and in-process (as a built-in), from one module. */
describe('the ${name} plugin', () => {
  let harness: PluginTestHarness;

  beforeAll(async () => {
    harness = await PluginTestHarness.start(${moduleName}, { config: { greeting: 'Hi' } });
  });
  afterAll(() => harness.close());

  describe.each(['external', 'built-in'] as const)('%s', (kind) => {
    const plugin = () => (kind === 'external' ? harness.external : harness.builtin);

    it('answers GET /api/${name}/hello with the greeting from its settings', async () => {
      const res = await plugin().http('GET', '/api/${name}/hello', { query: 'name=Ada' });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ greeting: 'Hi, Ada!' });
    });

    it('runs "qntx ${name} greet <name> --shout"', async () => {
      await expect(plugin().command('greet', ['Ada'], { shout: 'true' })).resolves.toEqual({
        exitCode: 0,
        stdout: 'HI, ADA!\\n',
        stderr: '',
      });
    });

    it('echoes every message on /ws/${name}/echo', async () => {
      const socket = await plugin().socket('echo');
      socket.send('ping');
      expect(await socket.next()).toBe('ping');
      await socket.close();
    });

    it('reports itself healthy', async () => {
      await expect(plugin().plugin.health()).resolves.toMatchObject({ healthy: true, message: '${name} ok' });
    });
  });
});
`,
  };
}
