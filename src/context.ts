import type { DataSource } from 'typeorm';
import { ObservationRepository } from './observations/observation.repository';
import { createObservationLoaders, ObservationLoaders } from './observations/observation.loaders';
import { ReferenceRepository } from './subjects/subject.repository';
import { createReferenceLoaders, ReferenceLoaders } from './subjects/reference.loaders';
import { TotalsRepository } from './totals/totals.repository';
import { createTotalsLoaders, TotalsLoaders } from './totals/totals.loaders';
import { ObservationImporter } from './import/import.service';
import { ApiKeyRepository } from './auth/api-key.repository';
import type { Caller } from './auth/authenticator';
import type { ReferenceChangeFeed } from './db/change-feed';
import { UnauthenticatedError } from './errors';

/** The repositories, shared by all requests (they hold the DataSource, and the reference repository its in-memory port table when a change feed is given). */
export interface Repositories {
  observations: ObservationRepository;
  reference: ReferenceRepository;
  totals: TotalsRepository;
  /** The write path of the import command, shared by the importObservations mutation. */
  importer: ObservationImporter;
  apiKeys: ApiKeyRepository;
}

/** What the HTTP layer knows of a request: its id, and how to authenticate its caller (lazily: reads never do). */
export interface RequestInfo {
  requestId: string;
  /** Authenticates the bearer token of the request (memoised). @throws UnauthenticatedError */
  caller(): Promise<Caller>;
  /** Called once the operation has been logged (so the HTTP layer does not log it again). */
  onLogged?(): void;
}

/** Outside HTTP (in-process tests): no request id, and nobody is authenticated. */
const NO_REQUEST: RequestInfo = {
  requestId: 'in-process',
  caller: () => Promise.reject(new UnauthenticatedError('send "Authorization: Bearer <API key or JWT>"')),
};

/** Options of {@link createRepositories}. */
export interface RepositoryOptions {
  /** Port totals read the yearly rollup (default true; config TOTALS_FROM_ROLLUP). */
  totalsFromRollup?: boolean;
  /** The feed of committed reference changes: with it, ports are served from memory while it is live (src/subjects/reference.cache.ts). */
  referenceChanges?: ReferenceChangeFeed | null;
}

/** What every resolver receives: repositories, and loaders made fresh for this request. */
export interface Context {
  repos: Repositories;
  loaders: ObservationLoaders & ReferenceLoaders & TotalsLoaders;
  /** The request's id (logs, errors) and caller. */
  request: RequestInfo;
}

/** Builds the repositories over a DataSource (once, at start). */
export function createRepositories(ds: DataSource, options: RepositoryOptions = {}): Repositories {
  return {
    observations: new ObservationRepository(ds),
    reference: new ReferenceRepository(ds, options.referenceChanges ?? null),
    totals: new TotalsRepository(ds, options.totalsFromRollup ?? true),
    importer: new ObservationImporter(ds),
    apiKeys: new ApiKeyRepository(ds),
  };
}

/** Every loader of a request. */
type Loaders = Context['loaders'];

/**
 * The class of one request's loaders over `repos`: each of its three groups (observations,
 * reference data, totals) is created on the first use of one of its loaders, so that an
 * operation that reads no figures builds no figure loaders (most build one group, and a request
 * that fails before execution builds none). Its getters are defined once per Repositories, from
 * the keys the groups' factories return.
 */
function loadersClass(repos: Repositories): new () => Loaders {
  const groups: (() => object)[] = [
    () => createObservationLoaders(repos.observations),
    () => createReferenceLoaders(repos.reference),
    () => createTotalsLoaders(repos.totals),
  ];
  class RequestLoaders {
    readonly made: (Record<string, unknown> | undefined)[] = [undefined, undefined, undefined];
  }
  groups.forEach((make, i) => {
    for (const key of Object.keys(make())) {
      Object.defineProperty(RequestLoaders.prototype, key, {
        enumerable: true,
        get(this: RequestLoaders) {
          return (this.made[i] ??= make() as Record<string, unknown>)[key];
        },
      });
    }
  });
  return RequestLoaders as unknown as new () => Loaders;
}

const loaderClasses = new WeakMap<Repositories, new () => Loaders>();

/** Builds one request's context: its own DataLoaders (made on first use), so no cache outlives the request. */
export function createContext(repos: Repositories, request: RequestInfo = NO_REQUEST): Context {
  let Loaders = loaderClasses.get(repos);
  if (!Loaders) loaderClasses.set(repos, (Loaders = loadersClass(repos)));
  return { repos, request, loaders: new Loaders() };
}
