/**
 * Support for the dashboard's browser tests: the built dashboard (rebuilt when its sources are
 * newer), a gateway on a port of the range 4810-4829 over a database seeded with the shipped real
 * data (globalSetup's TEST_ENV.dashboardUrl), and Debian's Chromium
 * driven by playwright-core.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { print, type DocumentNode } from 'graphql';
import { chromium, type Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { buildLandportsSchema } from '../../src/schema';
import { createRepositories } from '../../src/context';
import { startServer, type RunningServer } from '../../src/server';
import { TEST_ENV, TEST_POOL_SIZE } from '../support/env';
import { createDataSource } from '../../src/db/data-source';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const WEB = path.join(ROOT, 'web');
const DIST_INDEX = path.join(WEB, 'dist', 'index.html');

/** Chromium from Debian's package (.ci/run installs it); LANDPORTS_CHROMIUM overrides the path. */
export const CHROMIUM = process.env.LANDPORTS_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** Builds web/dist unless it is newer than every source of the dashboard. */
export function ensureDashboardBuilt(): void {
  const sources = [path.join(WEB, 'src'), path.join(WEB, 'index.html'), path.join(WEB, 'vite.config.ts'), path.join(WEB, 'package.json')];
  const built = fs.existsSync(DIST_INDEX) ? fs.statSync(DIST_INDEX).mtimeMs : 0;
  if (built > Math.max(...sources.map(newestMtime))) return;
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', 'web', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The first free port of 4810-4829. */
async function freePort(): Promise<number> {
  for (let p = 4810; p < 4830; p++) if (await portIsFree(p)) return p;
  throw new Error('no free port in 4810-4829 for the dashboard tests');
}

/** A gateway serving the dashboard and the API over the test database, and a headless Chromium. */
export interface Harness {
  base: string;
  browser: Browser;
  /** Posts an operation to /graphql (as the dashboard does) and returns its data. */
  api<T>(doc: DocumentNode, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

/** Starts the harness (call in beforeAll). */
export async function startHarness(): Promise<Harness> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (as .ci/run does) or set LANDPORTS_CHROMIUM`);
  }
  ensureDashboardBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // globalSetup's database for these tests (see TEST_ENV.dashboardUrl), seeded with the shipped data.
  const ds: DataSource = createDataSource(process.env[TEST_ENV.dashboardUrl] as string, TEST_POOL_SIZE);
  await ds.initialize();
  const port = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent' });
  const server: RunningServer = await startServer(await buildLandportsSchema(), ds, createRepositories(ds), config, createLogger('silent'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    browser,
    async api<T>(doc: DocumentNode, variables: Record<string, unknown> = {}): Promise<T> {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(doc), variables }),
      });
      const body = (await res.json()) as { data?: T; errors?: unknown };
      if (body.errors || !body.data) throw new Error(`API error: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    async close() {
      await browser.close();
      await server.stop();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      await ds.destroy();
    },
  };
}
