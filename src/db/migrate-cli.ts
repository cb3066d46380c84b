/** `npm run migrate`: runs pending migrations against DATABASE_URL (or the embedded database). */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openDatabase } from './database';

async function run(): Promise<void> {
  const config = { ...loadConfig(), migrateOnStart: true, seedOnStart: false, dbStatementTimeoutMs: 0 };
  const db = await openDatabase(config, createLogger(config.logLevel));
  await db.close();
  console.log('the schema is up to date (migrations run now, if any, are logged above)');
}
run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
