/**
 * The child side of the harness's contract with each contender process: it prints one
 * `BENCH_READY {json}` line once it serves, and it stops (closing its server, exiting 0 so that
 * `--cpu-prof` gets written) when its stdin closes, which also happens when the harness dies.
 */
export const READY_PREFIX = 'BENCH_READY ';

export interface ReadyInfo {
  /** Base URL of an HTTP contender, e.g. "http://127.0.0.1:41234". */
  url?: string;
  /** "host:port" of a gRPC server. */
  address?: string;
}

export interface StartedServer {
  info: ReadyInfo;
  close(): Promise<unknown>;
}

/** Runs one contender: starts it, announces it, and closes it when the harness lets go. */
export function runContender(name: string, start: () => Promise<StartedServer>): void {
  start().then(
    (server) => {
      process.stdout.write(`${READY_PREFIX}${JSON.stringify(server.info)}\n`);
      let stopping = false;
      const stop = (): void => {
        if (stopping) return;
        stopping = true;
        // A close that hangs (a keep-alive socket, a stuck call) must not outlive the run.
        setTimeout(() => process.exit(0), 3000).unref();
        server.close().then(
          () => process.exit(0),
          () => process.exit(0),
        );
      };
      process.stdin.on('end', stop);
      process.stdin.on('close', stop);
      process.stdin.on('error', stop);
      process.stdin.resume();
    },
    (error: unknown) => {
      process.stderr.write(`${name} failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}

/** The value after `--<flag>` on the command line; the harness always passes the ones it needs. */
export function requiredArg(flag: string): string {
  const at = process.argv.indexOf(`--${flag}`);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  if (!value) throw new Error(`missing --${flag} <value> on the command line of ${process.argv[1]}`);
  return value;
}

/** Whether `--<flag>` is on the command line (`--guarded`: the app carries the bench's global guard and interceptor). */
export function hasFlag(flag: string): boolean {
  return process.argv.includes(`--${flag}`);
}

export const LOOPBACK = '127.0.0.1';
