import type { DataSource, EntityManager } from 'typeorm';
import { Sql } from '../db/sql';
import { dropIndexesAndKeys, rebuildIndexesAndKeys } from '../db/bulk-indexes';
import type { SubjectYearRollupRow, YearRollupRow } from './year-rollup';
import { BulkMethod, copyInto, copyLine, pgClientOf } from '../db/copy';

/**
 * What a port total adds up: the preferred current monthly figures (periods of exactly one
 * calendar month) of one measure and unit, over partners that are countries (never ALL or a
 * group such as GROUP-BRI, which would count trade twice), and over `flows`. For the TOTAL flow
 * callers pass ['import', 'export']: stored `total`-flow figures are then not added on top.
 */
export interface TotalsSpec {
  measureCode: string;
  unit: string;
  flows: string[];
}

/** One subject's sum for one calendar month: decimal text in the spec's unit; `figureCount` monthly figures were added. */
export interface MonthlySumRow {
  subjectCode: string;
  year: number;
  month: number;
  value: string;
  figureCount: number;
}

/** One subject's sum over months 1..through of `year`. */
export interface YearToDateRow {
  subjectCode: string;
  year: number;
  value: string;
}

/** One of a subject's top partners in a year (with the partner's row): its sum, the sum over all its country partners, its rank (1 = largest). */
export interface PartnerTotalRow {
  subjectCode: string;
  partnerCode: string;
  partnerName: string;
  partnerKind: string;
  value: string;
  whole: string;
  rank: number;
}

/** Status order of the preferred-figure rule (src/stats/conflict.ts): REPORTED first, LOWER_BOUND last. */
const STATUS_RANK = `CASE o.status WHEN 'REPORTED' THEN 0 WHEN 'PROVISIONAL' THEN 1 WHEN 'DERIVED' THEN 2 WHEN 'ESTIMATED' THEN 3 ELSE 4 END`;

/** Observations of exactly one calendar month (over alias `o`). */
const CALENDAR_MONTH = `extract(day FROM o.period_start) = 1 AND o.period_end = (o.period_start + interval '1 month' - interval '1 day')::date`;

/** Current monthly observations with a value (over alias `o`): what port totals add up. */
const CURRENT_MONTHLY = `o.superseded_at IS NULL AND o.value IS NOT NULL AND ${CALENDAR_MONTH}`;

/**
 * {@link CURRENT_MONTHLY} as the rollup's refresh writes it: the calendar-month test inside a CASE,
 * which PostgreSQL estimates as an opaque condition (half the rows) instead of multiplying two
 * default equality estimates (1 row in 40,000). With that estimate it planned a bulk load's
 * million monthly figures as a few rows and sorted them in one process (2.7 s) instead of in
 * parallel workers (1.9 s; 1,005,000 synthetic figures, 2026-12-04). Same rows.
 */
const CURRENT_MONTHLY_TO_ROLL_UP = `o.superseded_at IS NULL AND o.value IS NOT NULL AND (CASE WHEN ${CALENDAR_MONTH} THEN true ELSE false END)`;

/** Among figures of one key and month, the preferred first (src/stats/conflict.ts); `s` is the source. */
const PREFERENCE = `${STATUS_RANK}, (s.published_on IS NULL), s.published_on DESC, o.id`;

/**
 * SQL selecting, among the current monthly observations with a value that satisfy `where`
 * (over alias `o`), the preferred one of each key and month by the rule of src/stats/conflict.ts
 * (status, then a dated and later source, then the smaller id). Columns: subject_code,
 * measure_code, unit, year, month, flow, partner_code, value (numeric).
 */
export function preferredMonthlySql(where: string): string {
  return `SELECT DISTINCT ON (o.subject_code, o.measure_code, o.partner_code, o.flow, o.unit, o.period_start)
      o.subject_code, o.measure_code, o.unit, extract(year FROM o.period_start)::int AS year,
      extract(month FROM o.period_start)::int AS month, o.flow, o.partner_code, o.value
    FROM observation o JOIN source s ON s.id = o.source_id
    WHERE ${CURRENT_MONTHLY}
      AND (${where})
    ORDER BY o.subject_code, o.measure_code, o.partner_code, o.flow, o.unit, o.period_start,
      ${PREFERENCE}`;
}

const MONTH_ARRAY = `ARRAY[${Array.from({ length: 12 }, (_, i) => `sum(value) FILTER (WHERE month = ${i + 1})`).join(', ')}]::numeric[]`;

