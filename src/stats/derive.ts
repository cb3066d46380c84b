/**
 * Figures derived from published ones: differences of cumulative (year-to-date) figures and sums
 * of monthly figures. The caller guarantees that all inputs share measure, subject, partner, flow,
 * unit and statistical basis (never mix bases, README trap 1). Values are exact decimals.
 */
import { Decimal, toDecimal } from './decimal';
import { addDays, assertValidPeriod, formatPeriod, monthsOf, Period, validatePeriod } from './period';
import { combineStatuses, ObservationStatus } from './status';

/** An input figure: `id` (observation id, for traceability), its period, its value (null when the
 * source gave none) and its status. */
export interface DerivInput {
  id: string;
  period: Period;
  value: Decimal | null;
  status: ObservationStatus;
}

/** A derived figure: the period it covers, its value (null when an input lacks one), its status
 * (see {@link combineStatuses}), the method and the ids of the inputs used, in input order. */
export interface DerivedFigure {
  period: Period;
  value: Decimal | null;
  status: ObservationStatus;
  method: 'DIFFERENCE' | 'SUM';
  inputs: string[];
}

/** Result of {@link differenceOfCumulative}. */
export interface DifferenceResult extends DerivedFigure {
  method: 'DIFFERENCE';
}

/** Result of {@link sumOfMonths}; `missingMonths` lists ('YYYY-MM', ascending) the target months
 * with no input or with an input that has no value; the value is non-null only when it is empty. */
export interface SumResult extends DerivedFigure {
  method: 'SUM';
  missingMonths: string[];
}

/** Thrown when inputs cannot be combined (different starts, wrong order, invalid periods,
 * non-month or duplicate inputs, ...); the message names the inputs. */
export class DerivationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerivationError';
  }
}

function checkInput(x: DerivInput, role: string): void {
  const why = x && x.period ? validatePeriod(x.period) : 'no period';
  if (why !== null) throw new DerivationError(`${role} ${x?.id ?? '?'} has an invalid period: ${why}`);
}

/**
 * Figure for the stretch between two cumulative figures with the same start:
 * `later` covers start..later.end, `earlier` covers start..earlier.end with earlier.end < later.end;
 * the result covers (earlier.end + 1 day)..later.end and has value later − earlier (exact; null when
 * either value is null; may be negative if the sources are inconsistent — it is not clamped).
 * Status: combineStatuses([later, earlier], 'DIFFERENCE'), so an earlier LOWER_BOUND gives ESTIMATED.
 * Example: Jan–Nov 4560 minus Jan–Oct 4100 = 460 for November (2023-11-01..2023-11-30).
 * Throws {@link DerivationError} when starts differ, earlier.end ≥ later.end, or a period is invalid.
 */
export function differenceOfCumulative(later: DerivInput, earlier: DerivInput): DifferenceResult {
  checkInput(later, 'later input');
  checkInput(earlier, 'earlier input');
  if (later.period.start !== earlier.period.start) {
    throw new DerivationError(
      `cannot difference ${later.id} and ${earlier.id}: starts differ (${later.period.start} vs ${earlier.period.start})`,
    );
  }
  if (!(earlier.period.end < later.period.end)) {
    throw new DerivationError(
      `cannot difference ${later.id} (ends ${later.period.end}) minus ${earlier.id} (ends ${earlier.period.end}): ` +
        'the earlier figure must end strictly before the later one',
    );
  }
  const value =
    later.value === null || later.value === undefined || earlier.value === null || earlier.value === undefined
      ? null
      : toDecimal(later.value).minus(toDecimal(earlier.value));
  return {
    period: { start: addDays(earlier.period.end, 1), end: later.period.end },
    value,
    status: combineStatuses([later.status, earlier.status], 'DIFFERENCE'),
    method: 'DIFFERENCE',
    inputs: [later.id, earlier.id],
  };
}

