import type { DataSource } from 'typeorm';
import type { ExchangeRateRecord, FigureKey, FigureRecord, SeriesKey, SourceRecord } from './figure.record';
import { Sql } from '../db/sql';

/** A series over a target period, for {@link ObservationRepository.findDerivationInputs}. */
export interface DerivationRequest extends SeriesKey {
  periodStart: string;
  periodEnd: string;
}

/**
 * What to select among a subject's figures. All fields optional; arrays match any of their codes.
 * `from`/`to` are ISO dates: a figure matches when its whole span lies within [from, to].
 * `asOf` (ISO date) answers with the vintages known at the end of that day; absent = latest.
 */
export interface FigureQuery {
  measures?: string[];
  flows?: string[];
  partners?: string[];
  units?: string[];
  from?: string;
  to?: string;
  periodStart?: string;
  periodEnd?: string;
  asOf?: string | null;
}

/** The columns of a figure's key, period and value (a page's {@link FigureColumns} `core`). */
const FIGURE_CORE_COLUMNS = `
  o.id::text AS id, o.measure_code AS "measureCode", o.subject_code AS "subjectCode", o.partner_code AS "partnerCode",
  o.flow, o.period_start AS "periodStart", o.period_end AS "periodEnd", o.value::text AS value, o.unit`;

const FIGURE_COLUMNS = `${FIGURE_CORE_COLUMNS},
  o.reported_yoy_growth_pct::text AS "reportedYoyGrowthPct", o.growth_basis AS "growthBasis", o.status, o.note,
  o.recorded_at AS "recordedAt", o.superseded_at AS "supersededAt",
  s.id AS "sourceId", s.publisher AS "sourcePublisher", s.title AS "sourceTitle", s.url AS "sourceUrl", s.published_on AS "sourcePublishedOn"`;

/**
 * Which columns a page of figures reads: `all` (every field of a {@link FigureRecord}, its source
 * joined) or `core` (the fields of {@link FigureCore} only: no source join, no time stamps, no
 * growth, status or note). A core record throws when one of the fields it lacks is read.
 */
export type FigureColumns = 'core' | 'all';

/** The fields a `core` page record holds. */
export const FIGURE_CORE_FIELDS = ['id', 'measureCode', 'subjectCode', 'partnerCode', 'flow', 'periodStart', 'periodEnd', 'value', 'unit'] as const;

/** A figure's key, period and value: what a `core` page reads. */
export type FigureCore = Pick<FigureRecord, (typeof FIGURE_CORE_FIELDS)[number]>;

/**
 * The prototype of core page records: a getter for each FigureRecord field a core row lacks,
 * which throws (a resolver that reads it was wrongly allowed a core page: see
 * CORE_NODE_FIELDS in figure-connection.resolver.ts). Never reached by JSON or spreads, which
 * read own properties only.
 */
const CORE_RECORD = Object.create(Object.prototype, Object.fromEntries(
  (['reportedYoyGrowthPct', 'growthBasis', 'status', 'note', 'recordedAt', 'supersededAt', 'source'] as const).map((field) => [field, {
    get(this: FigureCore): never {
      throw new Error(`figure ${this.id} was read from a core page, without ${field}`);
    },
  }]),
)) as object;

/** A core page row as a record typed FigureRecord whose other fields throw ({@link CORE_RECORD}). */
function toCoreRecord(r: FigureCore): FigureRecord {
  const f = Object.create(CORE_RECORD) as FigureCore;
  f.id = r.id; f.measureCode = r.measureCode; f.subjectCode = r.subjectCode; f.partnerCode = r.partnerCode; f.flow = r.flow;
  f.periodStart = r.periodStart; f.periodEnd = r.periodEnd; f.value = r.value; f.unit = r.unit;
  return f as FigureRecord;
}

/** The source columns of FIGURE_COLUMNS and RATE_COLUMNS. */
interface SourceColumns {
  sourceId: number; sourcePublisher: string; sourceTitle: string; sourceUrl: string | null; sourcePublishedOn: string | null;
}

type FigureRow = Omit<FigureRecord, 'source'> & SourceColumns;

/** A row of {@link ObservationRepository.findPages}'s JSON array: a figure row (all null on an empty page) with its time stamps as text, its request's index and, when counted, the count. */
type PageJsonRow = Omit<FigureRow, 'id' | 'recordedAt' | 'supersededAt'> & {
  id: string | null; recordedAt: string; supersededAt: string | null; request: number; totalCount?: number;
};