/**
 * The sources in the order of {@link PREFERENCE} as an array indexed by source id: element `id` is
 * the dense rank of that source by (undated last, then later publication date first); sources of
 * equal rank leave the choice to the smaller observation id, as PREFERENCE does. Worked out once
 * per statement, so that ordering a million figures by it needs no join with source. Size: four
 * bytes per id up to the largest (ids the sequence skipped, as an upsert of a stored citation does,
 * included): 4 MB at a million.
 */
const SOURCE_RANKS = `SELECT array_agg(coalesce(r.rank, 0) ORDER BY g.id)
  FROM generate_series(1, (SELECT max(id) FROM source)) g(id)
  LEFT JOIN (SELECT id, dense_rank() OVER (ORDER BY published_on IS NULL, published_on DESC)::int AS rank FROM source) r ON r.id = g.id`;

const COUNTRY_PARTNERS = `(SELECT code FROM partner WHERE kind = 'COUNTRY')`;

type Cell = string | number | null;

/**
 * Rows made ready to send to one table: with COPY, their text (in chunks of 2,000 lines); else
 * their cells, for one INSERT of unnested arrays (`types`: each column's array type; `casts`: what
 * each unnested column becomes).
 */
interface ReadyRows {
  table: string;
  columns: readonly string[];
  types: readonly string[];
  casts: readonly string[];
  cells: Cell[][];
  copyText: string[] | null;
}

/** {@link ReadyRows} of `cells` (one array per row, in the order of `columns`) for `method`: COPY text made now. */
function readyRows(method: BulkMethod, table: string, columns: readonly string[], types: readonly string[], casts: readonly string[], cells: Cell[][]): ReadyRows {
  const copyText: string[] | null = method === 'copy' ? [] : null;
  if (copyText !== null) for (let i = 0; i < cells.length; i += 2000) copyText.push(cells.slice(i, i + 2000).map(copyLine).join(''));
  return { table, columns, types, casts, cells, copyText };
}

/** Writes {@link ReadyRows} into their table (one statement). */
async function writeRows(m: EntityManager, r: ReadyRows): Promise<void> {
  if (r.copyText !== null) {
    await copyInto(await pgClientOf(m), r.table, r.columns, r.copyText);
    return;
  }
  await m.query(
    `INSERT INTO ${r.table} (${r.columns.join(', ')}) SELECT ${r.casts.map((c, i) => `c${i}${c}`).join(', ')}
     FROM unnest(${r.types.map((t, i) => `$${i + 1}::${t}`).join(', ')}) AS r(${r.columns.map((_, i) => `c${i}`).join(', ')})`,
    r.columns.map((_, i) => r.cells.map((row) => row[i])),
  );
}

/**
 * The rollup rows of a load, made while it was written, ready to send (what refreshYearRollup
 * takes as `fresh`): made by {@link prepareFreshRollup}.
 */
export interface FreshRollup {
  observationRollup: ReadyRows;
  subjectRollup: ReadyRows;
}

/**
 * Makes a load's rollup rows ready to send with the load's {@link BulkMethod}: observation_year_rollup's
 * `rows` (src/totals/year-rollup.ts YearRollupBuilder) and subject_year_rollup's `subjectRows`
 * made from them (subjectYearRollup). All the work is Node's (the COPY text of 90,450 rows: about
 * 0.2 s), so a caller can do it while the database is busy with something else.
 */
export function prepareFreshRollup(rows: readonly YearRollupRow[], subjectRows: readonly SubjectYearRollupRow[], method: BulkMethod): FreshRollup {
  return {
    observationRollup: readyRows(method, 'observation_year_rollup', ROLLUP_COLUMNS,
      ['text[]', 'text[]', 'text[]', 'int[]', 'text[]', 'text[]', 'text[]', 'numeric[]', 'int[]'], ['', '', '', '', '', '', '::numeric[]', '', ''],
      rows.map((r) => [r.subjectCode, r.measureCode, r.unit, r.year, r.flow, r.partnerCode, monthsLiteral(r.months), r.total, r.monthCount])),
    subjectRollup: readyRows(method, 'subject_year_rollup', ['subject_code', 'measure_code', 'unit', 'year', 'flow', 'months', 'counts'],
      ['text[]', 'text[]', 'text[]', 'int[]', 'text[]', 'text[]', 'text[]'], ['', '', '', '', '', '::numeric[]', '::int[]'],
      subjectRows.map((r) => [r.subjectCode, r.measureCode, r.unit, r.year, r.flow, monthsLiteral(r.months), `{${r.counts.join(',')}}`])),
  };
}

