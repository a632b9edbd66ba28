import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { SINK_PATH, SOURCE_PATH } from '../bench.payload';
import { TransferScenario } from '../scenarios/transfer-scenario.interface';
import { BenchArgs } from './bench-args';
import { ContenderName, RunningContender } from './contender.catalog';
import { ScenarioResult, TransferSummary } from './measurement.interface';
import { spread } from './spread';

const MiB = 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 0x62);

function memoryMiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/** Sends `bytes` as a chunked upload with backpressure; resolves with the answer's status. */
function upload(url: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/octet-stream' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        const piece = bytes - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, bytes - sent);
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** Reads a download to the end; resolves with the byte count, or rejects on a non-200. */
function download(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET ${url} answered ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/**
 * Moves the scenario's body through each contender once per round (1 round in --quick), sampling
 * the host process's RSS every 20 ms while it moves. The host is the first process of the stack.
 */
export async function runTransfer(
  scenario: TransferScenario,
  result: ScenarioResult,
  args: BenchArgs,
  running: Map<ContenderName, RunningContender>,
  log: (line: string) => void,
): Promise<void> {
  const rounds = args.quick ? 1 : args.rounds;
  const summary: Partial<Record<ContenderName, TransferSummary>> = {};
  try {
    for (const name of scenario.contenders) {
      const contender = running.get(name);
      if (!contender) continue;
      const hostPid = contender.stack[0].pid;
      const rates: number[] = [];
      const growths: number[] = [];
      let peakHwm = 0;
      for (let round = 1; round <= rounds; round++) {
        const before = memoryMiB(hostPid).rss;
        let peak = before;
        const sampler = setInterval(() => (peak = Math.max(peak, memoryMiB(hostPid).rss)), 20);
        const started = process.hrtime.bigint();
        try {
          if (scenario.direction === 'upload') {
            const status = await upload(`${contender.url}${SINK_PATH}`, scenario.bytes);
            if (status !== 200) throw new Error(`POST ${SINK_PATH} through ${name} answered ${status}`);
          } else {
            const bytes = await download(`${contender.url}${SOURCE_PATH}/${scenario.bytes}`);
            if (bytes !== scenario.bytes) throw new Error(`GET ${SOURCE_PATH} through ${name} gave ${bytes} bytes, not ${scenario.bytes}`);
          }
        } finally {
          clearInterval(sampler);
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const { rss, hwm } = memoryMiB(hostPid);
        peak = Math.max(peak, rss);
        peakHwm = Math.max(peakHwm, hwm);
        rates.push(scenario.bytes / MiB / seconds);
        growths.push(peak - before);
        log(`${scenario.name} ${name.padEnd(9)} round ${round}/${rounds}: ${rates[rates.length - 1].toFixed(0)} MiB/s, host RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MiB (VmHWM ${hwm.toFixed(0)} MiB)`);
      }
      summary[name] = { mibPerSec: spread(rates), rssGrowthMiB: spread(growths), hostVmHwmMiB: peakHwm };
    }
    result.transfer = summary;
    result.note = `${(scenario.bytes / MiB).toFixed(0)} MiB per transfer; host RSS sampled every 20 ms; VmHWM is the host's peak since it started`;
  } catch (error) {
    result.status = 'skipped';
    result.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
    log(`${scenario.name} ${result.note}`);
  }
}
