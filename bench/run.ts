/**
 * `npm run bench [-- --rounds N --duration S --ops Q1,Q2,Q3,Q4 --import-rows N --import-rounds N --baseline-prepared --import-only]`: the benchmark against the
 * SYNTHETIC scale data (load it first with `npm run bench:data`) in DATABASE_URL.
 *  1. Starts the built gateway (dist/src/main.js) and the plain-SQL baseline
 *     (dist/bench/baseline-server.js) on BENCH_PORT and BENCH_PORT+1 (default 4700, 4701).
 *  2. Verifies that each operation's gateway answer equals the baseline's (else it stops: a wrong
 *     answer cannot score), and counts the SQL statements per request of each (in process, as
 *     the gateway serves: with the port table in memory, after one warm-up request).
 *  3. For concurrency 1 and 16 and each operation (those of --ops only, when given), runs autocannon rounds against the gateway
 *     and the baseline interleaved (the order alternating by round) and reports the medians,
 *     with the CPU each request cost the server, autocannon and the rest of the machine
 *     (PostgreSQL), read from /proc (bench/cpu.ts).
 *     The baseline sends its statements unnamed (planned at every request) unless
 *     --baseline-prepared, which prepares them and reuses their generic plans as the gateway does.
 *  4. Times a bulk import of about 1 M synthetic observations into a fresh database against a
 *     plain COPY of the same rows into a bare table of that database, in --import-rounds rounds
 *     (default 3, 0 to skip it; the order alternating by round), and reports the medians: of each side's
 *     seconds, of the per-round ratios, and of the seconds of each phase of the import
 *     (src/import/import.service.ts ImportPhase). With --import-only, only this step runs (it
 *     needs no scale data, only DATABASE_URL's server, on which it creates and drops its database).
 * Writes bench-results/bench-<time>.json and prints a table with machine, Node and PostgreSQL.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { isDeepStrictEqual } from 'node:util';
import { loadConfig } from '../src/config';
import { createDataSource, migrate, sqlCounterOf } from '../src/db/data-source';
import { buildLandportsSchema } from '../src/schema';
import { createApollo } from '../src/server';
import { createContext, createRepositories } from '../src/context';
import { createLogger } from '../src/logger';
import { loadReferenceData } from '../src/import/reference.service';
import { ReferenceChangeFeed } from '../src/db/change-feed';
import { baselineQuery, OPERATIONS } from './operations';
import { cpuPerRequest, CpuPerRequest, cpuSample } from './cpu';
import { importSynthetic, loadSyntheticReference, plainCopySeconds, SyntheticOptions, syntheticRowCount } from './synthetic';
import type { ImportPhase } from '../src/import/import.service';

const ROOT = path.resolve(__dirname, '../..');

interface Target {
  url: string;
  /** The server's process, whose CPU is accounted per request. */
  pid: number;
  request: (op: string, after?: string) => { path: string; method: 'GET' | 'POST'; body?: string; headers?: Record<string, string> };
}

function args() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rounds: { type: 'string', default: '3' }, duration: { type: 'string', default: '5' }, 'import-rows': { type: 'string', default: '1000000' },
      'import-rounds': { type: 'string', default: '3' }, 'baseline-prepared': { type: 'boolean', default: false },
      'import-only': { type: 'boolean', default: false }, ops: { type: 'string', default: OPERATIONS.map((o) => o.name).join(',') },
    },
  });
  const ops = values.ops.split(',').map((x) => x.trim().toUpperCase());
  const unknown = ops.filter((x) => !OPERATIONS.some((o) => o.name === x));
  if (unknown.length > 0) throw new Error(`--ops: unknown operation ${unknown.join(', ')} (the operations are ${OPERATIONS.map((o) => o.name).join(', ')})`);
  const importRounds = Number(values['import-rounds']);
  if (!Number.isInteger(importRounds) || importRounds < 0) throw new Error(`--import-rounds: a whole number of rounds, 0 to skip the import, got "${values['import-rounds']}"`);
  return {
    rounds: Number(values.rounds), duration: Number(values.duration), importRows: Number(values['import-rows']),
    importRounds, baselinePrepared: values['baseline-prepared'] === true,
    importOnly: values['import-only'] === true, ops,
  };
}

