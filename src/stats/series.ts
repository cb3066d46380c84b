/**
 * Series keys as numbers. A series (in SDMX terms) is what a figure measures apart from its
 * period: subject, partner, measure, unit and flow, five codes. Code that looks figures up by
 * series many times over (a million rows of an import checked for repeats, or rolled up by year)
 * spends most of its time joining the codes into a text and hashing it; a number made of small ids
 * of the codes is looked up several times faster (0.13 s against 0.4 s per million in a Map).
 *
 * Pure module, no imports.
 */

/** Bits of a series number: 14 for the subject's id, 14 for the partner's, 8 for the measure's, 4 for the unit's, 2 for the flow's. */
export const SERIES_NUMBER_BITS = 42;

/** How many small numbers a series number leaves room for beside it below 2^53 (2^11: a year, or a period among 2,048). */
export const SERIES_NUMBER_ROOM = 2 ** (53 - SERIES_NUMBER_BITS);

/**
 * Gives each code of each of the five fields a small id, in order of first sight, and a series
 * its number below 2^42 made of them. One per pass over the rows (ids are this object's own).
 */
export class SeriesNumbers {
  private readonly subjects = new Map<string, number>();
  private readonly partners = new Map<string, number>();
  private readonly measures = new Map<string, number>();
  private readonly units = new Map<string, number>();
  private readonly flows = new Map<string, number>();

  private static idOf(ids: Map<string, number>, code: string): number {
    let id = ids.get(code);
    if (id === undefined) ids.set(code, (id = ids.size));
    return id;
  }

  /**
   * The series' number, below 2^42: equal numbers for equal codes, different numbers otherwise.
   * Null once a field has more codes than its bits hold (more than 16,384 subjects or partners,
   * 256 measures, 16 units or 4 flows in one pass); callers then key that series by its text.
   */
  numberOf(subject: string, partner: string, measure: string, unit: string, flow: string): number | null {
    const s = SeriesNumbers.idOf(this.subjects, subject);
    const p = SeriesNumbers.idOf(this.partners, partner);
    const m = SeriesNumbers.idOf(this.measures, measure);
    const u = SeriesNumbers.idOf(this.units, unit);
    const f = SeriesNumbers.idOf(this.flows, flow);
    if (s >= 2 ** 14 || p >= 2 ** 14 || m >= 2 ** 8 || u >= 2 ** 4 || f >= 2 ** 2) return null;
    return (((s * 2 ** 14 + p) * 2 ** 8 + m) * 2 ** 4 + u) * 2 ** 2 + f;
  }
}
