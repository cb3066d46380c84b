/**
 * Choosing one figure among observations with the same key (measure, subject, partner, flow,
 * period, unit) when sources disagree or repeat each other.
 *
 * Preferred-figure rule (deterministic; the first criterion that differs decides):
 *  1. a candidate with a value beats one without;
 *  2. by status: REPORTED > PROVISIONAL > DERIVED > ESTIMATED > LOWER_BOUND;
 *  3. by source date: a dated source beats an undated one (yearbooks have no date), and among dated
 *     sources the later date wins (latest vintage of knowledge). Dates may be 'YYYY-MM-DD',
 *     'YYYY-MM' or 'YYYY' and are compared as text, so '2016' < '2016-03' < '2016-03-05': when one
 *     date is a prefix of the other, the more precise one wins;
 *  4. the smaller id: numerically when both ids are decimal digit strings, else by code-unit order.
 */
import { Decimal, divideRounded, toDecimal } from './decimal';
import { ObservationStatus } from './status';

/** One observation competing for a key: id, value (null when the source gave none), status and
 * source publication date ('YYYY-MM-DD', 'YYYY-MM', 'YYYY' or null when undated). */
export interface ConflictCandidate {
  id: string;
  value: Decimal | null;
  status: ObservationStatus;
  sourceDate: string | null;
}

/**
 * Outcome of {@link choosePreferred}: the preferred candidate, the others in preference order,
 * `conflict` = the non-null values are not all equal (4560 and 4560.0 are equal), `spreadAbs` =
 * max − min of the non-null values (0 for a single value, null when there is none; in the unit of
 * the figures), `spreadRelPct` = spreadAbs / |preferred.value| × 100 rounded to 2 dp (null when
 * spreadAbs is null or the preferred value is null or 0).
 */
export interface PreferredChoice<C extends ConflictCandidate = ConflictCandidate> {
  preferred: C;
  alternatives: C[];
  conflict: boolean;
  spreadAbs: Decimal | null;
  spreadRelPct: Decimal | null;
}

/** Thrown by {@link choosePreferred} on no candidates, a malformed date or an unknown status. */
export class ConflictInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictInputError';
  }
}

const STATUS_ORDER: Record<ObservationStatus, number> = {
  REPORTED: 0,
  PROVISIONAL: 1,
  DERIVED: 2,
  ESTIMATED: 3,
  LOWER_BOUND: 4,
};

const SOURCE_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    if (x !== y) return x < y ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Comparator implementing the preferred-figure rule: negative when `a` is preferred over `b`. */
export function comparePreference(a: ConflictCandidate, b: ConflictCandidate): number {
  const hasA = a.value !== null && a.value !== undefined;
  const hasB = b.value !== null && b.value !== undefined;
  if (hasA !== hasB) return hasA ? -1 : 1;
  const sa = STATUS_ORDER[a.status];
  const sb = STATUS_ORDER[b.status];
  if (sa !== sb) return sa - sb;
  const da = a.sourceDate ?? null;
  const db = b.sourceDate ?? null;
  if ((da === null) !== (db === null)) return da === null ? 1 : -1;
  if (da !== null && db !== null && da !== db) return da > db ? -1 : 1;
  return compareIds(a.id, b.id);
}

/**
 * Applies the preferred-figure rule (module comment) to candidates sharing one key.
 * Throws {@link ConflictInputError} when there are no candidates, a sourceDate is not
 * 'YYYY[-MM[-DD]]', or a status is unknown.
 * Example (border_trade_value XZ 2014): Xinhua 12100 dated 2015-02-25 is preferred over the
 * undated yearbook 12174.39; conflict true, spreadAbs 74.39, spreadRelPct 0.61.
 */
export function choosePreferred<C extends ConflictCandidate>(cands: readonly C[]): PreferredChoice<C> {
  if (!cands || cands.length === 0) throw new ConflictInputError('choosePreferred needs at least one candidate');
  for (const c of cands) {
    if (STATUS_ORDER[c.status] === undefined) {
      throw new ConflictInputError(`candidate ${c.id}: unknown status ${JSON.stringify(c.status)}`);
    }
    if (c.sourceDate !== null && c.sourceDate !== undefined && !SOURCE_DATE.test(c.sourceDate)) {
      throw new ConflictInputError(`candidate ${c.id}: bad source date ${JSON.stringify(c.sourceDate)} (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
    }
  }
  const sorted = [...cands].sort(comparePreference);
  const [preferred, ...alternatives] = sorted;
  const values = sorted.filter((c) => c.value !== null && c.value !== undefined).map((c) => toDecimal(c.value as Decimal));
  let spreadAbs: Decimal | null = null;
  let conflict = false;
  if (values.length > 0) {
    const max = Decimal.max(...values);
    const min = Decimal.min(...values);
    spreadAbs = max.minus(min);
    conflict = !spreadAbs.isZero();
  }
  let spreadRelPct: Decimal | null = null;
  if (spreadAbs !== null && preferred.value !== null && preferred.value !== undefined && !toDecimal(preferred.value).isZero()) {
    spreadRelPct = divideRounded(spreadAbs.mul(100), toDecimal(preferred.value).abs(), 2);
  }
  return { preferred, alternatives, conflict, spreadAbs, spreadRelPct };
}
