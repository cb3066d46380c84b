import type DataLoader from 'dataloader';
import { manyLoader, perGroup } from '../common/loader';
import type { MonthlySumRow, PartnerTotalRow, TotalsRepository, TotalsSpec, YearToDateRow } from './totals.repository';

/** A subject and what to add up for it; subjects asking the same spec are fetched together. */
export interface TotalsKey<S> {
  subjectCode: string;
  spec: S;
}

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

/** Per-request loaders of port totals: one statement per distinct spec, whatever the number of ports. */
export interface TotalsLoaders {
  monthlySums: DataLoader<TotalsKey<MonthlySpec>, MonthlySumRow[], string>;
  yearToDateSums: DataLoader<TotalsKey<YearToDateSpec>, YearToDateRow[], string>;
  topPartners: DataLoader<TotalsKey<TopPartnersSpec>, PartnerTotalRow[], string>;
}

/**
 * The text of a spec, the group of its key. Specs are built by the resolvers as object literals
 * with their keys always in the same order, so plain JSON is canonical (two equal specs built in
 * different key orders would only cost a second statement, never a wrong answer). Remembered per
 * spec object (it is asked twice per key).
 */
const specStrings = new WeakMap<object, string>();
function specString(spec: object): string {
  let s = specStrings.get(spec);
  if (s === undefined) {
    s = JSON.stringify(spec);
    specStrings.set(spec, s);
  }
  return s;
}

function loaderOf<S extends TotalsSpec, R extends { subjectCode: string }>(
  fetch: (subjects: string[], spec: S) => Promise<R[]>,
): DataLoader<TotalsKey<S>, R[], string> {
  return manyLoader(
    perGroup((k: TotalsKey<S>) => specString(k.spec), async (keys, group) => {
      const rows = await fetch([...new Set(keys.map((k) => k.subjectCode))], keys[0].spec);
      return rows.map((r) => [`${r.subjectCode}#${group}`, r] as const);
    }),
    (k) => `${k.subjectCode}#${specString(k.spec)}`,
  );
}

/** Creates the totals loaders of one request. */
export function createTotalsLoaders(repo: TotalsRepository): TotalsLoaders {
  return {
    monthlySums: loaderOf((s, spec: MonthlySpec) => repo.monthlySums(s, spec, spec.years)),
    yearToDateSums: loaderOf((s, spec: YearToDateSpec) => repo.yearToDateSums(s, spec, spec.year, spec.through)),
    topPartners: loaderOf((s, spec: TopPartnersSpec) => repo.topPartners(s, spec, spec.year, spec.first)),
  };
}
