/**
 * The yearly rollup of a load's figures worked out as they go by, without the database: what
 * observation_year_rollup holds for them (src/totals/totals.repository.ts refreshYearRollup), for
 * a bulk load into an empty observation table (src/import/import.service.ts), where the load's
 * figures are all the figures there are. PostgreSQL would otherwise sort every figure of the load
 * once more, after the load, to pick and group them (2.7 s of a million-row import's 11.5 s,
 * 2026-12-04); here each figure costs one map lookup while it is written.
 *
 * Which figures: current (every figure of a load is), with a value, of exactly one calendar month
 * (`YYYY-MM-01` to the month's last day), as CURRENT_MONTHLY in the repository. Of several figures
 * of one key (subject, measure, unit, flow, partner) and month, the preferred one by the rule of
 * src/stats/conflict.ts (comparePreference: status, then a dated and later source, then the
 * smaller id), where a figure's id order is the order in which {@link YearRollupBuilder.add} saw
 * it: the order in which the load writes the figures, which is the order of their ids.
 *
 * Pure module: imports only the statistics core.
 */
import { comparePreference, ConflictCandidate } from '../stats/conflict';
import { sumPlainDecimals, toDecimal } from '../stats/decimal';
import { isCalendarMonth } from '../stats/period';
import { SeriesNumbers, SERIES_NUMBER_ROOM } from '../stats/series';
import type { ObservationStatus } from '../stats/status';

/**
 * A figure as the rollup reads it: codes, ISO dates, its value (decimal text, null when none),
 * status and its source's date ('YYYY[-MM[-DD]]', null when undated). A validated import row
 * (src/import/tsv.ts ObservationRow) is one.
 */
export interface RollupFigure {
  subject: string;
  measure: string;
  partner: string;
  flow: string;
  unit: string;
  periodStart: string;
  periodEnd: string;
  value: string | null;
  status: ObservationStatus;
  source: { date: string | null };
}

/**
 * One row of observation_year_rollup: a key and calendar year, `months` (12 entries, January
 * first) the value of the preferred figure of each month as its decimal text (null where the key
 * has no figure that month), `total` their exact sum (decimal text, as PostgreSQL's sum prints it)
 * and `monthCount` how many months have one.
 */
export interface YearRollupRow {
  subjectCode: string;
  measureCode: string;
  unit: string;
  year: number;
  flow: string;
  partnerCode: string;
  months: (string | null)[];
  total: string;
  monthCount: number;
}

/** A key and year's row, and for each month the kept figure's status, source date and write position (what the preference rule reads). */
interface Group {
  row: YearRollupRow;
  status: (ObservationStatus | undefined)[];
  sourceDate: (string | null)[];
  seen: number[];
}

/**
 * Builds the rollup rows of the figures given to {@link add}, in the order they are written.
 * Memory: one entry per key and year (about 90,000 for a million synthetic figures), each holding
 * up to 12 kept figures.
 */
export class YearRollupBuilder {
  /** Groups by a number made of the series' number (src/stats/series.ts) and the year. */
  private readonly groups = new Map<number, Group>();
  /** Groups of keys whose codes outnumber the bits of a numeric key: by the key as text. */
  private readonly groupsByText = new Map<string, Group>();
  private readonly order: Group[] = [];
  private readonly series = new SeriesNumbers();
  private seen = 0;

  /** Takes the next figure written (every figure, in write order: the order decides ties). */
  add(f: RollupFigure): void {
    const seen = this.seen++;
    if (f.value === null || !isCalendarMonth(f.periodStart, f.periodEnd)) return;
    const year = Number(f.periodStart.slice(0, 4));
    const i = Number(f.periodStart.slice(5, 7)) - 1;
    // The series' number and the year (11 bits: years up to 2047) as one number; by text when
    // the series has none (more codes than its bits hold) or the year does not fit.
    const series = this.series.numberOf(f.subject, f.partner, f.measure, f.unit, f.flow);
    const key = series === null || year >= SERIES_NUMBER_ROOM ? null : series * SERIES_NUMBER_ROOM + year;
    const text = key === null ? `${f.subject}\t${f.measure}\t${f.unit}\t${year}\t${f.flow}\t${f.partner}` : '';
    let g = key === null ? this.groupsByText.get(text) : this.groups.get(key);
    if (g === undefined) {
      g = {
        row: { subjectCode: f.subject, measureCode: f.measure, unit: f.unit, year, flow: f.flow, partnerCode: f.partner, months: new Array(12).fill(null), total: '0', monthCount: 0 },
        status: new Array(12).fill(undefined), sourceDate: new Array(12).fill(null), seen: new Array(12).fill(0),
      };
      if (key === null) this.groupsByText.set(text, g);
      else this.groups.set(key, g);
      this.order.push(g);
    }
    const kept = g.status[i];
    if (kept !== undefined) {
      // Two figures of one key and month (several sources): the rule decides, the earlier written winning ties.
      const now: ConflictCandidate = { id: String(g.seen[i]), value: toDecimal(g.row.months[i] as string), status: kept, sourceDate: g.sourceDate[i] };
      if (comparePreference(now, { id: String(seen), value: toDecimal(f.value), status: f.status, sourceDate: f.source.date }) <= 0) return;
    }
    g.row.months[i] = f.value;
    g.status[i] = f.status;
    g.sourceDate[i] = f.source.date;
    g.seen[i] = seen;
  }

  /** The rollup rows, one per key and year with at least one figure, in the order their first figure came; totals added up now. */
  rows(): YearRollupRow[] {
    return this.order.map((g) => {
      const values = g.row.months.filter((v): v is string => v !== null);
      return { ...g.row, total: sumPlainDecimals(values), monthCount: values.length };
    });
  }
}

/**
 * One row of subject_year_rollup: a subject's monthly sums over its country partners for one
 * measure, unit, flow and year. `months[i]` is the exact sum of month i+1's values (decimal text,
 * null when no partner has one) and `counts[i]` how many values it adds up.
 */
export interface SubjectYearRollupRow {
  subjectCode: string;
  measureCode: string;
  unit: string;
  year: number;
  flow: string;
  months: (string | null)[];
  counts: number[];
}

/**
 * subject_year_rollup's rows from observation_year_rollup's (`rows`), as refreshYearRollup's SQL
 * makes them: the rows of partners in `countries` (codes of partners of kind COUNTRY: never ALL or
 * a group, which would count trade twice) summed month by month per subject, measure, unit, year
 * and flow, in the order each group first appears. Groups with no country partner have no row.
 */
export function subjectYearRollup(rows: readonly YearRollupRow[], countries: ReadonlySet<string>): SubjectYearRollupRow[] {
  const groups = new Map<string, { row: SubjectYearRollupRow; values: string[][] }>();
  for (const r of rows) {
    if (!countries.has(r.partnerCode)) continue;
    const key = `${r.subjectCode}\t${r.measureCode}\t${r.unit}\t${r.year}\t${r.flow}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = {
        row: { subjectCode: r.subjectCode, measureCode: r.measureCode, unit: r.unit, year: r.year, flow: r.flow, months: [], counts: [] },
        values: Array.from({ length: 12 }, () => []),
      };
      groups.set(key, g);
    }
    for (let i = 0; i < 12; i++) {
      const v = r.months[i];
      if (v !== null) g.values[i].push(v);
    }
  }
  return [...groups.values()].map(({ row, values }) => ({
    ...row,
    months: values.map((v) => (v.length === 0 ? null : sumPlainDecimals(v))),
    counts: values.map((v) => v.length),
  }));
}
