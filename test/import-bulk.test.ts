/**
 * The bulk-load path of writeObservationBatches (src/import/import.service.ts): a load at least as
 * large as what is stored inserts without the observation table's secondary indexes and foreign
 * keys and recreates them. On the scratch database with SYNTHETIC rows (bench/synthetic.ts), the
 * threshold lowered so that a small load takes that path: the indexes and keys come back exactly as
 * the migrations made them, the guarantees of the row-by-row path hold (idempotency, supersession,
 * the rollup), and a duplicate figure or an unknown code rolls everything back naming the problem.
 */
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openEmptyScratchDatabase, testDatabaseKind } from './support/database';
import { loadReferenceData, REFERENCE_TABLES } from '../src/import/reference.service';
import { loadReferenceCodes, upsertSources, writeObservationBatches } from '../src/import/import.service';
import { refreshYearRollup } from '../src/totals/totals.repository';
import { ObservationRow, validateObservationRecords } from '../src/import/tsv';
import { importSynthetic, loadSyntheticReference, SyntheticOptions, syntheticRecords, syntheticRowCount } from '../bench/synthetic';

const DATA = path.resolve(__dirname, '../data');
/** 4 synthetic ports × 5 partners × 6 months × 2 flows + weight and trips = 288 rows, in batches of 100. */
const OPTS: SyntheticOptions = { seed: 11, ports: 4, partners: 5, months: 6, startYear: 2021, batchRows: 100 };
const N = syntheticRowCount(OPTS);
const BULK = { bulkLoadMinRows: 50 };

let ds: DataSource;

/** Every index and constraint of a table (observation unless named), with its definition and whether it is valid. */
async function schemaOfObservation(table = 'observation'): Promise<{ name: string; def: string }[]> {
  return ds.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass
     UNION ALL
     SELECT conname, pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END
       FROM pg_constraint WHERE conrelid = $1::regclass
     ORDER BY 1, 2`,
    [table],
  );
}

/** The oid of an index (observation_current_key unless named): a new one means it was recreated. */
async function indexOid(index = 'observation_current_key'): Promise<number> {
  const [{ oid }] = await ds.query(`SELECT $1::regclass::oid::int AS oid`, [index]);
  return oid;
}

async function count(sql: string): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${sql}`);
  return n;
}

async function rollup(): Promise<unknown[]> {
  return ds.query(`SELECT subject_code, measure_code, unit, year, flow, partner_code, months::text, total::text, month_count
    FROM observation_year_rollup ORDER BY 1, 2, 3, 4, 5, 6`);
}

/** The synthetic rows, validated, with `change` applied to each (`i` counts rows across batches). */
async function syntheticRows(change: (r: ObservationRow, i: number) => ObservationRow = (r) => r): Promise<ObservationRow[][]> {
  const partners = await loadSyntheticReference(ds, OPTS);
  const refs = await loadReferenceCodes(ds);
  let i = 0;
  return [...syntheticRecords(OPTS, partners)].map((records) => {
    const { rows, errors } = validateObservationRecords(records, refs);
    expect(errors).toEqual([]);
    return rows.map((r) => change(r, i++));
  });
}

let migrated: { name: string; def: string }[];
let migratedRollup: { name: string; def: string }[];

beforeAll(async () => {
  ds = await openEmptyScratchDatabase();
  await loadReferenceData(ds, DATA);
  migrated = await schemaOfObservation();
  migratedRollup = await schemaOfObservation('observation_year_rollup');
});
afterAll(async () => {
  await ds?.destroy();
});

test('the migrations made the indexes and keys the bulk path must put back', () => {
  expect(migrated.filter((x) => /INDEX|FOREIGN KEY/.test(x.def)).map((x) => x.name)).toEqual([
    'observation_current_key', 'observation_import_batch_id_fkey', 'observation_measure_code_fkey', 'observation_partner_code_fkey',
    'observation_pkey', 'observation_source', 'observation_source_id_fkey', 'observation_subject_code_fkey', 'observation_superseded_key',
  ]);
});

/** PostgreSQL's row estimate of a table (pg_class.reltuples): -1 until ANALYZE (or VACUUM) first ran on it. */
async function estimatedRows(table: string): Promise<number> {
  const [{ n }] = await ds.query(`SELECT reltuples::int AS n FROM pg_class WHERE oid = $1::regclass`, [table]);
  return n;
}

