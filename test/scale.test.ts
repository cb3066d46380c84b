/**
 * Scale (issue 4) on the scratch database seeded with SYNTHETIC benchmark ports (bench/synthetic.ts,
 * never real figures): the statement count of an operation does not grow with the number of
 * ports; single-port queries use indexes; port totals come out the same with and without the
 * rollup and equal sums worked out independently from the generated rows; keyset pages are
 * stable under ties and under inserts between fetches.
 */
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { escapeLiteral } from 'pg';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue(v: unknown): unknown };
import { CONNECTION_OPTIONS } from '../src/db/data-source';
import { openEmptyScratchDatabase } from './support/database';
import { OperationRunner } from './support/run-operation';
import { loadReferenceData } from '../src/import/reference.service';
import { importObservationsText } from '../src/import/import.service';
import type { TsvRecord } from '../src/import/tsv';
import { Decimal, toPlain } from '../src/stats/decimal';
import { FIGURE_CORE_FIELDS, FigurePosition, ObservationRepository, pageStart } from '../src/observations/observation.repository';
import { CORE_NODE_FIELDS } from '../src/observations/figure-connection.resolver';
import { benchPortCode, importSynthetic, loadSyntheticReference, SyntheticOptions, syntheticRecords, syntheticRowCount } from '../bench/synthetic';

const DATA = path.resolve(__dirname, '../data');
/** 50 synthetic ports × 12 partners × 24 months (2022–2023) × 2 flows + weight and trips = 31 200 rows. */
const OPTS: SyntheticOptions = { seed: 7, ports: 50, partners: 12, months: 24, startYear: 2022, batchRows: 4000 };

let ds: DataSource;
let runner: OperationRunner;
let rawRunner: OperationRunner;

beforeAll(async () => {
  ds = await openEmptyScratchDatabase();
  await loadReferenceData(ds, DATA);
  const r = await importSynthetic(ds, OPTS);
  expect(r.inserted).toBe(syntheticRowCount(OPTS));
  await ds.query('ANALYZE');
  runner = await OperationRunner.create(ds);
  rawRunner = await OperationRunner.create(ds, { totalsFromRollup: false });
}, 300000);
afterAll(async () => {
  await runner?.stop();
  await rawRunner?.stop();
  await ds?.destroy();
});

const PORTS_OPERATION = `query Ports($codes: [String!]) {
  ports(codes: $codes) {
    code name
    subject { name parent { code } }
    monthlyTotals(year: 2023) { period { label } value figureCount priorValue yoyGrowthPct yoyGrowthNullReason }
    yearToDate(year: 2023, throughMonth: 6) { period { label } value priorValue yoyGrowthPct }
    topPartners(year: 2023, first: 3) { rank partner { code name } value portTotal sharePct }
    figuresConnection(first: 3, filter: { measures: ["trade_value"], from: "2023-02" }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { value period { label } partner { code } yoyGrowthPct priorFigure { value } source { publisher } } }
    }
  }
}`;

const codes = (n: number) => Array.from({ length: n }, (_, i) => benchPortCode(i + 1));

describe('synthetic data', () => {
  test('the same seed gives the same rows, another seed others', () => {
    const first = (o: SyntheticOptions) => (syntheticRecords(o, ['AD', 'AE']).next().value as TsvRecord[]).slice(0, 6).map((r) => r.cells.value);
    expect(first(OPTS)).toEqual(first({ ...OPTS }));
    expect(first(OPTS)).not.toEqual(first({ ...OPTS, seed: 8 }));
  });

  test('it is labelled synthetic and kept apart from the real subjects', async () => {
    const [s] = await ds.query(`SELECT DISTINCT s.publisher FROM observation o JOIN source s ON s.id = o.source_id WHERE o.subject_code LIKE 'BENCH-%'`);
    expect(s.publisher).toBe('Landports synthetic benchmark data');
    const [p] = await ds.query(`SELECT s.name, s.parent_code FROM subject s WHERE code = 'BENCH-PORT-001'`);
    expect(p).toEqual({ name: 'Synthetic port 001 (not real)', parent_code: 'BENCH-PREFECTURE' });
    expect(await ds.query(`SELECT code FROM subject WHERE parent_code = 'XZ' AND code LIKE 'BENCH%'`)).toEqual([]);
  });

  test('loading it again inserts nothing', async () => {
    const r = await importSynthetic(ds, OPTS);
    expect(r).toMatchObject({ inserted: 0, unchanged: syntheticRowCount(OPTS), superseded: 0 });
  });
});

