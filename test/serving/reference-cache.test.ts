/**
 * Ports are served from memory while the feed of reference changes is live
 * (src/subjects/reference.cache.ts, src/db/change-feed.ts): a port lookup then issues no SQL, a
 * committed change to the port table is seen once its notification arrives, a rolled-back one
 * keeps the cache, and a lost feed turns the cache off until it is back.
 */
import type { DataSource } from 'typeorm';
import net from 'node:net';
import { Client } from 'pg';
import { ReferenceChangeFeed } from '../../src/db/change-feed';
import { ReferenceCache } from '../../src/subjects/reference.cache';
import type { PortEntity } from '../../src/subjects/port.entity';
import { createLogger } from '../../src/logger';
import { TEST_ENV } from '../support/env';
import { openTestDatabase, testDatabaseKind } from '../support/database';
import { OperationRunner } from '../support/run-operation';
import { Metrics } from '../../src/http/metrics';

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

  // A list level below the ports: the port table is not read. The real data hold no port's monthly figures by country
  // partner, so every total is empty and the measure is looked up once for the list (totals.resolver.ts assertMeasureStored).
  const ytd = '{ ports { code yearToDate(year: 2023, throughMonth: 11) { value } } }';
  const withCache = await cached.run(ytd);
  const without = await plain.run(ytd);
  expect(withCache.sqlStatements).toBe(2);
  expect(without.sqlStatements).toBe(3);
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
  expect(n).toBe(2); // its listening connection and the one its checks send from
  await until('the feed is lost', () => !feed.live);
  expect(cached.repositories.reference.portCacheServing()).toBe(false);
  try {
    // Changed while nobody listens: the cache is off, so the change is read at once.
    await writer.query(`UPDATE port SET notes = 'changed while the feed was down' WHERE code = 'PORT-LEKTSE'`);
    const off = await cached.run(LEKTSE);
    if (!feed.live) expect(off.sqlStatements).toBe(1);
    expect((off.body.data as { port: { notes: string | null } }).port.notes).toBe('changed while the feed was down');
    await until('the feed is back', () => feed.live);
    expect(cached.repositories.reference.portCacheServing()).toBe(true);
    expect(plain.repositories.reference.portCacheServing()).toBeNull();
    expect(await lektseNotes(cached)).toBe('changed while the feed was down');
    expect((await cached.run(LEKTSE)).sqlStatements).toBe(0);
  } finally {
    await writer.query(`UPDATE port SET notes = $1 WHERE code = 'PORT-LEKTSE'`, [original]);
  }
  await until('the restored notes are served', async () => (await lektseNotes(cached)) === original);
});

/** A TCP proxy to the test database, for the feed's connection (see {@link startProxy}). */
interface Proxy {
  url: string;
  /** Connections accepted so far. */
  connections: number;
  /** From now on nothing passes either way and no connection is closed: a connection that died silently (a NAT, a failover). */
  freeze(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy to the test database. With `dropNotifications` it drops every NotificationResponse
 * ('A') the server sends, as a pooler in transaction mode in effect does: LISTEN succeeds,
 * notifications never arrive.
 */
async function startProxy(target: URL, dropNotifications: boolean): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  let frozen = false;
  const server = net.createServer((client) => {
    proxy.connections++;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      if (!frozen) upstream.write(chunk);
    });
    let pending = Buffer.alloc(0);
    upstream.on('data', (chunk: Buffer) => {
      if (frozen) return;
      pending = Buffer.concat([pending, chunk]);
      // Server messages: a type byte, then a big-endian length that counts itself but not the type.
      let kept = Buffer.alloc(0);
      while (pending.length >= 5 && pending.length >= 1 + pending.readUInt32BE(1)) {
        const size = 1 + pending.readUInt32BE(1);
        if (!(dropNotifications && pending[0] === 0x41)) kept = Buffer.concat([kept, pending.subarray(0, size)]);
        pending = pending.subarray(size);
      }
      if (kept.length) client.write(kept);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target.toString());
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  const proxy: Proxy = {
    url: url.toString(),
    connections: 0,
    freeze: () => {
      frozen = true;
    },
    close: () => new Promise<void>((resolve) => {
      for (const sock of sockets) sock.destroy();
      server.close(() => resolve());
    }),
  };
  return proxy;
}

/** A logger whose warnings are collected (messages only). */
function collectingLogger(): { logger: ReturnType<typeof createLogger>; warnings: string[] } {
  const warnings: string[] = [];
  const logger = createLogger('silent');
  logger.warn = ((...args: unknown[]) => void warnings.push(String(args.find((a) => typeof a === 'string')))) as typeof logger.warn;
  return { logger, warnings };
}

onServer('where notifications are not delivered (a transaction-mode pooler), the feed never goes live, says so once and keeps trying', async () => {
  const proxy = await startProxy(new URL(process.env[TEST_ENV.url]!), true);
  const { logger, warnings } = collectingLogger();
  const deaf = new ReferenceChangeFeed(proxy.url, logger, { retryMs: 50, maxRetryMs: 100, probeMs: 300 });
  try {
    const started = Date.now();
    await deaf.start();
    expect(Date.now() - started).toBeGreaterThanOrEqual(280); // it waited for its own notification
    expect(deaf.live).toBe(false);
    const runner = await OperationRunner.create(ds, { referenceChanges: deaf });
    try {
      for (let i = 0; i < 2; i++) expect((await runner.run(LEKTSE)).sqlStatements).toBe(1); // never from memory
    } finally {
      await runner.stop();
    }
    await until('it tried again', () => proxy.connections >= 3);
    expect(deaf.live).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/did not come back within 300 ms.*REFERENCE_CACHE=false/)]);
  } finally {
    await deaf.stop();
    await proxy.close();
  }
});

