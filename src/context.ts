import type { DataSource } from 'typeorm';
import { ObservationRepository } from './observations/observation.repository';
import { createObservationLoaders, ObservationLoaders } from './observations/observation.loaders';
import { ReferenceRepository } from './subjects/subject.repository';
import { createReferenceLoaders, ReferenceLoaders } from './subjects/reference.loaders';
import { TotalsRepository } from './totals/totals.repository';
import { createTotalsLoaders, TotalsLoaders } from './totals/totals.loaders';

/** The repositories, shared by all requests (they hold only the DataSource). */
export interface Repositories {
  observations: ObservationRepository;
  reference: ReferenceRepository;
  totals: TotalsRepository;
}

/** Options of {@link createRepositories}. */
export interface RepositoryOptions {
  /** Port totals read the yearly rollup (default true; config TOTALS_FROM_ROLLUP). */
  totalsFromRollup?: boolean;
}

/** What every resolver receives: repositories, and loaders made fresh for this request. */
export interface Context {
  repos: Repositories;
  loaders: ObservationLoaders & ReferenceLoaders & TotalsLoaders;
}

/** Builds the repositories over a DataSource (once, at start). */
export function createRepositories(ds: DataSource, options: RepositoryOptions = {}): Repositories {
  return {
    observations: new ObservationRepository(ds),
    reference: new ReferenceRepository(ds),
    totals: new TotalsRepository(ds, options.totalsFromRollup ?? true),
  };
}

/** Builds one request's context: new DataLoaders, so no cache outlives the request. */
export function createContext(repos: Repositories): Context {
  return {
    repos,
    loaders: { ...createObservationLoaders(repos.observations), ...createReferenceLoaders(repos.reference), ...createTotalsLoaders(repos.totals) },
  };
}
