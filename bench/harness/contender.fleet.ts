import { checkContender } from './contender.check';
import { contenderSpec, ContenderName, RunningContender, StartContext } from './contender.catalog';
import { ProcessHandle } from './process-handle';

/** The contenders of one run: starts them, checks their answers, stops them all. */
export class ContenderFleet {
  readonly running = new Map<ContenderName, RunningContender>();
  readonly missing = new Map<ContenderName, string>();
  private readonly started: ProcessHandle[] = [];

  constructor(private readonly log: (line: string) => void) {}

  /**
   * Starts the named contenders; when the plain app is among them it comes first and must start.
   * The others start side by side, a proxy once its upstream app (listed before it) is up.
   */
  async start(names: ContenderName[], context: Omit<StartContext, 'running'>): Promise<void> {
    const full: StartContext = { ...context, running: this.running };
    if (names.includes('plain') && !(await this.startOne('plain', full))) {
      throw new Error(`The plain app (the floor) did not start: ${this.missing.get('plain')}`);
    }
    const starting = new Map<ContenderName, Promise<unknown>>();
    for (const name of names.filter((n) => n !== 'plain')) {
      const upstream = starting.get(contenderSpec(name).upstream!) ?? Promise.resolve();
      starting.set(name, upstream.then(() => this.startOne(name, full)));
    }
    await Promise.all(starting.values());
  }

  private async startOne(name: ContenderName, context: StartContext): Promise<RunningContender | null> {
    const spec = contenderSpec(name);
    let contender: RunningContender | null = null;
    try {
      contender = await spec.start(context);
      this.started.push(...contender.owned);
      // The WebSocket-only contenders serve no HTTP routes; their first echo is their check.
      if (name !== 'ws-direct' && name !== 'ws-relay') await checkContender(contender.url, spec.guarded ?? false);
      this.running.set(name, contender);
      this.log(`started ${spec.label} at ${contender.url} (pids ${contender.stack.map((p) => `${p.role} ${p.pid}`).join(', ')})`);
      return contender;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.missing.set(name, reason);
      this.log(`contender ${name} unavailable: ${reason}`);
      if (contender) await Promise.all(contender.owned.map((p) => p.stop()));
      return null;
    }
  }

  /** Stops every process this fleet started, the proxies before the apps behind them. */
  async stopAll(): Promise<void> {
    const processes = this.started.splice(0).reverse();
    await Promise.all(processes.map((p) => p.stop()));
  }
}
