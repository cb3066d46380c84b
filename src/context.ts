import type { DataSource } from 'typeorm';
import { ObservationRepository } from './observations/observation.repository';
import { createObservationLoaders, ObservationLoaders } from './observations/observation.loaders';
import { ReferenceRepository } from './subjects/subject.repository';
import { createReferenceLoaders, ReferenceLoaders } from './subjects/reference.loaders';

/** The repositories, shared by all requests (they hold only the DataSource). */
export interface Repositories {
  observations: ObservationRepository;
  reference: ReferenceRepository;
}

/** What every resolver receives: repositories, and loaders made fresh for this request. */
export interface Context {
  repos: Repositories;
  loaders: ObservationLoaders & ReferenceLoaders;
}

/** Builds the repositories over a DataSource (once, at start). */
export function createRepositories(ds: DataSource): Repositories {
  return { observations: new ObservationRepository(ds), reference: new ReferenceRepository(ds) };
}

/** Builds one request's context: new DataLoaders, so no cache outlives the request. */
export function createContext(repos: Repositories): Context {
  return { repos, loaders: { ...createObservationLoaders(repos.observations), ...createReferenceLoaders(repos.reference) } };
}
