import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { Context, createContext, Repositories } from './context';
import { maskError } from './errors';
import type { Logger } from './logger';
import { Authenticator, Caller } from './auth/authenticator';
import { noNulInStringLiterals, noNulInVariablesPlugin } from './http/nul-guard';
import { costLimitPlugin, errorBody, limitValidationRules } from './http/limits';
import { notAcceptablePlugin } from './http/accept';
import { knownOperationTypesRule } from './http/operation-types';
import { Metrics } from './http/metrics';
import { headerOf, markLogged, observabilityPlugin, requestIdMiddleware, requestIdOf } from './http/request-log';
import { graphqlRoute } from './http/graphql-route';
import { jitExecutor } from './http/jit-executor';
import { APQ_TTL_SECONDS, cachePolicyPlugin, RedisCache } from './http/cache';
import { Lifecycle, mountHealthAndMetrics } from './http/health';
import { corsMiddleware } from './http/cors';
import { mountDashboard } from './http/dashboard';

/** The first example operation of the README; the Sandbox opens with it. */
export const FIRST_EXAMPLE = `query FourLandPortsJanNov2023 {
  subject(code: "GROUP-XZ-4-LAND-PORTS") {
    name
    figures(filter: { period: "2023-01..2023-11" }) {
      measureCode
      value
      unit
      reportedYoyGrowthPct
      impliedPriorValue
      source { publisher publishedOn }
    }
  }
}`;

/** What createApollo may be given besides the schema: the HTTP server to drain, metrics, and the APQ cache. */
export interface ApolloExtras {
  httpServer?: http.Server;
  metrics?: Metrics;
  /** The APQ cache (Redis); default Apollo's in-memory LRU cache. */
  cache?: KeyValueCache<string>;
}

/**
 * Builds the Apollo Server (not started): content negotiation before execution, abuse limits,
 * masking, logs and metrics, APQ, cache-control hints, CSRF prevention, drain and landing page.
 */
export function createApollo(schema: GraphQLSchema, config: Config, logger: Logger, extras: ApolloExtras = {}): ApolloServer<Context> {
  const metrics = extras.metrics ?? new Metrics(null);
  return new ApolloServer<Context>({
    // graphql-jit runs operations seen before; graphql-js the rest (src/http/jit-executor.ts).
    gateway: jitExecutor(schema, (executor) => metrics.observeExecution(executor)),
    logger,
    csrfPrevention: true,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: config.limits.maxBatchSize > 1,
    validationRules: [...limitValidationRules(config.limits), noNulInStringLiterals, knownOperationTypesRule],
    persistedQueries: { ttl: APQ_TTL_SECONDS },
    ...(extras.cache ? { cache: extras.cache } : {}),
    // main.ts owns SIGTERM/SIGINT: stop the server, then close the pool, then exit.
    stopOnTerminationSignals: false,
    // Unexpected errors are logged by the observability plugin, with the request id.
    formatError: (formatted, original) => maskError(formatted, original, () => undefined),
    plugins: [
      notAcceptablePlugin(),
      noNulInVariablesPlugin(),
      costLimitPlugin(config.limits),
      observabilityPlugin(logger, metrics),
      cachePolicyPlugin(config.cacheMaxAgeSeconds),
      ApolloServerPluginCacheControlDisabled(),
      ...(extras.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: extras.httpServer, stopGracePeriodMillis: config.shutdownGraceMs })] : []),
      config.nodeEnv === 'production'
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false, document: FIRST_EXAMPLE }),
    ],
  });
}

/** A running HTTP server: the dashboard at /, GraphQL at /graphql, liveness at /health/live, readiness at /health/ready, metrics at /metrics. */
export interface RunningServer {
  url: string;
  apollo: ApolloServer<Context>;
  httpServer: http.Server;
  metrics: Metrics;
  /** Stops accepting (readiness turns 503, the port closes), waits for requests in flight, closes Redis. Leaves the pool open. */
  stop(): Promise<void>;
}

/**
 * Starts the HTTP server on config.host:config.port (port 0: any free port).
 * @throws Error `cannot listen on HOST:PORT: the port is in use` when another process holds the port (nothing is left running).
 */
export async function startServer(schema: GraphQLSchema, ds: DataSource, repos: Repositories, config: Config, logger: Logger): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on GraphQL answers (Express would hash every body): their freshness is Cache-Control's
  // max-age (src/http/cache.ts). The dashboard's static files keep serve-static's own ETags.
  app.set('etag', false);
  const httpServer = http.createServer();
  const metrics = new Metrics(ds, repos.reference.portCacheServing() === null ? null : () => repos.reference.portCacheServing() === true);
  const cache = config.redisUrl ? new RedisCache(config.redisUrl, config.redisKeyPrefix, logger) : undefined;
  const apollo = createApollo(schema, config, logger, { httpServer, metrics, cache });
  const authenticator = new Authenticator(repos.apiKeys, config.auth);
  const lifecycle: Lifecycle = { accepting: true };
  await apollo.start();
  mountHealthAndMetrics(app, ds, metrics, lifecycle);
  httpServer.on(
    'request',
    graphqlRoute<Context>(
      {
        apollo,
        limits: config.limits,
        logger,
        before: [requestIdMiddleware(logger, metrics), corsMiddleware(config)],
        context: async (req, res) => {
          let caller: Promise<Caller> | undefined;
          return createContext(repos, {
            requestId: requestIdOf(res) as string,
            caller: () => (caller ??= authenticator.authenticate(headerOf(req, 'authorization'))),
            onLogged: () => markLogged(res),
          });
        },
      },
      app,
    ),
  );
  mountDashboard(app, config.dashboardDir, logger);
  // Last resort: never Express's HTML page with a stack. A client error raised by a middleware (a
  // missing or forbidden dashboard file from serve-static) keeps its 4xx; anything else is logged
  // and answered as a masked 500.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = (err as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).type('text/plain').send(`${http.STATUS_CODES[status] ?? 'Client error'}\n`);
      return;
    }
    logger.error({ err }, 'unexpected error outside GraphQL');
    res.status(500).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', (err: NodeJS.ErrnoException) => {
        reject(err.code === 'EADDRINUSE' ? new Error(`cannot listen on ${config.host}:${config.port}: the port is in use (set PORT to another)`) : err);
      });
      httpServer.listen(config.port, config.host, resolve);
    });
  } catch (err) {
    await apollo.stop();
    await cache?.close();
    throw err;
  }
  const address = httpServer.address() as { port: number };
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${address.port}/graphql`,
    apollo,
    httpServer,
    metrics,
    async stop() {
      lifecycle.accepting = false;
      await apollo.stop();
      await cache?.close();
    },
  };
}