/** The source of a figure or rate row. */
function sourceOf(r: SourceColumns): SourceRecord {
  return { id: r.sourceId, publisher: r.sourcePublisher, title: r.sourceTitle, url: r.sourceUrl, publishedOn: r.sourcePublishedOn };
}

/**
 * A figure row (FIGURE_COLUMNS) as a record, property by property: other columns of the row (a
 * page's request number, a count) are left out. Spelled out because a rest pattern
 * (`{ a, ...rest }`) copies through V8's slow path: about 4 µs a row, against under 0.1.
 */
function toRecord(r: FigureRow): FigureRecord {
  return {
    id: r.id, measureCode: r.measureCode, subjectCode: r.subjectCode, partnerCode: r.partnerCode, flow: r.flow,
    periodStart: r.periodStart, periodEnd: r.periodEnd, value: r.value, unit: r.unit, reportedYoyGrowthPct: r.reportedYoyGrowthPct,
    growthBasis: r.growthBasis, status: r.status, note: r.note, recordedAt: r.recordedAt, supersededAt: r.supersededAt,
    source: sourceOf(r),
  };
}

/**
 * SQL predicate selecting the vintage current at `asOf` (or the latest), with `$n` the asOf parameter.
 * A vintage recorded during the asOf day counts as known that day. As of a date, PostgreSQL reads
 * the current vintages and the superseded ones through their own partial indexes
 * (observation_current_key; observation_superseded_key) and ORs the
 * two bitmaps: what a query restricting observation itself (a subject, a source) needs. A query
 * that finds figures by a join on their key needs {@link joinObservationsAt} instead.
 */
function vintageAt(param: string | null): string {
  if (param === null) return 'o.superseded_at IS NULL';
  const { known, supersededLater } = asOfBounds(param);
  return `${known} AND (o.superseded_at IS NULL OR ${supersededLater})`;
}

/**
 * The two bounds of a vintage as of the day `$n` (alias `o`): recorded by the end of that day, and,
 * if superseded, superseded only after it (the day ends at midnight of the next).
 */
function asOfBounds(param: string): { known: string; supersededLater: string } {
  return { known: `o.recorded_at < (${param}::date + 1)`, supersededLater: `o.superseded_at >= (${param}::date + 1)` };
}

/**
 * A join of the observations of {@link vintageAt} (alias `o`) to the rows before it, on `on` (a
 * condition over `o` and those rows: a figure's key). For the latest vintage, a plain join. As of
 * a date, a LATERAL union of the current vintages then known and the superseded ones, each
 * joined on `on` inside its own arm, so that PostgreSQL reads each half through its own partial
 * index, key by key. The OR of vintageAt would leave the planner no index for the join
 * (PostgreSQL matches the arms of an OR against an index only with the table's own restrictions,
 * never with join conditions), and a join to a plain UNION ALL gets no parameterized path either:
 * both scanned the whole table (test/scale.test.ts).
 */
function joinObservationsAt(param: string | null, on: string): string {
  if (param === null) return `JOIN observation o ON ${on} AND o.superseded_at IS NULL`;
  const { known, supersededLater } = asOfBounds(param);
  return `CROSS JOIN LATERAL (SELECT o.* FROM observation o WHERE ${on} AND o.superseded_at IS NULL AND ${known}
    UNION ALL SELECT o.* FROM observation o WHERE ${on} AND ${supersededLater} AND ${known}) o`;
}

const RATE_COLUMNS = `r.id, r.base_currency AS "baseCurrency", r.base_amount::text AS "baseAmount", r.quote_currency AS "quoteCurrency",
  r.quote_amount::text AS "quoteAmount", r.period_start AS "periodStart", r.period_end AS "periodEnd", r.note,
  s.id AS "sourceId", s.publisher AS "sourcePublisher", s.title AS "sourceTitle", s.url AS "sourceUrl", s.published_on AS "sourcePublishedOn"`;

type RateRow = Omit<ExchangeRateRecord, 'source'> & SourceColumns;

