/** Runs src/main.ts in a child process (as in production) and reads its JSON log lines. */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A Landports process started by a test. */
export interface ChildServer {
  child: ChildProcess;
  logs: Array<Record<string, any>>;
  /** Resolves with the first log line matching `pred` (rejects after `ms`). */
  waitForLog(pred: (l: Record<string, any>) => boolean, ms?: number): Promise<Record<string, any>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `node src/main.ts` with `env` added to the environment; resolves once it is serving. */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'swc-register.js'), path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, any>> = [];
  const waiters: Array<() => void> = [];
  let buf = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => {
    buf += c.toString('utf8');
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try { logs.push(JSON.parse(line)); } catch { logs.push({ msg: line }); }
      waiters.forEach((w) => w());
    }
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { waiters.forEach((w) => w()); resolve(code); }));
  const waitForLog = (pred: (l: Record<string, any>) => boolean, ms = 30000) => new Promise<Record<string, any>>((resolve, reject) => {
    const check = () => {
      const hit = logs.find(pred);
      if (hit) { clearTimeout(timer); resolve(hit); } else if (child.exitCode !== null) { clearTimeout(timer); reject(new Error(`the server exited (${child.exitCode}): ${stderr}`)); }
    };
    const timer = setTimeout(() => reject(new Error(`no such log line within ${ms} ms; stderr: ${stderr}`)), ms);
    waiters.push(check);
    check();
  });
  await waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('Landports is serving'), 60000);
  return { child, logs, waitForLog, exited };
}
