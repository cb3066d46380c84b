/**
 * Shares of a part in a whole, and the statistical basis that decides whether two figures may be
 * combined at all (README trap 1: never add, subtract or share-compute across bases).
 * Percentages are rounded to 2 dp half away from zero from the exact quotient.
 */
import { Decimal, divideRounded, toDecimal } from './decimal';

/**
 * What a figure counts:
 *  - PORT_OF_CLEARANCE: goods cleared at a port, whoever trades them (PORT-*, GROUP-XZ-4-LAND-PORTS);
 *  - REGIONAL_CONSIGNEE: trade of firms located in Xizang or one of its cities/counties (XZ, XZ-*);
 *  - CUSTOMS_DISTRICT: what the Lhasa customs district supervises (CUSTOMS-LHASA);
 *  - PARTNER_NATIONAL: Nepal's own statistics (NP, NP-*).
 */
export type StatisticalBasis = 'PORT_OF_CLEARANCE' | 'REGIONAL_CONSIGNEE' | 'CUSTOMS_DISTRICT' | 'PARTNER_NATIONAL';

/** Thrown when figures on different statistical bases would be combined; names both bases. */
export class BasisMismatchError extends Error {
  constructor(
    readonly a: StatisticalBasis,
    readonly b: StatisticalBasis,
  ) {
    super(`statistical bases differ: ${a} vs ${b}; figures on different bases must not be added, subtracted or shared`);
    this.name = 'BasisMismatchError';
  }
}

/** Thrown by {@link basisOfSubject} for a subject code it does not know. */
export class UnknownSubjectError extends Error {
  constructor(readonly code: string) {
    super(`unknown subject code ${JSON.stringify(code)}: cannot tell its statistical basis`);
    this.name = 'UnknownSubjectError';
  }
}

/**
 * Statistical basis of a subject code: `PORT-*`, `GROUP-XZ-4-LAND-PORTS` -> PORT_OF_CLEARANCE;
 * `XZ`, `XZ-*` -> REGIONAL_CONSIGNEE; `CUSTOMS-LHASA` -> CUSTOMS_DISTRICT; `NP`, `NP-*` ->
 * PARTNER_NATIONAL. Case-sensitive. Throws {@link UnknownSubjectError} for anything else.
 */
export function basisOfSubject(code: string): StatisticalBasis {
  if (typeof code === 'string') {
    if (/^PORT-[A-Z0-9-]+$/.test(code) || code === 'GROUP-XZ-4-LAND-PORTS') return 'PORT_OF_CLEARANCE';
    if (code === 'XZ' || /^XZ-[A-Z0-9-]+$/.test(code)) return 'REGIONAL_CONSIGNEE';
    if (code === 'CUSTOMS-LHASA') return 'CUSTOMS_DISTRICT';
    if (code === 'NP' || /^NP-[A-Z0-9-]+$/.test(code)) return 'PARTNER_NATIONAL';
  }
  throw new UnknownSubjectError(String(code));
}

/** Throws {@link BasisMismatchError} unless `a` and `b` are the same basis. */
export function assertSameBasis(a: StatisticalBasis, b: StatisticalBasis): void {
  if (a !== b) throw new BasisMismatchError(a, b);
}

/** Share of `part` in `whole`, in percent, part × 100 / whole rounded to 2 dp (200 of 1000 -> 20.00).
 * Null when either is null/undefined or the whole is 0. Same unit and basis are the caller's duty
 * (see {@link sharePctOnBasis}). */
export function sharePct(part: Decimal | null | undefined, whole: Decimal | null | undefined): Decimal | null {
  if (part === null || part === undefined || whole === null || whole === undefined) return null;
  const w = toDecimal(whole);
  if (w.isZero()) return null;
  return divideRounded(toDecimal(part).mul(100), w, 2);
}

/** {@link sharePct} after {@link assertSameBasis} on the two figures' bases. */
export function sharePctOnBasis(
  part: { value: Decimal | null; basis: StatisticalBasis },
  whole: { value: Decimal | null; basis: StatisticalBasis },
): Decimal | null {
  assertSameBasis(part.basis, whole.basis);
  return sharePct(part.value, whole.value);
}

/** Change of a share in percentage points: shareNow − sharePrior, exact. Null unless both.
 * 20.00 % -> 25.00 % is +5.00 pp (not +25 %). */
export function shareChangePp(shareNow: Decimal | null | undefined, sharePrior: Decimal | null | undefined): Decimal | null {
  if (shareNow === null || shareNow === undefined || sharePrior === null || sharePrior === undefined) return null;
  return toDecimal(shareNow).minus(toDecimal(sharePrior));
}