/** A rate row (RATE_COLUMNS) as a record, property by property (see {@link toRecord}). */
function toRateRecord(r: RateRow): ExchangeRateRecord {
  return {
    id: r.id, baseCurrency: r.baseCurrency, baseAmount: r.baseAmount, quoteCurrency: r.quoteCurrency, quoteAmount: r.quoteAmount,
    periodStart: r.periodStart, periodEnd: r.periodEnd, note: r.note, source: sourceOf(r),
  };
}

/**
 * SQL predicates (over alias `o`) of a figure query, appending their values to `params`; the
 * vintage predicate is always among them. A code list given empty matches no figure.
 */
function figureFilterSql(q: FigureQuery, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (sql: (p: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (q.measures) add((p) => `o.measure_code = ANY(${p}::text[])`, q.measures);
  if (q.flows) add((p) => `o.flow = ANY(${p}::text[])`, q.flows);
  if (q.partners) add((p) => `o.partner_code = ANY(${p}::text[])`, q.partners);
  if (q.units) add((p) => `o.unit = ANY(${p}::text[])`, q.units);
  if (q.from) add((p) => `o.period_start >= ${p}::date`, q.from);
  if (q.to) add((p) => `o.period_end <= ${p}::date`, q.to);
  if (q.periodStart) add((p) => `o.period_start = ${p}::date`, q.periodStart);
  if (q.periodEnd) add((p) => `o.period_end = ${p}::date`, q.periodEnd);
  if (q.asOf) {
    params.push(q.asOf);
    where.push(vintageAt(`$${params.length}`));
  } else where.push(vintageAt(null));
  return where;
}

/** A figure's place in the order of {@link FIGURE_ORDER}: what a page cursor holds. */
export interface FigurePosition {
  periodStart: string;
  periodEnd: string;
  measureCode: string;
  partnerCode: string;
  flow: string;
  unit: string;
  id: string;
}

/**
 * Where a page starts reading, in the order of {@link FIGURE_ORDER}: just after `after`, or, when
 * `after` is null or lies before the first period start the query allows (`from`, `periodStart`),
 * at that start. Every figure the query matches lies after either position, so the page is the
 * same; but PostgreSQL starts its index scan at the row comparison's bound, so a first page that
 * began at `-infinity` read every earlier figure of the subject in the index before the first one
 * it returned (BENCH-PORT-001, from 2023-01-01: about 38,000 index entries, 3 ms, for 51 rows).
 * Dates are ISO strings (`YYYY-MM-DD`), which compare as text in date order.
 */
export function pageStart(after: FigurePosition | null, q: Pick<FigureQuery, 'from' | 'periodStart'>): FigurePosition {
  const floor = [q.from, q.periodStart].reduce<string | null>((max, d) => (d && (max === null || d > max) ? d : max), null);
  if (after !== null && (floor === null || after.periodStart >= floor)) return after;
  return { periodStart: floor ?? '-infinity', periodEnd: '-infinity', measureCode: '', partnerCode: '', flow: '', unit: '', id: '0' };
}

/** Stable order of figures: period, then key, then id (unique, so ties never reorder). */
const FIGURE_ORDER = 'o.period_start, o.period_end, o.measure_code, o.partner_code, o.flow, o.unit, o.id';

/** Every SQL statement about observations, sources and exchange rates. Parameterised; no GraphQL. */
export class ObservationRepository {
  private readonly sql: Sql;

  constructor(private readonly ds: DataSource) {
    this.sql = new Sql(ds);
  }

  /**
   * Figures of several subjects under one query, in one statement.
   * @returns figures ordered by subject, then period and key.
   */
  async findForSubjects(subjects: readonly string[], q: FigureQuery): Promise<FigureRecord[]> {
    const params: unknown[] = [subjects];
    const where = ['o.subject_code = ANY($1::text[])', ...figureFilterSql(q, params)];
    const rows: FigureRow[] = await this.sql.query(
      `SELECT ${FIGURE_COLUMNS} FROM observation o JOIN source s ON s.id = o.source_id
       WHERE ${where.join(' AND ')} ORDER BY o.subject_code, ${FIGURE_ORDER}`,
      params,
    );
    return rows.map(toRecord);
  }

  /**
   * One page of figures for each request, in one statement: for each subject, the first `limit`
   * figures under `q` that come after the request's position in the order of {@link FIGURE_ORDER}
   * (keyset: a figure inserted before the position later never shifts the page). Reads the index
   * observation_current_key in order (subject, then period and key up to the unit: rows of one
   * key from several sources come in source order, which an incremental sort puts in id order, a
   * few rows at a time) and stops after `limit` rows per request. With
   * `withCount`, the same statement also counts every figure of the subject under `q` (what
   * {@link countForSubjects} gives), so a connection asking for totalCount costs no second statement.
   * With `columns` `core`, only the fields of {@link FigureCore} are read (no source join): about
   * a fifth less work for PostgreSQL and Node on a 51-row page (benchmark Q4, 2026-12-02).
   * @returns per request (in the order given): its page, and its count (null without `withCount`).
   */
  async findPages(
    requests: readonly { subjectCode: string; after: FigurePosition | null }[], q: FigureQuery, limit: number, withCount = false,
    columns: FigureColumns = 'all',
  ): Promise<{ pages: FigureRecord[][]; counts: (number | null)[] }> {
    const pages: FigureRecord[][] = requests.map(() => []);
    const counts: (number | null)[] = requests.map(() => null);
    if (requests.length === 0) return { pages, counts };
    const starts = requests.map((r) => pageStart(r.after, q));
    const pos = (k: keyof FigurePosition) => starts.map((s) => s[k]);
    const params: unknown[] = [
      requests.map((r) => r.subjectCode), pos('periodStart'), pos('periodEnd'), pos('measureCode'),
      pos('partnerCode'), pos('flow'), pos('unit'), pos('id'), limit,
    ];
    const where = figureFilterSql(q, params).map((w) => `AND ${w}`).join(' ');
    // The page rows come back as one JSON array built by PostgreSQL (in the page order), which
    // JSON.parse reads natively: about 0.15 ms less client CPU per 51-row page than pg's reading
    // of 1,000 text columns, the time stamps included (measured, 2026-11-29).
    const [{ rows }]: { rows: PageJsonRow[] | null }[] = await this.sql.query(
      `SELECT json_agg(x ORDER BY x.request, x."periodStart", x."periodEnd", x."measureCode", x."partnerCode", x.flow, x.unit, x.id::bigint) AS rows
       FROM (SELECT k.request - 1 AS request, ${withCount ? 'c.n AS "totalCount", ' : ''}f.*
         FROM unnest($1::text[], $2::date[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
           WITH ORDINALITY AS k(subject_code, ps, pe, m, p, f, u, id, request)
         ${withCount ? `CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM observation o WHERE o.subject_code = k.subject_code ${where}) c` : ''}
         ${withCount ? 'LEFT' : 'CROSS'} JOIN LATERAL (
           SELECT ${columns === 'core' ? `${FIGURE_CORE_COLUMNS} FROM observation o` : `${FIGURE_COLUMNS} FROM observation o JOIN source s ON s.id = o.source_id`}
           WHERE o.subject_code = k.subject_code ${where}
             AND (o.period_start, o.period_end, o.measure_code, o.partner_code, o.flow, o.unit, o.id) > (k.ps, k.pe, k.m, k.p, k.f, k.u, k.id)
           ORDER BY ${FIGURE_ORDER} LIMIT $9) f ${withCount ? 'ON true' : ''}) x`,
      params,
    );
    for (const r of rows ?? []) {
      if (r.totalCount !== undefined) counts[r.request] = r.totalCount;
      if (r.id === null) continue;
      if (columns === 'core') {
        pages[r.request].push(toCoreRecord(r as FigureCore));
        continue;
      }
      // JSON carries time stamps as ISO 8601 text; Date reads them as pg's parser did (milliseconds).
      const row = r as unknown as FigureRow;
      row.recordedAt = new Date(r.recordedAt);
      row.supersededAt = r.supersededAt === null ? null : new Date(r.supersededAt);
      pages[r.request].push(toRecord(row));
    }
    return { pages, counts };
  }

  /** How many figures each subject has under `q`, in one statement (subjects with none are left out). */
  async countForSubjects(subjects: readonly string[], q: FigureQuery): Promise<{ subjectCode: string; count: number }[]> {
    const params: unknown[] = [subjects];
    const where = ['o.subject_code = ANY($1::text[])', ...figureFilterSql(q, params)];
    return this.sql.query(
      `SELECT o.subject_code AS "subjectCode", count(*)::int AS count FROM observation o WHERE ${where.join(' AND ')} GROUP BY 1`,
      params,
    );
  }

  /**
   * Every figure (from any source) stored under each of `keys`, in one statement.
   * @returns flat list; callers group by key.
   */
  async findByKeys(keys: readonly FigureKey[], asOf: string | null): Promise<FigureRecord[]> {
    if (keys.length === 0) return [];
    const col = <K extends keyof FigureKey>(k: K) => keys.map((x) => x[k]);
    const params: unknown[] = [col('measureCode'), col('subjectCode'), col('partnerCode'), col('flow'), col('unit'), col('periodStart'), col('periodEnd')];
    if (asOf) params.push(asOf);
    const rows: FigureRow[] = await this.sql.query(
      `SELECT ${FIGURE_COLUMNS}
       FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[])
               AS k(measure_code, subject_code, partner_code, flow, unit, period_start, period_end)) k
       ${joinObservationsAt(asOf ? '$8' : null, `o.subject_code = k.subject_code AND o.measure_code = k.measure_code AND o.partner_code = k.partner_code
         AND o.flow = k.flow AND o.unit = k.unit AND o.period_start = k.period_start AND o.period_end = k.period_end`)}
       JOIN source s ON s.id = o.source_id
       ORDER BY o.subject_code, ${FIGURE_ORDER}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** Figures published by each of the given sources, in one statement. */
  async findBySources(sourceIds: readonly number[], asOf: string | null): Promise<FigureRecord[]> {
    const params: unknown[] = [sourceIds];
    if (asOf) params.push(asOf);
    const rows: FigureRow[] = await this.sql.query(
      `SELECT ${FIGURE_COLUMNS} FROM observation o JOIN source s ON s.id = o.source_id
       WHERE o.source_id = ANY($1::int[]) AND ${vintageAt(asOf ? '$2' : null)}
       ORDER BY o.source_id, o.subject_code, ${FIGURE_ORDER}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** Figures by id (any vintage), in one statement. */
  async findByIds(ids: readonly string[]): Promise<FigureRecord[]> {
    const rows: FigureRow[] = await this.sql.query(
      `SELECT ${FIGURE_COLUMNS} FROM observation o JOIN source s ON s.id = o.source_id WHERE o.id = ANY($1::bigint[])`,
      [ids],
    );
    return rows.map(toRecord);
  }

  /**
   * Exchange rates between the currencies of each request (either direction) whose period
   * contains the requested period, in one statement.
   */
  async findRates(requests: readonly { from: string; to: string; periodStart: string; periodEnd: string }[]): Promise<ExchangeRateRecord[]> {
    if (requests.length === 0) return [];
    const rows: RateRow[] = await this.sql.query(
      `SELECT DISTINCT ${RATE_COLUMNS}
       FROM unnest($1::text[], $2::text[], $3::date[], $4::date[]) AS q(c1, c2, ps, pe)
       JOIN exchange_rate r ON ((r.base_currency = q.c1 AND r.quote_currency = q.c2) OR (r.base_currency = q.c2 AND r.quote_currency = q.c1))
         AND r.period_start <= q.ps AND r.period_end >= q.pe
       JOIN source s ON s.id = r.source_id
       ORDER BY r.id`,
      [requests.map((r) => r.from), requests.map((r) => r.to), requests.map((r) => r.periodStart), requests.map((r) => r.periodEnd)],
    );
    return rows.map(toRateRecord);
  }

  /**
   * Every stored exchange rate, optionally only those involving `currencies` (all of them, either
   * side) and overlapping [from, to] (ISO dates), in one statement; ordered by period, then id.
   */
  async listRates(q: { currencies?: string[]; from?: string; to?: string }): Promise<ExchangeRateRecord[]> {
    const rows: RateRow[] = await this.sql.query(
      `SELECT ${RATE_COLUMNS} FROM exchange_rate r JOIN source s ON s.id = r.source_id
       WHERE ($1::text[] IS NULL OR (ARRAY[r.base_currency, r.quote_currency] @> $1::text[]))
         AND ($2::date IS NULL OR r.period_end >= $2::date) AND ($3::date IS NULL OR r.period_start <= $3::date)
       ORDER BY r.period_start, r.period_end, r.id`,
      [q.currencies?.length ? q.currencies : null, q.from ?? null, q.to ?? null],
    );
    return rows.map(toRateRecord);
  }

  /**
   * The figures a derivation over each request may use, in one statement: for a series and a
   * target span s..e, every figure of the series that (1) ends on e and starts on or before s
   * (the figure itself, or the later of two cumulative figures), (2) ends the day before s and
   * starts before it (the earlier cumulative figure), or (3) covers exactly one calendar month
   * inside s..e (the terms of a sum). Each row is tagged with the index of its request.
   */
  async findDerivationInputs(requests: readonly DerivationRequest[], asOf: string | null): Promise<(FigureRecord & { requestIndex: number })[]> {
    if (requests.length === 0) return [];
    const col = <K extends keyof DerivationRequest>(k: K) => requests.map((x) => x[k]);
    const params: unknown[] = [col('measureCode'), col('subjectCode'), col('partnerCode'), col('flow'), col('unit'), col('periodStart'), col('periodEnd')];
    if (asOf) params.push(asOf);
    const rows: (FigureRow & { requestIndex: number })[] = await this.sql.query(
      `SELECT (k.i - 1)::int AS "requestIndex", ${FIGURE_COLUMNS}
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[]) WITH ORDINALITY
              AS k(measure_code, subject_code, partner_code, flow, unit, ps, pe, i)
       ${joinObservationsAt(asOf ? '$8' : null, `o.subject_code = k.subject_code AND o.measure_code = k.measure_code AND o.partner_code = k.partner_code
         AND o.flow = k.flow AND o.unit = k.unit`)}
       JOIN source s ON s.id = o.source_id
       WHERE ((o.period_end = k.pe AND o.period_start <= k.ps)
           OR (o.period_end = k.ps - 1 AND o.period_start < k.ps)
           OR (o.period_start >= k.ps AND o.period_end <= k.pe AND extract(day FROM o.period_start) = 1
               AND o.period_end = (o.period_start + interval '1 month' - interval '1 day')::date))
       ORDER BY k.i, ${FIGURE_ORDER}`,
      params,
    );
    return rows.map((r) => ({ ...toRecord(r), requestIndex: r.requestIndex }));
  }

  /** Every figure (at the vintage) that publishes a year-on-year growth, in one statement; by period and key. */
  async findWithReportedGrowth(asOf: string | null): Promise<FigureRecord[]> {
    const rows: FigureRow[] = await this.sql.query(
      `SELECT ${FIGURE_COLUMNS} FROM observation o JOIN source s ON s.id = o.source_id
       WHERE o.reported_yoy_growth_pct IS NOT NULL AND ${vintageAt(asOf ? '$1' : null)}
       ORDER BY o.subject_code, ${FIGURE_ORDER}`,
      asOf ? [asOf] : [],
    );
    return rows.map(toRecord);
  }

  /**
   * Every figure (at the vintage) whose key (measure, subject, partner, flow, unit, period) holds
   * more than one observation with a value, in one statement; ordered by key, then id.
   */
  async findSharedKeys(asOf: string | null): Promise<FigureRecord[]> {
    const rows: (FigureRow & { n: number })[] = await this.sql.query(
      `SELECT * FROM (
         SELECT ${FIGURE_COLUMNS},
           count(*) FILTER (WHERE o.value IS NOT NULL)
             OVER (PARTITION BY o.measure_code, o.subject_code, o.partner_code, o.flow, o.unit, o.period_start, o.period_end) AS n
         FROM observation o JOIN source s ON s.id = o.source_id
         WHERE ${vintageAt(asOf ? '$1' : null)}) x
       WHERE x.n > 1
       ORDER BY x."subjectCode", x."periodStart", x."periodEnd", x."measureCode", x."partnerCode", x.flow, x.unit, x.id::bigint`,
      asOf ? [asOf] : [],
    );
    return rows.map(toRecord);
  }

  /** All sources, ordered by publication date (undated last), then id. */
  async listSources(): Promise<SourceRecord[]> {
    return this.sql.query(
      `SELECT id, publisher, title, url, published_on AS "publishedOn" FROM source ORDER BY published_on NULLS LAST, id`,
    );
  }

  /** Sources by id, in one statement. */
  async findSources(ids: readonly number[]): Promise<SourceRecord[]> {
    return this.sql.query(`SELECT id, publisher, title, url, published_on AS "publishedOn" FROM source WHERE id = ANY($1::int[])`, [ids]);
  }
}