/**
 * Sum of monthly figures over a target made of whole calendar months.
 * Every input must cover exactly one calendar month inside the target, and no month may appear
 * twice (resolve conflicting figures first, e.g. with choosePreferred); otherwise
 * {@link DerivationError} is thrown, as it is when the target is not whole months.
 * When every target month has an input with a value: value = exact sum, status =
 * combineStatuses(statuses, 'SUM'), missingMonths = []. Otherwise value = null and missingMonths
 * lists the months lacking a value; status is then combined from the inputs present ('DERIVED'
 * when there are none). `inputs` lists the ids in month order.
 */
export function sumOfMonths(target: Period, months: readonly DerivInput[]): SumResult {
  assertValidPeriod(target);
  const targetMonths = monthsOf(target);
  if (targetMonths === null) {
    throw new DerivationError(`target ${target.start}..${target.end} is not a whole number of calendar months`);
  }
  const byMonth = new Map<string, DerivInput>();
  for (const x of months) {
    checkInput(x, 'month input');
    const ms = monthsOf(x.period);
    if (ms === null || ms.length !== 1) {
      throw new DerivationError(`input ${x.id} (${formatPeriod(x.period)}) is not exactly one calendar month`);
    }
    const ym = ms[0];
    if (!targetMonths.includes(ym)) {
      throw new DerivationError(`input ${x.id} (${ym}) lies outside the target ${formatPeriod(target)}`);
    }
    const dup = byMonth.get(ym);
    if (dup) throw new DerivationError(`inputs ${dup.id} and ${x.id} both cover ${ym}`);
    byMonth.set(ym, x);
  }
  const present = targetMonths.filter((ym) => byMonth.has(ym)).map((ym) => byMonth.get(ym) as DerivInput);
  const missingMonths = targetMonths.filter((ym) => {
    const x = byMonth.get(ym);
    return !x || x.value === null || x.value === undefined;
  });
  let value: Decimal | null = null;
  if (missingMonths.length === 0) {
    value = present.reduce((acc, x) => acc.plus(toDecimal(x.value as Decimal)), new Decimal(0));
  }
  return {
    period: { start: target.start, end: target.end },
    value,
    status: present.length ? combineStatuses(present.map((x) => x.status), 'SUM') : 'DERIVED',
    method: 'SUM',
    inputs: present.map((x) => x.id),
    missingMonths,
  };
}

/**
 * The pair of cumulative figures whose difference covers `target` exactly: `later` covers
 * a..target.end and `earlier` covers a..(target.start − 1 day), for a common start a before
 * target.start. Candidates that do not fit are ignored. Where several starts fit, the latest start
 * wins (the shortest spans; e.g. Jan–Nov minus Jan–Oct rather than a multi-year cumulation).
 * Returns null when no pair fits. Pass one candidate per period (resolve conflicting sources first,
 * e.g. with choosePreferred); of several with the same period the first is used.
 * Example: target 2021-10..2021-11 with candidates 2021-01..2021-11 and 2021-01..2021-09 ->
 * { later: 2021-01..2021-11, earlier: 2021-01..2021-09 }.
 */
export function differencePair<T extends { period: Period }>(target: Period, candidates: readonly T[]): { later: T; earlier: T } | null {
  assertValidPeriod(target);
  const dayBefore = addDays(target.start, -1);
  const laters = new Map<string, T>();
  const earliers = new Map<string, T>();
  for (const c of candidates) {
    if (validatePeriod(c.period) !== null || !(c.period.start < target.start)) continue;
    if (c.period.end === target.end && !laters.has(c.period.start)) laters.set(c.period.start, c);
    if (c.period.end === dayBefore && !earliers.has(c.period.start)) earliers.set(c.period.start, c);
  }
  const starts = [...laters.keys()].filter((s) => earliers.has(s)).sort();
  if (starts.length === 0) return null;
  const a = starts[starts.length - 1];
  return { later: laters.get(a) as T, earlier: earliers.get(a) as T };
}
