import { PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { CodePluginModule } from '../../apps/code-plugin/src/code-plugin.module';

/** The code plugin as a real gRPC server on an ephemeral loopback port, in this process. */
export function startCodePlugin(options: { token?: string } = {}): Promise<RunningPlugin> {
  return PluginFactory.create(CodePluginModule, { port: 0, token: options.token, logger: false });
}
