/**
 * The /graphql route, served on node:http through `router` (the Express project's standalone
 * router) with the same connect-style middlewares Express would run, but without Express's
 * per-request work (it re-prototypes every request and response): measured on the benchmark
 * machine, `{ __typename }` cost 0.24 ms of gateway CPU per request through Express and 0.11 ms
 * this way, where benchmark Q1 costs about 0.6 ms in all. The composition is the one of Apollo Server's own
 * `startStandaloneServer` (cors, body-parser, `executeHTTPGraphQLRequest`), plus Landports' guards.
 * Every other path (dashboard, health, metrics) falls through to the Express app.
 *
 * Order on /graphql: request id, CORS (preflights end here), JSON body (limit, well-formed UTF-8),
 * the batch and document-size guard, then Apollo. A body refused by the parser answers a
 * GraphQL-shaped 4xx (src/http/limits.ts); anything else that fails outside Apollo is logged under
 * the request id and answered as a masked 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import Router from 'router';
import fresh from 'fresh';
import { ApolloServer, BaseContext, HeaderMap } from '@apollo/server';
import type { Limits } from '../config';
import type { Logger } from '../logger';
import { bodyErrorHandler, errorBody, ParsedRequest, refuseMalformedUtf8, requestGuard, searchOf, sendJson } from './limits';
import { requestIdOf } from './request-log';

/** A connect-style middleware on node's own request and response. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** What the /graphql route is built from. */
export interface GraphqlRouteOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** The context of one operation, from the node request and response. */
  context: (req: IncomingMessage, res: ServerResponse) => Promise<C>;
  limits: Limits;
  logger: Logger;
  /** Run first, in order (request id, CORS). */
  before: Middleware[];
}

/**
 * Ends a response with a complete text body as Express's `res.send` did: the content type gets
 * `charset=utf-8` when it names none, Content-Length is always set (HTTP/1.0 and HEAD included,
 * so an HTTP/1.0 keep-alive connection stays usable), and a GET or HEAD whose `If-None-Match` or
 * `If-Modified-Since` the answer satisfies (`fresh`, the package Express uses; without ETags only
 * `If-None-Match: *` can) gets 304 without a body. A HEAD gets the headers only.
 */
function sendText(req: IncomingMessage, res: ServerResponse, method: string, text: string): void {
  const type = res.getHeader('content-type');
  if (typeof type === 'string' && !/;\s*charset=/i.test(type)) res.setHeader('content-type', `${type}; charset=utf-8`);
  res.setHeader('content-length', Buffer.byteLength(text, 'utf8'));
  const ok = res.statusCode >= 200 && res.statusCode < 300;
  if ((method === 'GET' || method === 'HEAD') && ok && fresh(req.headers, { etag: res.getHeader('etag'), 'last-modified': res.getHeader('last-modified') })) {
    res.statusCode = 304;
    res.removeHeader('content-type');
    res.removeHeader('content-length');
    res.end();
    return;
  }
  res.end(method === 'HEAD' ? undefined : text);
}

/**
 * Hands a request to Apollo as @as-integrations/express5 would (headers, method, query string,
 * parsed body) and writes Apollo's answer as Express's `res.send` did ({@link sendText}).
 */
function apolloHandler<C extends BaseContext>(apollo: ApolloServer<C>, context: (req: IncomingMessage, res: ServerResponse) => Promise<C>) {
  return (req: ParsedRequest, res: ServerResponse, next: (err?: unknown) => void): void => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    apollo
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search: searchOf(req.url), body: req.body },
        context: () => context(req, res),
      })
      .then(async (answer) => {
        for (const [key, value] of answer.headers) res.setHeader(key, value);
        res.statusCode = answer.status ?? 200;
        if (answer.body.kind === 'complete') {
          sendText(req, res, method, answer.body.string);
          return;
        }
        for await (const chunk of answer.body.asyncIterator) res.write(chunk);
        res.end();
      })
      .catch(next);
  };
}

/**
 * Builds the request handler of the HTTP server: /graphql (any method, any case, with or without
 * a trailing path, as Express's `app.use('/graphql')` matched it) through the middlewares above,
 * everything else to `fallback` (the Express app).
 */
export function graphqlRoute<C extends BaseContext>(options: GraphqlRouteOptions<C>, fallback: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  const router = new Router();
  const chain = [
    ...options.before,
    express.json({ limit: options.limits.maxBodyBytes, verify: refuseMalformedUtf8 }),
    requestGuard(options.limits),
    apolloHandler(options.apollo, options.context),
  ] as Router.RequestHandler[];
  router.use('/graphql', chain);
  router.use('/graphql', bodyErrorHandler(options.limits) as Router.ErrorRequestHandler);
  // Last resort: log under the request id and answer a masked 500 (never a stack).
  const unexpected = (err: unknown, res: ServerResponse): void => {
    const reqId = requestIdOf(res);
    options.logger.error({ reqId, err }, 'unexpected error outside GraphQL');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, 500, errorBody('Internal server error', 'INTERNAL_SERVER_ERROR', reqId ? { requestId: reqId } : {}));
  };
  // Four parameters: router takes a handler for an error handler only by its arity.
  router.use('/graphql', ((err: unknown, _req: IncomingMessage, res: ServerResponse, _next: (err?: unknown) => void) => unexpected(err, res)) as Router.ErrorRequestHandler);
  return (req, res) => {
    router(req as Router.Request, res, (err?: unknown) => (err ? unexpected(err, res) : fallback(req, res)));
  };
}
