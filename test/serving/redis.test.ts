/**
 * Automatic persisted queries shared by replicas through Redis, and Redis outages: with Redis
 * down (a closed port, or a redis-server the test stops) every request still succeeds, the
 * outage is logged, and the shared cache resumes when Redis returns.
 */
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { freePort, startTestServer, TestServer } from '../support/http-server';
import { OwnRedis, startRedis } from '../support/redis-server';

const QUERY = '{ port(code: "PORT-BURANG") { name chineseName } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');
const EXT = { persistedQuery: { version: 1, sha256Hash: HASH } };
const ANSWER = { data: { port: { name: 'Burang', chineseName: '普兰' } } };

let ds: DataSource;
let redis: OwnRedis;
beforeAll(async () => {
  ds = await openTestDatabase();
  redis = await startRedis(await freePort(4690));
});
afterAll(async () => {
  await redis.stop();
  await ds.destroy();
});

const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 10000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

test('a query registered on one replica runs by hash on another: the cache is shared, under the key prefix', async () => {
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'lp-test:' };
  const a = await startTestServer(ds, env);
  const b = await startTestServer(ds, env);
  const client = new Redis(redis.url);
  try {
    await waitFor(async () => (await a.post({ query: QUERY, extensions: EXT })).status === 200 && (await client.keys('lp-test:*')).length > 0);
    const keys = await client.keys('lp-test:*');
    expect(keys.some((k) => k.includes(HASH))).toBe(true);
    expect(await b.post({ extensions: EXT })).toMatchObject({ status: 200, body: ANSWER });
  } finally {
    client.disconnect();
    await a.stop();
    await b.stop();
  }
});

test('REDIS_URL pointing at a closed port: requests succeed (APQ misses), the outage is logged', async () => {
  const closed = await freePort(4680);
  const s = await startTestServer(ds, { REDIS_URL: `redis://127.0.0.1:${closed}` });
  try {
    const t0 = Date.now();
    const miss = await s.post({ extensions: EXT });
    expect(miss.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await s.post({ query: QUERY, extensions: EXT })).toMatchObject({ status: 200, body: ANSWER });
    expect(await s.post({ query: QUERY })).toMatchObject({ status: 200, body: ANSWER });
    expect(Date.now() - t0).toBeLessThan(3000); // no waiting on Redis
    await waitFor(() => s.logs.lines.some((l) => l.msg.startsWith('Redis is unavailable')));
    expect(s.logs.lines.filter((l) => l.msg.startsWith('Redis is unavailable'))).toHaveLength(1);
  } finally {
    await s.stop();
  }
});

test('Redis stopped while serving: requests keep succeeding; when it returns the shared cache works again', async () => {
  const own = await startRedis(await freePort(4685));
  const s = await startTestServer(ds, { REDIS_URL: own.url, REDIS_KEY_PREFIX: 'lp-outage:' });
  try {
    await waitFor(async () => (await s.post({ query: QUERY, extensions: EXT })).status === 200 && (await s.post({ extensions: EXT })).body.data !== undefined);
    await own.stop();
    await waitFor(() => s.logs.lines.some((l) => l.msg.startsWith('Redis is unavailable')));
    for (let i = 0; i < 5; i++) expect(await s.post({ query: QUERY, extensions: EXT })).toMatchObject({ status: 200, body: ANSWER });
    expect((await s.post({ extensions: EXT })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const back = await startRedis(own.port);
    try {
      await waitFor(() => s.logs.lines.some((l) => l.msg.startsWith('Redis is back')), 15000);
      await s.post({ query: QUERY, extensions: EXT });
      expect(await s.post({ extensions: EXT })).toMatchObject({ status: 200, body: ANSWER });
    } finally {
      await back.stop();
    }
  } finally {
    await s.stop();
  }
});
