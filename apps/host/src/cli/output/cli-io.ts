import { CliIo } from '../cli-options.interface';

/** The process's own streams; progress only when stderr is a terminal and nobody opted out. */
export function processIo(env: NodeJS.ProcessEnv = process.env): CliIo {
  const optedOut = env.QNTX_NO_PROGRESS === '1' || env.CI === 'true' || env.TERM === 'dumb';
  return { stdout: process.stdout, stderr: process.stderr, progress: Boolean(process.stderr.isTTY) && !optedOut };
}

/** Resolves once everything written so far has been handed to the OS (before process.exit). */
export async function flushIo(io: CliIo): Promise<void> {
  await Promise.all(
    [io.stdout, io.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))),
  );
}