test('the reference load analyzes the tables it wrote: the planner knows how many partners there are', async () => {
  for (const table of REFERENCE_TABLES) expect({ table, estimated: await estimatedRows(table) }).toEqual({ table, estimated: await count(table) });
  expect(await count('partner')).toBeGreaterThanOrEqual(250);
});

test('the migrations gave the rollup the key and foreign key a bulk refresh must put back', () => {
  expect(migratedRollup.filter((x) => /INDEX|KEY/.test(x.def))).toEqual([
    { name: 'observation_year_rollup_pkey', def: 'CREATE UNIQUE INDEX observation_year_rollup_pkey ON public.observation_year_rollup USING btree (subject_code, measure_code, unit, year, flow, partner_code)' },
    { name: 'observation_year_rollup_pkey', def: 'PRIMARY KEY (subject_code, measure_code, unit, year, flow, partner_code)' },
    { name: 'observation_year_rollup_subject_code_fkey', def: 'FOREIGN KEY (subject_code) REFERENCES subject(code)' },
  ]);
});

test('a load into the empty table rebuilds the indexes and keys exactly as they were, and fills the rollup', async () => {
  const before = await indexOid();
  const primaryBefore = await indexOid('observation_pkey');
  const rollupKeyBefore = await indexOid('observation_year_rollup_pkey');
  const r = await importSynthetic(ds, OPTS, BULK);
  expect(r).toMatchObject({ inserted: N, unchanged: 0, superseded: 0 });
  expect(await indexOid()).not.toBe(before);
  // The primary key too was dropped and made again (no foreign key references observation).
  expect(await indexOid('observation_pkey')).not.toBe(primaryBefore);
  expect(await schemaOfObservation()).toEqual(migrated);
  // So were the rollup's key and foreign key, for its refresh.
  expect(await indexOid('observation_year_rollup_pkey')).not.toBe(rollupKeyBefore);
  expect(await schemaOfObservation('observation_year_rollup')).toEqual(migratedRollup);
  expect(await count('observation')).toBe(N);
  // The rollup the import wrote is the one a full refresh computes from the stored rows.
  const written = await rollup();
  expect(written.length).toBeGreaterThan(0);
  // Analyzed in the load's transaction, as observation is.
  for (const table of ['observation', 'observation_year_rollup', 'subject_year_rollup']) {
    expect({ table, estimated: await estimatedRows(table) }).toEqual({ table, estimated: await count(table) });
  }
  // With statistics of the rollups' key columns, which plans read, and none of their month arrays
  // (migration RollupStatistics1767571200000), which no statement filters by.
  expect(await ds.query(`SELECT tablename, string_agg(attname, ' ' ORDER BY attname) AS columns FROM pg_stats
    WHERE tablename IN ('observation_year_rollup', 'subject_year_rollup') GROUP BY 1 ORDER BY 1`)).toEqual([
    { tablename: 'observation_year_rollup', columns: 'flow measure_code month_count partner_code subject_code total unit year' },
    { tablename: 'subject_year_rollup', columns: 'flow measure_code subject_code unit year' },
  ]);
  // Vacuumed once committed: its pages are marked all-visible (none are after a load alone).
  const [{ visible, pages }] = await ds.query(`SELECT relallvisible AS visible, relpages AS pages FROM pg_class WHERE oid = 'observation'::regclass`);
  expect(pages).toBeGreaterThan(0);
  expect(visible).toBe(pages);
  await ds.transaction((m) => refreshYearRollup(m, null));
  expect(await rollup()).toEqual(written);
});

test('the same load again (as many rows as stored: the bulk path again) inserts nothing', async () => {
  const before = await indexOid();
  const r = await importSynthetic(ds, OPTS, BULK);
  expect(r).toMatchObject({ inserted: 0, unchanged: N, superseded: 0 });
  expect(await indexOid()).not.toBe(before);
  expect(await count('observation')).toBe(N);
  expect(await schemaOfObservation()).toEqual(migrated);
});

test('changed figures in a bulk load supersede the stored ones, which are kept as earlier vintages', async () => {
  const batches = await syntheticRows((r, i) => (i % 10 === 0 ? { ...r, value: `${r.value}1` } : r));
  const r = await writeObservationBatches(ds, batches, 'bulk-changed', 'test', BULK);
  const changed = Math.ceil(N / 10);
  expect(r).toMatchObject({ inserted: changed, unchanged: N - changed, superseded: changed });
  expect(await count('observation WHERE superseded_at IS NULL')).toBe(N);
  expect(await count('observation WHERE superseded_at IS NOT NULL')).toBe(changed);
  expect(await schemaOfObservation()).toEqual(migrated);
  const written = await rollup();
  await ds.transaction((m) => refreshYearRollup(m, null));
  expect(await rollup()).toEqual(written);
});

