/**
 * Shares of a part in a whole, and the statistical basis that decides whether two figures may be
 * combined at all (README trap 1: never add, subtract or share-compute across bases).
 * Percentages are rounded to 2 dp half away from zero from the exact quotient.
 */
import { Decimal, DecimalLike, percentScaledRounded, scaledOf, toDecimal } from './decimal';
import { yoyGrowthPct } from './growth';
import { combineStatuses, ObservationStatus } from './status';

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

/** Share of `part` in `whole` (Decimals or plain decimal text), in percent, part × 100 / whole rounded to 2 dp
 * (200 of 1000 -> 20, 1 of 3 -> 33.33: a Decimal keeps no trailing zeros, so the API writes "20", as it writes growth).
 * Null when either is null/undefined or the whole is 0. Same unit and basis are the caller's duty
 * (see {@link sharePctOnBasis}). */
export function sharePct(part: DecimalLike | null | undefined, whole: DecimalLike | null | undefined): Decimal | null {
  if (part === null || part === undefined || whole === null || whole === undefined) return null;
  // In integers, as yoyGrowthPct (src/stats/growth.ts): a list of top partners computes one per row.
  const w = scaledOf(whole);
  if (w.coefficient === BigInt(0)) return null;
  return percentScaledRounded(scaledOf(part), w);
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

/**
 * A share this year beside the same share one calendar year earlier.
 * `sharePct` and `priorSharePct` as {@link sharePct} (2 dp); `shareChangePp` = sharePct −
 * priorSharePct of the two rounded shares, in percentage points (what a reader can check from the
 * two shares shown); `valueGrowthPct` = year-on-year growth of the part's value in percent
 * (growth.ts yoyGrowthPct, 2 dp). Each is null when an input it needs is null.
 * Worked case: 200 of 1000, then 300 of 1200 -> prior 20.00 %, share 25.00 %, +5.00 pp, value +50.00 %.
 */
export interface ShareComparison {
  sharePct: Decimal | null;
  priorSharePct: Decimal | null;
  shareChangePp: Decimal | null;
  valueGrowthPct: Decimal | null;
}

/** Computes a {@link ShareComparison} from the part and the whole now and one year earlier (values in one unit, one basis). */
export function compareShares(
  part: Decimal | null,
  whole: Decimal | null,
  priorPart: Decimal | null,
  priorWhole: Decimal | null,
): ShareComparison {
  const now = sharePct(part, whole);
  const prior = sharePct(priorPart, priorWhole);
  return {
    sharePct: now,
    priorSharePct: prior,
    shareChangePp: shareChangePp(now, prior),
    valueGrowthPct: part === null || part === undefined ? null : yoyGrowthPct(part, priorPart === null || priorPart === undefined ? null : priorPart).pct,
  };
}

/**
 * Status of a share part / whole. A share rises with its part and falls with its whole, exactly as a
 * difference rises with its minuend and falls with its subtrahend, so the status follows
 * combineStatuses([part, whole], 'DIFFERENCE'): a lower-bound part gives a LOWER_BOUND share
 * (3740 "exceeded" of 4870 -> at least 76.80 %); a lower-bound whole gives an upper bound, shown as
 * ESTIMATED; two reported figures give DERIVED.
 */
export function shareStatus(part: ObservationStatus, whole: ObservationStatus): ObservationStatus {
  return combineStatuses([part, whole], 'DIFFERENCE');
}

/**
 * A series as the part or the whole of a share: codes as stored (subject and partner upper case,
 * measure lower case) and the flow in lower case.
 */
export interface ShareSeries {
  subjectCode: string;
  measureCode: string;
  partnerCode: string;
  /** total, import or export. */
  flow: string;
}

/**
 * What is known of the part's subject and measure to tell whether the whole counts them:
 * `subjectAncestors` of the part's subject (data/subjects.tsv: its parent, the parent's parent,
 * ..., nearest first), whether it is one of the `listedPort`s (data/ports.tsv: the four land
 * ports that GROUP-XZ-4-LAND-PORTS combines), `wholeSubjectKind`, and `measureAncestors` of the
 * part's measure (data/measures.tsv `part_of`, nearest first).
 */
export interface ShareLineage {
  listedPort: boolean;
  subjectAncestors: readonly string[];
  wholeSubjectKind: string;
  measureAncestors: readonly string[];
}

/** Why a share's part is not counted within its whole: the part's field at fault and the reason in words. */
export interface PartOutsideWhole {
  field: 'subject' | 'measure' | 'partner' | 'flow';
  reason: string;
}

/**
 * Kind of a partner code: `ALL` is the world, `GROUP-*` a group of countries as its source
 * defines it (GROUP-BRI, GROUP-RCEP), anything else one country (ISO 3166-1 alpha-2).
 */
export function partnerKindOf(code: string): 'WORLD' | 'GROUP' | 'COUNTRY' {
  if (code === 'ALL') return 'WORLD';
  if (code.startsWith('GROUP-')) return 'GROUP';
  return 'COUNTRY';
}

/**
 * Null when every figure the part counts is also counted by the whole (so that the share lies in
 * 0..100 % whenever both are complete), else the first of the part's fields, in the order subject,
 * measure, partner, flow, that leaves the whole, with the reason. Run it after
 * {@link assertSameBasis}. The part is within the whole when, field by field:
 *  - subject: the same, or the whole is one of the part's ancestors (PORT-GYIRONG in XZ-SHIGATSE;
 *    XZ-BURANG-COUNTY in XZ), or the whole is a port group and the part one of the listed ports
 *    (the one group, GROUP-XZ-4-LAND-PORTS, is the four land ports of data/ports.tsv combined;
 *    a subject of kind PORT that is not listed there is not in it);
 *  - measure: the same, or the whole is one of the part's broader measures (garment_trade_value
 *    in labour_intensive_trade_value in trade_value);
 *  - partner: the same, or the whole is ALL (the world), or the whole is a group and the part a
 *    country (a group's members are its source's and are not stored, so this cannot be refused);
 *  - flow: the same, or the whole is total (imports and exports).
 * Worked cases: Nepal (XZ, NP) in the world (XZ, ALL) is within; the world in Nepal is not
 * (partner), and would give 2133 of 1061 = 201.04 %; total trade in imports is not (flow).
 */
export function partOutsideWhole(part: ShareSeries, whole: ShareSeries, lineage: ShareLineage): PartOutsideWhole | null {
  if (part.subjectCode !== whole.subjectCode && !lineage.subjectAncestors.includes(whole.subjectCode)
    && !(lineage.wholeSubjectKind === 'PORT_GROUP' && lineage.listedPort)) {
    return { field: 'subject', reason: `subject ${part.subjectCode} is not within the whole's subject ${whole.subjectCode} (${part.subjectCode} lies in ${lineage.subjectAncestors.length ? lineage.subjectAncestors.join(', ') : 'no other subject'})` };
  }
  if (part.measureCode !== whole.measureCode && !lineage.measureAncestors.includes(whole.measureCode)) {
    return { field: 'measure', reason: `measure ${part.measureCode} is not part of the whole's measure ${whole.measureCode} (${part.measureCode} is part of ${lineage.measureAncestors.length ? lineage.measureAncestors.join(', ') : 'no other measure'})` };
  }
  const partPartner = partnerKindOf(part.partnerCode);
  const wholePartner = partnerKindOf(whole.partnerCode);
  if (part.partnerCode !== whole.partnerCode && wholePartner !== 'WORLD' && !(wholePartner === 'GROUP' && partPartner === 'COUNTRY')) {
    const what = partPartner === 'WORLD' ? 'the world' : partPartner === 'GROUP' ? 'a group of countries' : 'a country';
    return { field: 'partner', reason: `partner ${part.partnerCode} (${what}) is not within the whole's partner ${whole.partnerCode}` };
  }
  if (part.flow !== whole.flow && whole.flow !== 'total') {
    return { field: 'flow', reason: `flow ${part.flow.toUpperCase()} is not within the whole's flow ${whole.flow.toUpperCase()} (only TOTAL counts both imports and exports)` };
  }
  return null;
}
