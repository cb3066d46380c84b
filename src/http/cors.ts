/**
 * The CORS policy of /graphql: browsers may call it from Apollo Studio's Sandbox and from the
 * front-end origins listed in CORS_ORIGINS (src/config.ts); any other origin gets no
 * Access-Control-Allow-Origin, so the browser refuses the answer. Requests without an Origin
 * (servers, curl, the same-origin landing page) are not affected. CSRF prevention stays on in
 * Apollo Server: a cross-origin POST must be JSON or carry a preflight-forcing header.
 */
import cors from 'cors';
import type { Middleware } from './graphql-route';
import type { Config } from '../config';

/** Apollo Studio, which hosts the Sandbox and Explorer. */
export const STUDIO_ORIGIN = 'https://studio.apollographql.com';

/** The origins CORS admits: Studio, then the configured front ends. */
export function allowedOrigins(config: Pick<Config, 'corsOrigins'>): string[] {
  return [...new Set([STUDIO_ORIGIN, ...config.corsOrigins])];
}

/**
 * The CORS middleware: admitted origins are echoed in Access-Control-Allow-Origin (with
 * `Vary: Origin`); a preflight answers 204 with the methods GET and POST and the requested
 * headers, cached for 10 minutes.
 */
export function corsMiddleware(config: Pick<Config, 'corsOrigins'>): Middleware {
  const allowed = new Set(allowedOrigins(config));
  return cors<cors.CorsRequest>({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin.toLowerCase())),
    methods: ['GET', 'POST'],
    maxAge: 600,
  });
}
