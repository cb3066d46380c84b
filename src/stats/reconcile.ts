/**
 * Reconciling published growth rates with the growth computed from the figures themselves.
 * Discrepancy = reported − computed, in percentage points, exact.
 */
import { Decimal, toDecimal } from './decimal';
import { DEFAULT_TOLERANCE_PP, GrowthBasis, growthDiscrepancyPp, withinTolerance } from './growth';

/** One figure to check: its id, the growth the source reported (percent, null if none), the basis
 * of that growth (null if none) and the growth computed from stored figures (percent, null if it
 * could not be computed). */
export interface ReconcileItem {
  id: string;
  reportedPct: Decimal | null;
  basis: GrowthBasis | null;
  computedPct: Decimal | null;
}

/** WITHIN_TOLERANCE: |reported − computed| ≤ tolerance; BEYOND_TOLERANCE: larger;
 * UNCHECKABLE: a growth was reported but no computed growth (or no basis) is available. */
export type ReconcileClass = 'WITHIN_TOLERANCE' | 'BEYOND_TOLERANCE' | 'UNCHECKABLE';

/** Why an item is UNCHECKABLE. */
export type UncheckableReason = 'NO_COMPUTED_GROWTH' | 'NO_GROWTH_BASIS';

/** Classification of one item. `discrepancyPp` and `tolerancePp` are null for UNCHECKABLE items;
 * `reason` is set only for them. */
export interface ReconcileResult {
  id: string;
  classification: ReconcileClass;
  reportedPct: Decimal;
  computedPct: Decimal | null;
  basis: GrowthBasis | null;
  discrepancyPp: Decimal | null;
  tolerancePp: Decimal | null;
  reason: UncheckableReason | null;
}

/** Per-basis tolerance overrides in percentage points; missing bases use {@link DEFAULT_TOLERANCE_PP}. */
export type ToleranceOverrides = Partial<Record<GrowthBasis, Decimal>>;

/**
 * Classifies one item. Returns null when no growth was reported (nothing to reconcile).
 * An item with a reported growth but no basis is UNCHECKABLE ('NO_GROWTH_BASIS'); with no computed
 * growth UNCHECKABLE ('NO_COMPUTED_GROWTH'). Boundary: |discrepancy| = tolerance is WITHIN.
 */
export function classifyGrowth(item: ReconcileItem, tolerances: ToleranceOverrides = {}): ReconcileResult | null {
  if (item.reportedPct === null || item.reportedPct === undefined) return null;
  const base = {
    id: item.id,
    reportedPct: toDecimal(item.reportedPct),
    computedPct: item.computedPct === null || item.computedPct === undefined ? null : toDecimal(item.computedPct),
    basis: item.basis ?? null,
  };
  if (base.basis === null) {
    return { ...base, classification: 'UNCHECKABLE', discrepancyPp: null, tolerancePp: null, reason: 'NO_GROWTH_BASIS' };
  }
  if (base.computedPct === null) {
    return { ...base, classification: 'UNCHECKABLE', discrepancyPp: null, tolerancePp: null, reason: 'NO_COMPUTED_GROWTH' };
  }
  const tol = tolerances[base.basis] !== undefined ? toDecimal(tolerances[base.basis] as Decimal) : DEFAULT_TOLERANCE_PP[base.basis];
  const d = growthDiscrepancyPp(base.reportedPct, base.computedPct) as Decimal;
  return {
    ...base,
    classification: withinTolerance(d, base.basis, tol) ? 'WITHIN_TOLERANCE' : 'BEYOND_TOLERANCE',
    discrepancyPp: d,
    tolerancePp: tol,
    reason: null,
  };
}

const CLASS_ORDER: Record<ReconcileClass, number> = { BEYOND_TOLERANCE: 0, WITHIN_TOLERANCE: 1, UNCHECKABLE: 2 };

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Classifies every item that has a reported growth (items without one are left out) and orders the
 * results: BEYOND_TOLERANCE first, by |discrepancy| descending then id ascending; then
 * WITHIN_TOLERANCE in the same order; then UNCHECKABLE by id. Tolerances per basis are
 * {@link DEFAULT_TOLERANCE_PP} unless overridden.
 */
export function reconcileGrowth(items: readonly ReconcileItem[], tolerances: ToleranceOverrides = {}): ReconcileResult[] {
  const out = items.map((it) => classifyGrowth(it, tolerances)).filter((r): r is ReconcileResult => r !== null);
  return out.sort((a, b) => {
    const c = CLASS_ORDER[a.classification] - CLASS_ORDER[b.classification];
    if (c !== 0) return c;
    if (a.discrepancyPp && b.discrepancyPp) {
      const d = b.discrepancyPp.abs().comparedTo(a.discrepancyPp.abs());
      if (d !== 0) return d;
    }
    return byId(a.id, b.id);
  });
}