test('a below-threshold or outnumbered load keeps the indexes (the row-by-row path)', async () => {
  const before = await indexOid();
  const batches = await syntheticRows((r, i) => (i % 10 === 0 ? { ...r, value: `${r.value}1` } : r));
  const phases: [string, number][] = [];
  const r = await writeObservationBatches(ds, [batches[0].slice(0, 40)], 'small', 'test', { ...BULK, onPhase: (p, s) => phases.push([p, s]) });
  expect(r).toMatchObject({ inserted: 0, unchanged: 40 });
  // Nothing inserted or superseded: no rollup phase either.
  expect(phases.map(([p]) => p)).toEqual(['stage', 'supersede', 'insert', 'commit']);
  expect(await indexOid()).toBe(before);
});

test('onPhase hears each phase once, in order, with its seconds: a load into the empty table writes straight into it', async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  const batches = await syntheticRows();
  const phases: [string, number][] = [];
  const t = process.hrtime.bigint();
  const r = await writeObservationBatches(ds, batches, 'bulk-phases', 'test', { ...BULK, onPhase: (p, s) => phases.push([p, s]) });
  const total = Number(process.hrtime.bigint() - t) / 1e9;
  expect(r).toMatchObject({ inserted: N, unchanged: 0, superseded: 0 });
  // Nothing stored to compare with: no staging table, no supersession, no insert of its own.
  expect(phases.map(([p]) => p)).toEqual(['stage', 'indexes', 'foreign keys', 'analyze', 'rollup', 'commit', 'vacuum']);
  for (const [, s] of phases) expect(s).toBeGreaterThan(0);
  // The phases tile the write: their sum is its wall-clock time, less only what came before the clock started.
  const sum = phases.reduce((n, [, s]) => n + s, 0);
  expect(sum).toBeLessThanOrEqual(total);
  expect(sum).toBeGreaterThan(total * 0.9);
  expect(await schemaOfObservation()).toEqual(migrated);

  // The same rows again, into the table they fill: staged and compared, with every phase of a bulk load.
  const again: string[] = [];
  const r2 = await writeObservationBatches(ds, batches, 'bulk-phases-again', 'test', { ...BULK, onPhase: (p) => again.push(p) });
  expect(r2).toMatchObject({ inserted: 0, unchanged: N, superseded: 0 });
  expect(again).toEqual(['stage', 'supersede', 'drop indexes', 'insert', 'indexes', 'foreign keys', 'analyze', 'commit', 'vacuum']);
  expect(await schemaOfObservation()).toEqual(migrated);
});

test('a first load with figures of one key and month from several sources: the rollup made as it is written is the one worked out from the stored figures', async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  const batches = await syntheticRows();
  // The synthetic source is undated; the figures below are made up, each sharing a synthetic figure's key and month.
  const trade = batches[0].filter((r) => r.measure === 'trade_value');
  const cite = (title: string, date: string | null) => ({ publisher: 'Landports bulk test (made up)', title, url: null, date });
  const dated = cite('dated', '2030-01-01');
  const undated = cite('undated', null);
  const extra = (r: ObservationRow, value: string, status: ObservationRow['status'], source: ObservationRow['source']): ObservationRow => ({ ...r, value, status, source });
  const [a, b, c, d] = [trade[0], trade[1], trade[2], trade[trade.length - 1]];
  // Written last: a dated source beats the undated synthetic one (a); an undated one ties with it
  // and loses, written later (b); a PROVISIONAL figure loses to a REPORTED one whatever its date (c).
  batches[batches.length - 1].push(extra(a, '111.5', 'REPORTED', dated), extra(b, '222.5', 'REPORTED', undated), extra(c, '333.5', 'PROVISIONAL', dated));
  // Written first: an undated figure that ties with the synthetic one written after it, and wins (d).
  batches[0].unshift(extra(d, '444.5', 'REPORTED', undated));
  const r = await writeObservationBatches(ds, batches, 'bulk-conflicts', 'test', BULK);
  expect(r).toMatchObject({ inserted: N + 4 });
  const written = await rollup();
  await ds.transaction((m) => refreshYearRollup(m, null));
  expect(await rollup()).toEqual(written);
  const monthOf = async (x: ObservationRow) => {
    const [{ v }] = await ds.query(
      `SELECT (months[extract(month FROM $5::date)::int])::text AS v FROM observation_year_rollup
       WHERE subject_code = $1 AND partner_code = $2 AND flow = $3 AND measure_code = $4 AND year = extract(year FROM $5::date)::int`,
      [x.subject, x.partner, x.flow, x.measure, x.periodStart],
    );
    return v;
  };
  expect([await monthOf(a), await monthOf(b), await monthOf(c), await monthOf(d)]).toEqual(['111.5', b.value, c.value, '444.5']);
});

