import DataLoader from 'dataloader';
import type { MonthlySumRow, PartnerTotalRow, TotalsRepository, TotalsSpec, YearToDateRow } from './totals.repository';

/** Spec of monthly sums: the series and the years. */
export interface MonthlySpec extends TotalsSpec {
  years: number[];
}
/** Spec of year-to-date sums. */
export interface YearToDateSpec extends TotalsSpec {
  year: number;
  through: number;
}
/** Spec of top partners. */
export interface TopPartnersSpec extends TotalsSpec {
  year: number;
  first: number;
}

/**
 * Loads one spec type's rows per subject: the subjects asking the same spec (same
 * {@link groupText}) in one tick are fetched in one statement, whatever their number. Each spec
 * has its own DataLoader keyed by the subject code alone, so a key costs one map lookup.
 */
export class SpecLoader<S extends TotalsSpec, R extends { subjectCode: string }> {
  private readonly bySpec = new Map<string, DataLoader<string, R[]>>();
  /** The loader of each spec object already seen: a list's items pass one object (src/totals/totals.resolver.ts perArgs). */
  private readonly byObject = new WeakMap<S, DataLoader<string, R[]>>();
  /** The loaders (one per spec) whose statement returned at least one row. */
  private readonly withRows = new WeakSet<DataLoader<string, R[]>>();

  /**
   * @param extraOf the spec type's numbers, for its group text
   * @param fetch one statement: the rows of these subjects under the spec
   */
  constructor(
    private readonly extraOf: (spec: S) => readonly number[],
    private readonly fetch: (subjects: string[], spec: S) => Promise<R[]>,
  ) {}

  /** The rows of `subjectCode` under `spec` (in the order the statement gave them; [] when none). */
  load(subjectCode: string, spec: S): Promise<R[]> {
    const seen = this.byObject.get(spec);
    if (seen !== undefined) return seen.load(subjectCode);
    const text = groupText(spec, this.extraOf(spec));
    let loader = this.bySpec.get(text);
    if (loader === undefined) {
      const created: DataLoader<string, R[]> = new DataLoader<string, R[]>(async (subjects) => {
        const bySubject = new Map<string, R[]>();
        const rows = await this.fetch([...subjects], spec);
        if (rows.length > 0) this.withRows.add(created);
        for (const r of rows) {
          const list = bySubject.get(r.subjectCode);
          if (list) list.push(r);
          else bySubject.set(r.subjectCode, [r]);
        }
        return subjects.map((c) => bySubject.get(c) ?? []);
      });
      loader = created;
      this.bySpec.set(text, loader);
    }
    this.byObject.set(spec, loader);
    return loader.load(subjectCode);
  }

  /**
   * Whether a statement of this request under `spec` (same group text) has returned any row, for
   * any subject: then its measure is stored, and a subject's empty answer means only that the
   * subject has no figures. Call it after {@link load} has resolved.
   */
  hadRows(spec: S): boolean {
    const loader = this.byObject.get(spec) ?? this.bySpec.get(groupText(spec, this.extraOf(spec)));
    return loader !== undefined && this.withRows.has(loader);
  }
}

/** Per-request loaders of port totals: one statement per distinct spec, whatever the number of ports. */
export interface TotalsLoaders {
  monthlySums: SpecLoader<MonthlySpec, MonthlySumRow>;
  yearToDateSums: SpecLoader<YearToDateSpec, YearToDateRow>;
  topPartners: SpecLoader<TopPartnersSpec, PartnerTotalRow>;
}

/**
 * The group text of a spec: its unit, flows and numbers, then its measure code, joined by `|`.
 * Everything before the measure code is enum values and numbers, which hold no `|`, so the text
 * is unambiguous although the measure code (free text) may; the `extra` numbers are the spec
 * type's own (years, year and month, year and count), one loader per spec type.
 */
function groupText(spec: TotalsSpec, extra: readonly number[]): string {
  return `${spec.unit}|${spec.flows.join(',')}|${extra.join(',')}|${spec.measureCode}`;
}

/** Creates the totals loaders of one request. */
export function createTotalsLoaders(repo: TotalsRepository): TotalsLoaders {
  return {
    monthlySums: new SpecLoader((spec: MonthlySpec) => spec.years, (s, spec) => repo.monthlySums(s, spec, spec.years)),
    yearToDateSums: new SpecLoader((spec: YearToDateSpec) => [spec.year, spec.through], (s, spec) => repo.yearToDateSums(s, spec, spec.year, spec.through)),
    topPartners: new SpecLoader((spec: TopPartnersSpec) => [spec.year, spec.first], (s, spec) => repo.topPartners(s, spec, spec.year, spec.first)),
  };
}
