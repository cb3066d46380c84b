import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource, migrate } from './data-source';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded';
import { loadShippedData } from '../import/reference.service';
import type { Logger } from '../logger';

/** An open database: the DataSource, and the embedded server behind it when there is one. */
export interface OpenDatabase {
  ds: DataSource;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/**
 * Opens config.databaseUrl, or with none starts the embedded PostgreSQL (PGlite) in
 * config.dataDir. Then migrates (config.migrateOnStart) and, when no observation is stored
 * yet, loads the shipped real data (config.seedOnStart).
 */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedDatabase(path.join(config.dataDir, 'pgdata'), config.dbPoolSize);
    url = embedded.url;
    logger.info({ dataDir: config.dataDir }, 'no DATABASE_URL: started the embedded PostgreSQL (PGlite)');
  } else {
    const u = new URL(url);
    logger.info({ database: `${u.hostname}:${u.port || 5432}${u.pathname}` }, 'using the PostgreSQL of DATABASE_URL');
  }
  const ds = createDataSource(url, config.dbPoolSize, undefined, {
    connectMs: config.dbConnectTimeoutMs, statementMs: config.dbStatementTimeoutMs, preparedStatements: embedded === null && config.dbPreparedStatements,
  });
  await ds.initialize();
  if (config.migrateOnStart) {
    const ran = await migrate(ds);
    if (ran.length) logger.info({ migrations: ran }, 'migrated');
  }
  if (config.seedOnStart) {
    const [{ n }]: { n: string }[] = await ds.query('SELECT count(*)::text AS n FROM observation');
    if (n === '0') {
      const r = await loadShippedData(ds, config.shippedDataDir);
      logger.info(r, 'loaded the shipped real data');
    }
  }
  return {
    ds,
    embedded,
    async close() {
      await ds.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
