/**
 * `npm run bench:load [-- --duration 60 --connections 64]`: mixed valid, invalid and over-limit
 * traffic against a Landports it starts on 127.0.0.1 (port 4660, or LOAD_BENCH_PORT), with autocannon.
 * The database is DATABASE_URL when set, else an embedded one in a temporary folder (seeded with
 * the shipped real data). Every answer is checked against the expected status and body; the
 * server's resident memory is sampled every 5 s. Prints the counts and the memory curve, stops
 * the server (SIGTERM) and exits 1 when any 5xx, any wrong answer or a growing memory curve was seen.
 * Bounded: the run lasts `duration` seconds, and everything it starts is stopped at the end.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');

const ROOT = path.resolve(__dirname, '../..');
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const DURATION = arg('duration', 60);
const CONNECTIONS = arg('connections', 64);
const PORT = Number(process.env.LOAD_BENCH_PORT || 4660);
const URL = `http://127.0.0.1:${PORT}`;

/** One kind of request, the status it must get and a check of its body. */
interface Kind {
  name: string;
  body: string;
  headers?: Record<string, string>;
  status: number;
  check(body: any): boolean;
}

const json = { 'content-type': 'application/json' };
const README2 = '{ figures(subject: "XZ", filter: { period: "2021-01..2021-09", measures: ["trade_value"], partners: ["ALL"], flow: TOTAL }) { value yoyGrowthPct growthDiscrepancyPp impliedPriorValue } }';
const KINDS: Kind[] = [
  // Expected values: README example 2 (2614, +123.99 %, -3.99 pp, 1188.18).
  { name: 'valid: Xizang Jan-Sep 2021 growth', body: JSON.stringify({ query: README2 }), status: 200,
    check: (b) => JSON.stringify(b) === JSON.stringify({ data: { figures: [{ value: '2614', yoyGrowthPct: '123.99', growthDiscrepancyPp: '-3.99', impliedPriorValue: '1188.18' }] } }) },
  { name: 'valid: Zhangmu finds Zham', body: JSON.stringify({ query: '{ port(name: "Zhangmu") { code name } }' }), status: 200,
    check: (b) => JSON.stringify(b) === '{"data":{"port":{"code":"PORT-ZHAM","name":"Zham"}}}' },
  { name: 'invalid: unknown field', body: JSON.stringify({ query: '{ ports { nope } }' }), status: 400,
    check: (b) => b.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'invalid: unknown subject', body: JSON.stringify({ query: '{ figures(subject: "NOWHERE") { value } }' }), status: 200,
    check: (b) => b.data === null && b.errors?.[0]?.extensions?.code === 'NOT_FOUND' },
  { name: 'invalid: bad JSON', body: '{"query": "{ ports', status: 400, check: (b) => b.errors?.[0]?.extensions?.code === 'BAD_REQUEST' },
  { name: 'over limit: depth', body: JSON.stringify({ query: `{ figures(subject: "XZ") { ${'priorFigure { '.repeat(12)}value${' }'.repeat(12)} } }` }), status: 400,
    check: (b) => b.errors?.[0]?.extensions?.limit === 'depth' },
  { name: 'over limit: cost', body: JSON.stringify({ query: '{ sources { figures { subject { tradingPartners { figures { value } } } } } }' }), status: 400,
    check: (b) => b.errors?.[0]?.extensions?.limit === 'cost' },
  { name: 'over limit: batch', body: JSON.stringify([{ query: '{ ports { code } }' }, { query: '{ ports { code } }' }]), status: 400,
    check: (b) => b.errors?.[0]?.extensions?.limit === 'batchSize' },
  { name: 'unauthorised write', body: JSON.stringify({ query: 'mutation { importObservations(tsv: "x") { batchId } }' }), status: 401,
    check: (b) => b.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' },
];

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function waitReady(child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${URL}/health/ready`)).status === 200) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not become ready within 60 s');
}

async function main(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'landports-bench-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', LANDPORTS_DATA_DIR: dataDir, DB_POOL_SIZE: '8' },
  });
  try {
    await waitReady(child);
    const counts = new Map<string, { n: number; wrong: number }>(KINDS.map((k) => [k.name, { n: 0, wrong: 0 }]));
    const statuses = new Map<number, number>();
    let wrong = 0;
    const wrongExamples: string[] = [];
    const memory: Array<[number, number]> = [[0, rssMb(child.pid!)]];
    const t0 = Date.now();
    const sampler = setInterval(() => memory.push([Math.round((Date.now() - t0) / 1000), rssMb(child.pid!)]), 5000);
    const requests = KINDS.map((k) => ({
      method: 'POST', path: '/graphql', headers: { ...json, ...k.headers }, body: k.body,
      onResponse: (status: number, body: string) => {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const c = counts.get(k.name)!;
        c.n++;
        let parsed: unknown;
        try { parsed = JSON.parse(body); } catch { parsed = body; }
        if (status !== k.status || !k.check(parsed)) {
          c.wrong++;
          wrong++;
          if (wrongExamples.length < 5) wrongExamples.push(`${k.name}: ${status} ${body.slice(0, 200)}`);
        }
      },
    }));
    const result = await autocannon({ url: URL, connections: CONNECTIONS, duration: DURATION, requests });
    clearInterval(sampler);
    memory.push([Math.round((Date.now() - t0) / 1000), rssMb(child.pid!)]);
    const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    // Flat: the mean of the last third of the samples is within 15 % (or 20 MB) of the middle third's.
    const third = Math.max(1, Math.floor(memory.length / 3));
    const mean = (xs: Array<[number, number]>) => xs.reduce((a, [, m]) => a + m, 0) / xs.length;
    const middle = mean(memory.slice(third, 2 * third));
    const last = mean(memory.slice(memory.length - third));
    const flat = last - middle <= Math.max(20, middle * 0.15);
    console.log(`Landports load test: ${CONNECTIONS} connections, ${DURATION} s, ${KINDS.length} request kinds in rotation, server on ${URL} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PGlite'}), Node ${process.version}`);
    console.log(`requests: ${result.requests.total} (${Math.round(result.requests.average)}/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; autocannon errors ${result.errors}, timeouts ${result.timeouts}`);
    console.log(`statuses: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
    for (const k of KINDS) console.log(`  ${k.name.padEnd(38)} expected ${k.status}  ${String(counts.get(k.name)!.n).padStart(7)} sent  ${counts.get(k.name)!.wrong} wrong`);
    console.log(`5xx responses: ${fiveXx}`);
    console.log(`wrong answers: ${wrong}${wrongExamples.length ? `\n  ${wrongExamples.join('\n  ')}` : ''}`);
    console.log(`memory (RSS MB by second): ${memory.map(([t, m]) => `${t}s=${m}`).join(' ')}`);
    console.log(`memory curve: middle third ${middle.toFixed(0)} MB, last third ${last.toFixed(0)} MB: ${flat ? 'flat' : 'GROWING'}`);
    return fiveXx === 0 && wrong === 0 && result.errors === 0 && flat ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
