import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running embedded PostgreSQL (PGlite) served over the wire protocol on loopback. */
export interface EmbeddedDatabase {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite in `dataDir` (created if missing; `memory://` for a throwaway database) and
 * serves it on 127.0.0.1 at `port` (0: any free port). `maxConnections` must equal the pg
 * pool size, since the server multiplexes that many client connections onto one PGlite.
 */
export async function startEmbeddedDatabase(dataDir: string, maxConnections: number, port = 0): Promise<EmbeddedDatabase> {
  const release = dataDir === 'memory://' ? () => undefined : lockDataDir(dataDir);
  if (dataDir !== 'memory://') fs.mkdirSync(dataDir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (e) {
    release();
    throw e;
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
  await server.start();
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
      release();
    },
  };
}

/** The embedded database's folder is in use by another live process. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `the embedded database in ${dataDir} is in use by process ${pid} (a running \`npm start\`?). ` +
        'Only one process may open it: stop that process first, or set DATABASE_URL to a PostgreSQL server that several processes can share.',
    );
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>.lock` for this process (PGlite is one process's database: two processes
 * writing one folder would corrupt it). A lock left by a process that has died is taken over.
 * @returns the release function (also run at process exit).
 * @throws EmbeddedDatabaseBusyError when a live process holds the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, 'utf8') === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw new EmbeddedDatabaseBusyError(dataDir, holder);
      fs.unlinkSync(lockFile); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${lockFile}`);
}
