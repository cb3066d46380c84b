/** A throwaway redis-server on a loopback port of the tests' range, without persistence. */
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

/** A redis-server the test started; stop() ends it (SIGTERM, then waits for exit). */
export interface OwnRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Starts redis-server on `port` (no RDB, no AOF) and waits until it accepts connections. */
export async function startRedis(port: number): Promise<OwnRedis> {
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await listening(port)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await listening(port))) throw new Error(`redis-server did not start on ${port}`);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
