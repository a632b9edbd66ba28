import { SupervisionSettings } from './plugin-entry.interface';

// One default for the TOML and for options given in code.
export { DEFAULT_REQUEST_TIMEOUT_MS } from '../host.constants';

/** An upgraded plugin's old generation: how long its open WebSockets may stay before 1012. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

/** An upgraded plugin's new generation: a crash this soon after going live returns traffic to the old one. */
export const DEFAULT_PROBATION_MS = 10_000;

export const DEFAULT_SUPERVISION: Readonly<SupervisionSettings> = {
  startTimeoutMs: 10_000,
  healthIntervalMs: 10_000,
  healthTimeoutMs: 3_000,
  unhealthyThreshold: 3,
  maxRestarts: 5,
  restartWindowMs: 60_000,
  restartBackoffMs: 500,
  restartBackoffMaxMs: 30_000,
  shutdownGraceMs: 5_000,
};

export function supervisionOf(overrides: Partial<SupervisionSettings> = {}): SupervisionSettings {
  return { ...DEFAULT_SUPERVISION, ...overrides };
}
