/**
 * The serving path's statements are prepared under names (src/db/sql.ts), once per connection,
 * and reused with their generic plan on a PostgreSQL server (src/db/data-source.ts
 * CONNECTION_OPTIONS); the embedded database (one PGlite session behind every connection) can run
 * them too, since names carry the connection, but is opened without them.
 */
import type { DataSource } from 'typeorm';
import { createDataSource, preparesStatements } from '../../src/db/data-source';
import { openDatabase } from '../../src/db/database';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { SqlCounter } from '../../src/db/sql-counter';
import { MAX_NAMED_STATEMENTS, Sql } from '../../src/db/sql';
import { TEST_ENV } from '../support/env';
import { testDatabaseKind } from '../support/database';

const onServer = testDatabaseKind() === 'embedded' ? test.skip : test;
const TEXT = 'SELECT $1::int * 7 AS n, $2::text AS label';

async function withDataSource<T>(poolSize: number, preparedStatements: boolean, fn: (ds: DataSource) => Promise<T>, counter = new SqlCounter()): Promise<T> {
  const ds = createDataSource(process.env[TEST_ENV.url]!, poolSize, counter, { preparedStatements });
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/** The prepared statements of the (only) connection of a pool of one, with their plan counts. */
async function preparedOn(sql: Sql, text: string): Promise<{ name: string; generic: number; custom: number }[]> {
  return sql.query(
    `SELECT name, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1 ORDER BY name`,
    [text],
  );
}

test('a statement is prepared once per connection under a name, then executed again without being parsed', async () => {
  await withDataSource(1, true, async (ds) => {
    const sql = new Sql(ds);
    expect(await sql.query(TEXT, [6, 'six'])).toEqual([{ n: 42, label: 'six' }]);
    expect(await sql.query(TEXT, [3, 'three'])).toEqual([{ n: 21, label: 'three' }]);
    const prepared = await preparedOn(sql, TEXT);
    expect(prepared).toHaveLength(1);
    expect(prepared[0].name).toMatch(/^lp[0-9a-z]+_\d+_\d+$/);
    // Two executions of the one prepared statement.
    expect(prepared[0].generic + prepared[0].custom).toBe(2);
  });
});

onServer('on a PostgreSQL server, connections plan generically, so the plan made at the first execution is reused', async () => {
  await withDataSource(1, true, async (ds) => {
    const sql = new Sql(ds);
    expect(await sql.query('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: 'force_generic_plan' }]);
    await sql.query(TEXT, [1, 'a']);
    await sql.query(TEXT, [2, 'b']);
    await sql.query(TEXT, [3, 'c']);
    expect(await preparedOn(sql, TEXT)).toEqual([{ name: expect.stringMatching(/^lp[0-9a-z]+_\d+_\d+$/), generic: 3, custom: 0 }]);
  });
});

test('connections sharing one session (the embedded database) never collide: each prepares under its own name', async () => {
  await withDataSource(2, true, async (ds) => {
    const sql = new Sql(ds);
    // Concurrent requests take both connections of the pool, each preparing the same text.
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => sql.query(TEXT, [i, `#${i}`])));
    expect(answers).toEqual([1, 2, 3, 4, 5, 6].map((i) => [{ n: i * 7, label: `#${i}` }]));
  });
});

test('without prepared statements (as the embedded database is opened), nothing is left prepared', async () => {
  await withDataSource(1, false, async (ds) => {
    const sql = new Sql(ds);
    const text = `${TEXT} -- unnamed`;
    expect(await sql.query(text, [2, 'two'])).toEqual([{ n: 14, label: 'two' }]);
    expect(await preparedOn(sql, text)).toEqual([]);
  });
});

test('a failing statement is reported to the counter and rethrown as pg raised it; the pool serves the next one', async () => {
  const errors: string[] = [];
  const counter = new SqlCounter((message) => errors.push(message));
  await withDataSource(1, true, async (ds) => {
    const sql = new Sql(ds);
    const before = counter.count;
    await expect(sql.query('SELECT 1 / $1::int AS n', [0])).rejects.toMatchObject({ code: '22012', message: 'division by zero' });
    expect(errors).toEqual([expect.stringContaining('SQL failed: division by zero')]);
    expect(await sql.query('SELECT 1 / $1::int AS n', [1])).toEqual([{ n: 1 }]);
    expect(counter.count - before).toBe(2);
  }, counter);
});

test('the server opens DATABASE_URL with prepared statements, and without them when DB_PREPARED_STATEMENTS=false', async () => {
  const url = process.env[TEST_ENV.url]!;
  const logger = createLogger('silent');
  for (const [setting, expected] of [[undefined, true], ['false', false], ['true', true]] as const) {
    const config = loadConfig({ DATABASE_URL: url, MIGRATE_ON_START: 'false', SEED_ON_START: 'false', DB_POOL_SIZE: '1', ...(setting ? { DB_PREPARED_STATEMENTS: setting } : {}) });
    expect(config.dbPreparedStatements).toBe(expected);
    const db = await openDatabase(config, logger);
    try {
      expect(preparesStatements(db.ds)).toBe(expected);
      const text = `${TEXT} -- ${setting ?? 'default'}`;
      const sql = new Sql(db.ds);
      await sql.query(text, [1, 'x']);
      expect((await preparedOn(sql, text)).length).toBe(expected ? 1 : 0);
      // The connection option is sent only with prepared statements (PGlite ignores it anyway).
      if (testDatabaseKind() !== 'embedded') {
        expect(await sql.query('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: expected ? 'force_generic_plan' : 'auto' }]);
      }
    } finally {
      await db.close();
    }
  }
});

test('a schema change that alters a prepared statement\'s result columns is survived: each stale connection is replaced and the read answers', async () => {
  const errors: string[] = [];
  const counter = new SqlCounter((message) => errors.push(message));
  await withDataSource(2, true, async (ds) => {
    const sql = new Sql(ds);
    const text = 'SELECT v FROM landports_ps_probe WHERE id = $1';
    await ds.query('DROP TABLE IF EXISTS landports_ps_probe');
    await ds.query('CREATE TABLE landports_ps_probe (id int PRIMARY KEY, v int)');
    await ds.query(`INSERT INTO landports_ps_probe VALUES (1, 10)`);
    try {
      // Both connections of the pool prepare the text.
      expect(await Promise.all([1, 1, 1, 1].map((id) => sql.query(text, [id])))).toEqual([[{ v: 10 }], [{ v: 10 }], [{ v: 10 }], [{ v: 10 }]]);
      // As a migration could: v becomes text.
      await ds.query('DROP TABLE landports_ps_probe');
      await ds.query('CREATE TABLE landports_ps_probe (id int PRIMARY KEY, v text)');
      await ds.query(`INSERT INTO landports_ps_probe VALUES (1, 'ten')`);
      expect(await Promise.all([1, 1, 1, 1].map((id) => sql.query(text, [id])))).toEqual([[{ v: 'ten' }], [{ v: 'ten' }], [{ v: 'ten' }], [{ v: 'ten' }]]);
      expect(errors).toEqual([]);
    } finally {
      await ds.query('DROP TABLE IF EXISTS landports_ps_probe');
    }
  }, counter);
});

// Last: it fills the names of this file's module instance.
test(`past ${MAX_NAMED_STATEMENTS} distinct texts, further texts run unnamed (no statement is prepared for them)`, async () => {
  await withDataSource(1, true, async (ds) => {
    const sql = new Sql(ds);
    // This file's earlier texts hold a few names; these fill the rest and go past the limit.
    for (let i = 0; i < MAX_NAMED_STATEMENTS; i++) await sql.query(`SELECT $1::int + ${i} AS n -- cap`, [1]);
    const prepared: { statement: string }[] = await sql.query(`SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%-- cap'`);
    const numbers = prepared.map((p) => Number(/\+ (\d+) AS/.exec(p.statement)![1])).sort((a, b) => a - b);
    expect(numbers[0]).toBe(0);
    expect(numbers.length).toBeGreaterThan(MAX_NAMED_STATEMENTS - 10);
    expect(numbers.length).toBeLessThan(MAX_NAMED_STATEMENTS);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i));
    expect(await sql.query(`SELECT $1::int + ${MAX_NAMED_STATEMENTS - 1} AS n -- cap`, [1])).toEqual([{ n: MAX_NAMED_STATEMENTS }]);
  });
});
