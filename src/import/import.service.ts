import fs from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { BulkMethod, bulkMethodOf, copyInto, copyLine, pgClientOf } from '../db/copy';
import { refreshYearRollup } from '../totals/totals.repository';
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
}

const INCOMING_COLUMNS = [
  'measure_code', 'subject_code', 'partner_code', 'flow', 'period_start', 'period_end', 'value', 'unit',
  'reported_yoy_growth_pct', 'growth_basis', 'status', 'note', 'source_id',
] as const;

/** Sends one batch of validated rows into the temporary table `incoming` (one statement). */
async function stageBatch(m: EntityManager, method: BulkMethod, rows: ObservationRow[], sourceIds: Map<string, number>): Promise<void> {
  const sourceOf = (r: ObservationRow) => sourceIds.get(sourceKey(r.source)) as number;
  if (method === 'copy') {
    let text = '';
    for (const r of rows) {
      text += copyLine([r.measure, r.subject, r.partner, r.flow, r.periodStart, r.periodEnd, r.value, r.unit,
        r.reportedYoyGrowthPct, r.growthBasis, r.status, r.note, sourceOf(r)]);
    }
    await copyInto(await pgClientOf(m), 'incoming', INCOMING_COLUMNS, [text]);
    return;
  }
  const col = <K extends keyof ObservationRow>(k: K) => rows.map((r) => r[k]);
  await m.query(
    `INSERT INTO incoming (${INCOMING_COLUMNS.join(', ')}) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[],
       $7::numeric[], $8::text[], $9::numeric[], $10::text[], $11::text[], $12::text[], $13::integer[])`,
    [col('measure'), col('subject'), col('partner'), col('flow'), col('periodStart'), col('periodEnd'), col('value'), col('unit'),
      col('reportedYoyGrowthPct'), col('growthBasis'), col('status'), col('note'), rows.map(sourceOf)],
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
 * Statements: a fixed number plus one per batch.
 */
export async function writeObservationBatches(ds: DataSource, batches: ObservationBatches, fileName: string, importedBy: string, options: WriteOptions = {}): Promise<ImportResult> {
  return ds.transaction(async (m) => {
    // One import at a time: a second waits here until the first commits, then compares against
    // what the first wrote (so neither a correction is lost nor the unique index tripped).
    await m.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
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
    let staged = 0;
    for await (const rows of batches) {
      if (rows.length === 0) continue;
      const unseen = rows.map((r) => r.source).filter((c) => !sourceIds.has(sourceKey(c)));
      if (unseen.length > 0) for (const [k, id] of await upsertSources(m, unseen)) sourceIds.set(k, id);
      await stageBatch(m, method, rows, sourceIds);
      staged += rows.length;
      options.onBatch?.(staged);
    }
    if (staged > 100000) await m.query('ANALYZE incoming');
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
    const [{ n: inserted }]: { n: number }[] = await m.query(
      `WITH ins AS (INSERT INTO observation (measure_code, subject_code, partner_code, flow, period_start, period_end, value, unit,
         reported_yoy_growth_pct, growth_basis, status, note, source_id, import_batch_id, recorded_at)
       SELECT i.measure_code, i.subject_code, i.partner_code, i.flow, i.period_start, i.period_end, i.value, i.unit,
         i.reported_yoy_growth_pct, i.growth_basis, i.status, i.note, i.source_id, $1, now()
       FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM observation o WHERE ${sameKey})
       RETURNING id) SELECT count(*)::int AS n FROM ins`,
      [batch.id],
    );
    if (inserted + superseded > 0) {
      const touched: { code: string }[] = await m.query('SELECT DISTINCT subject_code AS code FROM incoming');
      await refreshYearRollup(m, touched.map((t) => t.code));
    }
    const result = { batchId: batch.id, importedBy, importedAt: new Date(batch.imported_at).toISOString(), inserted, unchanged: staged - inserted, superseded };
    await m.query(
      `UPDATE import_batch SET rows_inserted = $2, rows_unchanged = $3, rows_superseded = $4 WHERE id = $1`,
      [batch.id, result.inserted, result.unchanged, result.superseded],
    );
    return result;
  });
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
 * Validates and imports an observations file (the format of data/xizang-trade-figures.tsv).
 * @throws ImportValidationError listing every bad row and column; then nothing is written.
 */
export async function importObservationsText(ds: DataSource, text: string, fileName: string, importedBy = 'import'): Promise<ImportResult> {
  const { records, errors: readErrors } = readTsv(text, OBSERVATION_COLUMNS);
  if (readErrors.some((e) => e.row === 1)) throw new ImportValidationError(fileName, readErrors);
  return importObservationRecords(ds, records, fileName, importedBy, readErrors);
}

/**
 * Validates and imports records already split into cells by column name (a TSV file's, or
 * structured rows given to the importObservations mutation), all or nothing.
 * @param readErrors problems found while reading the records, reported with the others.
 * @throws ImportValidationError listing every bad row and column; then nothing is written.
 */
export async function importObservationRecords(ds: DataSource, records: TsvRecord[], fileName: string, importedBy: string, readErrors: RowError[] = []): Promise<ImportResult> {
  const refs = await loadReferenceCodes(ds);
  const { rows, errors } = validateObservationRecords(records, refs);
  const all = [...readErrors, ...errors].sort((a, b) => a.row - b.row);
  if (all.length > 0) throw new ImportValidationError(fileName, all);
  if (rows.length === 0) throw new ImportValidationError(fileName, [{ row: 1, column: '(file)', message: 'has no data rows' }]);
  return writeObservations(ds, rows, fileName, importedBy);
}

/** {@link importObservationsText} on a file path. */
export async function importObservationsFile(ds: DataSource, file: string, importedBy = 'import'): Promise<ImportResult> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new ImportValidationError(file, [{ row: 1, column: '(file)', message: `cannot be read: ${why}` }]);
  }
  const name = path.basename(file);
  return importObservationsText(ds, decodeUtf8(bytes, name), name, importedBy);
}

/** The import write path bound to one DataSource (what the importObservations mutation calls). */
export class ObservationImporter {
  constructor(private readonly ds: DataSource) {}

  /** {@link importObservationsText}. */
  importText(text: string, fileName: string, importedBy: string): Promise<ImportResult> {
    return importObservationsText(this.ds, text, fileName, importedBy);
  }

  /** {@link importObservationRecords}. */
  importRecords(records: TsvRecord[], fileName: string, importedBy: string): Promise<ImportResult> {
    return importObservationRecords(this.ds, records, fileName, importedBy);
  }
}
