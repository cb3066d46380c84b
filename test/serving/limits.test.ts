/**
 * Abuse limits over HTTP: each refusal is a 4xx with code LIMIT_EXCEEDED naming the limit, and
 * no SQL statement runs (the DataSource's SqlCounter stays at 0). The defaults admit every
 * operation of the README and of test/operations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema as buildSdlSchema, parse, validate } from 'graphql';
import { ApolloServer } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { gzipSync } from 'node:zlib';
import { request, startTestServer, TestServer, withTestServer } from '../support/http-server';
import { loadConfig } from '../../src/config';
import { buildLandportsSchema, buildLandportsSubgraph } from '../../src/schema';
import { costLimitPlugin, estimateCost, limitValidationRules } from '../../src/http/limits';
import { fragmentBomb } from '../support/fragment-bomb';
import { maskError } from '../../src/errors';

let ds: DataSource;
let srv: TestServer;
beforeAll(async () => {
  ds = await openTestDatabase();
  srv = await startTestServer(ds);
});
afterAll(async () => {
  await srv.stop();
  await ds.destroy();
});

const defaults = loadConfig({}).limits;

function expectRefused(r: { status: number; body: any }, limit: string, status = 400) {
  expect(r.status).toBe(status);
  expect(r.body.data).toBeUndefined();
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit });
  expect(srv.sql()).toBe(0);
}

describe('depth', () => {
  // priorFigure nests Figure in Figure: 1 figures, 2..11 priorFigure, 12 value = depth 12 > 10.
  const deep = `{ figures(subject: "XZ") { ${'priorFigure { '.repeat(10)}value${' }'.repeat(10)} } }`;
  test('a query nested deeper than the limit is refused with 400 before any SQL', async () => {
    srv.sql();
    const r = await srv.post({ query: deep });
    expectRefused(r, 'depth');
    expect(r.body.errors[0]).toMatchObject({ message: 'query depth: 12 exceeds the limit of 10', extensions: { max: 10, actual: 12 } });
  });

  test('depth is counted through fragments (named and inline)', async () => {
    const query = `query { figures(subject: "XZ") { ...P } }
      fragment P on Figure { priorFigure { ... on Figure { priorFigure { ...Q } } } }
      fragment Q on Figure { priorFigure { priorFigure { priorFigure { priorFigure { priorFigure { priorFigure { priorFigure { priorFigure { value } } } } } } } } }`;
    srv.sql();
    const r = await srv.post({ query });
    expectRefused(r, 'depth');
    expect(r.body.errors[0].extensions.actual).toBe(12);
  });

  test('the same query one level shallower runs', async () => {
    const ok = `{ figures(subject: "XZ", filter: { period: "2021-01..2021-09", measures: ["trade_value"], partners: ["ALL"] }) { ${'priorFigure { '.repeat(8)}value${' }'.repeat(8)} } }`;
    const r = await srv.post({ query: ok });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    // Xizang Jan-Sep 2021 (2614) has a Jan-Sep 2020 prior (1167), which has none: priorFigure is null.
    expect(r.body.data.figures[0].priorFigure).toEqual({ priorFigure: null });
  });
});

describe('aliases and cost', () => {
  /** Sends the 1,000 aliases to a server started with `env`: refused with 400 and `extensions`, before any SQL. */
  const refusedBy = (env: Record<string, string>, extensions: Record<string, unknown>) => withTestServer(ds, env, async (s) => {
    s.sql();
    const r = await s.post({ query: thousand });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', ...extensions });
    expect(s.sql()).toBe(0);
  });
  const thousand = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: figures(subject: "XZ") { value yoyGrowthPct }`).join(' ')} }`;

  test('1,000 aliases of one expensive field are refused: by the document size by default, by the alias limit when larger documents are allowed', async () => {
    srv.sql();
    expect(Buffer.byteLength(thousand)).toBeGreaterThan(defaults.maxDocumentBytes);
    expectRefused(await srv.post({ query: thousand }), 'documentSize', 413);
    await refusedBy({ MAX_DOCUMENT_BYTES: '100000' }, { limit: 'aliases', max: 30, actual: 1000 });
  });

  test('with the alias limit lifted, the cost limit still refuses them: each alias is counted', async () => {
    // Each alias: 1 + 10 (assumed list size) x 2 fields = 21; 1000 x 21 = 21000.
    await refusedBy({ MAX_ALIASES: '100000', MAX_DOCUMENT_BYTES: '100000' }, { limit: 'cost', max: 10000, actual: 21000 });
  });

  test('cost multiplies nested lists: sources x figures x tradingPartners is refused', async () => {
    srv.sql();
    // sources (10) x figures (10) x subject.tradingPartners (10) x figures (10) x 1 field: 11211.
    const r = await srv.post({ query: '{ sources { figures { subject { tradingPartners { figures { value } } } } } }' });
    expectRefused(r, 'cost');
  });
});