describe('no N+1', () => {
  test('the same operation over 5 and over 50 ports issues the same number of statements', async () => {
    const five = await runner.run(PORTS_OPERATION, { codes: codes(5) });
    const fifty = await runner.run(PORTS_OPERATION, { codes: codes(50) });
    expect(five.body.errors).toBeUndefined();
    // flow: IMPORT adds one flow only: fewer figures per month than TOTAL's 24.
    const imports = await runner.run(`{ port(code: "BENCH-PORT-002") { monthlyTotals(year: 2023, flow: IMPORT) { figureCount } } }`);
    expect((imports.body.data as { port: { monthlyTotals: { figureCount: number }[] } }).port.monthlyTotals[0].figureCount).toBe(12);
    expect(fifty.body.errors).toBeUndefined();
    const ports = (r: typeof five) => (r.body.data as { ports: { monthlyTotals: unknown[]; topPartners: unknown[] }[] }).ports;
    expect(ports(five)).toHaveLength(5);
    expect(ports(fifty)).toHaveLength(50);
    expect(ports(fifty).every((p) => p.monthlyTotals.length === 12 && p.topPartners.length === 3)).toBe(true);
    // One each: ports; their subjects; the subjects' parents; monthly sums; year-to-date sums;
    // top partners (partner rows joined); figure pages with their totalCount (sources joined);
    // the prior figures; the figures' partner rows.
    expect(fifty.sqlStatements).toBe(five.sqlStatements);
    expect(fifty.sqlStatements).toBe(9);
  });

  test('different arguments of one totals field in one operation are fetched apart, one statement each, and answer as asked alone', async () => {
    const fields = {
      h1: 'yearToDate(year: 2023, throughMonth: 6)',
      h2: 'yearToDate(year: 2023, throughMonth: 11)',
      imports: 'yearToDate(year: 2023, throughMonth: 6, flow: IMPORT)',
      prior: 'yearToDate(year: 2022, throughMonth: 6)',
      weight: 'yearToDate(year: 2023, throughMonth: 6, measure: "cargo_weight", unit: TONNES)',
    };
    const together = await runner.run(`{ ports(codes: ["${benchPortCode(3)}", "${benchPortCode(4)}"]) { code ${Object.entries(fields).map(([a, f]) => `${a}: ${f} { value }`).join(' ')} } }`);
    expect(together.body.errors).toBeUndefined();
    // The ports, then one per distinct spec, then one lookup of cargo_weight: its totals are empty (weights are stored
    // against ALL, and port totals add country partners), and an empty total checks that its measure exists.
    expect(together.sqlStatements).toBe(1 + Object.keys(fields).length + 1);
    const ports = (together.body.data as { ports: Record<string, { value: string | null } | string>[] }).ports;
    for (const [alias, field] of Object.entries(fields)) {
      const alone = await runner.run(`{ ports(codes: ["${benchPortCode(3)}", "${benchPortCode(4)}"]) { ${field} { value } } }`);
      const values = (alone.body.data as { ports: { yearToDate: { value: string | null } }[] }).ports.map((p) => p.yearToDate.value);
      expect([alias, ports.map((p) => (p[alias] as { value: string | null }).value)]).toEqual([alias, values]);
    }
    // The spans differ, so the sums do (synthetic values are positive).
    const v = (alias: string) => Number((ports[0][alias] as { value: string }).value);
    expect(v('h2')).toBeGreaterThan(v('h1'));
    expect(v('imports')).toBeLessThan(v('h1'));
    expect(v('prior')).not.toBe(v('h1'));
  });
});

