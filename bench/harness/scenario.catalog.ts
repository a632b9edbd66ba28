import { ECHO_PATH, echoPayload, OCTET_TYPE, SMALL_PATH } from '../bench.payload';
import { ContenderName } from './contender.catalog';

const HTTP_CONTENDERS: ContenderName[] = ['plain', 'builtin', 'external', 'nginx', 'http-proxy', 'minimal'];
const WITH_NGINX_AUTO: ContenderName[] = [...HTTP_CONTENDERS, 'nginx-auto'];

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

export type Scenario = HttpScenario | PendingScenario | CodeSearchScenario;

const ECHO_BODY = echoPayload();

export const SCENARIOS: Scenario[] = [
  { kind: 'http', name: 'get-c1', title: 'small JSON GET, 1 connection', method: 'GET', path: SMALL_PATH, connections: 1, generator: 'autocannon', contenders: HTTP_CONTENDERS },
  { kind: 'http', name: 'get-c64', title: 'small JSON GET, 64 connections', method: 'GET', path: SMALL_PATH, connections: 64, generator: 'autocannon', contenders: WITH_NGINX_AUTO },
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
  { kind: 'pending', name: 'stream-upload-1g', title: '1 GiB streamed upload (MiB/s, host peak RSS)', waitsFor: 'the streaming HTTP extension (issue 6, HandleHTTPStream)' },
  { kind: 'pending', name: 'stream-download-1g', title: '1 GiB streamed download (MiB/s, host peak RSS)', waitsFor: 'the streaming HTTP extension (issue 6, HandleHTTPStream)' },
  { kind: 'pending', name: 'ws-echo-c1', title: 'WebSocket echo round trip, 1 socket, direct vs through the host', waitsFor: 'WebSocket gateways (issue 5)' },
  { kind: 'pending', name: 'ws-echo-c64', title: 'WebSocket echo round trip, 64 sockets, direct vs through the host', waitsFor: 'WebSocket gateways (issue 5)' },
  { kind: 'pending', name: 'cli-warm', title: '`qntx <plugin> <trivial command>` wall time with the host running, vs `node -e 0`', waitsFor: 'the qntx CLI reusing the running host (issue 4)' },
  { kind: 'pending', name: 'cold-start', title: 'host cold start to the first 200 from an auto-started plugin', waitsFor: 'plugin auto-start and supervision (issue 3)' },
  { kind: 'pending', name: 'kill-recovery', title: 'time from `kill -9` of a plugin to its next 200', waitsFor: 'plugin supervision and restart (issue 3)' },
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

export function isHttp(scenario: Scenario): scenario is HttpScenario {
  return scenario.kind === 'http';
}
