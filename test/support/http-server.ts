/**
 * Starts the real HTTP server (src/server.ts) over a test DataSource, on a loopback port of
 * the range 4600-4699, with its JSON log lines collected for assertions.
 */
import http from 'node:http';
import net from 'node:net';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { buildLandportsSchema } from '../../src/schema';
import { createRepositories } from '../../src/context';
import { RunningServer, startServer } from '../../src/server';
import { sqlCounterOf } from '../../src/db/data-source';

/** The loopback ports tests may listen on. */
export const TEST_PORTS = { first: 4600, last: 4699 };

/** Whether a TCP port on 127.0.0.1 is free to listen on. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A free loopback port of the tests' range, at or after `from`. */
export async function freePort(from = TEST_PORTS.first): Promise<number> {
  for (let p = from; p <= TEST_PORTS.last; p++) if (await portIsFree(p)) return p;
  throw new Error(`no free port in ${TEST_PORTS.first}-${TEST_PORTS.last}`);
}

/** JSON log lines collected from a logger. */
export class LogLines {
  readonly lines: Array<Record<string, any>> = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _enc, cb) => {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) this.lines.push(JSON.parse(l));
      cb();
    },
  });
  /** The raw text of every line, for "never logged" assertions. */
  text(): string {
    return this.lines.map((l) => JSON.stringify(l)).join('\n');
  }
}

/** An HTTP answer: status, headers (lower-case names) and the body, parsed when it is JSON. */
export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/**
 * One HTTP request with node:http (fetch/undici gives up when a server answers 413 before
 * reading the whole body, as it should; node:http reads the answer).
 */
export function request(url: string, method: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: any = text;
        try { parsed = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A started test server. */
export interface TestServer {
  server: RunningServer;
  url: string;
  base: string;
  logs: LogLines;
  /** SQL statements sent by the server's DataSource since the last call. */
  sql(): number;
  post(body: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
  stop(): Promise<void>;
}

/** Starts the server over `ds` with the given environment (read through loadConfig, as in production). */
export async function startTestServer(ds: DataSource, env: Record<string, string> = {}): Promise<TestServer> {
  const port = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), ...env });
  const logs = new LogLines();
  const logger = createLogger('info', logs.stream);
  const server = await startServer(await buildLandportsSchema(), ds, createRepositories(ds), config, logger);
  const url = `http://127.0.0.1:${port}/graphql`;
  const counter = sqlCounterOf(ds);
  counter.reset();
  return {
    server, url, base: `http://127.0.0.1:${port}`, logs,
    sql: () => counter.reset(),
    post: (body, headers = {}) => request(url, 'POST', typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/json', ...headers }),
    stop: () => server.stop(),
  };
}

/** Runs `fn` against a server started with `env`, and stops the server whatever happens. */
export async function withTestServer<T>(ds: DataSource, env: Record<string, string>, fn: (s: TestServer) => Promise<T>): Promise<T> {
  const s = await startTestServer(ds, env);
  try {
    return await fn(s);
  } finally {
    await s.stop();
  }
}