/** The codes of the partners that are countries (kind COUNTRY), what the subject rollup adds up (one statement). */
export async function countryPartnerCodes(m: EntityManager): Promise<string[]> {
  const [{ countries }]: { countries: string[] }[] = await m.query(`SELECT coalesce(array_agg(code), '{}') AS countries FROM ${COUNTRY_PARTNERS} c`);
  return countries;
}

const ROLLUP_COLUMNS = ['subject_code', 'measure_code', 'unit', 'year', 'flow', 'partner_code', 'months', 'total', 'month_count'];

/** A rollup row's 12 month values as a PostgreSQL array literal (`{12.5,NULL,...}`): decimals need no quoting. */
function monthsLiteral(months: readonly (string | null)[]): string {
  return `{${months.map((v) => v ?? 'NULL').join(',')}}`;
}
const months = (f: (m: number) => string) => `ARRAY[${Array.from({ length: 12 }, (_, i) => f(i + 1)).join(', ')}]`;

/**
 * Rebuilds the rollup rows of the given subjects (all subjects when null) from the stored
 * observations: observation_year_rollup from their preferred monthly figures, then
 * subject_year_rollup from it (sums over country partners). Seven statements (four with `fresh`);
 * run it inside the transaction that changed the observations (on one connection: without `fresh`
 * the rows are first made in a temporary table, rollup_fresh, dropped before it returns and in any
 * case when the transaction ends).
 *
 * The preferred figures are those of {@link preferredMonthlySql}, picked in one sort whose order
 * (key and year, then month, then preference) is also the order of the yearly groups, so that
 * grouping them needs no second sort; the columns with the most distinct values (partner, subject,
 * year) come first, so that most comparisons end there; the source's part of the preference is
 * read from {@link SOURCE_RANKS} instead of a join (1 M synthetic observations: about 2.3 s
 * instead of 6.9). Country partners are matched against an array of their codes read first and
 * sent as a parameter, which does not depend on the planner's estimates of tables this
 * transaction has just filled (a join did: a nested loop on a rollup's stale statistics), and
 * which PostgreSQL looks up in a hash table, as it does for an array known when planning (an
 * `ARRAY(SELECT ...)` is worked out later and searched element by element: 0.36 s instead of 0.17
 * for 90,450 rollup rows, 2026-12-04).
 *
 * With `fresh` ({@link prepareFreshRollup}), the rows of both rollups are not worked out from the
 * observations but written as given, totals and month counts included: those of a load into an
 * empty observation table, made in Node while it was written (src/totals/year-rollup.ts), which
 * must be every row of `subjects`. The rollup phase of a million synthetic figures then took about
 * 0.5 s, its ANALYZE included, instead of 2.7 (2026-12-04); test/rollup.test.ts and
 * test/import-bulk.test.ts check that both ways give the same rows.
 *
 * With `bulk` (a bulk load's refresh, which rewrites most of the rollup), observation_year_rollup's
 * primary key and foreign key are dropped before its rows are inserted and made again after
 * (src/db/bulk-indexes.ts): checking the foreign key row by row cost 0.8 s for 90,450 rows, the
 * whole drop and rebuild 0.15 s. It then holds ACCESS EXCLUSIVE locks on observation_year_rollup
 * and subject until the transaction ends (a bulk load of observation already holds them on
 * subject). About six statements more.
 */
