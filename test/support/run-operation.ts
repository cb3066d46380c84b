import type { ApolloServer } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { buildLandportsSubgraph } from '../../src/schema';
import { createApollo } from '../../src/server';
import { Context, createContext, createRepositories, Repositories, RepositoryOptions } from '../../src/context';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { sqlCounterOf } from '../../src/db/data-source';
import { Metrics } from '../../src/http/metrics';

/** The answer of an in-process operation, and the number of SQL statements it issued. */
export interface OperationResult {
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  /** The HTTP status Apollo chose (200 unless an error asked for another). */
  httpStatus: number;
  sqlStatements: number;
  /** The statements with their parameters, when run with `record`. */
  statements: { sql: string; parameters: unknown[] | undefined }[];
}

/** An Apollo Server (not listening) over a DataSource, for running operations in-process. */
export class OperationRunner {
  private constructor(
    private readonly apollo: ApolloServer<Context>, private readonly repos: Repositories, private readonly ds: DataSource,
    private readonly metrics: Metrics,
  ) {}

  /** How many operations graphql-jit (compiled) and graphql-js (interpreted) have run so far. */
  async executions(): Promise<{ compiled: number; interpreted: number }> {
    const metric = this.metrics.registry.getSingleMetric('landports_graphql_executions_total');
    const values = metric ? (await metric.get()).values : [];
    const of = (executor: string) => values.find((v) => v.labels.executor === executor)?.value ?? 0;
    return { compiled: of('compiled'), interpreted: of('interpreted') };
  }

  /** The repositories the operations run over. */
  get repositories(): Repositories {
    return this.repos;
  }

  static async create(ds: DataSource, options: RepositoryOptions = {}): Promise<OperationRunner> {
    const config = loadConfig({ NODE_ENV: 'test' });
    const metrics = new Metrics(null);
    const apollo = createApollo(await buildLandportsSubgraph(), config, createLogger('silent'), { metrics });
    await apollo.start();
    return new OperationRunner(apollo, createRepositories(ds, options), ds, metrics);
  }

  /** Runs one operation with a fresh context, counting the SQL statements it sent (and with `record`, keeping them). */
  async run(query: string | undefined, variables?: Record<string, unknown>, record = false, extensions?: Record<string, unknown>): Promise<OperationResult> {
    const counter = sqlCounterOf(this.ds);
    counter.reset();
    counter.recording = record;
    const res = await this.apollo.executeOperation({ query, variables, extensions }, { contextValue: createContext(this.repos) });
    const statements = counter.recorded.map((sql, i) => ({ sql, parameters: counter.recordedParameters[i] }));
    counter.recording = false;
    const sqlStatements = counter.reset();
    if (res.body.kind !== 'single') throw new Error('incremental delivery is not used');
    return { body: JSON.parse(JSON.stringify(res.body.singleResult)), httpStatus: res.http.status ?? 200, sqlStatements, statements };
  }

  async stop(): Promise<void> {
    await this.apollo.stop();
  }
}

/**
 * Opens the test database and an in-process runner in beforeAll and closes both in afterAll.
 * @returns a function giving the runner (valid inside tests).
 */
export function useOperationRunner(): () => OperationRunner {
  let ds: DataSource;
  let runner: OperationRunner;
  beforeAll(async () => {
    const { openTestDatabase } = await import('./database');
    ds = await openTestDatabase();
    runner = await OperationRunner.create(ds);
  });
  afterAll(async () => {
    await runner?.stop();
    await ds?.destroy();
  });
  return () => runner;
}
