import type { CommandDefinition } from '@qntx/domains';
import { checkRegistrable } from '@qntx/domains/lean';
import { H2CommandsProxy } from '@qntx/plugin-grpc/lean';
import { HOST_VERSION } from '@qntx/host/host.constants';
import { CLI_CONTROL_TIMEOUT_MS, DEFAULT_COMMAND_TIMEOUT_MS, FIXED_COMMANDS } from '../cli.constants';
import type { CliIo } from '../cli-options.interface';
import { cliOptionsFromEnv } from '../cli-options.factory';
import { configuredTimeouts } from '../discovery/configured-timeouts';
import { readHostRuntime } from '../discovery/host-runtime-file.reader';
import { PluginCommandRunner } from '../dispatch/plugin-command.runner';
import { reportCliError } from '../errors/cli-error.report';

/** A plugin of the running host, as run/host.json and am.plugins.toml describe it. */
interface HostPluginTarget {
  name: string;
  address: string;
  token: string | null;
  commandTimeoutMs: number;
}

/**
 * `qntx <plugin> <command> ...` while the host runs and lists the plugin with an address in
 * run/host.json: the plugin's own command, run as the full CLI runs it (same registration checks,
 * same parser, help, output streaming, timeouts, error messages and exit codes, through
 * `PluginCommandRunner`), over the lean HTTP/2 client, with neither Nest nor grpc-js loaded.
 *
 * Resolves with the exit code, or null when it leaves the command line to the full CLI: any other
 * command line, no running host, a plugin the host does not list with an address, or anything
 * that fails before the command is sent (unreadable files, a plugin that does not answer, refuses
 * the token, reports another name or an incompatible version). The full CLI then does it all
 * again and reports the failure in its own words, so the fast path never has to word one.
 */
export async function runOnRunningHost(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  signal: AbortSignal,
): Promise<number | null> {
  const [name, ...tokens] = argv;
  if (!name || name.startsWith('-') || FIXED_COMMANDS.includes(name)) return null;
  const target = hostPlugin(name, env);
  const proxy = target && (await reach(target));
  if (!target || !proxy) return null;
  try {
    let tree: CommandDefinition[];
    try {
      tree = await proxy.commands();
    } catch {
      return null;
    }
    const reached = { plugin: proxy, address: target.address, started: false };
    // A Ctrl-C that came while reaching the plugin is already in `signal`: the runner ends with it.
    try {
      return await new PluginCommandRunner({ io, signal }).run(target, reached, tree, tokens);
    } catch (error) {
      return reportCliError(io, error);
    }
  } finally {
    proxy.close();
  }
}

function hostPlugin(name: string, env: NodeJS.ProcessEnv): HostPluginTarget | null {
  try {
    const options = cliOptionsFromEnv(env);
    const plugin = readHostRuntime(options.home)?.plugins.find((candidate) => candidate.name === name);
    if (!plugin?.address) return null;
    const commandTimeoutMs =
      options.commandTimeoutMs ?? configuredTimeouts(options.home).get(name) ?? DEFAULT_COMMAND_TIMEOUT_MS;
    return { name, address: plugin.address, token: plugin.token, commandTimeoutMs };
  } catch {
    return null;
  }
}

/** The plugin, connected and accepted as the registry would accept it; null otherwise. */
async function reach(target: HostPluginTarget): Promise<H2CommandsProxy | null> {
  let proxy: H2CommandsProxy;
  try {
    proxy = await H2CommandsProxy.connect(target.address, {
      expectedName: target.name,
      token: target.token ?? undefined,
      requestTimeoutMs: target.commandTimeoutMs,
      controlTimeoutMs: CLI_CONTROL_TIMEOUT_MS,
    });
  } catch {
    return null;
  }
  try {
    checkRegistrable(proxy.metadata(), HOST_VERSION);
    return proxy;
  } catch {
    proxy.close();
    return null;
  }
}
