import { Module } from '@nestjs/common';
import { CommandContext, OnPluginInit, Plugin, PluginCommand, PluginHealthCheck, PluginInitContext, PluginRequest, PluginRoute } from '@qntx/plugin-grpc';

@Plugin({ name: 'hello', version: '1.0.0', qntxVersion: '>= 0.1.0, < 2.0.0', description: 'Says hello' })
export class HelloPlugin {
  private greeting = 'Hi';

  @OnPluginInit()
  init({ config }: PluginInitContext) {
    this.greeting = config.getString('greeting', 'Hi'); // config/am.hello.toml, under $QNTX_HOME/am.hello.toml
  }

  @PluginRoute('GET', 'greet/:who') // GET /api/hello/greet/ada
  greet(req: PluginRequest) {
    return { message: `${this.greeting}, ${req.params.who}!` };
  }

  @PluginCommand({ command: 'greet <who>', description: 'Print a greeting' }) // qntx hello greet ada
  say(ctx: CommandContext) {
    ctx.stdout(`${this.greeting}, ${ctx.args[0]}!\n`);
  }

  @PluginHealthCheck()
  health() {
    return { healthy: true, message: `greeting with "${this.greeting}"` };
  }
}

@Module({ providers: [HelloPlugin] })
export class HelloModule {}