export async function refreshYearRollup(
  m: EntityManager, subjects: readonly string[] | null, { bulk = false, fresh }: { bulk?: boolean; fresh?: FreshRollup } = {},
): Promise<void> {
  const params = subjects === null ? [] : [subjects];
  const mine = subjects === null ? 'true' : 'subject_code = ANY($1::text[])';
  const year = 'extract(year FROM o.period_start)::int';
  const month = 'extract(month FROM o.period_start)::int';
  await m.query(`DELETE FROM observation_year_rollup WHERE ${mine}`, params);
  if (fresh !== undefined) {
    // Rows worked out by the caller (src/totals/year-rollup.ts), totals and month counts included
    // (adding them up here, per row, cost 0.55 s for 90,450 rows, 2026-12-04), written straight
    // into the table, with COPY where the server takes it (as arrays, pg's quoting of 800,000
    // elements cost 0.5 s).
    const rebuild = bulk ? await dropIndexesAndKeys(m, 'observation_year_rollup') : [];
    await writeRows(m, fresh.observationRollup);
    await rebuildIndexesAndKeys(m, rebuild);
  } else {
    // Made first into a temporary table: CREATE TABLE AS may run its query in parallel workers (the
    // sort of a bulk load's million rows, on two cores: 2.3 s instead of 3.7), INSERT ... SELECT
    // never does (PostgreSQL 15).
    await m.query(
      `CREATE TEMP TABLE rollup_fresh ON COMMIT DROP AS
       SELECT subject_code, measure_code, unit, year, flow, partner_code, ${MONTH_ARRAY} AS months, sum(value) AS total, count(*)::int AS month_count
       FROM (SELECT DISTINCT ON (o.partner_code, o.subject_code, ${year}, o.measure_code, o.flow, o.unit, ${month})
               o.partner_code, o.subject_code, ${year} AS year, o.measure_code, o.flow, o.unit, ${month} AS month, o.value
             FROM observation o
             WHERE ${CURRENT_MONTHLY_TO_ROLL_UP} AND ${subjects === null ? 'true' : 'o.subject_code = ANY($1::text[])'}
             ORDER BY o.partner_code, o.subject_code, ${year}, o.measure_code, o.flow, o.unit, ${month}, ${STATUS_RANK}, (${SOURCE_RANKS})[o.source_id], o.id) pm
       GROUP BY partner_code, subject_code, year, measure_code, flow, unit`,
      params,
    );
    const rebuild = bulk ? await dropIndexesAndKeys(m, 'observation_year_rollup') : [];
    await m.query(`INSERT INTO observation_year_rollup (${ROLLUP_COLUMNS.join(', ')}) SELECT * FROM rollup_fresh`);
    await rebuildIndexesAndKeys(m, rebuild);
    await m.query('DROP TABLE rollup_fresh');
  }
  await m.query(`DELETE FROM subject_year_rollup WHERE ${mine}`, params);
  if (fresh !== undefined) {
    await writeRows(m, fresh.subjectRollup);
    return;
  }
  const countries = await countryPartnerCodes(m);
  await m.query(
    `INSERT INTO subject_year_rollup (subject_code, measure_code, unit, year, flow, months, counts)
     SELECT subject_code, measure_code, unit, year, flow, ${months((i) => `sum(months[${i}])`)}::numeric[], ${months((i) => `count(months[${i}])`)}::int[]
     FROM observation_year_rollup WHERE ${mine} AND partner_code = ANY ($${params.length + 1}::text[])
     GROUP BY subject_code, measure_code, unit, year, flow`,
    [...params, countries],
  );
}

/**
 * Port totals in SQL, one statement per call whatever the number of subjects. With `useRollup`
 * (the default) monthly and year-to-date sums read subject_year_rollup and top partners
 * observation_year_rollup; without, the observations themselves. Both give the same sums
 * (test/scale.test.ts).
 */
export class TotalsRepository {
  private readonly sql: Sql;

  constructor(private readonly ds: DataSource, readonly useRollup = true) {
    this.sql = new Sql(ds);
  }