describe('fragment bombs', () => {
  test('a document whose fragments expand past the estimate\'s field count is refused as over the cost limit, at once, never run', async () => {
    const started = Date.now();
    const r = await srv.post({ query: fragmentBomb('ports { figuresConnection(first: 500) { totalCount edges { node { value yoyGrowthPct } } } }', 12, 5) });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({
      message: 'fields after expanding fragments (counting stops past the limit): 10001 exceeds the limit of 10000',
      extensions: { code: 'LIMIT_EXCEEDED', limit: 'cost', max: 10000, actual: 10001 },
    })]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(srv.sql()).toBe(0);
  });
});

describe('page size', () => {
  // The schema has no paginated list yet (connections come with the pagination work), so the
  // rule is shown on a small schema through the same Apollo plugin; it reads `first`, `last` or
  // `limit`, from literals or variables.
  const schema = buildSdlSchema('type Query { items(first: Int): [Item!]! } type Item { id: ID! }');
  let calls = 0;
  const apollo = new ApolloServer({
    schema, plugins: [costLimitPlugin(defaults)], formatError: (f, o) => maskError(f, o, () => undefined),
    rootValue: { items: ({ first }: { first: number }) => { calls++; return Array.from({ length: first }, (_, i) => ({ id: String(i) })); } },
  });
  beforeAll(() => apollo.start());
  afterAll(() => apollo.stop());

  test.each([
    ['a literal', '{ items(first: 501) { id } }', undefined],
    ['a variable', 'query($n: Int) { items(first: $n) { id } }', { n: 10000 }],
  ])('a page larger than MAX_PAGE_SIZE (500) given as %s is refused before the resolver runs', async (_how, query, variables) => {
    calls = 0;
    const r = await apollo.executeOperation({ query, variables });
    const body = (r.body as any).singleResult;
    expect(r.http.status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'pageSize', max: 500 });
    expect(calls).toBe(0);
  });

  test('federation\'s _entities counts its representations as its page: 501 of them are over the page size, and the cost grows with their number', async () => {
    const schema = await buildLandportsSubgraph();
    const document = parse('query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { code name figures { value } } } }');
    const reps = (n: number) => ({ r: Array.from({ length: n }, () => ({ __typename: 'Subject', code: 'XZ' })) });
    const of = (n: number) => estimateCost({ schema, document, variables: reps(n) }, defaults);
    expect(of(501).largestPage).toBe(501);
    expect(of(40).largestPage).toBe(40);
    // Each representation costs its selection: 3 fields, figures a list of (assumed) 10 x 1 field: 1 + 1 + 1 + 10 = 13.
    expect(of(40).cost - of(20).cost).toBe(20 * 13);
  });

  test('a page of 500 runs', async () => {
    const r = await apollo.executeOperation({ query: '{ items(first: 500) { id } }' });
    expect((r.body as any).singleResult.data.items).toHaveLength(500);
  });
});

