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
 * The group text of a spec: its unit, flows and numbers, then its measure code, joined by `|`.
 * Everything before the measure code is enum values and numbers, which hold no `|`, so the text
 * is unambiguous although the measure code (free text) may; the `extra` numbers are the spec
 * type's own (years, year and month, year and count), one loader per spec type.
 */
function groupText(spec: TotalsSpec, extra: readonly number[]): string {
  return `${spec.unit}|${spec.flows.join(',')}|${extra.join(',')}|${spec.measureCode}`;
}

/**
 * A loader of one spec type: keys asking the same spec (same {@link groupText}) are fetched in
 * one statement, whatever the number of subjects.
 * @param extraOf the spec type's numbers, for its group text
 */
function loaderOf<S extends TotalsSpec, R extends { subjectCode: string }>(
  extraOf: (spec: S) => readonly number[],
  fetch: (subjects: string[], spec: S) => Promise<R[]>,
): DataLoader<TotalsKey<S>, R[], string> {
  const groupOf = (k: TotalsKey<S>) => groupText(k.spec, extraOf(k.spec));
  return manyLoader(
    perGroup(groupOf, async (keys, group) => {
      const rows = await fetch([...new Set(keys.map((k) => k.subjectCode))], keys[0].spec);
      return rows.map((r) => [`${r.subjectCode}#${group}`, r] as const);
    }),
    (k) => `${k.subjectCode}#${groupOf(k)}`,
  );
}

/** Creates the totals loaders of one request. */
export function createTotalsLoaders(repo: TotalsRepository): TotalsLoaders {
  return {
    monthlySums: loaderOf((spec: MonthlySpec) => spec.years, (s, spec) => repo.monthlySums(s, spec, spec.years)),
    yearToDateSums: loaderOf((spec: YearToDateSpec) => [spec.year, spec.through], (s, spec) => repo.yearToDateSums(s, spec, spec.year, spec.through)),
    topPartners: loaderOf((spec: TopPartnersSpec) => [spec.year, spec.first], (s, spec) => repo.topPartners(s, spec, spec.year, spec.first)),
  };
}