onServer('a feed connection that dies silently is distrusted within a heartbeat and a check: the change is then read from the table', async () => {
  const proxy = await startProxy(new URL(process.env[TEST_ENV.url]!), false);
  const { logger, warnings } = collectingLogger();
  const feed2 = new ReferenceChangeFeed(proxy.url, logger, { retryMs: 5000, probeMs: 200, heartbeatMs: 200 });
  const runner = await OperationRunner.create(ds, { referenceChanges: feed2 });
  const original = await lektseNotes(plain);
  try {
    await feed2.start();
    expect(feed2.live).toBe(true);
    await lektseNotes(runner);
    expect((await runner.run(LEKTSE)).sqlStatements).toBe(0);
    proxy.freeze();
    await writer.query(`UPDATE port SET notes = 'changed behind a dead feed' WHERE code = 'PORT-LEKTSE'`);
    const frozenAt = Date.now();
    await until('the change is served', async () => (await lektseNotes(runner)) === 'changed behind a dead feed', 3000);
    expect(Date.now() - frozenAt).toBeLessThan(1000); // heartbeat 200 + check 200, and some slack
    expect(feed2.live).toBe(false);
    expect((await runner.run(LEKTSE)).sqlStatements).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/did not come back within 200 ms/)]);
  } finally {
    await writer.query(`UPDATE port SET notes = $1 WHERE code = 'PORT-LEKTSE'`, [original]);
    await runner.stop();
    await feed2.stop();
    await proxy.close();
  }
});

onServer('with a notifying trigger disabled, or enabled but not ALWAYS, the feed is not live; enabled ALWAYS again, it is', async () => {
  const { logger, warnings } = collectingLogger();
  const feed3 = new ReferenceChangeFeed(process.env[TEST_ENV.url]!, logger, { retryMs: 50, maxRetryMs: 100, probeMs: 300, heartbeatMs: 100 });
  try {
    await feed3.start();
    expect(feed3.live).toBe(true);
    await writer.query('ALTER TABLE port DISABLE TRIGGER port_changed');
    await until('the heartbeat notices', () => !feed3.live, 3000);
    expect(warnings).toEqual([expect.stringMatching(/triggers port_changed and port_truncated on table port are missing or not enabled ALWAYS/)]);
    // A plain ENABLE TRIGGER would miss writes made with session_replication_role = replica: still off.
    await writer.query('ALTER TABLE port ENABLE TRIGGER port_changed');
    await new Promise((r) => setTimeout(r, 600));
    expect(feed3.live).toBe(false);
  } finally {
    await writer.query('ALTER TABLE port ENABLE ALWAYS TRIGGER port_changed');
  }
  try {
    await until('live again', () => feed3.live, 5000);
  } finally {
    await feed3.stop();
  }
});

describe('ReferenceCache on its own', () => {
  const port = (code: string) => ({ code, otherNames: [] as string[] }) as unknown as PortEntity;
  function cacheWith(maxAgeMs = 60000) {
    const state = { loads: 0, live: true, fail: false };
    const cache = new ReferenceCache(async () => {
      state.loads++;
      if (state.fail) throw new Error('the database is down');
      return [port('PORT-A'), port('PORT-B')];
    }, () => state.live, maxAgeMs);
    cache.live(true);
    return { cache, state };
  }

  test('loads once, serves frozen rows, and drops on a port change only', async () => {
    const { cache, state } = cacheWith();
    const rows = await cache.allPorts()!;
    expect(rows.map((r) => r.code)).toEqual(['PORT-A', 'PORT-B']);
    expect(Object.isFrozen(rows) && Object.isFrozen(rows[0]) && Object.isFrozen(rows[0].otherNames)).toBe(true);
    await cache.allPorts();
    expect(state.loads).toBe(1);
    cache.changed('subject');
    await cache.allPorts();
    expect(state.loads).toBe(1);
    cache.changed('port');
    await cache.allPorts();
    expect(state.loads).toBe(2);
  });

  test('serves nothing while the feed is off or not live, and keeps no copy older than maxAgeMs', async () => {
    const { cache, state } = cacheWith(100);
    await cache.allPorts();
    state.live = false;
    expect(cache.allPorts()).toBeNull();
    state.live = true;
    await cache.allPorts();
    expect(state.loads).toBe(1);
    cache.live(false);
    expect(cache.allPorts()).toBeNull();
    cache.live(true);
    await cache.allPorts();
    expect(state.loads).toBe(2); // dropped when the feed went off
    await new Promise((r) => setTimeout(r, 150));
    await cache.allPorts();
    expect(state.loads).toBe(3); // expired
  });

  test('a failed load is not kept', async () => {
    const { cache, state } = cacheWith();
    state.fail = true;
    await expect(cache.allPorts()).rejects.toThrow('the database is down');
    state.fail = false;
    expect((await cache.allPorts()!).map((r) => r.code)).toEqual(['PORT-A', 'PORT-B']);
    expect(state.loads).toBe(2);
  });
});

test('the gauge landports_port_cache_serving says whether ports are served from memory, and is absent without a cache', async () => {
  let serving = true;
  const metrics = new Metrics(null, () => serving);
  expect(await metrics.registry.metrics()).toMatch(/^landports_port_cache_serving 1$/m);
  serving = false;
  expect(await metrics.registry.metrics()).toMatch(/^landports_port_cache_serving 0$/m);
  expect(await new Metrics(null, null).registry.metrics()).not.toMatch(/landports_port_cache_serving/);
});
