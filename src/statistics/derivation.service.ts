/**
 * Derived figures: a series' value over any span, from the stored figures (through the
 * per-request loader; the arithmetic is src/stats/derive.ts). No SQL and no GraphQL here.
 */
import type { Context } from '../context';
import { Flow } from '../common/enums';
import { BadInputError, NotFoundError } from '../errors';
import { containsPeriod, isIsoDate, isSupportedDate, monthsOf, Period, periodKind, priorComparablePeriod, SUPPORTED_DATES } from '../stats/period';
import { DerivInput, differenceOfCumulative, differencePair, sumOfMonths } from '../stats/derive';
import { toDecimal, toDecimalOrNull, toPlain } from '../stats/decimal';
import { GrowthResult, yoyGrowthPct } from '../stats/growth';
import type { ObservationStatus } from '../stats/status';
import { codeArg, preferredOf } from '../observations/figure.service';
import type { FigureRecord, SeriesKey } from '../observations/figure.record';
import type { SeriesInput } from './series.input';

/** How a derived figure was made; tried in this order. */
export type DerivationMethodName = 'REPORTED' | 'DIFFERENCE' | 'SUM' | 'NONE';

/** Why a derived figure has no value. */
export type DerivationNullReasonName = 'NOT_DERIVABLE' | 'MISSING_MONTHS' | 'INPUT_VALUE_MISSING';

/**
 * A series' figure over a span, as derived by {@link deriveFigure}: exact value as a decimal string
 * in `series.unit` (null with `nullReason`), status (null when there is no value), the method,
 * the stored figures used (each with its source) and, for a sum, the months lacking a value.
 */
export interface DerivedRecord {
  series: SeriesKey;
  period: Period;
  value: string | null;
  status: ObservationStatus | null;
  method: DerivationMethodName;
  inputs: FigureRecord[];
  missingMonths: string[];
  nullReason: DerivationNullReasonName | null;
  asOf: string | null;
}

/**
 * Checks a series argument and returns its key: codes normalised; the subject, the measure and the
 * partner must be stored (one statement for all three, batched with the other series of the
 * request: a share's part and whole are checked together).
 * @param argument the argument that holds the series, for errors (`series`, `part`, `whole`)
 * @throws BadInputError naming `argument.subject` (and so on) for a code of spaces only.
 * @throws NotFoundError for an unknown subject, measure or partner, in that order.
 */
export async function seriesKey(ctx: Context, input: SeriesInput, unit: string, argument = 'series'): Promise<SeriesKey> {
  const key: SeriesKey = {
    subjectCode: codeArg(`${argument}.subject`, input.subject),
    measureCode: codeArg(`${argument}.measure`, input.measure ?? 'trade_value', true),
    partnerCode: codeArg(`${argument}.partner`, input.partner ?? 'ALL'),
    flow: input.flow ?? Flow.TOTAL,
    unit,
  };
  const stored = ctx.loaders.storedCode;
  const [subject, measure, partner] = await Promise.all([
    stored.load({ table: 'subject', code: key.subjectCode }),
    stored.load({ table: 'measure', code: key.measureCode }),
    stored.load({ table: 'partner', code: key.partnerCode }),
  ]);
  if (!subject) throw new NotFoundError('subject', key.subjectCode);
  if (!measure) throw new NotFoundError('measure', key.measureCode);
  if (!partner) throw new NotFoundError('partner', key.partnerCode);
  return key;
}

/**
 * `asOf` (null when absent) after checking it is a real date from 1900-01-01 to 2099-12-31, as the
 * LocalDate scalar checks an argument; for text that came another way (`npm run reconcile
 * --as-of`), which would otherwise reach PostgreSQL. @throws BadInputError naming `argument`.
 */
