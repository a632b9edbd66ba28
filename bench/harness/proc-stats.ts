import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time and memory of a process and its descendants, read from /proc (Linux only). */
export interface ProcSample {
  /** User + system CPU seconds so far. */
  cpuSec: number;
  /** Resident set now, MiB. */
  rssMiB: number;
  /** Peak resident set since start (VmHWM), MiB, summed over the processes. */
  peakRssMiB: number;
}

const TICKS_PER_SEC = clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** The pid and every descendant (nginx's workers, say). */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      } catch {
        // The task ended while we read: nothing to count.
      }
    }
  }
  return out;
}

/** Sums the sample over every process of the given trees; processes that have gone count as zero. */
export function sampleProcesses(pids: number[]): ProcSample {
  const total: ProcSample = { cpuSec: 0, rssMiB: 0, peakRssMiB: 0 };
  for (const root of pids) {
    for (const pid of processTree(root)) {
      const one = sampleOne(pid);
      total.cpuSec += one.cpuSec;
      total.rssMiB += one.rssMiB;
      total.peakRssMiB += one.peakRssMiB;
    }
  }
  return total;
}

function sampleOne(pid: number): ProcSample {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSec = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { cpuSec, rssMiB: statusKiB(status, 'VmRSS') / 1024, peakRssMiB: statusKiB(status, 'VmHWM') / 1024 };
  } catch {
    return { cpuSec: 0, rssMiB: 0, peakRssMiB: 0 };
  }
}

function statusKiB(status: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}
