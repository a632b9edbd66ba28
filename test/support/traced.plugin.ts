import { Logger, Module } from '@nestjs/common';
import { PluginAttestations } from '@qntx/domains';
import {
  CommandContext,
  OnPluginInit,
  Plugin,
  PluginCommand,
  PluginInitContext,
  PluginRequest,
  PluginRoute,
  PluginSocket,
  PluginSocketConnection,
} from '@qntx/plugin-grpc';

/** A route that calls back into the host (the attestation store) and logs, for tracing tests. */
@Plugin({ name: 'traced', version: '1.0.0', qntxVersion: '>= 0.1.0', description: 'Tracing test plugin' })
export class TracedPlugin {
  private attestations: PluginAttestations | null = null;
  private readonly log = new Logger('TracedPlugin');

  @OnPluginInit()
  init({ attestations }: PluginInitContext): void {
    this.attestations = attestations;
  }

  @PluginRoute('GET', 'greet/:who')
  async greet(req: PluginRequest): Promise<object> {
    const stored = await this.attestations!.count({});
    this.log.log(`greeting ${req.params.who}`);
    return { greeting: `Hello, ${req.params.who}!`, stored };
  }

  /** `/ws/traced/count`: each message is answered with the number of attestations in the host store. */
  @PluginSocket('count')
  countSocket(socket: PluginSocketConnection): void {
    socket.on('message', () => {
      void this.attestations!.count({}).then((stored) => {
        this.log.log('counted for a socket');
        socket.send(String(stored));
      });
    });
  }

  @PluginCommand({ command: 'count', description: 'Count the attestations in the host store' })
  async count(ctx: CommandContext): Promise<number> {
    const stored = await this.attestations!.count({});
    this.log.log('counted');
    ctx.stdout(`${stored}\n`);
    return 0;
  }
}

@Module({ providers: [TracedPlugin] })
export class TracedModule {}
