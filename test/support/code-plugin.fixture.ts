import { PluginCreateOptions, PluginFactory, RunningPlugin } from '@qntx/plugin-grpc';
import { CodePluginModule } from '../../apps/code-plugin/src/code-plugin.module';

/** The code plugin as a real gRPC server on an ephemeral loopback port, in this process. */
export function startCodePlugin(
  options: Pick<PluginCreateOptions, 'token' | 'tls' | 'healthAddress'> = {},
): Promise<RunningPlugin> {
  return PluginFactory.create(CodePluginModule, { ...options, port: 0, logger: false });
}
