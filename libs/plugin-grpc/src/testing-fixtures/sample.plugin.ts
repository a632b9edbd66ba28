import { Injectable, Module, NotFoundException } from '@nestjs/common';
import { CommandContext, PluginInitContext, PluginRequest } from '../interfaces/plugin-context.interface';
import { Plugin } from '../decorators/plugin.decorator';
import { PluginCommand } from '../decorators/plugin-command.decorator';
import { PluginRoute } from '../decorators/plugin-route.decorator';
import { PluginSocket } from '../decorators/plugin-socket.decorator';
import { OnPluginInit, OnPluginShutdown, PluginHealthCheck } from '../decorators/plugin-lifecycle.decorators';
import { PluginResponse } from '../adapter/plugin-response';

/** An ordinary injectable the plugin depends on, to show DI works as in any Nest app. */
@Injectable()
export class Greeter {
  greet(who: string): string {
    return `hello ${who}`;
  }
}

/** A plugin exercising every decorator; used by the SDK's specs. */
@Plugin({
  name: 'sample',
  version: '1.2.3',
  qntxVersion: '>= 0.1.0, < 2.0.0',
  description: 'Sample plugin',
  author: 'tests',
  license: 'MIT',
  commandGroups: { db: 'Database commands' },
})
export class SamplePlugin {
  config: Record<string, string> = {};
  shutdownCalls = 0;

  constructor(private readonly greeter: Greeter) {}

  @OnPluginInit()
  init({ config }: PluginInitContext): void {
    this.config = config.toRecord();
  }

  @OnPluginShutdown()
  stop(): void {
    this.shutdownCalls++;
  }

  @PluginHealthCheck()
  health() {
    return { healthy: this.config.broken !== 'true', message: 'sample ok', details: { items: 3 } };
  }

  @PluginRoute('GET', 'greet/:who')
  greet(req: PluginRequest) {
    return { greeting: this.greeter.greet(req.params.who) };
  }

  @PluginRoute('POST', 'echo')
  echo(req: PluginRequest) {
    return new PluginResponse(201, req.body, {
      'content-type': req.header('content-type') ?? 'application/octet-stream',
      'x-query': req.query,
      'x-seen': req.headers['x-multi'] ?? [],
      'set-cookie': ['a=1', 'b=2'],
    });
  }

  @PluginRoute('GET', 'missing')
  missing() {
    throw new NotFoundException('nothing here');
  }

  @PluginRoute('GET', 'crash')
  crash() {
    throw new Error('handler exploded');
  }

  @PluginCommand({
    command: 'db migrate <target>',
    description: 'Migrate the database',
    flags: [
      { name: 'steps', short: 's', type: 'int', default: 1, description: 'How many steps' },
      { name: 'dry-run', type: 'bool' },
      { name: 'tag', type: 'string', repeated: true },
    ],
  })
  migrate(ctx: CommandContext): number {
    ctx.stdout(`migrate ${ctx.args.join(',')} steps=${ctx.flags.steps} dry=${ctx.flags['dry-run']} tags=${JSON.stringify(ctx.flags.tag)}\n`);
    ctx.stderr('warning: sample\n');
    return ctx.args[0] === 'fail' ? 3 : 0;
  }

  @PluginCommand('version')
  version(ctx: CommandContext): void {
    ctx.stdout('1.2.3\n');
  }

  @PluginSocket('/events')
  events(): void {}
}

@Module({ providers: [SamplePlugin, Greeter] })
export class SamplePluginModule {}
