import { BenchArgsError } from '../harness/bench-args';

/** `npm run bench -- --soak [--soak-minutes <m>]` (or QNTX_SOAK_MINUTES). */
export interface SoakArgs {
  /** Minutes of load in all: warm-up, the kill phase and the steady phase. */
  minutes: number;
}

export const DEFAULT_SOAK_MINUTES = 8;

export const SOAK_USAGE = `Soak (issue 24): npm run bench -- --soak [--soak-minutes <m>]

  --soak                the soak scenario instead of the suite: the host launching the code plugin under
                        mixed HTTP (32 connections), connection churn, WebSocket churn on /ws/code/watch and
                        kill -9s of the plugin; per-minute figures, RSS and fd trends, and its targets
  --soak-minutes <m>    minutes of load in all (default ${DEFAULT_SOAK_MINUTES}, or QNTX_SOAK_MINUTES); at least 1`;

export function isSoak(argv: string[]): boolean {
  return argv.includes('--soak');
}

export function parseSoakArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SoakArgs {
  let minutes = env.QNTX_SOAK_MINUTES ? minutesFrom('QNTX_SOAK_MINUTES', env.QNTX_SOAK_MINUTES) : DEFAULT_SOAK_MINUTES;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--soak' || flag === '--no-install') continue;
    if (flag !== '--soak-minutes') throw new BenchArgsError(`${JSON.stringify(flag)} does not go with --soak.\n\n${SOAK_USAGE}`);
    const value = argv[++i];
    if (value === undefined) throw new BenchArgsError(`--soak-minutes needs a value.\n\n${SOAK_USAGE}`);
    minutes = minutesFrom(flag, value);
  }
  return { minutes };
}

function minutesFrom(source: string, text: string): number {
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes < 1 || minutes > 120) {
    throw new BenchArgsError(`${source} must be a number of minutes from 1 to 120, got ${JSON.stringify(text)}.\n\n${SOAK_USAGE}`);
  }
  return minutes;
}
