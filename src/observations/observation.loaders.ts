import DataLoader from 'dataloader';
import { manyLoader, oneLoader, perGroup } from '../common/loader';
import type { ExchangeRateRecord, FigureKey, FigureRecord, SourceRecord } from './figure.record';
import type { DerivationRequest, FigureColumns, FigurePosition, FigureQuery, ObservationRepository } from './observation.repository';

/** A page of a subject's figures: `limit` figures after a position (null: from the start), and with `withCount` the subject's count under the query. */
export interface FigurePageKey {
  subjectCode: string;
  query: FigureQuery;
  limit: number;
  after: FigurePosition | null;
  withCount: boolean;
  /** Which columns to read: `core` when the selection asks for no other field of the figures (ObservationRepository.findPages). */
  columns: FigureColumns;
}

/** A loaded page: its figures, and the count of all figures under the query when it was asked for (else null). */
export interface FigurePage {
  figures: FigureRecord[];
  totalCount: number | null;
}

/** Figures of one subject under one query. */
export interface SubjectFiguresKey {
  subjectCode: string;
  query: FigureQuery;
}

/** A figure key at a vintage (`asOf` null: latest). */
export interface VintagedFigureKey extends FigureKey {
  asOf: string | null;
}

/** A currency pair over a period; rates in either direction whose period contains it match. */
export interface RateKey {
  from: string;
  to: string;
  periodStart: string;
  periodEnd: string;
}

/** A derivation request at a vintage (`asOf` null: latest). */
export interface VintagedDerivationRequest extends DerivationRequest {
  asOf: string | null;
}

/** Per-request loaders over observations, sources and exchange rates. */
export interface ObservationLoaders {
  /** A subject's figures under a query. */
  figuresOfSubject: DataLoader<SubjectFiguresKey, FigureRecord[], string>;
  /** Every source's figure for a key (several when sources conflict). */
  figuresAtKey: DataLoader<VintagedFigureKey, FigureRecord[], string>;
  /** What a source published. */
  figuresOfSource: DataLoader<{ sourceId: number; asOf: string | null }, FigureRecord[], string>;
  /** A page of a subject's figures (keyset); requests with the same query, limit, count and columns share one statement. */
  figurePage: DataLoader<FigurePageKey, FigurePage, string>;
  /** How many figures a subject has under a query. */
  figureCount: DataLoader<SubjectFiguresKey, number, string>;
  source: DataLoader<number, SourceRecord | null, string>;
  rates: DataLoader<RateKey, ExchangeRateRecord[], string>;
  /** The figures a derivation of a series over a span may use (ObservationRepository.findDerivationInputs). */
  derivationInputs: DataLoader<VintagedDerivationRequest, FigureRecord[], string>;
}

/** The text form of a figure key. */
export function figureKeyString(k: FigureKey): string {
  return [k.measureCode, k.subjectCode, k.partnerCode, k.flow, k.unit, k.periodStart, k.periodEnd].join('|');
}

/** A stable text form of a figure query (object keys sorted). */
export function figureQueryString(q: FigureQuery): string {
  return JSON.stringify(q, Object.keys(q).sort());
}

function derivationKey(k: VintagedDerivationRequest): string {
  return [k.measureCode, k.subjectCode, k.partnerCode, k.flow, k.unit, k.periodStart, k.periodEnd, k.asOf ?? ''].join('|');
}

function rateKeyString(k: RateKey): string {
  return [k.from, k.to, k.periodStart, k.periodEnd].join('|');
}

