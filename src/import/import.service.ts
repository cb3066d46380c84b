import { constants as bufferConstants } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { DataSource, EntityManager } from 'typeorm';
import { BulkMethod, bulkMethodOf, copyCell, copyInto, pgClientOf } from '../db/copy';
import { dropIndexesAndKeys, IndexRebuild, rebuildIndexesAndKeys } from '../db/bulk-indexes';
import { countryPartnerCodes, FreshRollup, prepareFreshRollup, refreshYearRollup } from '../totals/totals.repository';
import { subjectYearRollup, YearRollupBuilder } from '../totals/year-rollup';
import {
  decodeUtf8, ImportValidationError, OBSERVATION_COLUMNS, ObservationRow, ReferenceCodes, RowError, SourceCitation,
  TsvRecord, readTsv, sourceKey, validateObservationRecords,
} from './tsv';

/** What an import did. `inserted` counts new rows and new vintages; `superseded` the vintages they replaced. */
export interface ImportResult {
  batchId: number;
  /** Who imported (import_batch.imported_by): `cli:USER`, `apikey:NAME` or `jwt:SUBJECT`. */
  importedBy: string;
  /** When the transaction wrote the batch (import_batch.imported_at), ISO 8601 in UTC. */
  importedAt: string;
  inserted: number;
  unchanged: number;
  superseded: number;
}

/** Reads the measure, subject and partner codes from the reference tables (one statement). */
export async function loadReferenceCodes(db: DataSource | EntityManager): Promise<ReferenceCodes> {
  const rows: { t: string; code: string }[] = await db.query(
    `SELECT 'm' AS t, code FROM measure UNION ALL SELECT 's', code FROM subject UNION ALL SELECT 'p', code FROM partner`,
  );
  const pick = (t: string) => new Set(rows.filter((r) => r.t === t).map((r) => r.code));
  return { measures: pick('m'), subjects: pick('s'), partners: pick('p') };
}

/**
 * Inserts the citations that are new and returns the id of every citation given, by
 * {@link sourceKey}. Two statements whatever the count.
 */
export async function upsertSources(m: EntityManager, citations: SourceCitation[]): Promise<Map<string, number>> {
  const unique = new Map<string, SourceCitation>();
  for (const c of citations) unique.set(sourceKey(c), c);
  const list = [...unique.entries()];
  await m.query(
    `INSERT INTO source (natural_key, publisher, title, url, published_on)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
     ON CONFLICT (natural_key) DO NOTHING`,
    [list.map(([k]) => k), list.map(([, c]) => c.publisher), list.map(([, c]) => c.title), list.map(([, c]) => c.url), list.map(([, c]) => c.date)],
  );
  const ids: { id: number; natural_key: string }[] = await m.query(
    `SELECT id, natural_key FROM source WHERE natural_key = ANY($1::text[])`,
    [list.map(([k]) => k)],
  );
  return new Map(ids.map((r) => [r.natural_key, r.id]));
}

/** Key of the transaction-level advisory lock that serialises imports. */
export const IMPORT_LOCK = 4560802;

/** Rows to write, in batches (an array of rows is one batch); batches may be produced lazily. */
export type ObservationBatches = Iterable<ObservationRow[]> | AsyncIterable<ObservationRow[]>;

/** Options of {@link writeObservationBatches}. */
export interface WriteOptions {
  /** How rows reach the staging table; default: {@link bulkMethodOf} the server (COPY unless embedded). */
  method?: BulkMethod;
  /** Called after each staged batch with the rows staged so far (progress of long loads). */
  onBatch?: (rowsStaged: number) => void;
  /**
   * Smallest number of staged rows for which a load that also outnumbers the stored observations
   * rebuilds the observation indexes instead of maintaining them row by row (see
   * {@link writeObservationBatches}); default {@link BULK_LOAD_MIN_ROWS}. Tests lower it.
   */
  bulkLoadMinRows?: number;
  /** Told of a problem that does not fail the import (VACUUM after a bulk load); default process.emitWarning. */
  warn?: (message: string) => void;
  /**
   * Told, as each phase of the write ends, its name and its wall-clock seconds (the benchmark's
   * breakdown of an import). Phases, in order, those that ran: {@link ImportPhase}.
   */
  onPhase?: (phase: ImportPhase, seconds: number) => void;
}