describe('batches and document size', () => {
  const op = { query: '{ measures { code } }' };

  test('a batched request is refused by default (MAX_BATCH_SIZE=1), before any SQL', async () => {
    srv.sql();
    expectRefused(await srv.post([op, op]), 'batchSize');
  });

  test('with MAX_BATCH_SIZE=2 a batch of 2 runs and a batch of 3 is refused', async () => {
    const b = await startTestServer(ds, { MAX_BATCH_SIZE: '2' });
    try {
      const two = await b.post([op, op]);
      expect(two.status).toBe(200);
      expect(two.body).toHaveLength(2);
      expect(two.body[0].data.measures.length).toBeGreaterThan(0);
      b.sql();
      const three = await b.post([op, op, op]);
      expect(three.status).toBe(400);
      expect(three.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'batchSize', max: 2, actual: 3 });
      expect(b.sql()).toBe(0);
    } finally {
      await b.stop();
    }
  });

  test('a document over MAX_DOCUMENT_BYTES is refused with 413, by POST and by GET', async () => {
    const big = `{ measures { code } } # ${'x'.repeat(20000)}`;
    srv.sql();
    expectRefused(await srv.post({ query: big }), 'documentSize', 413);
    const small = await startTestServer(ds, { MAX_DOCUMENT_BYTES: '1024' });
    try {
      const doc = `{ measures { code } } # ${'x'.repeat(2000)}`;
      const get = await fetch(`${small.url}?query=${encodeURIComponent(doc)}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(get.status).toBe(413);
      expect(((await get.json()) as any).errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'documentSize', max: 1024 });
      expect(small.sql()).toBe(0);
    } finally {
      await small.stop();
    }
  });

  test('a body over MAX_BODY_BYTES is refused with 413 and a JSON error', async () => {
    const small = await startTestServer(ds, { MAX_BODY_BYTES: '2048' });
    try {
      const r = await small.post({ query: '{ measures { code } }', variables: { pad: 'x'.repeat(4000) } });
      expect(r.status).toBe(413);
      expect(r.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'bodySize', max: 2048 });
      // Gzipped, the body has no declared length: the refusal still says how many bytes were read.
      const zipped = gzipSync(Buffer.from(JSON.stringify({ query: '{ measures { code } }', variables: { pad: 'x'.repeat(100000) } })));
      const z = await request(small.url, 'POST', zipped, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(z.status).toBe(413);
      expect(z.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'bodySize', max: 2048 });
      expect(z.body.errors[0].extensions.actual).toBeGreaterThan(2048);
      expect(z.body.errors[0].message).not.toMatch(/NaN/);
    } finally {
      await small.stop();
    }
  });
});

describe('the defaults admit every operation of the README, of test/operations and of the dashboard', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const fromReadme = [...readme.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((m, i) => [`README #${i + 1}`, m[1], '']);
  const dir = path.resolve(__dirname, '../operations');
  const golden = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8'), '']);
  const webDir = path.resolve(__dirname, '../../web/src/operations');
  const fragments = fs.existsSync(webDir) ? fs.readFileSync(path.join(webDir, 'fragments.graphql'), 'utf8') : '';
  const web = fs.existsSync(webDir)
    ? fs.readdirSync(webDir).filter((f) => f.endsWith('.graphql') && f !== 'fragments.graphql').flatMap((f) => {
      const text = `${fs.readFileSync(path.join(webDir, f), 'utf8')}\n${fragments}`;
      return parse(text).definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [[`web ${f} ${d.name.value}`, text, d.name.value]] : []));
    })
    : [];
  // Every row has three cells (name, text, operation name): jest would take a third parameter missing from a row for `done`.
  const all: string[][] = [...fromReadme, ...golden, ...web];
  /** Variables of the dashboard's operations (a year, a period, a port). */
  const variables = { from: '2014', period: '2023', code: 'PORT-GYIRONG' };

  test('there are operations to check', () => expect(all.length).toBeGreaterThanOrEqual(20));

  let schema: Awaited<ReturnType<typeof buildLandportsSchema>>;
  beforeAll(async () => {
    schema = await buildLandportsSchema();
  });

  test.each(all)('%s', async (_name, text, operationName) => {
    const document = parse(text);
    expect(validate(schema, document, limitValidationRules(defaults))).toEqual([]);
    const { cost, largestPage } = estimateCost({ schema, document, operationName: operationName || undefined, variables }, defaults);
    expect(cost).toBeLessThanOrEqual(defaults.maxCost);
    expect(largestPage).toBeLessThanOrEqual(defaults.maxPageSize);
  });
});
