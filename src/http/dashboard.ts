/**
 * Serves the built dashboard (web/dist, built by `npm run build:web`, which `npm install` runs
 * through the `prepare` script) at `/`. Hashed assets under /assets are cached for a year; the
 * page itself is revalidated. When the folder holds no index.html, `/` answers 503 with how to
 * build it; the API at /graphql is not affected either way.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Logger } from '../logger';

/** Mounts the dashboard's static files from `dir` at `/` of `app`. Call after the /graphql route. */
export function mountDashboard(app: express.Express, dir: string, logger: Logger): void {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) {
    logger.warn({ dir }, 'dashboard not built: / answers 503 (run `npm run build:web`)');
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send(`The dashboard is not built: run \`npm run build:web\` (looked in ${dir}). The API is at /graphql.\n`);
    });
    return;
  }
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  app.use(express.static(dir, { index: 'index.html', maxAge: 0 }));
}