/**
 * The phases of {@link writeObservationBatches}, in order: `stage` (the batch row, the staging
 * table, every batch validated and sent, ANALYZE of the staging table and the bulk-load check; for
 * a load into the empty table, the drop of its indexes and keys and every row written straight
 * into it, after which `supersede`, `drop indexes` and `insert` do not occur),
 * `supersede` (changed figures' stored vintages marked superseded), `drop indexes` (bulk load
 * only), `insert` (new figures), `indexes` and `foreign keys` (bulk load only: rebuilt and
 * checked again), `analyze` (bulk load only), `rollup` (yearly rollups of the subjects touched,
 * and their ANALYZE after a bulk load), `commit` (the batch row's counts, and the commit), `vacuum` (bulk load
 * only, after commit).
 */
export type ImportPhase = 'stage' | 'supersede' | 'drop indexes' | 'insert' | 'indexes' | 'foreign keys' | 'analyze' | 'rollup' | 'commit' | 'vacuum';

/** Reports to `onPhase` the seconds since the previous mark (or since it was made) under each phase name given to the mark it returns. */
function phaseClock(onPhase: WriteOptions['onPhase']): (phase: ImportPhase) => void {
  let last = process.hrtime.bigint();
  return (phase) => {
    const now = process.hrtime.bigint();
    onPhase?.(phase, Number(now - last) / 1e9);
    last = now;
  };
}

/**
 * The order in which a bulk load locks its tables, in one statement: the rollup it will rebuild
 * without its keys (refreshYearRollup with `bulk`), observation, then the tables observation
 * references, in the order the serving statements that read several of them take them (top
 * partners: rollup, then partner; figures: observation, then source; stored codes and share
 * lineage: subject, then measure, then partner). A load that takes two tables in the opposite
 * order to a reader can close a cycle with it, and PostgreSQL then aborts one of them, the load
 * itself when the cycle closes on the load's wait: so it did with the rollup locked late, at its
 * refresh (a reader of top partners, 7 runs of 7), and with subject locked last (a stored-codes
 * reader held subject while another session held source, 5 runs of 5; both found by helpers).
 */
const BULK_LOCKS = { lockFirst: ['observation_year_rollup', 'observation', 'subject', 'measure', 'partner', 'source', 'import_batch'] };

/** Default of {@link WriteOptions.bulkLoadMinRows}: below this many rows, indexes are maintained row by row. */
export const BULK_LOAD_MIN_ROWS = 100000;

const INCOMING_COLUMNS = [
  'measure_code', 'subject_code', 'partner_code', 'flow', 'period_start', 'period_end', 'value', 'unit',
  'reported_yoy_growth_pct', 'growth_basis', 'status', 'note', 'source_id',
] as const;

/** Rows per chunk of COPY text. */
const COPY_CHUNK_ROWS = 2000;

/**
 * Sends one batch of validated rows (one statement): into the temporary table `incoming`, or,
 * with `batchId`, straight into `observation` as rows of that import batch.
 */
