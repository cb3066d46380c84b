/**
 * Year-on-year growth: computing it, inverting a reported rate, comparing reported with computed.
 * All values are exact decimals ({@link Decimal}); percentages are in percent (80.2 means +80.2 %),
 * differences between percentages are in percentage points (pp).
 *
 * Rounding: every percentage and implied value returned here is rounded once, from the exact
 * quotient, to 2 decimal places, half away from zero (ROUND_HALF_UP: 12.345 -> 12.35,
 * -12.345 -> -12.35). Differences (discrepancies) are exact and not rounded.
 */
import { Decimal, DecimalLike, divideRounded, minusScaled, percentScaledRounded, percentScaledRoundedText, Scaled, scaledOf, toDecimal, toPlain } from './decimal';

/** How a published growth figure was expressed: a percent (`percent`) or a Chinese multiple
 * 增长N倍 rounded to one decimal and stored as N×100 % (`multiple_rounded`, README trap 3). */
export type GrowthBasis = 'PERCENT' | 'MULTIPLE_ROUNDED';

/** Why a growth could not be computed, checked in this order:
 * NO_CURRENT_VALUE (current figure has no value), NO_PRIOR_OBSERVATION (no figure for the prior
 * comparable period), PRIOR_VALUE_MISSING (prior figure exists but has no value), PRIOR_VALUE_ZERO
 * (prior value is 0, growth undefined). */
export type GrowthNullReason = 'NO_CURRENT_VALUE' | 'NO_PRIOR_OBSERVATION' | 'PRIOR_VALUE_MISSING' | 'PRIOR_VALUE_ZERO';

/** Result of {@link yoyGrowthPct}: exactly one of pct / nullReason is non-null. */
export interface GrowthResult {
  pct: Decimal | null;
  nullReason: GrowthNullReason | null;
}

/**
 * Year-on-year growth in percent: (current / prior − 1) × 100, computed exactly as
 * (current − prior) × 100 / prior and rounded to 2 dp half away from zero.
 * @param current value of the current period (a Decimal or a plain decimal string), or null when the figure has no value
 * @param prior `undefined` = no prior observation at all; `null` = a prior observation without a
 *   value; otherwise the prior value (same measure, subject, partner, flow, unit and basis).
 * @returns `{ pct, nullReason: null }` or `{ pct: null, nullReason }` (see {@link GrowthNullReason}).
 * Example: 300 vs 200 -> 50.00; 4560 vs 2530.52 -> 80.20.
 * A negative prior (never a trade total) is computed by the same formula and its sign is not interpreted.
 */
export function yoyGrowthPct(current: DecimalLike | null, prior: DecimalLike | null | undefined): GrowthResult {
  const o = growthOperands(current, prior);
  return typeof o === 'string' ? { pct: null, nullReason: o } : { pct: percentScaledRounded(o.change, o.prior), nullReason: null };
}

/**
 * {@link yoyGrowthPct} with its percentage as plain text ({@link toPlain}: `"80.2"`, `"-12.35"`, `"0"`),
 * never made into a decimal.js value: for lists of totals, which show one growth per row.
 */
export function yoyGrowthPctText(current: DecimalLike | null, prior: DecimalLike | null | undefined): { pct: string | null; nullReason: GrowthNullReason | null } {
  const o = growthOperands(current, prior);
  return typeof o === 'string' ? { pct: null, nullReason: o } : { pct: toPlain(percentScaledRoundedText(o.change, o.prior)), nullReason: null };
}

/** The change (current − prior) and the prior of a growth as {@link Scaled} integers, or why there is no growth (see {@link yoyGrowthPct}). */
function growthOperands(current: DecimalLike | null, prior: DecimalLike | null | undefined): { change: Scaled; prior: Scaled } | GrowthNullReason {
  if (current === null || current === undefined) return 'NO_CURRENT_VALUE';
  if (prior === undefined) return 'NO_PRIOR_OBSERVATION';
  if (prior === null) return 'PRIOR_VALUE_MISSING';
  // In integers (coefficient and scale), with no decimal.js value in between: a list of totals
  // computes one growth per row.
  const c = scaledOf(current);
  const p = scaledOf(prior);
  if (p.coefficient === BigInt(0)) return 'PRIOR_VALUE_ZERO';
  return { change: minusScaled(c, p), prior: p };
}

