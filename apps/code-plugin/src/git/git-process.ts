import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { GitCommandError } from './git-command.error';

/** Settings that keep git's output stable for parsing and git itself from prompting or locking. */
const GIT_CONFIG = ['-c', 'core.quotePath=false', '-c', 'log.showSignature=false', '-c', 'color.ui=false'];
/**
 * GIT_LITERAL_PATHSPECS: a path is a file name, never pathspec magic; `:(top)*` or `:/x` would
 * otherwise reach the whole repository around a workspace that is only a folder of it.
 */
const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_LITERAL_PATHSPECS: '1', LC_ALL: 'C' };
/** Output of a buffered git call beyond this is an error, not a memory problem. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export interface GitOptions {
  cwd: string;
  signal?: AbortSignal;
  /** The binary (`git_binary` in am.code.toml), "git" by default. */
  binary?: string;
}

/** Starts git with stable output settings; the caller reads its stdout as a stream. */
export function spawnGit(args: string[], options: GitOptions): ChildProcessWithoutNullStreams {
  const child = spawn(options.binary ?? 'git', [...GIT_CONFIG, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...GIT_ENV },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();
  if (options.signal) {
    const kill = (): void => void child.kill('SIGTERM');
    if (options.signal.aborted) kill();
    else options.signal.addEventListener('abort', kill, { once: true });
    child.once('close', () => options.signal!.removeEventListener('abort', kill));
  }
  return child;
}

/** Resolves once git exits; a non-zero exit (or a spawn failure) rejects with what git said on stderr. */
export function gitExit(child: ChildProcessWithoutNullStreams, args: string[]): Promise<void> {
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < 8192) stderr += text;
  });
  return new Promise<void>((resolve, reject) => {
    child.once('error', (error) => reject(new GitCommandError(args, error.message)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new GitCommandError(args, stderr.trim() || `exited with ${signal ?? `code ${code}`}`));
    });
  });
}

/** Runs git to completion and returns its stdout (bounded). */
export async function runGit(args: string[], options: GitOptions): Promise<Buffer> {
  const child = spawnGit(args, options);
  const chunks: Buffer[] = [];
  let size = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BUFFERED_BYTES) child.kill('SIGTERM');
    else chunks.push(chunk);
  });
  try {
    await gitExit(child, args);
  } finally {
    if (size > MAX_BUFFERED_BYTES) throw new GitCommandError(args, `printed more than ${MAX_BUFFERED_BYTES} bytes`);
  }
  return Buffer.concat(chunks);
}