async function stageBatch(m: EntityManager, method: BulkMethod, rows: ObservationRow[], sourceIds: Map<string, number>, batchId: number | null = null): Promise<void> {
  const table = batchId === null ? 'incoming' : 'observation';
  const columns = batchId === null ? INCOMING_COLUMNS : [...INCOMING_COLUMNS, 'import_batch_id'];
  // Rows of one citation usually share its object (validateObservationRecords): its key is
  // worked out once per run of rows citing it, not once per row.
  let lastSource: SourceCitation | null = null;
  let lastId = 0;
  const sourceOf = (r: ObservationRow) => {
    if (r.source !== lastSource) {
      lastSource = r.source;
      lastId = sourceIds.get(sourceKey(r.source)) as number;
    }
    return lastId;
  };
  if (method === 'copy') {
    // The text goes in chunks made as the stream asks for them, so that the server parses one
    // chunk while the next is made; each chunk is its lines joined once (cheaper than +=).
    function* chunks(): Generator<string> {
      for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
        const end = Math.min(rows.length, start + COPY_CHUNK_ROWS);
        const lines = new Array<string>(end - start);
        // Each line is written cell by cell (copyCell), in the order of `columns`, without an
        // array of its cells: a million 14-cell arrays were about 0.2 s of garbage collection.
        const tail = batchId === null ? '\n' : `\t${batchId}\n`;
        for (let i = start; i < end; i++) {
          const r = rows[i];
          lines[i - start] = `${copyCell(r.measure)}\t${copyCell(r.subject)}\t${copyCell(r.partner)}\t${copyCell(r.flow)}\t${copyCell(r.periodStart)}\t${copyCell(r.periodEnd)}\t${copyCell(r.value)}\t${copyCell(r.unit)}\t${copyCell(r.reportedYoyGrowthPct)}\t${copyCell(r.growthBasis)}\t${copyCell(r.status)}\t${copyCell(r.note)}\t${sourceOf(r)}${tail}`;
        }
        yield lines.join('');
      }
    }
    await copyInto(await pgClientOf(m), table, columns, chunks());
    return;
  }
  const col = <K extends keyof ObservationRow>(k: K) => rows.map((r) => r[k]);
  await m.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT *${batchId === null ? '' : ', $14::integer'} FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[],
       $7::numeric[], $8::text[], $9::numeric[], $10::text[], $11::text[], $12::text[], $13::integer[])`,
    [col('measure'), col('subject'), col('partner'), col('flow'), col('periodStart'), col('periodEnd'), col('value'), col('unit'),
      col('reportedYoyGrowthPct'), col('growthBasis'), col('status'), col('note'), rows.map(sourceOf), ...(batchId === null ? [] : [batchId])],
  );
}

/**
 * Writes validated rows in one transaction, in bulk: each batch is staged in a temporary table
 * (COPY, or one multi-row INSERT per batch on the embedded database), then new figures are
 * inserted in one statement; a figure whose key and source are already stored with the same
 * value, growth, basis, status and note is left unchanged; a changed one supersedes the stored
 * vintage (which is kept, with `superseded_at`). Then the yearly rollup of the subjects touched is
 * rebuilt (src/totals/totals.repository.ts refreshYearRollup). Idempotent: importing the same rows
 * twice inserts nothing the second time. Any failure (a duplicate figure across batches breaks the
 * unique index, say) rolls the whole import back. Imports are serialised by an advisory lock.
 *
 * A bulk load (at least {@link WriteOptions.bulkLoadMinRows} rows staged, and no fewer than the
 * observations already stored) inserts without the secondary indexes and foreign keys of the
 * observation table and then recreates them ({@link dropIndexesAndKeys}): PostgreSQL checks
 * the unique index and every foreign key again over all rows, and a violation (the same figure
 * twice across batches, a code missing from its table) fails with an error naming the index or
 * constraint and rolls everything back, as a row-by-row check would. Such a load holds ACCESS
 * EXCLUSIVE locks on observation and the tables it references until it commits: reads of them
 * wait for it. It then analyzes observation and, after their refresh, the two rollup tables
 * (whose statistics such a load makes stale), and once committed vacuums observation
 * ({@link vacuumAfterBulkLoad}).
 *
 * A load of at least bulkLoadMinRows rows into an empty observation table (a first load) is not
 * staged: once that many rows have come (held in memory until then), the indexes and keys are
 * dropped and every batch is written straight into observation, as rows of this import batch.
 * Nothing is stored to compare with or supersede, so every row counts as inserted; a figure given
 * twice still breaks the unique index when it is rebuilt. About 2 s less per million rows here
 * (the staging table's COPY and the INSERT ... SELECT from it); the exclusive locks are then held
 * from the first batch written.
 * A first load makes the yearly rollup of its figures as it writes them (src/totals/year-rollup.ts:
 * nothing else is stored to roll up), and makes it ready to send while PostgreSQL checks the
 * foreign keys again; other loads have PostgreSQL work it out from the stored figures.
 * Statements: a fixed number plus one per batch; one more (the count of stored rows, or whether
 * none is stored) when at least bulkLoadMinRows rows are staged; a bulk load about fifteen more,
 * plus one per foreign key of observation (dropped one by one; the indexes, then the keys, are
 * remade by one multi-statement query each; its rollup's key and foreign key are dropped and
 * remade too: refreshYearRollup with `bulk`), and VACUUM after it commits.
 */
export async function writeObservationBatches(ds: DataSource, batches: ObservationBatches, fileName: string, importedBy: string, options: WriteOptions = {}): Promise<ImportResult> {
  let bulk = false;
  const phase = phaseClock(options.onPhase);
  /** The rest of the transaction once the rows are in observation: indexes and keys back (after a bulk load), rollups, counts. */
  const finish = async (
    m: EntityManager, batch: { id: number; imported_at: Date }, staged: number, inserted: number, superseded: number,
    rebuild: IndexRebuild, touched: string[], fresh?: () => FreshRollup,
  ): Promise<ImportResult> => {
    let freshRollup: FreshRollup | undefined;
    if (bulk) {
      await rebuildIndexesAndKeys(m, rebuild, 'index');
      phase('indexes');
      // Node has nothing to do while PostgreSQL checks the foreign keys again (five scans, about
      // 0.7 s per million rows, in one process: the other core is free, which it is not while
      // the indexes are built by two): the rollup of a load into the empty table is made ready
      // then, once the first statement has gone out, instead of after them.
      const keys = rebuildIndexesAndKeys(m, rebuild, 'foreign key');
      keys.catch(() => undefined); // awaited below; a failure is thrown there
      await new Promise((resolve) => setImmediate(resolve));
      freshRollup = fresh?.();
      await keys;
      phase('foreign keys');
      // The planner's statistics of a table that just (at least) doubled are stale.
      await m.query('ANALYZE observation');
      phase('analyze');
    }
    if (touched.length > 0) {
      await refreshYearRollup(m, touched, { bulk, fresh: freshRollup ?? fresh?.() });
      // Their statistics are as stale as observation's: without them (autovacuum may be off, as
      // on this project's machines) the planner guesses, and top partners took 8× longer.
      if (bulk) await m.query('ANALYZE observation_year_rollup, subject_year_rollup');
      phase('rollup');
    }
    const result = { batchId: batch.id, importedBy, importedAt: new Date(batch.imported_at).toISOString(), inserted, unchanged: staged - inserted, superseded };
    await m.query(
      `UPDATE import_batch SET rows_inserted = $2, rows_unchanged = $3, rows_superseded = $4 WHERE id = $1`,
      [batch.id, result.inserted, result.unchanged, result.superseded],
    );
    return result;
  };
  const result = await ds.transaction(async (m) => {
    // One import at a time: a second waits here until the first commits, then compares against
    // what the first wrote (so neither a correction is lost nor the unique index tripped).
    await m.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    // Each statement of an import runs once: plan it for its parameters (the subjects whose
    // rollup is rebuilt, say), not generically as the serving connections do (src/db/data-source.ts).
    await m.query(`SET LOCAL plan_cache_mode = auto`);
    const method = options.method ?? (await bulkMethodOf(m));
    const [batch]: { id: number; imported_at: Date }[] = await m.query(
      `INSERT INTO import_batch (file_name, imported_by) VALUES ($1, $2) RETURNING id, imported_at`,
      [fileName, importedBy],
    );
    await m.query(`
      CREATE TEMP TABLE incoming (
        measure_code text, subject_code text, partner_code text, flow text, period_start date, period_end date,
        value numeric, unit text, reported_yoy_growth_pct numeric, growth_basis text, status text, note text, source_id integer
      ) ON COMMIT DROP`);
    const sourceIds = new Map<string, number>();
    const minRows = options.bulkLoadMinRows ?? BULK_LOAD_MIN_ROWS;
    // Where the rows go: `incoming` (then compared with what is stored), or, for a load of at
    // least minRows rows into an empty observation table, straight into it (nothing to compare
    // with, nor to supersede), its indexes and keys dropped first. Until minRows rows have come,
    // they are held here undecided (at most minRows rows in memory).
    let direct: boolean | null = Number.isFinite(minRows) ? null : false;
    let held: ObservationRow[][] = [];
    let heldRows = 0;
    let staged = 0;
    let rebuild: IndexRebuild = [];
    const touchedDirectly = new Set<string>();
    // A load into the empty table: its figures are all there are, and their yearly rollup is made
    // as they are written instead of by sorting them all again afterwards (src/totals/year-rollup.ts).
    const rollup = new YearRollupBuilder();
    const write = async (rows: ObservationRow[]) => {
      const unseen: SourceCitation[] = [];
      let last: SourceCitation | null = null;
      for (const r of rows) {
        if (r.source === last) continue;
        last = r.source;
        if (!sourceIds.has(sourceKey(r.source))) unseen.push(r.source);
      }
      if (unseen.length > 0) for (const [k, id] of await upsertSources(m, unseen)) sourceIds.set(k, id);
      if (direct) {
        for (const r of rows) {
          touchedDirectly.add(r.subject);
          rollup.add(r);
        }
      }
      await stageBatch(m, method, rows, sourceIds, direct ? batch.id : null);
      staged += rows.length;
      options.onBatch?.(staged);
    };
    const decide = async (isDirect: boolean) => {
      direct = isDirect;
      if (direct) rebuild = await dropIndexesAndKeys(m, 'observation', BULK_LOCKS);
      for (const rows of held) await write(rows);
      held = [];
    };
    for await (const rows of batches) {
      if (rows.length === 0) continue;
      if (direct !== null) {
        await write(rows);
        continue;
      }
      held.push(rows);
      heldRows += rows.length;
      if (heldRows < minRows) continue;
      // Whether the table is empty holds until this transaction ends: SHARE lets others read
      // observation but not write it (a writer outside the import lock, psql say, whose row
      // committed after the check would have been taken for new by a load that compares nothing).
      await m.query('LOCK TABLE observation IN SHARE MODE');
      await decide((await m.query('SELECT NOT EXISTS (SELECT 1 FROM observation) AS empty'))[0].empty);
    }
    if (direct === null) await decide(false);
    if (direct) {
      bulk = true;
      phase('stage');
      const countries = new Set(await countryPartnerCodes(m));
      return finish(m, batch, staged, staged, 0, rebuild, [...touchedDirectly], () => {
        const rows = rollup.rows();
        return prepareFreshRollup(rows, subjectYearRollup(rows, countries), method);
      });
    }
    if (staged > 100000) await m.query('ANALYZE incoming');
    // A load at least as large as what is stored: rebuilding the secondary indexes afterwards
    // (one sort each) is much cheaper than maintaining them for every row inserted. Counting
    // stops at staged + 1 rows, so the check costs at most one pass over that many rows.
    bulk = staged >= minRows
      && (await m.query('SELECT count(*)::int AS n FROM (SELECT 1 FROM observation LIMIT $1) x', [staged + 1]))[0].n <= staged;
    phase('stage');
    const sameKey = `o.subject_code = i.subject_code AND o.measure_code = i.measure_code AND o.partner_code = i.partner_code
      AND o.flow = i.flow AND o.unit = i.unit AND o.period_start = i.period_start AND o.period_end = i.period_end
      AND o.source_id = i.source_id AND o.superseded_at IS NULL`;
    // Numeric equality: 12174.390 is the same figure as 12174.39 (trailing zeros carry no meaning).
    const sameContent = `o.value IS NOT DISTINCT FROM i.value
      AND o.reported_yoy_growth_pct IS NOT DISTINCT FROM i.reported_yoy_growth_pct
      AND o.growth_basis IS NOT DISTINCT FROM i.growth_basis AND o.status = i.status AND o.note IS NOT DISTINCT FROM i.note`;
    // Counts come back through a SELECT over the data-modifying CTE: TypeORM reshapes the result of a bare UPDATE.
    const [{ n: superseded }]: { n: number }[] = await m.query(
      `WITH u AS (UPDATE observation o SET superseded_at = now() FROM incoming i WHERE ${sameKey} AND NOT (${sameContent}) RETURNING o.id)
       SELECT count(*)::int AS n FROM u`,
    );
    phase('supersede');
    // Supersession (above) still used the indexes; from here on the insert needs none of them:
    // its NOT EXISTS is a hash anti-join against no more rows than it brings.
    if (bulk) {
      rebuild = await dropIndexesAndKeys(m, 'observation', BULK_LOCKS);
      phase('drop indexes');
    }
    const [{ n: inserted }]: { n: number }[] = await m.query(
      `WITH ins AS (INSERT INTO observation (measure_code, subject_code, partner_code, flow, period_start, period_end, value, unit,
         reported_yoy_growth_pct, growth_basis, status, note, source_id, import_batch_id, recorded_at)
       SELECT i.measure_code, i.subject_code, i.partner_code, i.flow, i.period_start, i.period_end, i.value, i.unit,
         i.reported_yoy_growth_pct, i.growth_basis, i.status, i.note, i.source_id, $1, now()
       FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM observation o WHERE ${sameKey})
       RETURNING id) SELECT count(*)::int AS n FROM ins`,
      [batch.id],
    );
    phase('insert');
    const touched = inserted + superseded > 0 ? (await m.query('SELECT DISTINCT subject_code AS code FROM incoming')).map((t: { code: string }) => t.code) : [];
    return finish(m, batch, staged, inserted, superseded, rebuild, touched);
  });
  phase('commit');
  if (bulk) {
    await vacuumAfterBulkLoad(ds, options.warn ?? ((message) => process.emitWarning(message)));
    phase('vacuum');
  }
  return result;
}

/**
 * After a bulk load has committed: VACUUM observation, which marks its pages all-visible, so that
 * counts (a connection's totalCount) are answered from the index alone instead of visiting every
 * row (2,412 heap fetches for one port's half-year). Autovacuum would do it soon after, but it may
 * be off (it is on this project's machines). VACUUM cannot run inside the load's transaction; the
 * load is already committed, so a failure here is only reported through `warn`, never thrown.
 */
async function vacuumAfterBulkLoad(ds: DataSource, warn: (message: string) => void): Promise<void> {
  try {
    await ds.query('VACUUM observation');
  } catch (err) {
    warn(`the import committed, but VACUUM observation after it failed: ${(err as Error).message}`);
  }
}

/** Rows per staged batch when a whole file is written at once. */
export const BATCH_ROWS = 50000;

/** {@link writeObservationBatches} of the rows of one validated file, in batches of {@link BATCH_ROWS}. */
export function writeObservations(ds: DataSource, rows: ObservationRow[], fileName: string, importedBy: string, options: WriteOptions = {}): Promise<ImportResult> {
  const batches: ObservationRow[][] = [];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) batches.push(rows.slice(i, i + BATCH_ROWS));
  return writeObservationBatches(ds, batches, fileName, importedBy, options);
}

/**
 * An observations file's text split into records.
 * @throws ImportValidationError when the header itself is bad (row 1); other reading problems are returned.
 */
function recordsOfText(text: string, fileName: string): { records: TsvRecord[]; readErrors: RowError[] } {
  const { records, errors: readErrors } = readTsv(text, OBSERVATION_COLUMNS, 'refuse');
  if (readErrors.some((e) => e.row === 1)) throw new ImportValidationError(fileName, readErrors);
  return { records, readErrors };
}

/**
 * Validates and imports an observations file (the format of data/xizang-trade-figures.tsv).
 * @throws ImportValidationError listing every bad row and column; then nothing is written.
 */
export async function importObservationsText(ds: DataSource, text: string, fileName: string, importedBy = 'import', options: WriteOptions = {}): Promise<ImportResult> {
  const { records, readErrors } = recordsOfText(text, fileName);
  return importObservationRecords(ds, records, fileName, importedBy, readErrors, options);
}

/**
 * The rows of records that all pass validation against the stored reference codes.
 * @param readErrors problems found while reading the records, reported with the others.
 * @throws ImportValidationError listing every bad row and column (or "has no data rows").
 */
async function validatedRows(ds: DataSource, records: TsvRecord[], fileName: string, readErrors: RowError[]): Promise<ObservationRow[]> {
  const refs = await loadReferenceCodes(ds);
  const { rows, errors } = validateObservationRecords(records, refs);
  const all = [...readErrors, ...errors].sort((a, b) => a.row - b.row);
  if (all.length > 0) throw new ImportValidationError(fileName, all);
  if (rows.length === 0) throw new ImportValidationError(fileName, [{ row: 1, column: '(file)', message: 'has no data rows' }]);
  return rows;
}

/**
 * Validates and imports records already split into cells by column name (a TSV file's, or
 * structured rows given to the importObservations mutation), all or nothing.
 * @param readErrors problems found while reading the records, reported with the others.
 * @throws ImportValidationError listing every bad row and column; then nothing is written.
 */
export async function importObservationRecords(
  ds: DataSource, records: TsvRecord[], fileName: string, importedBy: string, readErrors: RowError[] = [], options: WriteOptions = {},
): Promise<ImportResult> {
  return writeObservations(ds, await validatedRows(ds, records, fileName, readErrors), fileName, importedBy, options);
}

/** An observations file read and validated, not yet written: its base name and rows. */
export interface ValidatedFile {
  fileName: string;
  rows: ObservationRow[];
}

/**
 * Heap bytes that reading and validating an observations file holds per byte of the file, at most
 * (its text, its records and its rows at once): measured 13 on a 45 MB file of 300,000 short
 * synthetic rows (589 MB of heap, 2026-12-04); rows with longer notes or titles hold fewer per byte.
 */
export const HEAP_BYTES_PER_FILE_BYTE = 16;

/**
 * The largest observations file, in bytes, that this process reads: the longest string Node can
 * make (512 MiB less a little) or its heap limit over {@link HEAP_BYTES_PER_FILE_BYTE}, whichever
 * is smaller (about 259 MiB with Node's default heap on a 24 GiB machine; NODE_OPTIONS=
 * --max-old-space-size raises it). A larger file is refused before it is read: read, it made a
 * false "not UTF-8" error past the string limit and ran the heap out, killing the process, below it.
 */
export function maxObservationsFileBytes(): number {
  return Math.min(bufferConstants.MAX_STRING_LENGTH, Math.floor(v8.getHeapStatistics().heap_size_limit / HEAP_BYTES_PER_FILE_BYTE));
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/**
 * Reads and validates an observations file without writing anything (the command line checks
 * every file it is given before it writes any).
 * @throws ImportValidationError when the file cannot be read (missing, a directory, a device, larger than {@link maxObservationsFileBytes}) or
 * has bad rows, listing every bad row and column.
 */
export async function validateObservationsFile(ds: DataSource, file: string): Promise<ValidatedFile> {
  let bytes: Buffer;
  try {
    // Only a regular file: a device or pipe (/dev/zero) would be read without end.
    const stat = fs.statSync(file);
    if (!stat.isFile() && !stat.isDirectory()) {
      throw new ImportValidationError(file, [{ row: 1, column: '(file)', message: 'cannot be read: it is not a regular file (a device, pipe or socket)' }]);
    }
    const max = maxObservationsFileBytes();
    if (stat.isFile() && stat.size > max) {
      throw new ImportValidationError(file, [{
        row: 1, column: '(file)',
        message: `is ${mib(stat.size)} MiB; this process reads files of at most ${mib(max)} MiB (a file is read and validated whole, in memory): split it into smaller files, or give Node a larger heap (NODE_OPTIONS=--max-old-space-size=MiB)`,
      }]);
    }
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof ImportValidationError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new ImportValidationError(file, [{ row: 1, column: '(file)', message: `cannot be read: ${why}` }]);
  }
  const fileName = path.basename(file);
  const { records, readErrors } = recordsOfText(decodeUtf8(bytes, fileName), fileName);
  return { fileName, rows: await validatedRows(ds, records, fileName, readErrors) };
}

/** {@link importObservationsText} on a file path: {@link validateObservationsFile}, then one transaction. */
export async function importObservationsFile(ds: DataSource, file: string, importedBy = 'import'): Promise<ImportResult> {
  const { fileName, rows } = await validateObservationsFile(ds, file);
  return writeObservations(ds, rows, fileName, importedBy);
}

/**
 * The import write path bound to one DataSource (what the importObservations mutation calls):
 * the same validation and transaction as the command, but never a bulk load, so that a write
 * through the API never holds the exclusive locks of {@link dropIndexesAndKeys} on the tables
 * the server is reading (indexes are maintained row by row, whatever the size).
 */
export class ObservationImporter {
  constructor(private readonly ds: DataSource) {}

  /** {@link importObservationsText}, never as a bulk load. */
  importText(text: string, fileName: string, importedBy: string): Promise<ImportResult> {
    return importObservationsText(this.ds, text, fileName, importedBy, SERVING_WRITES);
  }

  /** {@link importObservationRecords}, never as a bulk load. */
  importRecords(records: TsvRecord[], fileName: string, importedBy: string): Promise<ImportResult> {
    return importObservationRecords(this.ds, records, fileName, importedBy, [], SERVING_WRITES);
  }
}

/** Write options of imports made while serving: no bulk load however many rows. */
const SERVING_WRITES: WriteOptions = { bulkLoadMinRows: Number.POSITIVE_INFINITY };