  /** Monthly sums of each subject in each of `years` (months without figures are left out). */
  async monthlySums(subjects: readonly string[], spec: TotalsSpec, years: readonly number[]): Promise<MonthlySumRow[]> {
    const params = [subjects, spec.measureCode, spec.unit, spec.flows, years];
    const sql = this.useRollup
      ? `SELECT r.subject_code AS "subjectCode", r.year, m.month, sum(r.months[m.month])::text AS value,
           sum(r.counts[m.month])::int AS "figureCount"
         FROM subject_year_rollup r CROSS JOIN generate_series(1, 12) AS m(month)
         WHERE r.subject_code = ANY($1::text[]) AND r.measure_code = $2 AND r.unit = $3 AND r.flow = ANY($4::text[])
           AND r.year = ANY($5::int[])
         GROUP BY 1, 2, 3 HAVING sum(r.counts[m.month]) > 0 ORDER BY 1, 2, 3`
      : `SELECT subject_code AS "subjectCode", year, month, sum(value)::text AS value, count(*)::int AS "figureCount"
         FROM (${preferredMonthlySql(`o.subject_code = ANY($1::text[]) AND o.measure_code = $2 AND o.unit = $3 AND o.flow = ANY($4::text[])
           AND o.period_start >= make_date((SELECT min(y) FROM unnest($5::int[]) y), 1, 1)
           AND o.period_start < make_date((SELECT max(y) FROM unnest($5::int[]) y) + 1, 1, 1)
           AND o.partner_code IN ${COUNTRY_PARTNERS}`)}) pm
         WHERE year = ANY($5::int[])
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
    return this.sql.query(sql, params);
  }

  /** Each subject's sum over months 1..`through` of `year` and of the year before (years without figures are left out). */
  async yearToDateSums(subjects: readonly string[], spec: TotalsSpec, year: number, through: number): Promise<YearToDateRow[]> {
    const params = [subjects, spec.measureCode, spec.unit, spec.flows, year, through];
    const sql = this.useRollup
      // The sums are filtered outside the query that makes them, behind MATERIALIZED: a HAVING
      // repeating the sum (or a WHERE that PostgreSQL would push into HAVING) ran the per-row
      // subquery twice, since equal aggregates are shared but equal subqueries are not.
      ? `WITH sums AS MATERIALIZED (
           SELECT r.subject_code AS "subjectCode", r.year, sum((SELECT sum(x) FROM unnest(r.months[1:$6]) x)) AS value
           FROM subject_year_rollup r
           WHERE r.subject_code = ANY($1::text[]) AND r.measure_code = $2 AND r.unit = $3 AND r.flow = ANY($4::text[])
             AND r.year IN ($5, $5 - 1)
           GROUP BY 1, 2)
         SELECT "subjectCode", year, value::text AS value FROM sums WHERE value IS NOT NULL ORDER BY 1, 2`
      : `SELECT subject_code AS "subjectCode", year, sum(value)::text AS value
         FROM (${preferredMonthlySql(`o.subject_code = ANY($1::text[]) AND o.measure_code = $2 AND o.unit = $3 AND o.flow = ANY($4::text[])
           AND o.period_start >= make_date($5 - 1, 1, 1) AND o.period_start < make_date($5 + 1, 1, 1)
           AND extract(month FROM o.period_start) <= $6 AND o.partner_code IN ${COUNTRY_PARTNERS}`)}) pm
         GROUP BY 1, 2 ORDER BY 1, 2`;
    return this.sql.query(sql, params);
  }

  /**
   * Each subject's `first` largest country partners by their sum over the months of `year`
   * (ties: partner code), each with the sum over all the subject's country partners.
   */
  async topPartners(subjects: readonly string[], spec: TotalsSpec, year: number, first: number): Promise<PartnerTotalRow[]> {
    const params = [subjects, spec.measureCode, spec.unit, spec.flows, year, first];
    const perPartner = this.useRollup
      ? `SELECT r.subject_code, r.partner_code, sum(r.total) AS value FROM observation_year_rollup r
         WHERE r.subject_code = ANY($1::text[]) AND r.measure_code = $2 AND r.unit = $3 AND r.flow = ANY($4::text[])
           AND r.year = $5 AND r.partner_code IN ${COUNTRY_PARTNERS}
         GROUP BY 1, 2`
      : `SELECT subject_code, partner_code, sum(value) AS value
         FROM (${preferredMonthlySql(`o.subject_code = ANY($1::text[]) AND o.measure_code = $2 AND o.unit = $3 AND o.flow = ANY($4::text[])
           AND o.period_start >= make_date($5, 1, 1) AND o.period_start < make_date($5 + 1, 1, 1)
           AND o.partner_code IN ${COUNTRY_PARTNERS}`)}) pm
         GROUP BY 1, 2`;
    return this.sql.query(
      `SELECT ranked.subject_code AS "subjectCode", ranked.partner_code AS "partnerCode", pa.name AS "partnerName", pa.kind AS "partnerKind",
         ranked.value::text AS value, ranked.whole::text AS whole, ranked.rank::int AS rank
       FROM (SELECT p.*, sum(p.value) OVER (PARTITION BY p.subject_code) AS whole,
               row_number() OVER (PARTITION BY p.subject_code ORDER BY p.value DESC, p.partner_code) AS rank
             FROM (${perPartner}) p) ranked
       JOIN partner pa ON pa.code = ranked.partner_code
       WHERE ranked.rank <= $6 ORDER BY 1, ranked.rank`,
      params,
    );
  }
}
