/**
 * PostgreSQL stops while Landports runs (a cluster this test owns): requests fail fast with
 * UNAVAILABLE (HTTP 503) and readiness turns 503; when it returns, service resumes with no
 * restart. An import interrupted half-way (the connection dropped by a crash stop, or the
 * importing process killed) leaves the data as they were.
 * The 20,000 imported rows are SYNTHETIC (labelled so in their source), used only to make the
 * import last long enough to be interrupted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../src/db/data-source';
import { loadShippedData } from '../../src/import/reference.service';
import { importObservationsText } from '../../src/import/import.service';
import { request, startTestServer, TestServer } from '../support/http-server';
import { createOwnPostgres, OwnPostgres } from '../support/own-postgres';
import { ChildProcess, spawn } from 'node:child_process';

const DATA = path.resolve(__dirname, '../../data');
const HEADER = fs.readFileSync(path.join(DATA, 'xizang-trade-figures.tsv'), 'utf8').split('\n')[0];
const QUERY = { query: '{ figures(subject: "XZ", filter: { period: "2021-01..2021-09", measures: ["trade_value"], partners: ["ALL"], flow: TOTAL }) { value } }' };

let pg: OwnPostgres;
let ds: DataSource;
let srv: TestServer;

/** SYNTHETIC rows: one-day periods from 1900-01-01, values 0..n-1; a source that says they are synthetic. */
function syntheticTsv(n: number): string {
  const day = (i: number) => new Date(Date.UTC(1900, 0, 1) + i * 86400000).toISOString().slice(0, 10);
  const rows = Array.from({ length: n }, (_, i) => ['trade_value', 'XZ', 'ALL', 'total', day(i), day(i), String(i), 'CNY_MN', '', '',
    'Landports SYNTHETIC test data', 'synthetic rows for the interrupted-import test', '', '', 'synthetic'].join('\t'));
  return [HEADER, ...rows].join('\n') + '\n';
}

async function snapshot(d: DataSource): Promise<unknown> {
  const [r] = await d.query(`SELECT (SELECT count(*)::int FROM observation) AS o, (SELECT count(*)::int FROM import_batch) AS b,
    (SELECT count(*)::int FROM source) AS s, (SELECT count(*)::int FROM observation WHERE superseded_at IS NOT NULL) AS sup`);
  return r;
}

/** Waits until another session of the database has written inside an open transaction. */
async function waitForOpenWrite(d: DataSource): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const rows = await d.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`);
    if (rows.length) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the import never opened its transaction');
}

beforeAll(async () => {
  pg = await createOwnPostgres();
  ds = createDataSource(pg.url, 4, undefined, { connectMs: 1000 });
  await ds.initialize();
  await migrate(ds);
  await loadShippedData(ds, DATA);
  srv = await startTestServer(ds);
}, 120000);
afterAll(async () => {
  await srv?.stop();
  await ds?.destroy().catch(() => undefined);
  await pg?.destroy();
});

test('PostgreSQL stops: fast UNAVAILABLE (503), readiness 503; it returns: service resumes without restart', async () => {
  expect((await srv.post(QUERY)).body).toEqual({ data: { figures: [{ value: '2614' }] } });
  await pg.stop('fast');
  const t0 = Date.now();
  const r = await srv.post(QUERY);
  expect(Date.now() - t0).toBeLessThan(2500);
  expect(r.status).toBe(503);
  expect(r.headers['retry-after']).toBe('5');
  expect(r.body.errors[0]).toMatchObject({ message: 'the database is unavailable; retry later', extensions: { code: 'UNAVAILABLE' } });
  expect(JSON.stringify(r.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5543|5544|5545|5546|5547|5548|5549/);
  expect(await request(`${srv.base}/health/ready`, 'GET')).toMatchObject({ status: 503, body: { status: 'unavailable' } });
  expect((await request(`${srv.base}/health/live`, 'GET')).status).toBe(200);
  await pg.start();
  let back = await srv.post(QUERY);
  for (let i = 0; i < 20 && back.status !== 200; i++) back = await srv.post(QUERY);
  expect(back.body).toEqual({ data: { figures: [{ value: '2614' }] } });
  expect((await request(`${srv.base}/health/ready`, 'GET')).status).toBe(200);
  expect(srv.logs.lines.some((l) => l.msg === 'database unavailable')).toBe(true);
});

test('an import whose connection drops half-way (crash stop of PostgreSQL) leaves the data as they were', async () => {
  const before = await snapshot(ds);
  const watcher = createDataSource(pg.url, 1);
  await watcher.initialize();
  const importing = importObservationsText(ds, syntheticTsv(20000), 'synthetic.tsv', 'test').then(() => 'finished', (e: Error) => `failed: ${e.message}`);
  await waitForOpenWrite(watcher);
  await pg.stop('immediate');
  expect(await importing).toMatch(/^failed/);
  await watcher.destroy().catch(() => undefined);
  await pg.start();
  let after: unknown;
  for (let i = 0; i < 20; i++) {
    try { after = await snapshot(ds); break; } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  expect(after).toEqual(before);
});

test('an import whose process is killed half-way leaves the data as they were', async () => {
  const before = await snapshot(ds);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'landports-import-')), 'synthetic.tsv');
  fs.writeFileSync(file, syntheticTsv(20000));
  const child: ChildProcess = spawn(process.execPath, ['-r', path.resolve(__dirname, '../support/swc-register.js'), path.resolve(__dirname, '../../src/import/cli.ts'), file], {
    env: { ...process.env, DATABASE_URL: pg.url }, stdio: 'ignore',
  });
  const exited = new Promise((r) => child.once('exit', (_code, signal) => r(signal)));
  await waitForOpenWrite(ds);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  // PostgreSQL rolls the transaction back when it sees the connection gone.
  await new Promise((r) => setTimeout(r, 500));
  expect(await snapshot(ds)).toEqual(before);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