/**
 * The prior-period value implied by a current value and a reported growth g (percent):
 * current / (1 + g/100) = current × 100 / (100 + g), rounded to 2 dp half away from zero,
 * in the unit of `current`.
 * Null when either input is null, or when g ≤ −100 (−100 % would divide by zero; a fall of more
 * than 100 % is impossible for non-negative figures).
 * Examples: 4560 at +80.2 -> 2530.52; 13850 at −32.96 -> 20659.31.
 */
export function impliedPriorValue(current: Decimal | null, reportedPct: Decimal | null): Decimal | null {
  if (current === null || current === undefined || reportedPct === null || reportedPct === undefined) return null;
  const g = toDecimal(reportedPct);
  const denom = g.plus(100);
  if (denom.lte(0)) return null;
  return divideRounded(toDecimal(current).mul(100), denom, 2);
}

/** Reported minus computed growth, in percentage points, exact (not rounded). Positive means the
 * source reported more growth than the figures imply. Null unless both are present. */
export function growthDiscrepancyPp(reported: Decimal | null, computed: Decimal | null): Decimal | null {
  if (reported === null || reported === undefined || computed === null || computed === undefined) return null;
  return toDecimal(reported).minus(toDecimal(computed));
}

/** Chinese 增长N倍 ("grew N times") means +N×100 %: 1.2 -> 120, 0.5 -> 50. Exact. */
export function multipleToPercent(n: Decimal): Decimal {
  return toDecimal(n).mul(100);
}

/** Half-open interval [low, high) of percentages (low included, high excluded). */
export interface PctBand {
  low: Decimal;
  high: Decimal;
}

/**
 * The true growth percentages consistent with a reported multiple that was rounded (half up) to
 * `decimals` decimal places (default 1), given the reported growth already as percent.
 * The multiple N = reportedPct/100 covers true multiples [N − h, N + h) with h = 0.5 × 10^−decimals,
 * i.e. percentages [reportedPct − 100h, reportedPct + 100h).
 * Example: 1.2倍 = 120 % -> [115, 125); with decimals 0 (增长2倍 read as an integer) 200 -> [150, 250).
 */
export function multipleRoundingBandPct(reportedPct: Decimal, decimals = 1): PctBand {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer, got ${decimals}`);
  const pct = toDecimal(reportedPct);
  const halfWidthPct = new Decimal(50).div(new Decimal(10).pow(decimals));
  return { low: pct.minus(halfWidthPct), high: pct.plus(halfWidthPct) };
}

/** Default tolerance, in percentage points, between reported and computed growth:
 * PERCENT 0.5 pp (one-decimal rounding of each side plus slack), MULTIPLE_ROUNDED 10 pp
 * (the multiple itself is only known to ±5 pp, see {@link multipleRoundingBandPct}). */
export const DEFAULT_TOLERANCE_PP: Readonly<Record<GrowthBasis, Decimal>> = Object.freeze({
  PERCENT: new Decimal('0.5'),
  MULTIPLE_ROUNDED: new Decimal('10'),
});

/**
 * True when |discrepancyPp| ≤ tolerance (boundary included). Tolerance is `tolerancePp` when given,
 * else {@link DEFAULT_TOLERANCE_PP}[basis]. Throws RangeError on a negative tolerance.
 */
export function withinTolerance(discrepancyPp: Decimal, basis: GrowthBasis, tolerancePp?: Decimal): boolean {
  const tol = tolerancePp === undefined ? DEFAULT_TOLERANCE_PP[basis] : toDecimal(tolerancePp);
  if (tol === undefined) throw new RangeError(`unknown growth basis ${String(basis)}`);
  if (tol.isNegative()) throw new RangeError(`tolerance must not be negative, got ${tol.toFixed()}`);
  return toDecimal(discrepancyPp).abs().lte(tol);
}
