/**
 * A PostgreSQL cluster that a test owns, starts and stops (initdb and pg_ctl from
 * /usr/lib/postgresql/<version>/bin) in a temporary folder, on a loopback port of 55432-55499.
 * As root, the cluster runs as the postgres user (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listening } from './redis-server';

/** The folder of initdb and pg_ctl, or null when no PostgreSQL server binaries are installed. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/** A cluster owned by the test. */
export interface OwnPostgres {
  url: string;
  port: number;
  start(): Promise<void>;
  /** Stops the server: `fast` rolls back and disconnects sessions; `immediate` is a crash stop. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

async function freePgPort(): Promise<number> {
  for (let p = 55432; p <= 55499; p++) if (!(await listening(p))) return p;
  throw new Error('no free port in 55432-55499');
}

/** initdb in a temporary folder and start the server. */
export async function createOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const port = await freePgPort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landports-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) => (asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' })
    : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' }));
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const pg = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    },
    async stop(mode: 'fast' | 'immediate' = 'fast') {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    async destroy() {
      try { await pg.stop('immediate'); } catch { /* already stopped */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}
