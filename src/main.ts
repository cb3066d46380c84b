/**
 * The composition root: config, then database (and, on a PostgreSQL server, the feed of reference
 * changes that keeps the in-memory port table fresh), then schema, then server.
 * On SIGTERM or SIGINT: stop accepting (readiness answers 503 and the port closes), let the
 * requests in flight finish (at most SHUTDOWN_GRACE_MS), then close the pool (and the embedded
 * database) and exit 0. A second signal during shutdown is ignored.
 */
import 'reflect-metadata';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { openDatabase } from './db/database';
import { buildLandportsSubgraph } from './schema';
import { createRepositories } from './context';
import { startServer } from './server';
import { ReferenceChangeFeed } from './db/change-feed';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, logger);
  // On a PostgreSQL server, ports are served from memory while this feed of their changes is live.
  const referenceChanges = db.embedded || !config.referenceCache ? null : new ReferenceChangeFeed(config.databaseUrl as string, logger);
  await referenceChanges?.start();
  if (referenceChanges) logger.info({ live: referenceChanges.live }, referenceChanges.live ? 'the port table is served from memory, dropped at each change (LISTEN landports_reference)' : 'the port table is read at each request until the change feed is live');
  const schema = await buildLandportsSubgraph();
  const repos = createRepositories(db.ds, { totalsFromRollup: config.totalsFromRollup, referenceChanges });
  const server = await startServer(schema, db.ds, repos, config, logger);
  logger.info({ url: server.url }, `Landports is serving at ${server.url}`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests; finishing those in flight');
    try {
      await server.stop();
      logger.info('requests finished; closing the database pool');
      await referenceChanges?.stop();
      await db.close();
      logger.info('stopped');
      exitWhenLogged(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      exitWhenLogged(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Ends the process with `code` by letting the event loop empty rather than calling process.exit()
 * at once: pino writes to stdout asynchronously, and process.exit() flushes its queue
 * synchronously ahead of a write already in flight, which reorders the last log lines. The
 * unref'd timer only bounds the wait (2 s) if some library leaves a handle open.
 */
function exitWhenLogged(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2000).unref();
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
