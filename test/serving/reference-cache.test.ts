/**
 * Ports are served from memory while the feed of reference changes is live
 * (src/subjects/reference.cache.ts, src/db/change-feed.ts): a port lookup then issues no SQL, a
 * committed change to the port table is seen once its notification arrives, a rolled-back one
 * keeps the cache, and a lost feed turns the cache off until it is back.
 */
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { ReferenceChangeFeed } from '../../src/db/change-feed';
import { createLogger } from '../../src/logger';
import { TEST_ENV } from '../support/env';
import { openTestDatabase, testDatabaseKind } from '../support/database';
import { OperationRunner } from '../support/run-operation';

// The embedded PGlite does not deliver notifications to its socket clients: the gateway runs no
// feed (and no cache) on it, so this runs on a PostgreSQL server only.
const onServer = testDatabaseKind() === 'embedded' ? test.skip : test;

let ds: DataSource;
let feed: ReferenceChangeFeed;
let cached: OperationRunner;
let plain: OperationRunner;
let writer: Client;

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const LEKTSE = '{ port(code: "PORT-LEKTSE") { name notes } }';
const lektseNotes = async (r: OperationRunner) => ((await r.run(LEKTSE)).body.data as { port: { notes: string | null } }).port.notes;

beforeAll(async () => {
  if (testDatabaseKind() === 'embedded') return;
  ds = await openTestDatabase();
  feed = new ReferenceChangeFeed(process.env[TEST_ENV.url]!, createLogger('silent'), { retryMs: 50, maxRetryMs: 200 });
  await feed.start();
  cached = await OperationRunner.create(ds, { referenceChanges: feed });
  plain = await OperationRunner.create(ds);
  writer = new Client({ connectionString: process.env[TEST_ENV.url] });
  await writer.connect();
});
afterAll(async () => {
  await writer?.end();
  await cached?.stop();
  await plain?.stop();
  await feed?.stop();
  await ds?.destroy();
});

onServer('while the feed is live, port lookups read no SQL and answer as the table does', async () => {
  expect(feed.live).toBe(true);
  const list = '{ ports { code name otherNames counterpartCountry { code } } }';
  const first = await cached.run(list);
  expect(first.sqlStatements).toBe(2); // the port table once, then the partners
  const again = await cached.run(list);
  expect(again.sqlStatements).toBe(1); // the partners only
  expect(again.body).toEqual((await plain.run(list)).body);
  const names = (again.body.data as { ports: { code: string; name: string }[] }).ports.map((p) => `${p.code}=${p.name}`);
  expect(names).toEqual(['PORT-BURANG=Burang', 'PORT-GYIRONG=Gyirong', 'PORT-LEKTSE=Lektse', 'PORT-ZHAM=Zham']);

  // One port by code, an unknown code, and codes in any order: no statement at all.
  const one = await cached.run('{ a: port(code: "ZHAM") { code } b: port(code: "PORT-NOWHERE") { code } c: ports(codes: ["LEKTSE", "PORT-BURANG", "X"]) { code } }');
  expect(one.sqlStatements).toBe(0);
  expect(one.body).toEqual({ data: { a: { code: 'PORT-ZHAM' }, b: null, c: [{ code: 'PORT-BURANG' }, { code: 'PORT-LEKTSE' }] } });

  // A list level below the ports: one statement instead of two (real data: Gyirong's Jan–Nov 2023 is in data/).
  const ytd = '{ ports { code yearToDate(year: 2023, throughMonth: 11) { value } } }';
  const withCache = await cached.run(ytd);
  const without = await plain.run(ytd);
  expect(withCache.sqlStatements).toBe(1);
  expect(without.sqlStatements).toBe(2);
  expect(withCache.body).toEqual(without.body);
});

onServer('a committed change to the port table is seen; a rolled-back one keeps the cache', async () => {
  const original = await lektseNotes(plain);
  await lektseNotes(cached);
  try {
    await writer.query('BEGIN');
    await writer.query(`UPDATE port SET notes = 'rolled back' WHERE code = 'PORT-LEKTSE'`);
    await writer.query('ROLLBACK');
    await new Promise((r) => setTimeout(r, 300));
    const kept = await cached.run(LEKTSE);
    expect(kept.sqlStatements).toBe(0);
    expect((kept.body.data as { port: { notes: string | null } }).port.notes).toBe(original);

    await writer.query(`UPDATE port SET notes = 'changed by the reference cache test' WHERE code = 'PORT-LEKTSE'`);
    await until('the change is served', async () => (await lektseNotes(cached)) === 'changed by the reference cache test');
    expect((await cached.run(LEKTSE)).sqlStatements).toBe(0);
  } finally {
    await writer.query(`UPDATE port SET notes = $1 WHERE code = 'PORT-LEKTSE'`, [original]);
  }
  await until('the restored notes are served', async () => (await lektseNotes(cached)) === original);
});

onServer('a lost feed turns the cache off (every lookup reads the table) until it is back', async () => {
  const original = await lektseNotes(plain);
  await lektseNotes(cached);
  const [{ n }] = (await writer.query(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'landports-reference-feed' AND datname = current_database()`,
  )).rows;
  expect(n).toBe(1);
  await until('the feed is lost', () => !feed.live);
  try {
    // Changed while nobody listens: the cache is off, so the change is read at once.
    await writer.query(`UPDATE port SET notes = 'changed while the feed was down' WHERE code = 'PORT-LEKTSE'`);
    const off = await cached.run(LEKTSE);
    if (!feed.live) expect(off.sqlStatements).toBe(1);
    expect((off.body.data as { port: { notes: string | null } }).port.notes).toBe('changed while the feed was down');
    await until('the feed is back', () => feed.live);
    expect(await lektseNotes(cached)).toBe('changed while the feed was down');
    expect((await cached.run(LEKTSE)).sqlStatements).toBe(0);
  } finally {
    await writer.query(`UPDATE port SET notes = $1 WHERE code = 'PORT-LEKTSE'`, [original]);
  }
  await until('the restored notes are served', async () => (await lektseNotes(cached)) === original);
});
