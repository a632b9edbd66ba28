import { ECHO_PATH, echoPayload, GUARDED_REQUEST_HEADERS, OCTET_TYPE, SMALL_PATH } from '../bench.payload';
import { ContenderName } from './contender.catalog';
import { CLI_WARM } from '../scenarios/cli-warm.scenario';
import { COLD_START } from '../scenarios/cold-start.scenario';
import { KILL_RECOVERY } from '../scenarios/kill-recovery.scenario';
import { TimedScenario } from '../scenarios/timed-scenario.interface';
import { TransferScenario } from '../scenarios/transfer-scenario.interface';
import { WsEchoScenario } from '../scenarios/ws-echo-scenario.interface';

const HTTP_CONTENDERS: ContenderName[] = ['plain', 'builtin', 'external', 'nginx', 'http-proxy', 'minimal'];
const WITH_NGINX_AUTO: ContenderName[] = [...HTTP_CONTENDERS, 'nginx-auto'];
/** The same app-wide guard and interceptor on every side; the guarded plain app is their floor. */
const GUARDED_CONTENDERS: ContenderName[] = [
  'guarded-plain',
  'guarded-builtin',
  'guarded-external',
  'guarded-nginx',
  'guarded-http-proxy',
  'guarded-external-traced',
];
/** The same five with every Nest app on @nestjs/platform-fastify. */
const FASTIFY_GUARDED_CONTENDERS: ContenderName[] = [
  'fastify-guarded-plain',
  'fastify-guarded-builtin',
  'fastify-guarded-external',
  'fastify-guarded-nginx',
  'fastify-guarded-http-proxy',
];

/** An HTTP scenario every selected contender runs, interleaved, each round. */
export interface HttpScenario {
  kind: 'http';
  name: string;
  title: string;
  method: 'GET' | 'POST';
  path: string;
  body?: Buffer;
  headers?: Record<string, string>;
  connections: number;
  generator: 'autocannon' | 'wrk';
  contenders: ContenderName[];
  /** The contender ×floor divides by: the plain app unless given. */
  floor?: ContenderName;
  /** Report MiB/s of body moved each way (the POST echo). */
  payloadBytes?: number;
}

/** A scenario of the issue that needs a feature another branch brings: a slot, reported as not available yet. */
export interface PendingScenario {
  kind: 'pending';
  name: string;
  title: string;
  waitsFor: string;
}

/** Code search through the host against `git grep` on a generated tree (code-search.runner.ts). */
export interface CodeSearchScenario {
  kind: 'code-search';
  name: string;
  title: string;
  files: number;
  meanFileBytes: number;
  literal: string;
}

export type Scenario = HttpScenario | PendingScenario | TimedScenario | TransferScenario | WsEchoScenario | CodeSearchScenario;

const GiB = 1024 * 1024 * 1024;

const ECHO_BODY = echoPayload();

export const SCENARIOS: Scenario[] = [
  { kind: 'http', name: 'get-c1', title: 'small JSON GET, 1 connection', method: 'GET', path: SMALL_PATH, connections: 1, generator: 'autocannon', contenders: HTTP_CONTENDERS },
  { kind: 'http', name: 'get-c64', title: 'small JSON GET, 64 connections', method: 'GET', path: SMALL_PATH, connections: 64, generator: 'autocannon', contenders: WITH_NGINX_AUTO },
  {
    kind: 'http',
    name: 'get-c64-guarded',
    title: 'small JSON GET, 64 connections, the same global guard and interceptor in every app',
    method: 'GET',
    path: SMALL_PATH,
    headers: { ...GUARDED_REQUEST_HEADERS },
    connections: 64,
    generator: 'autocannon',
    contenders: GUARDED_CONTENDERS,
    floor: 'guarded-plain',
  },
  {
    kind: 'http',
    name: 'get-c64-guarded-fastify',
    title: 'get-c64-guarded with every Nest app on @nestjs/platform-fastify',
    method: 'GET',
    path: SMALL_PATH,
    headers: { ...GUARDED_REQUEST_HEADERS },
    connections: 64,
    generator: 'autocannon',
    contenders: FASTIFY_GUARDED_CONTENDERS,
    floor: 'fastify-guarded-plain',
  },
  {
    kind: 'http',
    name: 'post-echo-64k',
    title: '64 KiB POST echo, 16 connections',
    method: 'POST',
    path: ECHO_PATH,
    body: ECHO_BODY,
    headers: { 'content-type': OCTET_TYPE },
    connections: 16,
    generator: 'autocannon',
    contenders: HTTP_CONTENDERS,
    payloadBytes: ECHO_BODY.length,
  },
  { kind: 'http', name: 'get-c64-wrk', title: 'small JSON GET, 64 connections, wrk (when installed)', method: 'GET', path: SMALL_PATH, connections: 64, generator: 'wrk', contenders: WITH_NGINX_AUTO },
  { kind: 'transfer', name: 'stream-upload-1g', title: '1 GiB streamed upload (MiB/s, host RSS growth and peak)', direction: 'upload', bytes: GiB, contenders: ['builtin', 'external'] },
  { kind: 'transfer', name: 'stream-download-1g', title: '1 GiB streamed download (MiB/s, host RSS growth and peak)', direction: 'download', bytes: GiB, contenders: ['builtin', 'external'] },
  { kind: 'ws-echo', name: 'ws-echo-c1', title: 'WebSocket echo round trip, 1 socket: direct, through the host, minimal relay', sockets: 1, frameBytes: 64, contenders: ['ws-direct', 'external', 'ws-relay'] },
  { kind: 'ws-echo', name: 'ws-echo-c64', title: 'WebSocket echo round trips, 64 sockets: direct, through the host, minimal relay', sockets: 64, frameBytes: 64, contenders: ['ws-direct', 'external', 'ws-relay'] },
  CLI_WARM,
  COLD_START,
  KILL_RECOVERY,
  {
    kind: 'code-search',
    name: 'code-search',
    title: 'literal search through the host (code plugin) vs `git grep` on a generated tree of 20,000 files, ~200 MiB',
    files: 20_000,
    meanFileBytes: 10_240,
    literal: 'needleNeedle42',
  },
];

export function isCodeSearch(scenario: Scenario): scenario is CodeSearchScenario {
  return scenario.kind === 'code-search';
}

export function isTimed(scenario: Scenario): scenario is TimedScenario {
  return scenario.kind === 'timed';
}

export function isHttp(scenario: Scenario): scenario is HttpScenario {
  return scenario.kind === 'http';
}
