import { Logger } from '@nestjs/common';
import { messageOf } from '@qntx/domains';
import { PluginGeneration } from './plugin-generation';
import { supervisorsOf } from './plugin-loader';

/** How often a plugin the host did not launch is asked for its health during probation. */
const PROBATION_HEALTH_INTERVAL_MS = 500;

const log = new Logger('Plugins');

/**
 * Null when the generation stayed up for `ms`; otherwise why it went down: its process (or one
 * of its replicas) exited or failed its health checks (launched), or it stopped answering Health
 * as healthy (any other).
 */
export function probation(generation: PluginGeneration, ms: number): Promise<string | null> {
  if (ms <= 0) return Promise.resolve(null);
  const supervisors = supervisorsOf(generation.loaded);
  return new Promise((resolve) => {
    let poll: NodeJS.Timeout | null = null;
    const unsubscribe: (() => void)[] = [];
    const finish = (reason: string | null): void => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      for (const off of unsubscribe) off();
      resolve(reason);
    };
    const timer = setTimeout(() => finish(null), ms);
    timer.unref();
    // A launched generation (each of its replicas): down as soon as its supervisor says so.
    for (const supervisor of supervisors) {
      unsubscribe.push(
        supervisor.onChange(() => {
          const { state } = supervisor.status();
          if (state === 'restarting' || state === 'failed' || state === 'stopped') finish(`it went ${state}`);
        }),
      );
    }
    if (supervisors.length === 0) {
      poll = setInterval(() => {
        generation.plugin.health().then(
          (health) => !health.healthy && finish(`it reports itself unhealthy: ${health.message}`),
          (error: unknown) => finish(`Health failed: ${messageOf(error)}`),
        );
      }, PROBATION_HEALTH_INTERVAL_MS);
      poll.unref();
    }
  });
}

/**
 * What the supervisor recorded about a launched generation's failure after `since` (it records
 * it a moment after the state change that triggered the rollback: once the process is reaped).
 */
export async function failureSince(generation: PluginGeneration, since: number): Promise<string | null> {
  const supervisors = supervisorsOf(generation.loaded);
  if (supervisors.length === 0) return null;
  const deadline = Date.now() + 1_000;
  for (;;) {
    for (const supervisor of supervisors) {
      const failure = supervisor.lastFailure();
      if (failure && Date.parse(failure.at) >= since) return failure.reason;
    }
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Lets a generation that takes no new traffic finish, then shuts it down. */
export async function retire(generation: PluginGeneration, socketDeadline: number, requestDeadline: number, code: number, reason: string): Promise<void> {
  await generation.drain(socketDeadline, requestDeadline, code, reason);
  if (generation.state === 'stopped') return; // the host shut down meanwhile
  try {
    await generation.plugin.shutdown();
  } catch (error) {
    log.warn(`Plugin "${generation.name}" generation ${generation.number} did not shut down cleanly: ${messageOf(error)}`);
  }
  generation.enter('stopped');
  log.log(`Plugin "${generation.name}" generation ${generation.number} (${generation.plugin.metadata().version}) stopped.`);
}
