/**
 * Chooses the test database, in this order, and prints the choice:
 *  1. TEST_DATABASE_URL or DATABASE_URL: a server; two fresh databases are created on it
 *     (landports_test_<pid> and landports_test_<pid>_scratch) and dropped at the end, so the
 *     database the URL names is never touched.
 *  2. testcontainers, when a Docker daemon answers: a postgres:15 container.
 *  3. The embedded database: two in-memory PGlite instances served over the wire protocol.
 * Then migrates the test database and loads the shipped real data into it.
 */
import 'reflect-metadata';
import path from 'node:path';
import { Client } from 'pg';
import { TEST_ENV, TEST_POOL_SIZE } from './env';
import { createDataSource, migrate } from '../../src/db/data-source';
import { startEmbeddedDatabase } from '../../src/db/embedded';
import { loadShippedData } from '../../src/import/reference.service';

interface Held {
  stop: Array<() => Promise<void>>;
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function createDatabases(serverUrl: string, names: string[]): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const n of names) {
      await admin.query(`DROP DATABASE IF EXISTS "${n}"`);
      await admin.query(`CREATE DATABASE "${n}"`);
    }
  } finally {
    await admin.end();
  }
}

async function dropDatabases(serverUrl: string, names: string[]): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const n of names) await admin.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  const held: Held = { stop: [] };
  (globalThis as unknown as { __landports: Held }).__landports = held;
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let url: string;
  let scratchUrl: string;
  let dashboardUrl: string | null = null;
  let kind: string;
  if (given) {
    const names = [`landports_test_${process.pid}`, `landports_test_${process.pid}_scratch`];
    await createDatabases(given, names);
    held.stop.push(() => dropDatabases(given, names));
    [url, scratchUrl] = names.map((n) => withDatabase(given, n));
    kind = 'url';
    console.log(`\n[landports tests] database: ${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL'} (${new URL(given).host}), fresh databases ${names.join(', ')}`);
  } else if (await dockerAnswers()) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15-alpine').start();
    held.stop.push(async () => void (await container.stop()));
    const server = container.getConnectionUri();
    await createDatabases(server, ['landports_scratch']);
    url = server;
    scratchUrl = withDatabase(server, 'landports_scratch');
    kind = 'testcontainers';
    console.log(`\n[landports tests] database: testcontainers (${container.getHost()}:${container.getPort()})`);
  } else {
    // Headroom over the pool size: each test file opens its own pool right after the previous file
    // destroyed its own, and the server (a node net.Server with maxConnections) still counts sockets
    // that are closing; at exactly the pool size it drops new ones ("Connection terminated
    // unexpectedly"). The server queues every query onto the one PGlite, so extra slots are safe.
    const main = await startEmbeddedDatabase('memory://', TEST_POOL_SIZE * 4);
    const scratch = await startEmbeddedDatabase('memory://', TEST_POOL_SIZE * 4);
    // The browser tests get their own instance: the browser's parallel requests must not crowd the suites' pools.
    const dashboard = await startEmbeddedDatabase('memory://', TEST_POOL_SIZE * 4);
    held.stop.push(() => main.stop(), () => scratch.stop(), () => dashboard.stop());
    url = main.url;
    scratchUrl = scratch.url;
    dashboardUrl = dashboard.url;
    kind = 'embedded';
    console.log('\n[landports tests] database: embedded PGlite (no TEST_DATABASE_URL or DATABASE_URL, no Docker daemon)');
  }
  process.env[TEST_ENV.url] = url;
  process.env[TEST_ENV.scratchUrl] = scratchUrl;
  process.env[TEST_ENV.kind] = kind;
  process.env[TEST_ENV.dashboardUrl] = dashboardUrl ?? url;
  for (const target of dashboardUrl ? [url, dashboardUrl] : [url]) {
    const ds = createDataSource(target, TEST_POOL_SIZE);
    await ds.initialize();
    try {
      await migrate(ds);
      await loadShippedData(ds, path.resolve(__dirname, '../../data'));
    } finally {
      await ds.destroy();
    }
  }
}