export function asOfArg(asOf: string | null | undefined, argument = 'asOf'): string | null {
  if (asOf === null || asOf === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new BadInputError(argument, `expected YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  if (!isIsoDate(asOf)) throw new BadInputError(argument, `${asOf} is not a real date`);
  if (!isSupportedDate(asOf)) throw new BadInputError(argument, `${asOf} lies outside the supported dates ${SUPPORTED_DATES.start}..${SUPPORTED_DATES.end}`);
  return asOf;
}

function asInput(f: FigureRecord): DerivInput & { record: FigureRecord } {
  return { id: f.id, period: { start: f.periodStart, end: f.periodEnd }, value: toDecimalOrNull(f.value), status: f.status, record: f };
}

/**
 * The figure of `series` over `period` at vintage `asOf` (null: latest). Rules, first that applies:
 *  1. REPORTED: a stored figure covers exactly the period (the preferred one where sources
 *     differ, rule of src/stats/conflict.ts) and has a value;
 *  2. DIFFERENCE: two stored cumulative figures with a common start, one ending on the period's
 *     last day and one the day before its first day (src/stats/derive.ts differencePair; latest
 *     common start): later − earlier. Each is the preferred figure of its own span; the two may
 *     come from different sources (the inputs list both, `inputsFromOneSource` says so). Status
 *     by src/stats/status.ts (a lower-bound earlier figure makes the result ESTIMATED);
 *  3. SUM: a period of whole calendar months is the sum of its monthly figures (the preferred one
 *     per month) when every month has a value, else null with MISSING_MONTHS and the months;
 *  4. NONE: null with NOT_DERIVABLE.
 * One statement per batch of derivations at the same vintage.
 */
export async function deriveFigure(ctx: Context, series: SeriesKey, period: Period, asOf: string | null): Promise<DerivedRecord> {
  const rows = await ctx.loaders.derivationInputs.load({ ...series, periodStart: period.start, periodEnd: period.end, asOf });
  const spans = new Map<string, FigureRecord[]>();
  for (const r of rows) {
    const k = `${r.periodStart}..${r.periodEnd}`;
    spans.set(k, [...(spans.get(k) ?? []), asOf ? { ...r, asOf } : r]);
  }
  const preferred = [...spans.values()].map((list) => preferredOf(list).preferred);
  const base = { series, period, asOf, missingMonths: [] as string[] };
  const exact = preferred.find((f) => f.periodStart === period.start && f.periodEnd === period.end);
  if (exact && exact.value !== null) {
    return { ...base, value: exact.value, status: exact.status, method: 'REPORTED', inputs: [exact], nullReason: null };
  }
  const pair = differencePair(period, preferred.map(asInput));
  if (pair) {
    const d = differenceOfCumulative(pair.later, pair.earlier);
    const inputs = [pair.later.record, pair.earlier.record];
    return d.value === null
      ? { ...base, value: null, status: null, method: 'DIFFERENCE', inputs, nullReason: 'INPUT_VALUE_MISSING' }
      : { ...base, value: toPlain(d.value), status: d.status, method: 'DIFFERENCE', inputs, nullReason: null };
  }
  if (monthsOf(period)) {
    const months = preferred.filter((f) => periodKind({ start: f.periodStart, end: f.periodEnd }) === 'MONTH' && containsPeriod(period, { start: f.periodStart, end: f.periodEnd }));
    const s = sumOfMonths(period, months.map(asInput));
    const byId = new Map(months.map((f) => [f.id, f]));
    const inputs = s.inputs.map((id) => byId.get(id) as FigureRecord);
    return s.value === null
      ? { ...base, value: null, status: null, method: 'SUM', inputs, missingMonths: s.missingMonths, nullReason: 'MISSING_MONTHS' }
      : { ...base, value: toPlain(s.value), status: s.status, method: 'SUM', inputs, nullReason: null };
  }
  return { ...base, value: null, status: null, method: 'NONE', inputs: [], nullReason: 'NOT_DERIVABLE' };
}

/** The same derivation for the same span one calendar year earlier (src/stats/period.ts priorComparablePeriod). */
export function derivePrior(ctx: Context, d: DerivedRecord): Promise<DerivedRecord> {
  return deriveFigure(ctx, d.series, priorComparablePeriod(d.period), d.asOf);
}

/**
 * Year-on-year growth of a derived figure against {@link derivePrior}: NO_PRIOR_OBSERVATION when
 * the prior derivation used no stored figure, PRIOR_VALUE_MISSING when it used some but has no value.
 */
export function derivedGrowth(d: DerivedRecord, prior: DerivedRecord): GrowthResult {
  const priorValue = prior.value !== null ? toDecimal(prior.value) : prior.inputs.length === 0 ? undefined : null;
  return yoyGrowthPct(toDecimalOrNull(d.value), priorValue);
}