test('fewer rows than the bulk threshold into the empty table are staged and inserted with the indexes kept', async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  const before = await indexOid('observation_pkey');
  const phases: string[] = [];
  const rows = (await syntheticRows())[0].slice(0, 40);
  const r = await writeObservationBatches(ds, [rows], 'small-first', 'test', { ...BULK, onPhase: (p) => phases.push(p) });
  expect(r).toMatchObject({ inserted: 40, unchanged: 0, superseded: 0 });
  expect(phases).toEqual(['stage', 'supersede', 'insert', 'rollup', 'commit']);
  expect(await indexOid('observation_pkey')).toBe(before);
  // Nor is the rollup's key remade for a refresh that is not a bulk load's.
  const rollupKey = await indexOid('observation_year_rollup_pkey');
  await writeObservationBatches(ds, [(await syntheticRows())[0].slice(40, 60)], 'small-second', 'test', BULK);
  expect(await indexOid('observation_year_rollup_pkey')).toBe(rollupKey);
  const written = await rollup();
  await ds.transaction((m) => refreshYearRollup(m, null));
  expect(await rollup()).toEqual(written);
});

/**
 * schemaOfObservation with the comment on each index and constraint, which index the table is
 * clustered on and which is its replica identity (an index's storage parameters are in its def).
 */
