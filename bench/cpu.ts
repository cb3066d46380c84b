/**
 * Where the CPU of a benchmark run goes, per request: the server under test (all its threads,
 * GC and libuv included), the load generator (this process), and the rest of the machine (on the
 * benchmark machine that is PostgreSQL: nothing else runs). Read from Linux's /proc in clock
 * ticks (USER_HZ, 100 per second on Linux), so a figure is good to about ±10 ms over a run, that
 * is ±0.002 ms per request over 5,000 requests. Elsewhere than Linux every figure is null.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** CPU used so far, in ms: by one process, by the whole machine (all cores), by this process. */
export interface CpuSample {
  processMs: number;
  machineMs: number;
  selfMs: number;
}

/** CPU per request between two samples, in ms: the server's, the load generator's, and the rest of the machine's. */
export interface CpuPerRequest {
  serverMs: number;
  loadGeneratorMs: number;
  restMs: number;
}

let ticksPerSecond: number | undefined;

function msPerTick(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return 1000 / ticksPerSecond;
}

/**
 * CPU used so far by process `pid` (utime + stime of /proc/PID/stat), by the machine (user, nice,
 * system, irq and softirq of /proc/stat's first line, all cores: idle and iowait left out) and by
 * this process, in ms; null when /proc cannot be read (not Linux, or the process is gone).
 */
export function cpuSample(pid: number): CpuSample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ": utime and stime are the 14th and 15th.
    const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq] = cpu;
    const self = process.cpuUsage();
    return {
      processMs: (Number(f[11]) + Number(f[12])) * msPerTick(),
      machineMs: (user + nice + system + irq + softirq) * msPerTick(),
      selfMs: (self.user + self.system) / 1000,
    };
  } catch {
    return null;
  }
}

/**
 * CPU per request between samples `a` and `b` (taken around `requests` requests); null when
 * either sample is null or no request was made. `restMs` is the machine's CPU less the server's
 * and the load generator's.
 */
export function cpuPerRequest(a: CpuSample | null, b: CpuSample | null, requests: number): CpuPerRequest | null {
  if (!a || !b || requests <= 0) return null;
  const server = b.processMs - a.processMs;
  const loadGenerator = b.selfMs - a.selfMs;
  const machine = b.machineMs - a.machineMs;
  const round = (ms: number) => Math.round((ms / requests) * 1000) / 1000;
  return { serverMs: round(server), loadGeneratorMs: round(loadGenerator), restMs: round(Math.max(0, machine - server - loadGenerator)) };
}
