import fs from 'node:fs';
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
  if (dataDir !== 'memory://') fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
  await server.start();
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
