import WebSocket from 'ws';
import { BENCH_WS_ECHO_PATH } from '../bench.payload';
import { WsEchoScenario } from '../scenarios/ws-echo-scenario.interface';
import { BenchArgs } from './bench-args';
import { ContenderName, RunningContender } from './contender.catalog';
import { ScenarioResult, WsEchoSummary } from './measurement.interface';
import { sampleProcesses } from './proc-stats';
import { spread } from './spread';

interface WsRound {
  roundTripsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of every process serving the contender (host + plugin, relay + plugin), µs per round trip. */
  cpuUsPerRoundTrip: number;
  /** The same per process, by role ("host 21 + plugin 14"), to see which side costs what. */
  cpuByRole: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : NaN;
}

export type EchoFigures = Omit<WsRound, 'cpuUsPerRoundTrip' | 'cpuByRole'> & { roundTrips: number };

/** Opens `sockets` sockets, then for `durationSec` each sends a frame and waits for its echo, again and again. */
export async function measureEcho(url: string, sockets: number, frameBytes: number, durationSec: number): Promise<EchoFigures> {
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
  return { roundTrips: samples.length, roundTripsPerSec: samples.length / seconds, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}

/** One measurement with the CPU each serving process spent on it (sockets opened and closed included). */
async function measureWithCpu(contender: RunningContender, sockets: number, frameBytes: number, durationSec: number): Promise<WsRound> {
  const before = contender.stack.map((handle) => sampleProcesses([handle.pid]).cpuSec);
  const figures = await measureEcho(contender.url, sockets, frameBytes, durationSec);
  const usPerRoundTrip = contender.stack.map((handle, i) => ((sampleProcesses([handle.pid]).cpuSec - before[i]) * 1e6) / figures.roundTrips);
  const { roundTrips: _, ...round } = figures;
  return {
    ...round,
    cpuUsPerRoundTrip: usPerRoundTrip.reduce((a, b) => a + b, 0),
    cpuByRole: contender.stack.map((handle, i) => `${handle.role} ${usPerRoundTrip[i].toFixed(1)}`).join(' + '),
  };
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
        const contender = running.get(name)!;
        if (round === 1) await measureEcho(contender.url, scenario.sockets, scenario.frameBytes, args.warmupSec);
        const measured = await measureWithCpu(contender, scenario.sockets, scenario.frameBytes, args.durationSec);
        rounds.get(name)!.push(measured);
        log(
          `round ${round}/${args.rounds}  ${scenario.name} ${name.padEnd(9)} ${measured.roundTripsPerSec.toFixed(0)} round trips/s  p50 ${measured.p50Ms.toFixed(3)} ms  p99 ${measured.p99Ms.toFixed(3)} ms  ` +
            `${measured.cpuUsPerRoundTrip.toFixed(1)} µs CPU/round trip (${measured.cpuByRole})`,
        );
      }
    }
    const summary: Partial<Record<ContenderName, WsEchoSummary>> = {};
    for (const [name, list] of rounds) {
      summary[name] = {
        roundTripsPerSec: spread(list.map((r) => r.roundTripsPerSec)),
        p50Ms: spread(list.map((r) => r.p50Ms)),
        p99Ms: spread(list.map((r) => r.p99Ms)),
        cpuUsPerRoundTrip: spread(list.map((r) => r.cpuUsPerRoundTrip)),
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
