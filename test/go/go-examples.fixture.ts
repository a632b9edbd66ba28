import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SOURCES = [join(ROOT, 'examples', 'go-plugin'), join(ROOT, 'examples', 'go-host')];
const BUILD_SCRIPT = join(ROOT, 'examples', 'go-plugin', 'build.sh');
const BUILD_TIMEOUT_MS = 240_000;

export interface GoExamples {
  /** examples/go-plugin: the guide's MyPlugin on the reference protocol; takes --port. */
  plugin: string;
  /** examples/go-host: the reference host side, driving a plugin at --plugin <address>. */
  host: string;
}

/** Why the Go examples cannot be built here (no `go`), or null. CI installs Go (.ci/run). */
export function goMissing(): string | null {
  if (spawnSync('sh', ['-c', 'command -v go'], { stdio: 'ignore' }).status === 0) return null;
  return (
    '`go` is not on PATH; install the Debian packages .ci/run installs: golang-go golang-google-grpc-dev ' +
    'golang-github-golang-protobuf-1-3-dev golang-github-spf13-cobra-dev protobuf-compiler protoc-gen-go-1-3'
  );
}

/** jest's describe, or describe.skip with the reason printed once when Go is missing. */
export function describeWithGo(name: string, body: () => void): void {
  const missing = goMissing();
  if (missing) console.warn(`Skipping "${name}": ${missing}`);
  (missing ? describe.skip : describe)(name, body);
}

/**
 * Builds both examples with examples/go-plugin/build.sh (Debian's packages, GOPATH mode, code
 * generated from the reference proto), once per state of their sources: the binaries are kept in
 * a folder named after a hash of the sources, so the second test file (or run) reuses them.
 */
export async function buildGoExamples(): Promise<GoExamples> {
  const out = join(tmpdir(), `qntx-go-examples-${sourceHash()}`);
  const built = { plugin: join(out, 'myplugin'), host: join(out, 'go-host') };
  if (existsSync(built.plugin) && existsSync(built.host)) return built;
  const staging = mkdtempSync(`${out}.build-`);
  try {
    await new Promise<void>((done, fail) =>
      execFile(BUILD_SCRIPT, [staging], { timeout: BUILD_TIMEOUT_MS }, (error, _stdout, stderr) =>
        error ? fail(new Error(`${BUILD_SCRIPT} failed: ${error.message}\n${stderr}`)) : done(),
      ),
    );
    // Another build may have finished first; either copy is the same.
    if (!existsSync(out)) renameSync(staging, out);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return built;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const dir of SOURCES) {
    for (const file of filesUnder(dir)) hash.update(relative(ROOT, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== 'bin')
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}
