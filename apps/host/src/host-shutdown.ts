import { INestApplication, Logger } from '@nestjs/common';
import { DomainRegistry } from '@qntx/domains';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * On SIGTERM or SIGINT (SIGHUP reloads the plugins instead, see host-reload.ts): closes the app (sockets told, plugins shut down, launched ones
 * stopped), says so in one line with what it stopped and how long it took, then ends by the same
 * signal, as Nest's own shutdown hooks do. A second signal while closing ends the process at once.
 */
export function stopOnSignals(app: INestApplication, log: Logger): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const other of SIGNALS) process.off(other, onSignal);
    process.once(signal, () => process.exit(1));
    const started = performance.now();
    const plugins = app.get(DomainRegistry).names();
    app.close().then(
      () => {
        const ms = Math.round(performance.now() - started);
        log.log(`Host stopped on ${signal}: ${plugins.length} plugin(s) shut down (${plugins.join(', ') || 'none'}) in ${ms} ms`);
        process.kill(process.pid, signal);
      },
      (error: unknown) => {
        log.error(`Host shutdown on ${signal} failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}