async function fullSchemaOfObservation(): Promise<{ name: string; def: string; comment: string | null; clustered: boolean; replicaIdentity: boolean }[]> {
  return ds.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, obj_description(i.indexrelid, 'pg_class') AS comment, i.indisclustered AS clustered,
         i.indisreplident AS "replicaIdentity"
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'observation'::regclass
     UNION ALL
     SELECT conname, pg_get_constraintdef(oid), obj_description(oid, 'pg_constraint'), false, false
       FROM pg_constraint WHERE conrelid = 'observation'::regclass
     ORDER BY 1, 2`,
  );
}

test('a bulk load puts back what a later migration may add: unique constraints (one deferrable), comments on indexes and keys, the index the table is clustered on, storage parameters, the replica identity', async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  try {
    await ds.query('ALTER TABLE observation ADD CONSTRAINT observation_id_source_uq UNIQUE (id, source_id) WITH (fillfactor = 70)');
    await ds.query('ALTER TABLE observation ADD CONSTRAINT observation_id_measure_uq UNIQUE (id, measure_code) DEFERRABLE INITIALLY DEFERRED');
    await ds.query(`COMMENT ON INDEX observation_source IS 'figures by source (a test''s comment)'`);
    await ds.query(`COMMENT ON CONSTRAINT observation_source_id_fkey ON observation IS 'the citing source (test)'`);
    await ds.query(`COMMENT ON CONSTRAINT observation_id_source_uq ON observation IS 'unique (test)'`);
    await ds.query('ALTER TABLE observation CLUSTER ON observation_source');
    await ds.query('ALTER INDEX observation_pkey SET (fillfactor = 80, deduplicate_items = off)');
    await ds.query('ALTER TABLE observation REPLICA IDENTITY USING INDEX observation_id_source_uq');
    const before = await fullSchemaOfObservation();
    expect(before.filter((x) => x.comment !== null || x.clustered || x.replicaIdentity).map((x) => [x.name, x.comment, x.clustered, x.replicaIdentity])).toEqual([
      ['observation_id_source_uq', null, false, true],
      ['observation_id_source_uq', 'unique (test)', false, false],
      ['observation_source', "figures by source (a test's comment)", true, false],
      ['observation_source_id_fkey', 'the citing source (test)', false, false],
    ]);
    expect(before.filter((x) => /WITH|DEFERR/.test(x.def)).map((x) => x.def)).toEqual([
      'UNIQUE (id, measure_code) DEFERRABLE INITIALLY DEFERRED',
      'CREATE UNIQUE INDEX observation_id_source_uq ON public.observation USING btree (id, source_id) WITH (fillfactor=\'70\')',
      'CREATE UNIQUE INDEX observation_pkey ON public.observation USING btree (id) WITH (fillfactor=\'80\', deduplicate_items=off)',
    ]);
    const uniqueOid = await indexOid('observation_id_source_uq');
    // Into the empty table (rows copied straight in), then again (staged and compared): both rebuild.
    expect(await importSynthetic(ds, OPTS, BULK)).toMatchObject({ inserted: N });
    expect(await fullSchemaOfObservation()).toEqual(before);
    expect(await indexOid('observation_id_source_uq')).not.toBe(uniqueOid);
    expect(await importSynthetic(ds, OPTS, BULK)).toMatchObject({ inserted: 0, unchanged: N });
    expect(await fullSchemaOfObservation()).toEqual(before);
  } finally {
    await ds.query('ALTER TABLE observation REPLICA IDENTITY DEFAULT');
    await ds.query('ALTER INDEX observation_pkey RESET (fillfactor, deduplicate_items)');
    await ds.query('ALTER TABLE observation DROP CONSTRAINT IF EXISTS observation_id_measure_uq');
    await ds.query('ALTER TABLE observation DROP CONSTRAINT IF EXISTS observation_id_source_uq');
    await ds.query('COMMENT ON INDEX observation_source IS NULL');
    await ds.query('COMMENT ON CONSTRAINT observation_source_id_fkey ON observation IS NULL');
    await ds.query('ALTER TABLE observation SET WITHOUT CLUSTER');
  }
  expect(await schemaOfObservation()).toEqual(migrated);
});

test("an index another table's foreign key relies on is kept, with its constraint; the rest is rebuilt", async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  await ds.query('CREATE TABLE observation_remark_test (observation_id bigint REFERENCES observation (id))');
  try {
    const primary = await indexOid('observation_pkey');
    const current = await indexOid();
    expect(await importSynthetic(ds, OPTS, BULK)).toMatchObject({ inserted: N });
    expect(await indexOid('observation_pkey')).toBe(primary);
    expect(await indexOid()).not.toBe(current);
    expect(await schemaOfObservation()).toEqual(migrated);
  } finally {
    await ds.query('DROP TABLE observation_remark_test');
  }
});

test("a view that relies on the rollup's primary key keeps that key through a bulk load (maintained row by row); the foreign key is rebuilt", async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  // Grouping by the key lets the view select total unaggregated: it depends on the constraint.
  await ds.query(`CREATE VIEW rollup_by_key_test AS SELECT subject_code, measure_code, unit, year, flow, partner_code, total
    FROM observation_year_rollup GROUP BY subject_code, measure_code, unit, year, flow, partner_code`);
  try {
    const key = await indexOid('observation_year_rollup_pkey');
    const [{ oid: fkBefore }] = await ds.query(`SELECT oid::int FROM pg_constraint WHERE conname = 'observation_year_rollup_subject_code_fkey'`);
    expect(await importSynthetic(ds, OPTS, BULK)).toMatchObject({ inserted: N });
    expect(await indexOid('observation_year_rollup_pkey')).toBe(key);
    const [{ oid: fkAfter }] = await ds.query(`SELECT oid::int FROM pg_constraint WHERE conname = 'observation_year_rollup_subject_code_fkey'`);
    expect(fkAfter).not.toBe(fkBefore);
    expect(await schemaOfObservation('observation_year_rollup')).toEqual(migratedRollup);
    expect(await count('rollup_by_key_test')).toBe(await count('observation_year_rollup'));
    const written = await rollup();
    await ds.transaction((m) => refreshYearRollup(m, null));
    expect(await rollup()).toEqual(written);
  } finally {
    await ds.query('DROP VIEW rollup_by_key_test');
  }
});

// The embedded database serves every connection from one session: no lock waits between them.
const onServer = testDatabaseKind() === 'embedded' ? test.skip : test;

/** Polls pg_locks (every 25 ms, at most 5 s) until a session of this database waits for a table lock; its waits: table and backend pid. */
async function lockWaits(who: string): Promise<{ relation: string; pid: number }[]> {
  for (let i = 0; i <= 200; i++) {
    const waits: { relation: string; pid: number }[] = await ds.query(
      `SELECT relation::regclass::text AS relation, pid FROM pg_locks
       WHERE NOT granted AND relation IS NOT NULL AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
    if (waits.length > 0) return waits;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the load never waited for ${who}`);
}

onServer('a row another writer commits while a first load decides is compared, not taken for new: the load waits for it, then stages', async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  const batches = await syntheticRows();
  const first = batches[0][0];
  const [sourceId] = (await ds.transaction((m) => upsertSources(m, [first.source]))).values();
  // Another writer (outside the import's lock, as psql would be) stores the load's first figure with another value, and has not committed yet.
  const other = ds.createQueryRunner();
  await other.connect();
  await other.startTransaction();
  const [{ id: batchId }] = await other.query(`INSERT INTO import_batch (file_name, imported_by) VALUES ('by hand', 'psql') RETURNING id`);
  await other.query(
    `INSERT INTO observation (measure_code, subject_code, partner_code, flow, period_start, period_end, value, unit, status, source_id, import_batch_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'REPORTED', $9, $10)`,
    [first.measure, first.subject, first.partner, first.flow, first.periodStart, first.periodEnd, `${first.value}9`, first.unit, sourceId, batchId],
  );
  const phases: string[] = [];
  const load = writeObservationBatches(ds, batches, 'first-load-racing', 'test', { ...BULK, onPhase: (p) => phases.push(p) });
  // The load waits for the other writer before it decides whether the table is empty.
  expect((await lockWaits('the other writer')).map((w) => w.relation)).toEqual(['observation']);
  await other.commitTransaction();
  await other.release();
  const r = await load;
  // Not empty when it looked: staged and compared, so the other writer's figure is superseded by the file's.
  expect(r).toMatchObject({ inserted: N, unchanged: 0, superseded: 1 });
  expect(phases).toContain('supersede');
  expect(await count('observation WHERE superseded_at IS NULL')).toBe(N);
  expect(await schemaOfObservation()).toEqual(migrated);
});

onServer("a reader of top partners that holds the rollup when a bulk load starts finishes first: the load locks the rollup before partner (no deadlock)", async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  const batches = await syntheticRows();
  // The reader has read the rollup (as the top-partners statement does first) and will read partner next.
  const reader = ds.createQueryRunner();
  await reader.connect();
  await reader.startTransaction();
  try {
    await reader.query(`SET LOCAL lock_timeout = '5s'`);
    await reader.query('SELECT count(*) FROM observation_year_rollup');
    const load = writeObservationBatches(ds, batches, 'bulk-with-reader', 'test', BULK);
    // The load waits for the reader's lock on the rollup, before it holds partner.
    expect((await lockWaits('the reader')).map((w) => w.relation)).toEqual(['observation_year_rollup']);
    // So the reader's next table is free (when the load took partner first, this waited for the
    // load, which waited for the reader: a deadlock, and PostgreSQL aborted the load).
    expect(await reader.query(`SELECT count(*)::int AS n FROM partner WHERE kind = 'COUNTRY'`)).toEqual([{ n: await count(`partner WHERE kind = 'COUNTRY'`) }]);
    await reader.commitTransaction();
    expect(await load).toMatchObject({ inserted: N });
  } finally {
    if (reader.isTransactionActive) await reader.rollbackTransaction();
    await reader.release();
  }
  expect(await schemaOfObservation('observation_year_rollup')).toEqual(migratedRollup);
});

onServer('a bulk load takes its exclusive locks in the order readers take them: subject before measure, partner and source', async () => {
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  const batches = await syntheticRows();
  // Another session (psql, say) reads source and keeps it.
  const other = ds.createQueryRunner();
  await other.connect();
  await other.startTransaction();
  try {
    await other.query('SELECT count(*) FROM source');
    const load = writeObservationBatches(ds, batches, 'bulk-lock-order', 'test', BULK);
    const waits = await lockWaits('the session holding source');
    expect(waits.map((w) => w.relation)).toEqual(['source']);
    const held = (await ds.query(
      `SELECT relation::regclass::text AS relation FROM pg_locks WHERE granted AND mode = 'AccessExclusiveLock' AND pid = $1
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND relation::regclass::text IN ('observation_year_rollup', 'observation', 'subject', 'measure', 'partner', 'source', 'import_batch')
       ORDER BY 1`, [waits[0].pid])).map((r: { relation: string }) => r.relation);
    // Waiting for source, the load holds the tables before it in the order, subject included (a
    // reader of stored codes holds subject and then asks for measure and partner).
    expect(held).toEqual(['measure', 'observation', 'observation_year_rollup', 'partner', 'subject']);
    await other.commitTransaction();
    expect(await load).toMatchObject({ inserted: N });
  } finally {
    if (other.isTransactionActive) await other.rollbackTransaction();
    await other.release();
  }
});

describe('a violation found when the indexes and keys are recreated rolls everything back and names it', () => {
  let observations: number;
  let batchesStored: number;
  beforeAll(async () => {
    await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
    observations = 0;
    batchesStored = await count('import_batch');
  });

  test('the same figure in two batches breaks the unique index', async () => {
    const batches = await syntheticRows();
    batches[2].push(batches[0][0]);
    await expect(writeObservationBatches(ds, batches, 'dup-across-batches', 'test', BULK)).rejects.toThrow(/could not create unique index "observation_current_key"/);
    expect(await count('observation')).toBe(observations);
    expect(await count('import_batch')).toBe(batchesStored);
    expect(await schemaOfObservation()).toEqual(migrated);
  });

  test('so does it in a table already holding figures (the rows staged and compared, then inserted without indexes)', async () => {
    // One figure of a real port stored first, row by row (fewer rows than the threshold), so that the load below is not into an empty table.
    const [one] = (await syntheticRows())[0];
    await writeObservationBatches(ds, [[{ ...one, subject: 'PORT-GYIRONG' }]], 'one-stored', 'test', BULK);
    const stored = await count('observation');
    const phases: string[] = [];
    const batches = await syntheticRows();
    batches[2].push(batches[0][0]);
    await expect(writeObservationBatches(ds, batches, 'dup-across-batches-staged', 'test', { ...BULK, onPhase: (p) => phases.push(p) }))
      .rejects.toThrow(/could not create unique index "observation_current_key"/);
    expect(phases).toEqual(['stage', 'supersede', 'drop indexes', 'insert']);
    expect(await count('observation')).toBe(stored);
    expect(await schemaOfObservation()).toEqual(migrated);
    await ds.query('DELETE FROM observation');
    await ds.query('TRUNCATE observation_year_rollup, subject_year_rollup');
  });

  test('a subject code missing from its table breaks its foreign key', async () => {
    const batches = await syntheticRows((r, i) => (i === 7 ? { ...r, subject: 'NO-SUCH-PORT' } : r));
    await expect(writeObservationBatches(ds, batches, 'unknown-subject', 'test', BULK)).rejects.toThrow(
      /violates foreign key constraint "observation_subject_code_fkey"/,
    );
    expect(await count('observation')).toBe(observations);
    expect(await schemaOfObservation()).toEqual(migrated);
  });

  test('after both, the same rows load cleanly', async () => {
    const r = await writeObservationBatches(ds, await syntheticRows(), 'clean', 'test', BULK);
    expect(r).toMatchObject({ inserted: N, unchanged: 0, superseded: 0 });
    expect(await schemaOfObservation()).toEqual(migrated);
  });
});

test('a VACUUM that fails after a bulk load has committed is reported, not thrown: the load stands', async () => {
  const warnings: string[] = [];
  const failing = Object.create(ds) as DataSource;
  failing.query = ((sql: string, params?: unknown[]) =>
    /^VACUUM/.test(sql) ? Promise.reject(new Error('canceling statement due to user request')) : ds.query(sql, params)) as DataSource['query'];
  // Into an empty table again (the tests above leave superseded vintages, which a load must outnumber).
  await ds.query('TRUNCATE observation, observation_year_rollup, subject_year_rollup');
  const r = await writeObservationBatches(failing, await syntheticRows(), 'bulk-vacuum-fails', 'test', { ...BULK, warn: (m) => warnings.push(m) });
  expect(r).toMatchObject({ inserted: N, unchanged: 0, superseded: 0 });
  expect(warnings).toEqual(['the import committed, but VACUUM observation after it failed: canceling statement due to user request']);
  expect(await count('observation')).toBe(N);
  expect(await count(`import_batch WHERE file_name = 'bulk-vacuum-fails' AND rows_inserted = ${N}`)).toBe(1);
});
