import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { Context, createContext, Repositories } from './context';
import { maskError } from './errors';
import { corsMiddleware } from './http/cors';
import type { Logger } from './logger';
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

/** Builds the Apollo Server (not started) with masking, drain and landing page. */
export function createApollo(schema: GraphQLSchema, config: Config, logger: Logger, httpServer?: http.Server): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, original) => maskError(formatted, original, (err) => logger.error({ err }, 'unexpected error')),
    plugins: [
      ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []),
      config.nodeEnv === 'production'
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false, document: FIRST_EXAMPLE }),
    ],
  });
}

/** A running HTTP server: the dashboard at /, GraphQL at /graphql, liveness at /health/live, readiness at /health/ready. */
export interface RunningServer {
  url: string;
  apollo: ApolloServer<Context>;
  httpServer: http.Server;
  stop(): Promise<void>;
}

/**
 * Starts the HTTP server on config.host:config.port (port 0: any free port).
 * Readiness runs `SELECT 1` on the pool and answers 503 when it fails.
 */
export async function startServer(schema: GraphQLSchema, ds: DataSource, repos: Repositories, config: Config, logger: Logger): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = createApollo(schema, config, logger, httpServer);
  await apollo.start();
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    try {
      await ds.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.use(
    '/graphql',
    corsMiddleware(config),
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, { context: async () => createContext(repos) }),
  );
  mountDashboard(app, config.dashboardDir, logger);
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const address = httpServer.address() as { port: number };
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${address.port}/graphql`,
    apollo,
    httpServer,
    async stop() {
      await apollo.stop();
    },
  };
}
