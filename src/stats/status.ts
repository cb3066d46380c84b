/**
 * Status of a figure and how statuses propagate to derived figures. Pure module, no imports.
 *
 * Meanings:
 *  - REPORTED: published as a definite value.
 *  - PROVISIONAL: published but flagged as preliminary / subject to revision.
 *  - DERIVED: computed here exactly from REPORTED (or DERIVED) figures.
 *  - LOWER_BOUND: the true value is at least this ("more than", "exceeded", "over").
 *  - ESTIMATED: approximate; neither published nor a bound.
 *
 * Precedence for derived figures ("weakest wins"), strongest to weakest:
 *   REPORTED/DERIVED < PROVISIONAL < LOWER_BOUND < ESTIMATED
 * i.e. a derived figure takes the weakest status among its inputs, and REPORTED becomes DERIVED.
 * ESTIMATED is the weakest because adding an approximate figure destroys the guarantee a lower
 * bound gives. LOWER_BOUND is weaker than PROVISIONAL because the true value may be far above it,
 * whereas a provisional figure is only subject to revision.
 *
 * Sums (how = 'SUM'): the weakest input status, REPORTED mapped to DERIVED. A sum of lower bounds
 * (with exact or provisional terms) is a lower bound.
 *
 * Differences (how = 'DIFFERENCE', inputs = [minuend, ...subtrahends], e.g. cumulative X − Y):
 *  - a LOWER_BOUND minuend with exact subtrahends gives a lower bound (X ≥ x ⇒ X − y ≥ x − y);
 *  - a LOWER_BOUND subtrahend gives an UPPER bound (Y ≥ y ⇒ x − Y ≤ x − y); there is no
 *    UPPER_BOUND status, so the result is ESTIMATED; the same when both sides are lower bounds
 *    (nothing is then known about the direction);
 *  - otherwise as for sums (ESTIMATED > PROVISIONAL > DERIVED).
 */

/** Status of an observation or derived figure; see the module comment. */
export type ObservationStatus = 'REPORTED' | 'PROVISIONAL' | 'ESTIMATED' | 'LOWER_BOUND' | 'DERIVED';

/** All statuses, strongest first, in the "weakest wins" order used by {@link combineStatuses}
 * (REPORTED and DERIVED are equally strong; REPORTED turns into DERIVED when combined). */
export const STATUS_PRECEDENCE: readonly ObservationStatus[] = Object.freeze([
  'REPORTED',
  'DERIVED',
  'PROVISIONAL',
  'LOWER_BOUND',
  'ESTIMATED',
] as ObservationStatus[]);

const RANK: Record<ObservationStatus, number> = {
  REPORTED: 0,
  DERIVED: 0,
  PROVISIONAL: 1,
  LOWER_BOUND: 2,
  ESTIMATED: 3,
};

function rank(s: ObservationStatus): number {
  const r = RANK[s];
  if (r === undefined) throw new RangeError(`unknown observation status ${JSON.stringify(s)}`);
  return r;
}

/** How a derived figure combines its inputs. */
export type CombineHow = 'SUM' | 'DIFFERENCE';

/**
 * Status of a figure derived from inputs with the given statuses (rules in the module comment).
 * For 'DIFFERENCE' the first status is the minuend's and the rest are subtrahends'.
 * Never returns REPORTED. Throws RangeError for no inputs or an unknown status.
 * Examples: SUM [REPORTED, REPORTED] -> DERIVED; SUM [REPORTED, LOWER_BOUND] -> LOWER_BOUND;
 * DIFFERENCE [REPORTED, LOWER_BOUND] -> ESTIMATED; DIFFERENCE [LOWER_BOUND, REPORTED] -> LOWER_BOUND.
 */
export function combineStatuses(inputs: readonly ObservationStatus[], how: CombineHow): ObservationStatus {
  if (!inputs || inputs.length === 0) throw new RangeError('combineStatuses needs at least one input status');
  if (how !== 'SUM' && how !== 'DIFFERENCE') throw new RangeError(`unknown combination ${JSON.stringify(how)}`);
  let weakest = 0;
  for (const s of inputs) weakest = Math.max(weakest, rank(s));
  if (how === 'DIFFERENCE' && inputs.slice(1).some((s) => s === 'LOWER_BOUND')) return 'ESTIMATED';
  switch (weakest) {
    case 0:
      return 'DERIVED';
    case 1:
      return 'PROVISIONAL';
    case 2:
      return 'LOWER_BOUND';
    default:
      return 'ESTIMATED';
  }
}

/**
 * Status of a stored figure from its note: 'LOWER_BOUND' when the note says "lower bound" (the data
 * writes e.g. `lower bound ('exceeded')`, `lower bound: "over 90 countries"`), case-insensitive,
 * unless negated ("not a lower bound", "no lower bound"); otherwise 'REPORTED'. Null, undefined
 * or empty notes give 'REPORTED'.
 */
export function statusFromNote(note: string | null | undefined): ObservationStatus {
  if (!note) return 'REPORTED';
  const re = /(^|[^a-z])lower[\s-]+bound([^a-z]|$)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(note)) !== null) {
    const before = note.slice(0, m.index + m[1].length).toLowerCase();
    if (!/\b(not|no)\s+(a\s+)?$/.test(before)) return 'LOWER_BOUND';
  }
  return 'REPORTED';
}