/** Creates the loaders of one request: each batch is one SQL statement per distinct query or asOf. */
export function createObservationLoaders(repo: ObservationRepository): ObservationLoaders {
  const subjectKey = (k: SubjectFiguresKey) => `${k.subjectCode}#${figureQueryString(k.query)}`;
  const vintagedKey = (k: VintagedFigureKey) => `${figureKeyString(k)}#${k.asOf ?? ''}`;
  const sourceKey = (k: { sourceId: number; asOf: string | null }) => `${k.sourceId}#${k.asOf ?? ''}`;
  return {
    figuresOfSubject: manyLoader(
      perGroup((k: SubjectFiguresKey) => figureQueryString(k.query), async (keys, group) => {
        const rows = await repo.findForSubjects([...new Set(keys.map((k) => k.subjectCode))], keys[0].query);
        return rows.map((r) => [`${r.subjectCode}#${group}`, r] as const);
      }),
      subjectKey,
    ),
    figuresAtKey: manyLoader(
      perGroup((k: VintagedFigureKey) => k.asOf ?? '', async (keys, group) => {
        const rows = await repo.findByKeys(keys, keys[0].asOf);
        return rows.map((r) => [`${figureKeyString(r)}#${group}`, r] as const);
      }),
      vintagedKey,
    ),
    figuresOfSource: manyLoader(
      perGroup((k: { sourceId: number; asOf: string | null }) => k.asOf ?? '', async (keys, group) => {
        const rows = await repo.findBySources(keys.map((k) => k.sourceId), keys[0].asOf);
        return rows.map((r) => [`${r.source.id}#${group}`, r] as const);
      }),
      sourceKey,
    ),
    figurePage: new DataLoader<FigurePageKey, FigurePage, string>(
      async (keys) => {
        const groups = new Map<string, number[]>();
        keys.forEach((k, i) => {
          const g = `${figureQueryString(k.query)}#${k.limit}#${k.withCount}#${k.columns}`;
          groups.set(g, [...(groups.get(g) ?? []), i]);
        });
        const pages: FigurePage[] = keys.map(() => ({ figures: [], totalCount: null }));
        await Promise.all([...groups.values()].map(async (idx) => {
          const first = keys[idx[0]];
          const { pages: found, counts } = await repo.findPages(idx.map((i) => keys[i]), first.query, first.limit, first.withCount, first.columns);
          idx.forEach((i, j) => (pages[i] = { figures: found[j], totalCount: counts[j] }));
        }));
        return pages;
      },
      { cacheKeyFn: (k) => JSON.stringify([k.subjectCode, figureQueryString(k.query), k.limit, k.after, k.withCount, k.columns]) },
    ),
    figureCount: new DataLoader<SubjectFiguresKey, number, string>(
      async (keys) => {
        const counts = new Map<string, number>();
        const groups = new Map<string, SubjectFiguresKey[]>();
        for (const k of keys) groups.set(figureQueryString(k.query), [...(groups.get(figureQueryString(k.query)) ?? []), k]);
        await Promise.all([...groups.entries()].map(async ([g, ks]) => {
          for (const r of await repo.countForSubjects(ks.map((k) => k.subjectCode), ks[0].query)) counts.set(`${r.subjectCode}#${g}`, r.count);
        }));
        return keys.map((k) => counts.get(subjectKey(k)) ?? 0);
      },
      { cacheKeyFn: subjectKey },
    ),
    source: oneLoader(async (ids: readonly number[]) => (await repo.findSources(ids)).map((r) => [String(r.id), r] as const)),
    derivationInputs: manyLoader(
      perGroup((k: VintagedDerivationRequest) => k.asOf ?? '', async (keys) => {
        const rows = await repo.findDerivationInputs(keys, keys[0].asOf);
        return rows.map(({ requestIndex, ...r }) => [derivationKey(keys[requestIndex]), r] as const);
      }),
      derivationKey,
    ),
    rates: manyLoader(async (keys: readonly RateKey[]) => {
      const rates = await repo.findRates(keys);
      const pair = (a: string, b: string) => [a, b].sort().join('/');
      return keys.flatMap((k) =>
        rates
          .filter((r) => pair(r.baseCurrency, r.quoteCurrency) === pair(k.from, k.to) && r.periodStart <= k.periodStart && r.periodEnd >= k.periodEnd)
          .map((r) => [rateKeyString(k), r] as const),
      );
    }, rateKeyString),
  };
}
