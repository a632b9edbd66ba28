import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SMALL_PATH } from '../bench.payload';
import { nginxConfig } from '../contenders/nginx.config';
import { ContenderStartError } from './node-contender.launcher';
import { OutputTail, ProcessHandle, stopChild } from './process-handle';

const READY_TIMEOUT_MS = 10_000;

/**
 * Starts nginx (`daemon off`, so the master is our child) with a generated config in front of
 * `upstreamUrl`. nginx cannot report the port it bound, so a free port is picked first and the
 * start is retried if another process takes it in between. It is up once a GET of the small
 * route with `probeHeaders` (a guarded upstream's token) answers 200.
 */
export async function launchNginx(
  nginxPath: string,
  upstreamUrl: string,
  workers: 1 | 'auto',
  probeHeaders: Readonly<Record<string, string>> = {},
): Promise<{ handle: ProcessHandle; url: string }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launchOnce(nginxPath, upstreamUrl, workers, probeHeaders);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function launchOnce(nginxPath: string, upstreamUrl: string, workers: 1 | 'auto', probeHeaders: Readonly<Record<string, string>>) {
  const role = `nginx (worker_processes ${workers})`;
  const prefix = mkdtempSync(join(tmpdir(), 'qntx-bench-nginx-'));
  // Workers drop root to "nobody"; they must be able to reach the temp dirs.
  chmodSync(prefix, 0o755);
  for (const dir of ['client_body', 'proxy']) mkdirSync(join(prefix, dir), { mode: 0o777 });
  const port = await freeLoopbackPort();
  const config = join(prefix, 'nginx.conf');
  writeFileSync(config, nginxConfig({ prefix, listenPort: port, upstream: new URL(upstreamUrl).host, workers }));
  const child = spawn(nginxPath, ['-p', prefix, '-e', join(prefix, 'error.log'), '-c', config], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = new OutputTail();
  createInterface({ input: child.stdout! }).on('line', (line) => tail.add(line));
  createInterface({ input: child.stderr! }).on('line', (line) => tail.add(line));
  const handle: ProcessHandle = {
    role,
    pid: child.pid ?? -1,
    output: () => tail.text(),
    stop: async () => {
      // SIGTERM is nginx's fast shutdown: the master stops its workers and exits.
      await stopChild(child, () => child.kill('SIGTERM'));
      rmSync(prefix, { recursive: true, force: true });
    },
  };
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new ContenderStartError(role, `it exited (${signal ?? `code ${code}`})`, tail.text())),
    ),
  );
  exited.catch(() => undefined);
  try {
    await Promise.race([waitForOk(`${url}${SMALL_PATH}`, probeHeaders), exited]);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return { handle, url };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls until the URL answers 200: nginx has no ready signal to wait for. */
async function waitForOk(url: string, headers: Readonly<Record<string, string>>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx at ${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (${last})`);
}
