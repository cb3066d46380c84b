/**
 * Request ids, structured logs and metrics of every request.
 * - {@link requestIdMiddleware}: gives each HTTP request an id (a sane incoming `x-request-id`, or
 *   a new UUID), echoes it in the `x-request-id` response header, counts the response and logs
 *   responses that never reached Apollo (refused by the guards).
 * - {@link observabilityPlugin}: logs one JSON line per GraphQL operation (request id, operation
 *   name, duration, outcome, error codes, HTTP status; never the body, variables or tokens), logs
 *   unexpected errors in full under the request id (the client sees a masked error carrying the
 *   same `requestId`), answers 503 when the database is unavailable and nothing could be answered,
 *   and feeds the metrics.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { ErrorCode, publicErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';

const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** What the middleware and the plugin share about one response. */
interface Locals {
  requestId: string;
  graphqlLogged?: boolean;
}

const localsOf = new WeakMap<ServerResponse, Locals>();

/** The request id {@link requestIdMiddleware} assigned to this response (undefined before it ran). */
export function requestIdOf(res: ServerResponse): string | undefined {
  return localsOf.get(res)?.requestId;
}

/** The first value of a request header (node gives an array for a repeated one), or undefined. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Assigns the request id and, when the response is sent, counts it (and logs it when Apollo did not). */
export function requestIdMiddleware(logger: Logger, metrics: Metrics) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const incoming = headerOf(req, 'x-request-id');
    const id = incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
    const locals: Locals = { requestId: id };
    localsOf.set(res, locals);
    res.setHeader('x-request-id', id);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      metrics.observeHttp(res.statusCode);
      if (!locals.graphqlLogged) {
        const durationMs = Number(process.hrtime.bigint() - start) / 1e6;
        // No operation ran: a refusal (bad body, too large, CSRF, ...) or the Sandbox landing page a browser GETs.
        const msg = res.statusCode >= 400 ? 'refused before GraphQL' : 'answered without a GraphQL operation (landing page)';
        logger.info({ reqId: id, method: req.method, status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 }, msg);
      }
    });
    next();
  };
}

/** Marks the response as logged by the plugin, so that the middleware does not log it again. */
export function markLogged(res: ServerResponse): void {
  const locals = localsOf.get(res);
  if (locals) locals.graphqlLogged = true;
}

/** The Apollo plugin described above. `markResponse` links to the Express response (may be absent in-process). */
export function observabilityPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const start = process.hrtime.bigint();
      const reqId = contextValue.request.requestId;
      const codes: string[] = [];
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const e of errors) {
            const code = publicErrorCode(e);
            codes.push(code);
            if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
              logger.error({ reqId, operationName, err: (e as { originalError?: unknown }).originalError ?? e, path: e.path }, 'unexpected error (masked for the client)');
            } else if (code === ErrorCode.UNAVAILABLE) {
              logger.warn({ reqId, operationName, reason: ((e as { originalError?: Error }).originalError ?? e).message }, 'database unavailable');
            }
          }
        },
        async willSendResponse({ response, operationName }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          if (body?.errors) {
            body.errors = body.errors.map((e) => {
              const code = e.extensions?.code;
              return code === ErrorCode.INTERNAL_SERVER_ERROR || code === ErrorCode.UNAVAILABLE ? { ...e, extensions: { ...e.extensions, requestId: reqId } } : e;
            });
            const nothingAnswered = body.data == null || Object.values(body.data).every((v) => v === null);
            if (nothingAnswered && body.errors.some((e) => e.extensions?.code === ErrorCode.UNAVAILABLE)) {
              response.http.status = 503;
              response.http.headers.set('retry-after', '5');
            }
          }
          const seconds = Number(process.hrtime.bigint() - start) / 1e9;
          const outcome = codes[0] ?? 'ok';
          metrics.observeOperation(operationName, outcome, seconds);
          contextValue.request.onLogged?.();
          logger.info({
            reqId, operationName: operationName ?? null, durationMs: Math.round(seconds * 1e4) / 10, outcome,
            errorCodes: codes.length ? [...new Set(codes)] : undefined, status: response.http.status ?? 200,
          }, 'graphql');
        },
      };
    },
  };
}
