/** The benchmark's CPU accounting (bench/cpu.ts): per-request arithmetic by hand, and real readings of /proc. */
import { cpuPerRequest, cpuSample } from '../bench/cpu';

describe('cpuPerRequest', () => {
  test('splits the CPU of a run per request: the server, the load generator, and the rest of the machine', () => {
    // Server 1,500 - 1,000 = 500 ms, load generator 300 - 200 = 100 ms, machine 6,500 - 5,000 = 1,500 ms,
    // so the rest is 1,500 - 500 - 100 = 900 ms; over 100 requests: 5, 1 and 9 ms each.
    expect(cpuPerRequest({ processMs: 1000, machineMs: 5000, selfMs: 200 }, { processMs: 1500, machineMs: 6500, selfMs: 300 }, 100))
      .toEqual({ serverMs: 5, loadGeneratorMs: 1, restMs: 9 });
    // Rounded to µs: 10 ms over 3 requests.
    expect(cpuPerRequest({ processMs: 0, machineMs: 0, selfMs: 0 }, { processMs: 10, machineMs: 10, selfMs: 0 }, 3))
      .toEqual({ serverMs: 3.333, loadGeneratorMs: 0, restMs: 0 });
  });

  test('the rest is never negative (tick rounding can make the parts exceed the machine total)', () => {
    expect(cpuPerRequest({ processMs: 0, machineMs: 0, selfMs: 0 }, { processMs: 20, machineMs: 10, selfMs: 5 }, 1)?.restMs).toBe(0);
  });

  test('null without both samples or without requests', () => {
    const s = { processMs: 1, machineMs: 1, selfMs: 1 };
    expect(cpuPerRequest(null, s, 10)).toBeNull();
    expect(cpuPerRequest(s, null, 10)).toBeNull();
    expect(cpuPerRequest(s, s, 0)).toBeNull();
  });
});

describe('cpuSample (Linux /proc)', () => {
  test('sees this process burn 300 ms of CPU, and the machine at least as much', () => {
    const a = cpuSample(process.pid);
    expect(a).not.toBeNull();
    // Busy until this process has used 300 ms more CPU (by its own count), however loaded the machine is.
    const start = process.cpuUsage();
    let x = 0;
    while ((process.cpuUsage(start).user + process.cpuUsage(start).system) < 300_000) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i);
    const b = cpuSample(process.pid);
    expect(x).toBeGreaterThan(0);
    // /proc counts 10 ms clock ticks: 300 ms is read as 280 ms or more (GC and other threads may add some).
    const processMs = b!.processMs - a!.processMs;
    expect(processMs).toBeGreaterThanOrEqual(280);
    expect(processMs).toBeLessThan(1000);
    expect(b!.selfMs - a!.selfMs).toBeGreaterThanOrEqual(300);
    expect(b!.machineMs - a!.machineMs).toBeGreaterThanOrEqual(processMs - 20);
  });

  test('null for a process that does not exist', () => {
    expect(cpuSample(2 ** 22 + 12345)).toBeNull();
  });
});
