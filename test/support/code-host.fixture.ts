import { CommandResult, DomainPlugin, DomainRegistry } from '@qntx/domains';
import { createBuiltinPlugin, RunningPlugin } from '@qntx/plugin-grpc';
import { findCommand } from '../../libs/plugin-grpc/src/server/domain-service.handlers';
import { CodePluginModule } from '../../apps/code-plugin/src/code-plugin.module';
import { startCodePlugin } from './code-plugin.fixture';
import { startTestHost, TestHost } from './host.fixture';
import { HostOptions } from '../../libs/host/src/host-options.interface';

export type CodePluginKind = 'external' | 'built-in';

export interface CodeHost {
  host: TestHost;
  /** Runs `qntx code <path...>` through the host's registry, its output streamed to a sink. */
  command(path: string[], args: string[], flags?: Record<string, string>): Promise<CommandOutput>;
  close(): Promise<void>;
}

export interface CommandOutput extends CommandResult {
  /** When each stderr piece arrived, relative to the start (ms), and when the command finished. */
  stderrAt: number[];
  finishedAt: number;
}

/**
 * Host options with the code plugin, external (its own gRPC server on a loopback port, reached
 * at an address) or built-in (in-process); `plugin` is the server to close after the host.
 */
export async function codePluginHostOptions(
  kind: CodePluginKind,
  settings: Record<string, string>,
  requestTimeoutMs = 60_000,
): Promise<{ options: Partial<HostOptions>; plugin: RunningPlugin | null }> {
  const pluginSettings = { code: settings };
  if (kind === 'built-in') {
    const builtin: DomainPlugin = await createBuiltinPlugin(CodePluginModule, { logger: false });
    return { options: { builtins: [builtin], pluginSettings }, plugin: null };
  }
  const plugin = await startCodePlugin();
  return {
    options: { plugins: [{ name: 'code', enabled: true, address: plugin.address, requestTimeoutMs }], pluginSettings },
    plugin,
  };
}

/**
 * A test host with the code plugin, external (its own gRPC server on a loopback port, reached
 * at an address; host services over the host's callback channel) or built-in (in-process).
 */
export async function startCodeHost(
  kind: CodePluginKind,
  settings: Record<string, string>,
  extra: Parameters<typeof startTestHost>[0] = {},
): Promise<CodeHost> {
  const { options, plugin } = await codePluginHostOptions(kind, settings);
  const host: TestHost = await startTestHost({ ...options, ...extra });
  return {
    host,
    command: async (path, args, flags = {}) => {
      const code = host.app.get(DomainRegistry).get('code')!;
      const node = findCommand(await code.commands(), ['code', ...path]);
      if (!node?.run) throw new Error(`no command code ${path.join(' ')}`);
      const started = Date.now();
      const out = { stdout: '', stderr: '', stderrAt: [] as number[] };
      const result = await node.run({
        command: ['code', ...path].join(' '),
        args,
        flags,
        output: {
          stdout: (text) => void (out.stdout += text),
          stderr: (text) => {
            out.stderr += text;
            out.stderrAt.push(Date.now() - started);
          },
        },
      });
      return { ...result, stdout: out.stdout + result.stdout, stderr: out.stderr + result.stderr, stderrAt: out.stderrAt, finishedAt: Date.now() - started };
    },
    close: async () => {
      await host.close();
      await plugin?.close();
    },
  };
}
