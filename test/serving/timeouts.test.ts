/**
 * A read that waits on a lock past statement_timeout (what it meets while a bulk import holds its
 * exclusive locks) is answered UNAVAILABLE with HTTP 503 and Retry-After, never a masked internal
 * error; once the lock is gone the same read answers.
 */
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { TEST_ENV } from '../support/env';
import { withTestServer } from '../support/http-server';
import { testDatabaseKind } from '../support/database';

// The embedded PGlite runs every connection on one backend, one statement at a time: a lock held
// by one session cannot be waited on by another, so this runs on a PostgreSQL server only.
const onServer = testDatabaseKind() === 'embedded' ? test.skip : test;

let ds: DataSource | undefined;
beforeAll(async () => {
  if (testDatabaseKind() === 'embedded') return;
  ds = createDataSource(process.env[TEST_ENV.url]!, 2, undefined, { statementMs: 400 });
  await ds.initialize();
});
afterAll(async () => {
  await ds?.destroy();
});

onServer('a read blocked by an exclusive lock past statement_timeout gets UNAVAILABLE (503, Retry-After), then answers', async () => {
  const query = { query: '{ port(code: "PORT-LEKTSE") { name } }' };
  await withTestServer(ds!, {}, async (srv) => {
    const locker = new Client({ connectionString: process.env[TEST_ENV.url] });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE port IN ACCESS EXCLUSIVE MODE');
      const blocked = await srv.post(query);
      expect(blocked.status).toBe(503);
      expect(blocked.headers['retry-after']).toBe('5');
      expect(blocked.body).toEqual({
        data: { port: null },
        errors: [expect.objectContaining({ message: 'the database is unavailable; retry later', extensions: expect.objectContaining({ code: 'UNAVAILABLE' }) })],
      });
      expect(JSON.stringify(blocked.body)).not.toMatch(/statement timeout|canceling|lock/i);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const after = await srv.post(query);
    expect(after.body).toEqual({ data: { port: { name: 'Lektse' } } });
  });
});