describe('port totals', () => {
  test('are the same with and without the rollup', async () => {
    const a = await runner.run(PORTS_OPERATION, { codes: codes(50) });
    const b = await rawRunner.run(PORTS_OPERATION, { codes: codes(50) });
    expect(b.body).toEqual(a.body);
  });

  test('equal the sums worked out from the generated rows', async () => {
    const partners = await loadSyntheticReference(ds, OPTS);
    const port = benchPortCode(3);
    const month = new Map<string, Decimal>();
    const byPartner2023 = new Map<string, Decimal>();
    for (const batch of syntheticRecords(OPTS, partners)) {
      for (const { cells: c } of batch) {
        if (c.subject !== port || c.measure !== 'trade_value') continue;
        const key = c.period_start.slice(0, 7);
        month.set(key, (month.get(key) ?? new Decimal(0)).plus(c.value));
        if (key.startsWith('2023')) byPartner2023.set(c.partner, (byPartner2023.get(c.partner) ?? new Decimal(0)).plus(c.value));
      }
    }
    const { body } = await runner.run(`{ port(code: "${port}") {
      monthlyTotals(year: 2023) { period { label } value priorValue yoyGrowthPct }
      yearToDate(year: 2023, throughMonth: 3) { value priorValue }
      topPartners(year: 2023, first: 2) { partner { code } value portTotal sharePct } } }`);
    const p = (body.data as { port: { monthlyTotals: { period: { label: string }; value: string; priorValue: string; yoyGrowthPct: string }[]; yearToDate: { value: string; priorValue: string }; topPartners: { partner: { code: string }; value: string; portTotal: string; sharePct: string }[] } }).port;
    expect(p.monthlyTotals.map((m) => m.period.label)).toEqual(Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`));
    for (const m of p.monthlyTotals) {
      const prior = month.get(`2022-${m.period.label.slice(5)}`)!;
      expect(m.value).toBe(toPlain(month.get(m.period.label)!));
      expect(m.priorValue).toBe(toPlain(prior));
      expect(m.yoyGrowthPct).toBe(toPlain(month.get(m.period.label)!.div(prior).minus(1).mul(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)));
    }
    const q1 = (y: string) => ['01', '02', '03'].reduce((s, mm) => s.plus(month.get(`${y}-${mm}`)!), new Decimal(0));
    expect(p.yearToDate).toEqual({ value: toPlain(q1('2023')), priorValue: toPlain(q1('2022')) });
    const ranked = [...byPartner2023.entries()].sort((a, b) => b[1].comparedTo(a[1]) || (a[0] < b[0] ? -1 : 1));
    const whole = ranked.reduce((s, [, v]) => s.plus(v), new Decimal(0));
    expect(p.topPartners).toEqual(ranked.slice(0, 2).map(([code, v]) => ({
      partner: { code }, value: toPlain(v), portTotal: toPlain(whole),
      sharePct: toPlain(v.mul(100).div(whole).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)),
    })));
  });
});

describe('port totals of an unknown measure', () => {
  test('are refused as NOT_FOUND, after one lookup for the whole list of ports; a stored measure without figures answers empty', async () => {
    const r = await runner.run(`{ ports(codes: ["BENCH-PORT-001", "BENCH-PORT-002"]) { code yearToDate(year: 2023, measure: "trade_valu") { value } } }`);
    expect(r.body.data).toBeNull();
    // yearToDate is non-null: the first port's error makes the list null, and graphql-js reports that one.
    expect(r.body.errors?.map((e) => [e.message, e.extensions?.code, (e as { path?: unknown }).path])).toEqual([['no measure "trade_valu"', 'NOT_FOUND', ['ports', 0, 'yearToDate']]]);
    expect(r.sqlStatements).toBe(3); // the ports, the totals, then the measure once for both ports
    for (const field of ['monthlyTotals(year: 2023, measure: "Trade_Valu") { value }', 'topPartners(year: 2023, measure: "trade_valu") { value }']) {
      const one = await runner.run(`{ port(code: "BENCH-PORT-001") { ${field} } }`);
      expect(one.body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['no measure "trade_valu"', 'NOT_FOUND']]);
    }
    const spaces = await runner.run(`{ port(code: "BENCH-PORT-001") { yearToDate(year: 2023, measure: "   ") { value } } }`);
    expect(spaces.body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['argument "measure": is empty once its spaces are trimmed', 'BAD_USER_INPUT']]);
    expect(spaces.sqlStatements).toBe(1); // the port; no totals
    // customs_revenue is stored but the synthetic ports have none: empty, no error, and no lookup when figures exist.
    const empty = await runner.run(`{ port(code: "BENCH-PORT-001") { monthlyTotals(year: 2023, measure: "customs_revenue") { value } yearToDate(year: 2023, measure: "customs_revenue") { value } } }`);
    expect(empty.body).toEqual({ data: { port: { monthlyTotals: [], yearToDate: { value: null } } } });
    const found = await runner.run(`{ ports(codes: ["BENCH-PORT-001", "BENCH-PORT-002"]) { yearToDate(year: 2023) { value } } }`);
    expect(found.body.errors).toBeUndefined();
    expect(found.sqlStatements).toBe(2); // the ports and the totals: no lookup
    // One port with figures and one without (the real Gyirong has no monthly figures by partner): the other's rows show
    // the measure is stored, so the empty one is answered empty with no lookup either.
    const mixed = await runner.run(`{ ports(codes: ["BENCH-PORT-001", "PORT-GYIRONG"]) { code yearToDate(year: 2023) { value } } }`);
    expect(mixed.body.errors).toBeUndefined();
    expect((mixed.body.data as { ports: { code: string; yearToDate: { value: string | null } }[] }).ports.map((p) => [p.code, p.yearToDate.value === null]))
      .toEqual([['BENCH-PORT-001', false], ['PORT-GYIRONG', true]]);
    expect(mixed.sqlStatements).toBe(2);
  });
});

describe('aggregation in SQL with indexes', () => {
  test('a single-port operation never scans the observation table sequentially', async () => {
    const { statements: all } = await rawRunner.run(`{ port(code: "BENCH-PORT-007") {
      figures(filter: { measures: ["cargo_weight"], from: "2023-01", to: "2023-06" }) { value yoyGrowthPct }
      figuresConnection(first: 20, filter: { from: "2023-03", to: "2023-05" }) { totalCount edges { node { value } } }
      monthlyTotals(year: 2023) { value } yearToDate(year: 2023) { value } topPartners(year: 2023) { sharePct } } }`, undefined, true);
    const statements = all.filter((s) => /\bobservation o\b/.test(s.sql)).map((s) => [s.sql, s.parameters] as const);
    expect(statements.length).toBe(6); // figures, prior figures, page with its count, monthly, year-to-date, top partners
    for (const [sql, params] of statements) {
      expect({ sql: sql.slice(0, 120), seqScans: await seqScansOfObservation(sql, params) }).toEqual({ sql: sql.slice(0, 120), seqScans: 0 });
    }
    // The check itself can fail: a filter on an unindexed column is a sequential scan.
    expect(await seqScansOfObservation('SELECT count(*) FROM observation o WHERE o.note = $1', ['x'])).toBe(1);
  });

  test('nor does one asked as of a date (the vintages then known, current or superseded since), custom or generic plan', async () => {
    const { statements: all } = await rawRunner.run(`{ port(code: "BENCH-PORT-007") {
      figures(filter: { measures: ["cargo_weight"], from: "2023-01", to: "2023-06", asOf: "2030-01-01" }) { value yoyGrowthPct }
      figuresConnection(first: 20, filter: { from: "2023-03", to: "2023-05", asOf: "2030-01-01" }) { totalCount edges { node { value } } } }
      derivedFigure(series: { subject: "BENCH-PORT-007", measure: "cargo_weight", partner: "ALL", flow: TOTAL }, unit: TONNES, period: "2023-01..2023-06", asOf: "2030-01-01") { value } }`, undefined, true);
    const statements = all.filter((s) => /\bobservation\b/.test(s.sql));
    expect(statements.length).toBe(4); // figures, prior figures (by key), page with its count, derivation inputs (by key)
    for (const st of statements) {
      expect({ sql: st.sql.slice(0, 120), seqScans: await seqScansOfObservation(st.sql, st.parameters) }).toEqual({ sql: st.sql.slice(0, 120), seqScans: 0 });
      // The superseded vintages are read through their own index (none are stored here; the plan reads it all the same).
      const [{ 'QUERY PLAN': plan }] = await ds.query(`EXPLAIN (FORMAT JSON) ${st.sql}`, st.parameters);
      expect(JSON.stringify(plan)).toMatch(/"Index Name":"observation_superseded_key"/);
    }
    // And so do the generic plans of the serving connections.
    for (const st of statements) expect(seqScansIn(await genericPlan(st.sql, st.parameters))).toBe(0);
  });

  test('nor do the generic plans that serving connections reuse (plan_cache_mode=force_generic_plan), with or without the rollup', async () => {
    expect(CONNECTION_OPTIONS).toBe('-c plan_cache_mode=force_generic_plan');
    const operation = `{ port(code: "BENCH-PORT-007") {
      figures(filter: { measures: ["cargo_weight"], from: "2023-01", to: "2023-06" }) { value yoyGrowthPct }
      figuresConnection(first: 20, filter: { from: "2023-03", to: "2023-05" }) { totalCount edges { node { value } } }
      monthlyTotals(year: 2023) { value } yearToDate(year: 2023) { value } topPartners(year: 2023) { sharePct } } }`;
    // With the rollup, totals read the rollup tables (a few rows per port: small enough here to be scanned whole).
    const raw = (await rawRunner.run(operation, undefined, true)).statements.filter((st) => /\bobservation o\b/.test(st.sql));
    const rolled = (await runner.run(operation, undefined, true)).statements.filter((st) => /\bobservation o\b/.test(st.sql));
    expect([raw.length, rolled.length]).toEqual([6, 3]);
    for (const st of [...raw, ...rolled]) {
      const plan = await genericPlan(st.sql, st.parameters);
      // A generic plan reads the parameters themselves ($1), never their values.
      expect(JSON.stringify(plan)).toMatch(/\$\d+\b/);
      expect({ sql: st.sql.slice(0, 120), seqScans: seqScansIn(plan) }).toEqual({ sql: st.sql.slice(0, 120), seqScans: 0 });
    }
    expect(seqScansIn(await genericPlan('SELECT count(*) FROM observation o WHERE o.note = $1', ['x']))).toBe(1);
  });
});

describe('year-to-date sums from the rollup', () => {
  test("sum each rollup row's months once: the plan has one subquery (a HAVING repeating the sum had two)", async () => {
    const { statements, body } = await runner.run(`{ ports(codes: ["${benchPortCode(1)}", "${benchPortCode(2)}"]) { yearToDate(year: 2023, throughMonth: 6) { value } } }`, undefined, true);
    expect(body.errors).toBeUndefined();
    const ytd = statements.filter((st) => /subject_year_rollup/.test(st.sql));
    expect(ytd).toHaveLength(1);
    const [{ 'QUERY PLAN': plan }] = await ds.query(`EXPLAIN (FORMAT JSON) ${ytd[0].sql}`, ytd[0].parameters);
    const subplans = (JSON.stringify(typeof plan === 'string' ? JSON.parse(plan) : plan).match(/"Subplan Name":"SubPlan \d+"/g) ?? []).length;
    expect(subplans).toBe(1);
  });
});

/** Number of sequential scans of the observation table in the plan PostgreSQL chooses for `sql` with its parameters. */
async function seqScansOfObservation(sql: string, params: unknown[] | undefined): Promise<number> {
  const [{ 'QUERY PLAN': plan }] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  return seqScansIn((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan);
}

/** Number of sequential scans of the observation table in a plan (EXPLAIN's JSON `Plan`). */
function seqScansIn(node: Record<string, unknown>): number {
  return (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'observation' ? 1 : 0) +
    ((node.Plans as Record<string, unknown>[] | undefined) ?? []).reduce((n, child) => n + seqScansIn(child), 0);
}

/**
 * The generic plan of `sql` (EXPLAIN's JSON `Plan`): prepared and explained in one transaction
 * with plan_cache_mode=force_generic_plan, as the serving connections run it (whatever the
 * options of the test database's connections), then deallocated.
 */
async function genericPlan(sql: string, params: unknown[] | undefined): Promise<Record<string, unknown>> {
  return ds.transaction(async (m) => {
    await m.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await m.query(`PREPARE landports_generic_plan AS ${sql}`);
    try {
      const values = (params ?? []).map((v) => (v === null || v === undefined ? 'NULL' : escapeLiteral(String(prepareValue(v)))));
      const [{ 'QUERY PLAN': plan }] = await m.query(`EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE landports_generic_plan${values.length ? `(${values.join(', ')})` : ''}`);
      return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
    } finally {
      await m.query('DEALLOCATE landports_generic_plan');
    }
  });
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; value: string; partner: { code: string }; source: { publisher: string } } }[];
}

async function page(port: string, first: number, after: string | null, filter = '{ measures: ["trade_value"], from: "2023-04", to: "2023-04" }'): Promise<Page> {
  const { body } = await runner.run(`query($after: String) { port(code: "${port}") { figuresConnection(first: ${first}, after: $after, filter: ${filter}) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id value partner { code } source { publisher } } } } } }`, { after });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return (body.data as { port: { figuresConnection: Page } }).port.figuresConnection;
}

const HEADER = 'measure\tsubject\tpartner\tflow\tperiod_start\tperiod_end\tvalue\tunit\treported_yoy_growth_pct\tgrowth_basis\tsource_publisher\tsource_title\tsource_url\tsource_date\tnote';

describe('a subject without a known statistical basis', () => {
  test('its basis is null (the field is nullable for them alone), not an internal error; a real subject keeps its basis', async () => {
    const r = await runner.run('{ a: subject(code: "BENCH-PORT-001") { code basis } b: subject(code: "BENCH-REGION") { basis } c: subject(code: "PORT-GYIRONG") { basis } }');
    expect(r.body).toEqual({ data: { a: { code: 'BENCH-PORT-001', basis: null }, b: { basis: null }, c: { basis: 'PORT_OF_CLEARANCE' } } });
  });

  test('a share of it (as the part or as the whole) is refused as bad input naming that argument, not as an internal error', async () => {
    const r = await runner.run(`{ share(part: { subject: "BENCH-PORT-003", partner: "AD", flow: IMPORT }, whole: { subject: "BENCH-PORT-002", partner: "AD", flow: IMPORT }, period: "2022-02..2022-05", unit: CNY_MN) { sharePct } }`);
    expect(r.body.errors).toEqual([expect.objectContaining({
      message: 'argument "part.subject": subject "BENCH-PORT-003" has no known statistical basis (port of clearance, regional consignee, customs district or partner national), so a share of it cannot be checked to compare like with like',
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'part.subject' }),
    })]);
    const whole = await runner.run(`{ share(part: { subject: "XZ", partner: "NP" }, whole: { subject: "BENCH-REGION" }, period: "2022", unit: CNY_MN) { sharePct } }`);
    expect(whole.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'whole.subject' });
  });
});

describe('pageStart: where a keyset page starts reading', () => {
  const at = (periodStart: string, periodEnd = periodStart): FigurePosition => ({ periodStart, periodEnd, measureCode: 'trade_value', partnerCode: 'NP', flow: 'import', unit: 'CNY_MN', id: '42' });
  const floorOf = (d: string): FigurePosition => ({ periodStart: d, periodEnd: '-infinity', measureCode: '', partnerCode: '', flow: '', unit: '', id: '0' });
  test('no cursor: the filter\'s first day, or -infinity without one', () => {
    expect(pageStart(null, { from: '2023-01-01' })).toEqual(floorOf('2023-01-01'));
    expect(pageStart(null, {})).toEqual(floorOf('-infinity'));
    // An exact periodStart later than from is the tighter bound.
    expect(pageStart(null, { from: '2023-01-01', periodStart: '2023-03-01' })).toEqual(floorOf('2023-03-01'));
    expect(pageStart(null, { from: '2023-05-01', periodStart: '2023-03-01' })).toEqual(floorOf('2023-05-01'));
  });
  test('a cursor at or after the first day is kept whole; one before it (even a span ending inside the range) gives way to the first day', () => {
    expect(pageStart(at('2023-01-01'), { from: '2023-01-01' })).toEqual(at('2023-01-01'));
    expect(pageStart(at('2023-02-01'), { from: '2023-01-01' })).toEqual(at('2023-02-01'));
    expect(pageStart(at('2023-02-01'), {})).toEqual(at('2023-02-01'));
    // Keeping its period end (2023-12-31) with the start moved would skip April figures of 2023-04-01..2023-04-30.
    expect(pageStart(at('2022-12-01', '2023-12-31'), { from: '2023-04-01' })).toEqual(floorOf('2023-04-01'));
  });
});

describe('pagination', () => {
  test('walking every page returns each figure once, in the order of the full list', async () => {
    const all = await page(benchPortCode(10), 500, null);
    expect(all.totalCount).toBe(24); // 12 partners × 2 flows in April 2023
    expect(all.edges).toHaveLength(24);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p: Page = await page(benchPortCode(10), 5, after);
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
  });

  test('ties (the same figure from two sources, equal values) never repeat or drop a row, and an insert between fetches never brings a returned row back', async () => {
    const port = benchPortCode(11);
    const first = await page(port, 3, null);
    const [a] = first.edges;
    // Another source publishing the first figure again, with the same value: it ties with it on
    // every ordering column but the id, and sorts before the end of the first page.
    await importObservationsText(ds, `${HEADER}\ntrade_value\t${port}\t${a.node.partner.code}\timport\t2023-04-01\t2023-04-30\t${a.node.value}\tCNY_MN\t\t\tLandports synthetic benchmark data\tSynthetic tie (not a real figure)\t\t2024-01-01\t\n`, 'tie.tsv');
    const second = await page(port, 3, first.pageInfo.endCursor);
    const firstIds = first.edges.map((e) => e.node.id);
    expect(second.edges.map((e) => e.node.id).filter((id) => firstIds.includes(id))).toEqual([]);
    expect(second.totalCount).toBe(first.totalCount + 1);
    // Walking from the start again with pages of one: every figure once, the tie included.
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const p: Page = await page(port, 1, after);
      ids.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    // The rollup was refreshed by that import: the preferred (dated) source's figure is summed once.
    const op = `{ port(code: "${port}") { monthlyTotals(year: 2023) { value figureCount } } }`;
    const withRollup = await runner.run(op);
    expect(withRollup.body).toEqual((await rawRunner.run(op)).body);
    expect((withRollup.body.data as { port: { monthlyTotals: { figureCount: number }[] } }).port.monthlyTotals[3].figureCount).toBe(24);
  });

  test('totalCount comes with the page in the same statement, also on an empty page and through a fragment', async () => {
    const port = benchPortCode(12);
    const all = await page(port, 500, null);
    expect(all.totalCount).toBe(24);
    // After the last figure: no edges, but the count of the whole list.
    const past = await page(port, 5, all.pageInfo.endCursor);
    expect(past.edges).toEqual([]);
    expect(past.totalCount).toBe(24);
    expect(past.pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    const filter = '{ measures: ["trade_value"], from: "2023-04", to: "2023-04" }';
    const bare = await runner.run(`{ port(code: "${port}") { figuresConnection(first: 2, filter: ${filter}) { edges { node { id } } } } }`);
    const counted = await runner.run(`{ port(code: "${port}") { figuresConnection(first: 2, filter: ${filter}) { ...C edges { node { id } } } } }
      fragment C on FigureConnection { totalCount }`);
    expect(counted.body.data).toEqual({ port: { figuresConnection: { totalCount: 24, edges: (bare.body.data as { port: { figuresConnection: { edges: unknown[] } } }).port.figuresConnection.edges } } });
    // port, then the page (with its count when asked): two statements either way.
    expect(bare.sqlStatements).toBe(2);
    expect(counted.sqlStatements).toBe(2);
  });

  test('a first page, or a cursor from before the filter\'s start, starts reading at the filter\'s first day, with the same rows', async () => {
    const port = benchPortCode(13);
    const filter = '{ measures: ["trade_value"], from: "2023-04", to: "2023-05" }';
    const q = `query($after: String) { port(code: "${port}") { figuresConnection(first: 4, after: $after, filter: ${filter}) { edges { node { id period { start } } } } } }`;
    const first = await rawRunner.run(q, { after: null }, true);
    const pageStatement = first.statements.find((s) => /WITH ORDINALITY/.test(s.sql))!;
    // $2..$8: the position the index scan starts after, for the one request.
    expect(pageStatement.parameters?.slice(1, 8)).toEqual([['2023-04-01'], ['-infinity'], [''], [''], [''], [''], ['0']]);
    // A cursor from a list that began earlier (January), at its second figure: the same first page.
    const early = await page(port, 2, null, '{ measures: ["trade_value"], from: "2023-01", to: "2023-05" }');
    expect(early.edges[1].node.id).toBeDefined();
    const fromEarly = await rawRunner.run(q, { after: early.pageInfo.endCursor }, true);
    expect(fromEarly.body).toEqual(first.body);
    expect(fromEarly.statements.find((s) => /WITH ORDINALITY/.test(s.sql))!.parameters?.[1]).toEqual(['2023-04-01']);
    const edges = (first.body.data as { port: { figuresConnection: { edges: { node: { period: { start: string } } }[] } } }).port.figuresConnection.edges;
    expect(edges.map((e) => e.node.period.start)).toEqual(['2023-04-01', '2023-04-01', '2023-04-01', '2023-04-01']);
  });

  test('page records (read from PostgreSQL\'s JSON) equal the records of the same figures read row by row, time stamps and sources included', async () => {
    const repo = new ObservationRepository(ds);
    const q = { measures: ['trade_value', 'cargo_weight'], from: '2023-03-01', to: '2023-04-30' };
    const subjects = [benchPortCode(14), benchPortCode(15)];
    const all = await repo.findForSubjects(subjects, q);
    const { pages, counts } = await repo.findPages(subjects.map((subjectCode) => ({ subjectCode, after: null })), q, 500, true);
    expect(counts).toEqual(subjects.map((c) => all.filter((f) => f.subjectCode === c).length));
    expect(pages).toEqual(subjects.map((c) => all.filter((f) => f.subjectCode === c)));
    expect(pages[0][0].recordedAt).toBeInstanceOf(Date);
    expect(pages[0][0].source).toMatchObject({ publisher: expect.any(String), id: expect.any(Number) });
    // An empty page: no records, the count still there.
    const none = await repo.findPages([{ subjectCode: subjects[0], after: null }], { ...q, partners: ['NO-SUCH'] }, 5, true);
    expect(none).toEqual({ pages: [[]], counts: [0] });
  });

  test('a page whose nodes ask only for key, period and value fields reads the core columns (no source join) and answers as a page reading every column', async () => {
    const port = benchPortCode(16);
    const sub: Record<string, string> = { period: '{ start end kind label days }', measure: '{ code name }', subject: '{ code name }', partner: '{ code name }' };
    // Every field allowed a core page, so that one listed wrongly (reading a column a core row lacks) fails here.
    const coreFields = [...CORE_NODE_FIELDS].map((f) => `${f} ${sub[f] ?? ''}`).join(' ');
    const op = (extra: string) => `{ port(code: "${port}") { figuresConnection(first: 60, filter: { from: "2023-01", to: "2023-02" }) { totalCount pageInfo { endCursor } edges { cursor node { ${coreFields} ${extra} } } } } }`;
    const core = await rawRunner.run(op(''), undefined, true);
    const all = await rawRunner.run(op('source { id }'), undefined, true);
    expect(core.body.errors).toBeUndefined();
    expect(all.body.errors).toBeUndefined();
    const pageSql = (r: typeof core) => r.statements.filter((st) => /WITH ORDINALITY/.test(st.sql)).map((st) => st.sql);
    expect(pageSql(core)).toHaveLength(1);
    expect(pageSql(core)[0]).not.toMatch(/JOIN source|recorded_at/);
    expect(pageSql(all)[0]).toMatch(/JOIN source s ON s.id = o.source_id/);
    type Conn = { totalCount: number; edges: { node: Record<string, unknown> }[] };
    const conn = (r: typeof core) => (r.body.data as { port: { figuresConnection: Conn } }).port.figuresConnection;
    for (const e of conn(all).edges) delete e.node.source;
    expect(conn(core)).toEqual(conn(all));
    expect(conn(core).edges).toHaveLength(52); // 2 months × (12 partners × 2 flows + weight + trips)
    expect(conn(core).edges[0].node).toMatchObject({ subjectCode: port, period: { start: '2023-01-01', end: '2023-01-31', kind: 'MONTH', label: '2023-01', days: 31 }, __typename: 'Figure' });
  });

  test('a core page record refuses the fields it did not read, and holds the same key, period and value as the full record', async () => {
    const repo = new ObservationRepository(ds);
    const q = { measures: ['trade_value'], from: '2023-03-01', to: '2023-03-31' };
    const req = [{ subjectCode: benchPortCode(17), after: null }];
    const core = (await repo.findPages(req, q, 30, true, 'core')).pages[0];
    const all = (await repo.findPages(req, q, 30, true, 'all')).pages[0];
    expect(core).toHaveLength(24); // 12 partners × 2 flows
    expect(core.map((f) => ({ ...f }))).toEqual(all.map((f) => Object.fromEntries(FIGURE_CORE_FIELDS.map((k) => [k, f[k]]))));
    expect(() => core[0].source).toThrow(`figure ${core[0].id} was read from a core page, without source`);
    expect(() => core[0].recordedAt).toThrow(/without recordedAt/);
    expect(() => core[0].status).toThrow(/without status/);
  });

  test('a page larger than 500 or a foreign cursor is refused', async () => {
    const big = await runner.run(`{ port(code: "BENCH-PORT-001") { figuresConnection(first: 501) { totalCount } } }`);
    // Refused before any SQL by the page-size limit (src/http/limits.ts, MAX_PAGE_SIZE 500).
    expect(big.body.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'pageSize', max: 500, actual: 501 });
    const bad = await runner.run(`{ port(code: "BENCH-PORT-001") { figuresConnection(after: "eyJ4Ijox") { totalCount } } }`);
    expect(bad.body.errors?.[0]).toMatchObject({ message: 'argument "after": is not a cursor this list gave (use pageInfo.endCursor or an edge cursor)', extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  });
});
