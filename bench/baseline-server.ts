/**
 * The benchmark's practical limit: a plain node:http server with a pg pool that answers each
 * benchmark operation with ONE SQL statement (bench/operations.ts) and JSON.stringify, no
 * GraphQL. `node dist/bench/baseline-server.js` with DATABASE_URL, DB_POOL_SIZE and PORT set.
 * By default each statement is sent unnamed (PostgreSQL plans it at every request); with
 * BASELINE_PREPARED=1 it is prepared once per connection and its generic plan reused, as the
 * gateway's are (src/db/sql.ts, src/db/data-source.ts CONNECTION_OPTIONS).
 */
import http from 'node:http';
import { Pool, types } from 'pg';
import { loadConfig } from '../src/config';
import { CONNECTION_OPTIONS } from '../src/db/data-source';
import { baselineQuery } from './operations';

types.setTypeParser(1082, (v: string) => v);

function main(): void {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  const prepared = process.env.BASELINE_PREPARED === '1';
  const pool = new Pool({ connectionString: config.databaseUrl, max: config.dbPoolSize, ...(prepared ? { options: CONNECTION_OPTIONS } : {}) });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const name = url.pathname.slice(1).toUpperCase();
    let q;
    try {
      q = baselineQuery(name, url.searchParams.get('after'));
    } catch {
      res.writeHead(404).end();
      return;
    }
    pool.query(prepared ? { name: `baseline_${name}`, text: q.sql, values: q.params } : { text: q.sql, values: q.params }).then(
      (r) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: q.shape(r.rows) }));
      },
      (err: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.message }));
      },
    );
  });
  server.listen(config.port, '127.0.0.1', () => console.log(`baseline listening on ${config.port}`));
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
