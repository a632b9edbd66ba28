/** The command line of `npm run bench -- ...`. */
export interface BenchArgs {
  quick: boolean;
  /** Scenario names to run; empty means all. */
  scenarios: string[];
  /** Contender names to run besides the floor (always started); empty means all. */
  contenders: string[];
  durationSec: number;
  rounds: number;
  /** Warm-up before each contender's first measurement of a scenario; later rounds warm up half as long. */
  warmupSec: number;
  /** May the bench install wrk and nginx with apt-get (only as root)? */
  install: boolean;
  /** Profile the external path (host and plugin) under one scenario instead of running the suite. */
  profile: boolean;
  list: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --quick               every scenario briefly (1 s per measurement, 1 round; about two minutes)
  --scenario <name>     run only this scenario (repeatable); see --list
  --contender <name>    run only this contender besides the plain app, and the app behind it if it is a proxy
                        (repeatable); see --list
                        (--scenario get-c64-guarded alone runs just the guarded contenders' comparison)
  --duration <s>        seconds of each measurement (default 2; quick 1; profile 10)
  --rounds <n>          rounds; each round measures every contender once per scenario (default 3; quick 1)
  --warmup <s>          warm-up before a contender's first measurement of a scenario (default 1; quick 0.5)
  --no-install          never apt-get install wrk or nginx (otherwise done when missing and running as root)
  --profile             --cpu-prof the host and the plugin on the external path during one scenario
                        (get-c64, or the first --scenario), and summarize their self time
  --list                list the scenarios and contenders
  --help                this text`;

export class BenchArgsError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'BenchArgsError';
  }
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const quick = argv.includes('--quick');
  const profile = argv.includes('--profile');
  const args: BenchArgs = {
    quick,
    scenarios: [],
    contenders: [],
    // Sized so a default run takes about six and a half minutes and --quick about two on two
    // cores: the load scenarios (4 × 7 contenders, and 5 guarded in one, × rounds × duration)
    // are most of it.
    durationSec: profile ? 10 : quick ? 1 : 2,
    rounds: quick ? 1 : 3,
    warmupSec: quick ? 0.5 : 1,
    install: true,
    profile,
    list: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new BenchArgsError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--quick':
      case '--profile':
        break;
      case '--scenario':
        args.scenarios.push(value());
        break;
      case '--contender':
        args.contenders.push(value());
        break;
      case '--duration':
        args.durationSec = positiveNumber(flag, value());
        break;
      case '--rounds':
        args.rounds = Math.round(positiveNumber(flag, value()));
        break;
      case '--warmup':
        args.warmupSec = positiveNumber(flag, value(), true);
        break;
      case '--no-install':
        args.install = false;
        break;
      case '--list':
        args.list = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new BenchArgsError(`Unknown option ${JSON.stringify(flag)}.`);
    }
  }
  return args;
}

function positiveNumber(flag: string, text: string, zeroAllowed = false): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw new BenchArgsError(`${flag} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number, got ${JSON.stringify(text)}.`);
  }
  return value;
}
