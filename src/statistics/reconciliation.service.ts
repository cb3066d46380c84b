/**
 * Reconciliation of the growth each source reported with the growth computed from the stored
 * figures (src/stats/reconcile.ts), plus the conflicts between sources. Used by the
 * `reconciliation` query and by `npm run reconcile`. Three statements in all.
 */
import type { Context } from '../context';
import { BadInputError } from '../errors';
import { Decimal, DECIMAL_DIGITS, DecimalFormatError, isPlainDecimalWithinLimits, parseDecimal } from '../stats/decimal';
import { DEFAULT_TOLERANCE_PP, GrowthNullReason } from '../stats/growth';
import { reconcileGrowth, ReconcileResult } from '../stats/reconcile';
import { FigureChoice, preferredOf, priorOf } from '../observations/figure.service';
import { figureKeyString } from '../observations/observation.loaders';
import type { FigureRecord } from '../observations/figure.record';

/** Tolerances in percentage points, per growth basis. */
export interface Tolerances {
  percentPp: Decimal;
  multipleRoundedPp: Decimal;
}

/** One reported growth, checked: the figure, the classification, and why it is uncheckable. */
export interface GrowthCheckRecord {
  figure: FigureRecord;
  result: ReconcileResult;
  /** Why no growth could be computed (for UNCHECKABLE). */
  growthNullReason: GrowthNullReason | null;
  /** The prior figure the computed growth used (preferred among sources). */
  prior: FigureRecord | null;
}

/** The whole reconciliation: checks ordered largest discrepancy first, and the conflicting keys. */
export interface ReconciliationRecord {
  tolerances: Tolerances;
  beyond: GrowthCheckRecord[];
  within: GrowthCheckRecord[];
  uncheckable: GrowthCheckRecord[];
  conflicts: FigureChoice[];
}

/** The argument names tolerances are read from, for error messages. */
export interface ToleranceArgumentNames {
  percentPp: string;
  multipleRoundedPp: string;
}

/**
 * Reads tolerances given as decimal text (null/undefined: the default, 0.5 pp for percent and
 * 10 pp for multiple_rounded). @throws BadInputError naming the argument (`names`) for a malformed or
 * negative value, or one with more digits than {@link DECIMAL_DIGITS} (what the Decimal scalar refuses too).
 */
export function tolerancesOf(
  percentPp: string | null | undefined,
  multipleRoundedPp: string | null | undefined,
  names: ToleranceArgumentNames = { percentPp: 'tolerance.percentPp', multipleRoundedPp: 'tolerance.multipleRoundedPp' },
): Tolerances {
  const read = (v: string | null | undefined, field: keyof ToleranceArgumentNames, dflt: Decimal): Decimal => {
    if (v === null || v === undefined) return dflt;
    let d: Decimal;
    try {
      d = parseDecimal(v);
    } catch (e) {
      if (e instanceof DecimalFormatError) throw new BadInputError(names[field], e.message.length > 200 ? `${e.message.slice(0, 200)}…` : e.message);
      throw e;
    }
    if (!isPlainDecimalWithinLimits(v)) {
      throw new BadInputError(names[field], `has more digits than any figure needs (at most ${DECIMAL_DIGITS.integer} before the point and ${DECIMAL_DIGITS.fraction} after)`);
    }
    if (d.isNegative()) throw new BadInputError(names[field], `must not be negative, got ${v}${d.isZero() ? ' (write 0)' : ''}`);
    return d;
  };
  return {
    percentPp: read(percentPp, 'percentPp', DEFAULT_TOLERANCE_PP.PERCENT),
    multipleRoundedPp: read(multipleRoundedPp, 'multipleRoundedPp', DEFAULT_TOLERANCE_PP.MULTIPLE_ROUNDED),
  };
}

/**
 * Every stored figure with a reported growth (at vintage `asOf`), its growth computed against the
 * preferred prior figure, classified within / beyond tolerance (beyond: largest |discrepancy|
 * first) or uncheckable (no prior figure stored, or no value; by subject, period and key); and every key whose sources give
 * different values, with the preferred figure and the spread.
 */
export async function reconcile(ctx: Context, tolerances: Tolerances, asOf: string | null): Promise<ReconciliationRecord> {
  const [withGrowth, shared] = await Promise.all([
    ctx.repos.observations.findWithReportedGrowth(asOf),
    ctx.repos.observations.findSharedKeys(asOf),
  ]);
  const figures = asOf ? withGrowth.map((f) => ({ ...f, asOf })) : withGrowth;
  const priors = await Promise.all(figures.map((f) => priorOf(ctx, f)));
  const byId = new Map(figures.map((f, i) => [f.id, { figure: f, prior: priors[i], index: i }]));
  const results = reconcileGrowth(
    figures.map((f, i) => ({
      id: f.id,
      reportedPct: f.reportedYoyGrowthPct === null ? null : parseDecimal(f.reportedYoyGrowthPct),
      basis: f.growthBasis,
      computedPct: priors[i].growth.pct,
    })),
    { PERCENT: tolerances.percentPp, MULTIPLE_ROUNDED: tolerances.multipleRoundedPp },
  );
  const checks = results.map((result): GrowthCheckRecord => {
    const { figure, prior } = byId.get(result.id)!;
    return { figure, result, growthNullReason: prior.growth.nullReason, prior: prior.prior };
  });
  const groups = new Map<string, FigureRecord[]>();
  for (const f of asOf ? shared.map((r) => ({ ...r, asOf })) : shared) groups.set(figureKeyString(f), [...(groups.get(figureKeyString(f)) ?? []), f]);
  const conflicts = [...groups.values()].map(preferredOf).filter((c) => c.conflict);
  return {
    tolerances,
    beyond: checks.filter((c) => c.result.classification === 'BEYOND_TOLERANCE'),
    within: checks.filter((c) => c.result.classification === 'WITHIN_TOLERANCE'),
    // in the order of the figures (subject, period, key), not the ids' text order
    uncheckable: checks.filter((c) => c.result.classification === 'UNCHECKABLE').sort((a, b) => byId.get(a.figure.id)!.index - byId.get(b.figure.id)!.index),
    conflicts,
  };
}
