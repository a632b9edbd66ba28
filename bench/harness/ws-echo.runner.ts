import WebSocket from 'ws';
import { BENCH_WS_ECHO_PATH } from '../bench.payload';
import { WsEchoScenario } from '../scenarios/ws-echo-scenario.interface';
import { BenchArgs } from './bench-args';
import { ContenderName, RunningContender } from './contender.catalog';
import { ScenarioResult, WsEchoSummary } from './measurement.interface';
import { spread } from './spread';

interface WsRound {
  roundTripsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN;
}

/** Opens `sockets` sockets, then for `durationSec` each sends a frame and waits for its echo, again and again. */
async function measureEcho(url: string, sockets: number, frameBytes: number, durationSec: number): Promise<WsRound> {
  const frame = 'x'.repeat(frameBytes);
  const clients = await Promise.all(
    Array.from({ length: sockets }, () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${BENCH_WS_ECHO_PATH}`);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      }),
    ),
  );
  const samples: number[] = [];
  const until = Date.now() + durationSec * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    clients.map(
      (ws) =>
        new Promise<void>((resolve, reject) => {
          let sentAt = 0n;
          const next = (): void => {
            if (Date.now() >= until) return resolve();
            sentAt = process.hrtime.bigint();
            ws.send(frame);
          };
          ws.on('message', () => {
            samples.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
            next();
          });
          ws.once('close', () => reject(new Error('a socket closed during the measurement')));
          next();
        }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const ws of clients) {
    ws.removeAllListeners('close');
    ws.terminate();
  }
  samples.sort((a, b) => a - b);
  return { roundTripsPerSec: samples.length / seconds, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}

/** Each round measures every contender once (order rotated); figures are medians of the rounds. */
export async function runWsEcho(
  scenario: WsEchoScenario,
  result: ScenarioResult,
  args: BenchArgs,
  running: Map<ContenderName, RunningContender>,
  log: (line: string) => void,
): Promise<void> {
  const names = scenario.contenders.filter((name) => running.has(name));
  const rounds = new Map<ContenderName, WsRound[]>(names.map((name) => [name, []]));
  try {
    for (let round = 1; round <= args.rounds; round++) {
      const order = [...names.slice((round - 1) % names.length), ...names.slice(0, (round - 1) % names.length)];
      for (const name of order) {
        const url = running.get(name)!.url;
        if (round === 1) await measureEcho(url, scenario.sockets, scenario.frameBytes, args.warmupSec);
        const measured = await measureEcho(url, scenario.sockets, scenario.frameBytes, args.durationSec);
        rounds.get(name)!.push(measured);
        log(`round ${round}/${args.rounds}  ${scenario.name} ${name.padEnd(9)} ${measured.roundTripsPerSec.toFixed(0)} round trips/s  p50 ${measured.p50Ms.toFixed(3)} ms  p99 ${measured.p99Ms.toFixed(3)} ms`);
      }
    }
    const summary: Partial<Record<ContenderName, WsEchoSummary>> = {};
    for (const [name, list] of rounds) {
      summary[name] = {
        roundTripsPerSec: spread(list.map((r) => r.roundTripsPerSec)),
        p50Ms: spread(list.map((r) => r.p50Ms)),
        p99Ms: spread(list.map((r) => r.p99Ms)),
      };
    }
    result.wsEcho = summary;
    const absent = scenario.contenders.filter((name) => !running.has(name));
    result.note = `${scenario.frameBytes}-byte text frames${absent.length ? `; not running: ${absent.join(', ')}` : ''}`;
  } catch (error) {
    result.status = 'skipped';
    result.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
    log(`${scenario.name} ${result.note}`);
  }
}