/** Throws when something already listens on 127.0.0.1:`port` (a stale server would answer in place of the one started). */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `port ${port} is in use: stop what listens there or set BENCH_PORT` : err.message)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function start(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** Peak resident set (VmHWM) of a process, in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function answer(target: Target, op: string, after?: string): Promise<unknown> {
  const r = target.request(op, after);
  const res = await fetch(target.url + r.path, { method: r.method, body: r.body, headers: r.headers });
  const json = (await res.json()) as { data?: unknown; errors?: unknown; error?: unknown };
  if (json.errors || json.error) throw new Error(`${op} failed: ${JSON.stringify(json.errors ?? json.error)}`);
  return json.data;
}

/** Removes edge cursors (the baseline does not build them; endCursor is compared). */
function withoutEdgeCursors(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (k, v) => (k === 'cursor' ? undefined : v)));
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU per request (ms) of the server, of autocannon, and of the rest of the machine (PostgreSQL); null off Linux. */
  cpu: CpuPerRequest | null;
}

function cannon(target: Target, op: string, after: string | undefined, connections: number, duration: number): Promise<Run> {
  const first = target.request(op);
  const requests = op === 'Q4' ? [first, target.request(op, after)] : [first];
  const before = cpuSample(target.pid);
  return new Promise((resolve, reject) => {
    autocannon(
      { url: target.url, connections, duration, requests: requests.map((r) => ({ ...r })) },
      (err, result) => {
        if (err) return reject(err);
        const cpu = cpuPerRequest(before, cpuSample(target.pid), result.requests.total);
        resolve({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx, cpu });
      },
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median CPU per request of some runs, field by field; null when any run has none. */
function medianCpu(runs: Run[]): CpuPerRequest | null {
  if (runs.some((r) => r.cpu === null)) return null;
  const of = (k: keyof CpuPerRequest) => median(runs.map((r) => (r.cpu as CpuPerRequest)[k]));
  return { serverMs: of('serverMs'), loadGeneratorMs: of('loadGeneratorMs'), restMs: of('restMs') };
}

async function statementsPerRequest(databaseUrl: string, after: string): Promise<Record<string, number>> {
  const ds = createDataSource(databaseUrl, 4);
  await ds.initialize();
  const apollo = createApollo(await buildLandportsSchema(), loadConfig({ NODE_ENV: 'production' }), createLogger('silent'));
  await apollo.start();
  // As the gateway serves: ports from memory while the feed of reference changes is live.
  const feed = new ReferenceChangeFeed(databaseUrl, createLogger('silent'));
  await feed.start();
  const repos = createRepositories(ds, { referenceChanges: feed });
  const out: Record<string, number> = {};
  try {
    for (const op of OPERATIONS) {
      const counter = sqlCounterOf(ds);
      await apollo.executeOperation({ query: op.graphql() }, { contextValue: createContext(repos) }); // warm (the port table is read once)
      counter.reset();
      await apollo.executeOperation({ query: op.graphql() }, { contextValue: createContext(repos) });
      out[op.name] = counter.reset();
      if (op.name === 'Q4') {
        await apollo.executeOperation({ query: op.graphql(after) }, { contextValue: createContext(repos) });
        out.Q4 = (out.Q4 + counter.reset()) / 2;
      }
    }
  } finally {
    await apollo.stop();
    await feed.stop();
    await ds.destroy();
  }
  return out;
}

/** One round of the import benchmark: its seconds, the plain COPY's, and the import's phases. */
interface ImportRound {
  importSeconds: number;
  copySeconds: number;
  ratio: number;
  phases: Partial<Record<ImportPhase, number>>;
}

/**
 * One round: in a fresh database, a bulk import of the synthetic rows (validated, through
 * importSynthetic) and a plain COPY of the same rows into a bare table, the COPY first when
 * `copyFirst`. The database is dropped afterwards.
 */
async function importRound(serverUrl: string, o: SyntheticOptions, copyFirst: boolean): Promise<ImportRound> {
  const name = `landports_import_bench_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const ds = createDataSource(u.toString(), 4);
  try {
    await ds.initialize();
    await migrate(ds);
    await loadReferenceData(ds, path.join(ROOT, 'data'));
    const partners = await loadSyntheticReference(ds, o);
    const n = syntheticRowCount(o);
    let copySeconds = 0;
    if (copyFirst) copySeconds = await plainCopySeconds(ds, u.toString(), o, partners);
    const phases: Partial<Record<ImportPhase, number>> = {};
    const t = process.hrtime.bigint();
    const r = await importSynthetic(ds, o, { onPhase: (p, sec) => (phases[p] = sec) });
    const importSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    if (r.inserted !== n) throw new Error(`import inserted ${r.inserted} of ${n}`);
    if (!copyFirst) copySeconds = await plainCopySeconds(ds, u.toString(), o, partners);
    return { importSeconds, copySeconds, ratio: copySeconds / importSeconds, phases };
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** The import benchmark: `rounds` rounds of {@link importRound}, the order alternating, and their medians. */
async function importBench(serverUrl: string, rows: number, rounds: number) {
  // 25 ports × 200 partners × 100 months × 2 flows (+ weight and trips) = 1 005 000 rows by default.
  const months = Math.max(1, Math.round(rows / (25 * 402)));
  const o: SyntheticOptions = { seed: 99, ports: 25, partners: 200, months, startYear: 2010, batchRows: 50000 };
  const n = syntheticRowCount(o);
  const all: ImportRound[] = [];
  for (let r = 0; r < rounds; r++) {
    all.push(await importRound(serverUrl, o, r % 2 === 1));
    const x = all[all.length - 1];
    console.log(`import round ${r + 1}: import ${x.importSeconds.toFixed(1)} s, plain COPY ${x.copySeconds.toFixed(1)} s, ratio ${x.ratio.toFixed(2)}`);
  }
  const importSeconds = median(all.map((x) => x.importSeconds));
  const copySeconds = median(all.map((x) => x.copySeconds));
  const phases: Partial<Record<ImportPhase, number>> = {};
  for (const p of Object.keys(all[0].phases) as ImportPhase[]) phases[p] = median(all.map((x) => x.phases[p] ?? 0));
  return {
    rows: n, importSeconds, importRowsPerSecond: n / importSeconds, copySeconds, copyRowsPerSecond: n / copySeconds,
    ratio: median(all.map((x) => x.ratio)), phases, rounds: all,
  };
}

/** The import benchmark's two printed lines: rates, times and ratio; the phases. */
function importLines(imp: Awaited<ReturnType<typeof importBench>>, rounds: number): string[] {
  return [
    `bulk import of ${imp.rows} rows (${rounds} rounds, medians): ${imp.importRowsPerSecond.toFixed(0)} rows/s (${imp.importSeconds.toFixed(1)} s); plain COPY into a bare table: ${imp.copyRowsPerSecond.toFixed(0)} rows/s (${imp.copySeconds.toFixed(1)} s); ratio ${imp.ratio.toFixed(2)} (per round: ${imp.rounds.map((x) => x.ratio.toFixed(2)).join(', ')})`,
    `import phases in s (medians): ${Object.entries(imp.phases).map(([p, sec]) => `${p} ${(sec as number).toFixed(1)}`).join(', ')}`,
  ];
}

async function main(): Promise<void> {
  const a = args();
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('npm run bench needs DATABASE_URL (load the data first with npm run bench:data)');
  if (a.importOnly) {
    if (a.importRounds === 0) throw new Error('--import-only with --import-rounds 0 would time nothing');
    const imp = await importBench(config.databaseUrl, a.importRows, a.importRounds);
    console.log('\n' + importLines(imp, a.importRounds).join('\n'));
    return;
  }
  const port = Number(process.env.BENCH_PORT ?? 4700);
  const env = { DATABASE_URL: config.databaseUrl, DB_POOL_SIZE: String(config.dbPoolSize), LOG_LEVEL: 'warn', NODE_ENV: 'production', MIGRATE_ON_START: 'false', SEED_ON_START: 'false' };
  await assertPortFree(port);
  await assertPortFree(port + 1);
  const gateway = start('dist/src/main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const baseline = start('dist/bench/baseline-server.js', { ...env, PORT: String(port + 1), BASELINE_PREPARED: a.baselinePrepared ? '1' : '0' });
  const children = [gateway, baseline];
  try {
    const gw: Target = {
      url: `http://127.0.0.1:${port}`,
      pid: gateway.pid!,
      request: (op, after) => ({
        path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: OPERATIONS.find((o) => o.name === op)!.graphql(after) }),
      }),
    };
    const base: Target = {
      url: `http://127.0.0.1:${port + 1}`,
      pid: baseline.pid!,
      request: (op, after) => ({ path: `/${op.toLowerCase()}${after ? `?after=${after}` : ''}`, method: 'GET' }),
    };
    await waitFor(`${gw.url}/health/ready`);
    await waitFor(`${base.url}/q1`);
    const pg = new Client({ connectionString: config.databaseUrl });
    await pg.connect();
    const [{ server_version: pgVersion }] = (await pg.query('SHOW server_version')).rows;
    const [{ n: benchRows }] = (await pg.query(`SELECT count(*)::int AS n FROM observation WHERE subject_code LIKE 'BENCH-PORT-%'`)).rows;
    await pg.end();
    if (benchRows === 0) throw new Error('no synthetic data: run npm run bench:data first');

    // Verify every answer against the baseline before timing.
    const first = (await answer(gw, 'Q4')) as { port: { figuresConnection: { pageInfo: { endCursor: string } } } };
    const after = first.port.figuresConnection.pageInfo.endCursor;
    for (const op of OPERATIONS) {
      for (const cursor of op.name === 'Q4' ? [undefined, after] : [undefined]) {
        const g = withoutEdgeCursors(await answer(gw, op.name, cursor));
        const b = await answer(base, op.name, cursor);
        if (!isDeepStrictEqual(g, b)) {
          fs.writeFileSync('/tmp/landports-bench-mismatch.json', JSON.stringify({ gateway: g, baseline: b }, null, 1));
          throw new Error(`${op.name}${cursor ? ' (page 2)' : ''}: the gateway's answer differs from the baseline's (both in /tmp/landports-bench-mismatch.json)`);
        }
      }
      console.log(`verified ${op.name}: ${op.description}`);
    }
    const statements = await statementsPerRequest(config.databaseUrl, after);

    const results: Record<string, unknown>[] = [];
    for (const c of [1, 16]) {
      for (const op of OPERATIONS.filter((o) => a.ops.includes(o.name))) {
        const g: Run[] = [];
        const b: Run[] = [];
        await cannon(gw, op.name, after, c, 1); // warm-up
        await cannon(base, op.name, after, c, 1);
        for (let r = 0; r < a.rounds; r++) {
          const order = r % 2 === 0 ? [[gw, g], [base, b]] as const : [[base, b], [gw, g]] as const;
          for (const [t, out] of order) out.push(await cannon(t, op.name, after, c, a.duration));
        }
        const row = {
          operation: op.name, concurrency: c,
          gateway: { rps: median(g.map((x) => x.rps)), p50: median(g.map((x) => x.p50)), p99: median(g.map((x) => x.p99)), errors: g.reduce((n, x) => n + x.errors, 0), statements: statements[op.name], cpu: medianCpu(g) },
          limit: { rps: median(b.map((x) => x.rps)), p50: median(b.map((x) => x.p50)), p99: median(b.map((x) => x.p99)), errors: b.reduce((n, x) => n + x.errors, 0), statements: 1, cpu: medianCpu(b) },
          ratio: median(g.map((x) => x.rps)) / median(b.map((x) => x.rps)),
          rounds: { gateway: g, limit: b },
        };
        results.push(row);
        console.log(`${op.name} c=${c}: gateway ${row.gateway.rps.toFixed(0)} req/s, limit ${row.limit.rps.toFixed(0)} req/s, ratio ${row.ratio.toFixed(2)}`);
      }
    }
    const gatewayPeakRssMb = peakRssMb(gateway.pid!);
    const baselinePeakRssMb = peakRssMb(baseline.pid!);
    if (a.importRounds > 0) console.log('timing a bulk import of ~1 M rows against a plain COPY...');
    const imp = a.importRounds > 0 ? await importBench(config.databaseUrl, a.importRows, a.importRounds) : null;
    const env2 = { machine: `${os.cpus().length} × ${os.cpus()[0]?.model} (shared), ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg().map((x) => x.toFixed(1)).join('/')}`, node: process.version, postgres: pgVersion };
    const limitKind = a.baselinePrepared ? 'prepared statements with generic plans (--baseline-prepared)' : 'unnamed statements, planned at every request';
    const out = { when: new Date().toISOString(), ...env2, benchRows, rounds: a.rounds, durationSeconds: a.duration, baselinePrepared: a.baselinePrepared, gatewayPeakRssMb, baselinePeakRssMb, results, import: imp };
    fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
    const file = path.join(ROOT, 'bench-results', `bench-${out.when.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');

    const lines = [
      `machine: ${env2.machine}; Node ${env2.node}; PostgreSQL ${env2.postgres}; ${benchRows} synthetic observations; ${a.rounds} rounds × ${a.duration} s, medians; limit: ${limitKind}`,
      '| op | c | gateway req/s | p50 ms | p99 ms | errors | SQL/req | limit req/s | p50 ms | p99 ms | errors | SQL/req | ratio |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
      ...results.map((r) => {
        const x = r as { operation: string; concurrency: number; gateway: Run & { statements: number }; limit: Run & { statements: number }; ratio: number };
        return `| ${x.operation} | ${x.concurrency} | ${x.gateway.rps.toFixed(0)} | ${x.gateway.p50} | ${x.gateway.p99} | ${x.gateway.errors} | ${x.gateway.statements} | ${x.limit.rps.toFixed(0)} | ${x.limit.p50} | ${x.limit.p99} | ${x.limit.errors} | ${x.limit.statements} | ${x.ratio.toFixed(2)} |`;
      }),
      '',
      'CPU per request in ms (medians): the server process (all its threads), autocannon, and the rest of the machine (PostgreSQL, and anything else running)',
      '| op | c | gateway | autocannon | rest | limit | autocannon | rest |',
      '|---|---|---|---|---|---|---|---|',
      ...results.map((r) => {
        const x = r as { operation: string; concurrency: number; gateway: { cpu: CpuPerRequest | null }; limit: { cpu: CpuPerRequest | null } };
        const cells = (c: CpuPerRequest | null) => (c ? [c.serverMs, c.loadGeneratorMs, c.restMs].map((v) => v.toFixed(2)) : ['n/a', 'n/a', 'n/a']).join(' | ');
        return `| ${x.operation} | ${x.concurrency} | ${cells(x.gateway.cpu)} | ${cells(x.limit.cpu)} |`;
      }),
      '',
      `gateway peak RSS: ${gatewayPeakRssMb} MB (baseline ${baselinePeakRssMb} MB)`,
      ...(imp ? importLines(imp, a.importRounds) : ['bulk import: not timed (--import-rounds 0)']),
      `JSON: ${path.relative(ROOT, file)}`,
    ];
    console.log('\n' + lines.join('\n'));
  } finally {
    for (const c of children) c.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
