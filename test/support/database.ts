import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { TEST_ENV, TEST_POOL_SIZE } from './env';
import { createDataSource, migrate } from '../../src/db/data-source';

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through jest (globalSetup chooses the database)`);
  return v;
}

/** Which database globalSetup chose: "url", "testcontainers" or "embedded". */
export function testDatabaseKind(): string {
  return env(TEST_ENV.kind);
}

/** A DataSource on the test database (migrated, holding the shipped real data). Destroy it in afterAll. */
export async function openTestDatabase(): Promise<DataSource> {
  const ds = createDataSource(env(TEST_ENV.url), TEST_POOL_SIZE, undefined, { preparedStatements: testDatabaseKind() !== 'embedded' });
  await ds.initialize();
  return ds;
}

/**
 * A DataSource on the scratch database, emptied (schema public dropped and recreated) and
 * migrated, holding no data. Destroy it in afterAll.
 */
export async function openEmptyScratchDatabase(): Promise<DataSource> {
  const ds = createDataSource(env(TEST_ENV.scratchUrl), TEST_POOL_SIZE, undefined, { preparedStatements: testDatabaseKind() !== 'embedded' });
  await ds.initialize();
  await ds.query('DROP SCHEMA public CASCADE');
  await ds.query('CREATE SCHEMA public');
  await migrate(ds);
  return ds;
}
