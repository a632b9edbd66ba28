import { ChildProcess, spawn } from 'node:child_process';
import { ENV_LOG_FORMAT, ENV_PLUGIN_HANDSHAKE, ENV_PLUGIN_TOKEN } from '@qntx/plugin-grpc';
import { isNodeScript } from '../config/plugin-path.resolver';
import { parseHandshakeLine } from './handshake-line';
import { splitLines } from './line-splitter';
import { pluginEnvironment } from './plugin-environment';
import { PluginOutputStream } from './plugin-log-buffer';
import { PluginStartError } from './plugin-start.error';
import { signalGroup, waitForGroupExit } from './process-group';

/** What the host launches for one plugin. */
export interface LaunchSpec {
  name: string;
  /** Absolute path of the executable or Node script. */
  binary: string;
  args: string[];
  env: Record<string, string>;
  /** Names of the host's environment variables passed on besides the minimal set (see plugin-environment.ts). */
  inheritEnv?: string[];
  /**
   * Whether the plugin prints the handshake line (the default). A plugin that does not (one built
   * on QNTX's Go SDK) is launched with `--port <port>` and reached there; see PluginSupervisor.
   */
  handshake?: boolean;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all. */
  error?: Error;
}

export type OutputSink = (stream: PluginOutputStream, line: string, pid: number) => void;

/** Every plugin process still running, killed synchronously if the host exits without cleanup. */
const running = new Set<PluginProcess>();
let exitHookInstalled = false;

/**
 * One launch of a plugin: its own process group (so its children can be signalled with it),
 * stdin held open as a pipe (the plugin exits when it closes: the host is gone), stdout and
 * stderr read line by line into `sink`, and the handshake line picked out of stdout.
 */
export class PluginProcess {
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  private exit: ProcessExit | null = null;
  private address: string | null = null;
  private handshakeProblem: string | null = null;
  private readonly handshakeListeners = new Set<() => void>();
  private readonly outputEnded: Promise<unknown>;

  private constructor(
    private readonly child: ChildProcess,
    sink: OutputSink,
  ) {
    this.pid = child.pid ?? -1;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => this.finish({ code, signal }, resolve));
      child.on('error', (error) => {
        // 'error' without a pid: spawn failed (ENOENT, EACCES); with one, a signal failed to send.
        if (child.pid === undefined) this.finish({ code: null, signal: null, error }, resolve);
      });
    });
    child.stdin?.on('error', () => undefined); // EPIPE once the plugin has exited
    if (child.stdout) {
      splitLines(child.stdout, (line) => {
        if (this.address === null && this.handshakeProblem === null) {
          const parsed = parseHandshakeLine(line);
          if (parsed && 'address' in parsed) this.address = parsed.address;
          if (parsed && 'problem' in parsed) this.handshakeProblem = parsed.problem;
          if (parsed) this.handshakeListeners.forEach((notify) => notify());
        }
        sink('stdout', line, this.pid);
      });
    }
    if (child.stderr) splitLines(child.stderr, (line) => sink('stderr', line, this.pid));
    this.outputEnded = Promise.all(
      [child.stdout, child.stderr].map((stream) => stream && new Promise((resolve) => stream.once('close', resolve))),
    );
    if (this.pid > 0) {
      running.add(this);
      installExitHook();
    }
  }

  /**
   * Spawns the plugin with a minimal environment (plugin-environment.ts) plus the entry's `env`,
   * its per-launch token, and the handshake flag unless it has no handshake.
   */
  static spawn(spec: LaunchSpec, token: string, sink: OutputSink): PluginProcess {
    const [command, args] = isNodeScript(spec.binary)
      ? [process.execPath, [spec.binary, ...spec.args]]
      : [spec.binary, spec.args];
    const child = spawn(command, args, {
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      // JSON log lines, which the supervisor relays as structured lines (unless the entry's env says otherwise).
      env: {
        ...pluginEnvironment(spec.inheritEnv),
        [ENV_LOG_FORMAT]: 'json',
        ...spec.env,
        ...handshakeEnv(spec),
        [ENV_PLUGIN_TOKEN]: token,
      },
    });
    return new PluginProcess(child, sink);
  }

  get alive(): boolean {
    return this.exit === null && this.pid > 0;
  }

  /**
   * The address from the handshake line. Rejects when the process exits first, prints a
   * handshake this host cannot use, or stays silent past `timeoutMs`.
   */
  handshake(timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const settle = (): boolean => {
        if (this.address !== null) resolve(this.address);
        else if (this.handshakeProblem !== null) reject(new PluginStartError(this.handshakeProblem, false));
        else if (this.exit !== null) reject(new PluginStartError(`exited before the handshake (${describeExit(this.exit)})`));
        else return false;
        clearTimeout(timer);
        this.handshakeListeners.delete(check);
        return true;
      };
      const check = (): void => void settle();
      const timer = setTimeout(() => {
        this.handshakeListeners.delete(check);
        reject(
          new PluginStartError(
            `did not print its handshake line within ${timeoutMs} ms (a plugin that takes --port and prints none, ` +
              'as QNTX\'s Go plugins do, needs handshake = false in its [[plugins]] entry)',
          ),
        );
      }, timeoutMs);
      if (!settle()) this.handshakeListeners.add(check);
    });
  }

  /** SIGTERM to the whole group; SIGKILL to what is left after `graceMs`. */
  async terminate(graceMs: number): Promise<void> {
    if (this.pid <= 0) return;
    if (!signalGroup(this.pid, 'SIGTERM')) this.child.kill('SIGTERM');
    if (!(await waitForGroupExit(this.pid, graceMs))) signalGroup(this.pid, 'SIGKILL');
    await this.exited;
  }

  /** SIGKILL to the whole group, for a plugin that misbehaves: no grace. */
  async kill(): Promise<void> {
    this.killNow();
    await this.exited;
  }

  /**
   * Resolves once stdout and stderr are read to the end, or after `timeoutMs`: an exit can be
   * seen before the last lines it printed, and failure reports quote those lines.
   */
  async drained(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.outputEnded, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  killNow(): void {
    if (this.pid > 0 && !signalGroup(this.pid, 'SIGKILL') && this.alive) this.child.kill('SIGKILL');
  }

  private finish(exit: ProcessExit, resolve: (exit: ProcessExit) => void): void {
    if (this.exit) return;
    this.exit = exit;
    running.delete(this);
    this.handshakeListeners.forEach((notify) => notify());
    resolve(exit);
  }
}

function handshakeEnv(spec: LaunchSpec): Record<string, string> {
  return spec.handshake === false ? {} : { [ENV_PLUGIN_HANDSHAKE]: '1' };
}

export function describeExit(exit: ProcessExit): string {
  if (exit.error) return `could not be started: ${exit.error.message}`;
  if (exit.signal) return `killed by ${exit.signal}`;
  return `exit code ${exit.code}`;
}

/** The last line of defence: a host that exits abruptly still takes its plugins' groups with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const plugin of running) plugin.killNow();
  });
}
