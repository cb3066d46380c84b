/**
 * Composition and a real gateway: Landports' subgraph composed with two small subgraphs of the
 * tests (customs offices on ports, capitals on countries), then @apollo/gateway in-process over
 * the three served on loopback, with queries crossing subgraphs both ways. Figures come from
 * data/xizang-trade-figures.tsv.
 */
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { DataSource } from 'typeorm';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { openTestDatabase } from '../support/database';
import { buildLandportsSubgraph, printSubgraphSdl, SUBGRAPH_FILE } from '../../src/schema';
import { createRepositories } from '../../src/context';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { RunningServer, startServer } from '../../src/server';
import { sqlCounterOf } from '../../src/db/data-source';
import { compose, compositionErrors, SubgraphDef } from './compose';
import { CUSTOMS_SDL, customsSubgraph } from './customs.subgraph';
import { geographySdl, geographySubgraph } from './geography.subgraph';

/** Loopback ports of the three subgraphs: LANDPORTS_TEST_PORT_BASE (default 4540) and the next two. */
const PORT_BASE = Number(process.env.LANDPORTS_TEST_PORT_BASE || 4540);
const SUPERGRAPH_FILE = path.resolve(__dirname, '../../supergraph.graphql');
const url = (offset: number) => `http://127.0.0.1:${PORT_BASE + offset}/graphql`;

let ds: DataSource;
let landports: RunningServer;
const others: Array<{ stop(): Promise<void> }> = [];
let landportsSdl: string;
let subgraphs: SubgraphDef[];
let gateway: ApolloServer;

async function serve(schema: GraphQLSchema, port: number): Promise<void> {
  const server = new ApolloServer({ schema });
  await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  others.push({ stop: () => server.stop() });
}

beforeAll(async () => {
  ds = await openTestDatabase();
  const schema = await buildLandportsSubgraph();
  landportsSdl = await printSubgraphSdl(schema);
  const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(PORT_BASE) });
  landports = await startServer(schema, ds, createRepositories(ds), config, createLogger('silent'));
  await serve(customsSubgraph(), PORT_BASE + 1);
  await serve(geographySubgraph(), PORT_BASE + 2);
  subgraphs = [
    { name: 'landports', sdl: landportsSdl, url: url(0) },
    { name: 'customs', sdl: CUSTOMS_SDL, url: url(1) },
    { name: 'geography', sdl: geographySdl(), url: url(2) },
  ];
  const { supergraphSdl } = compose(subgraphs);
  gateway = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) as never });
  await gateway.start();
});

afterAll(async () => {
  await gateway?.stop();
  for (const s of others) await s.stop();
  await landports?.stop();
  await ds?.destroy();
});

/** Runs an operation through the gateway; returns its body and the SQL statements Landports sent. */
async function viaGateway(query: string): Promise<{ data?: any; errors?: any[]; sqlStatements: number }> {
  const counter = sqlCounterOf(ds);
  counter.reset();
  const res = await gateway.executeOperation({ query });
  if (res.body.kind !== 'single') throw new Error('incremental delivery is not used');
  return { ...JSON.parse(JSON.stringify(res.body.singleResult)), sqlStatements: counter.reset() };
}

describe('composition', () => {
  test('the three subgraphs compose with no error and no hint pointing to a real mistake', () => {
    const { realHints, hints } = compose(subgraphs);
    expect(realHints).toEqual([]);
    expect(hints).toEqual([]); // none at all today, harmless or not
  });

  test('a hint that points to a real mistake is caught: Country.name nullable in one subgraph', () => {
    const { realHints } = compose([subgraphs[0], subgraphs[1], { ...subgraphs[2], sdl: geographySdl({ nullableName: true }) }]);
    expect(realHints).toEqual([expect.stringMatching(/^INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE: .*"Country\.name"/)]);
  });

  test('the supergraph API hides @inaccessible ExchangeRate.id and keeps the rest', () => {
    const { supergraphSdl } = compose(subgraphs);
    expect(supergraphSdl).toMatch(/join__field\(graph: LANDPORTS\)/);
    expect(supergraphSdl).toMatch(/type ExchangeRate[^}]*id: Int! @inaccessible/);
    expect(supergraphSdl).toMatch(/type Port[^}]*customsOffice: CustomsOffice @join__field\(graph: CUSTOMS\)/);
    expect(supergraphSdl).toMatch(/type Country[^}]*capital: String! @join__field\(graph: GEOGRAPHY\)/);
  });

  test('without @shareable on the name both subgraphs resolve, composition refuses (INVALID_FIELD_SHARING)', () => {
    expect(compositionErrors([subgraphs[0], subgraphs[1], { ...subgraphs[2], sdl: geographySdl({ shareName: false }) }])).toContain('INVALID_FIELD_SHARING');
  });

  // `UPDATE_GOLDEN=1 npx jest test/federation/gateway.test.ts` rewrites it (or: rover supergraph compose --config supergraph.yaml).
  test('the committed supergraph.graphql (for Apollo Router in docker compose) is Landports composed alone, routed to the landports service', () => {
    const sdl = fs.readFileSync(SUBGRAPH_FILE, 'utf8');
    const { supergraphSdl, realHints } = compose([{ name: 'landports', sdl, url: 'http://landports:4000/graphql' }]);
    expect(realHints).toEqual([]);
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(SUPERGRAPH_FILE, `${supergraphSdl}\n`);
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(`${supergraphSdl}\n`);
  });
});

describe('the gateway over three subgraphs on loopback', () => {
  test('Landports → customs: a port’s trade figures with the customs office facing it', async () => {
    const r = await viaGateway(`{
      port(code: "gyirong") {
        name
        customsOffice { name }
        figures(filter: { period: "2018", measures: ["trade_value"] }) { value unit partnerCode }
      }
    }`);
    expect(r.errors).toBeUndefined();
    // data: trade_value PORT-GYIRONG ALL total 2018-01-01..2018-12-31 3405 CNY_MN
    expect(r.data).toEqual({
      port: { name: 'Gyirong', customsOffice: { name: 'Rasuwa Customs Office' }, figures: [{ value: '3405', unit: 'CNY_MN', partnerCode: 'ALL' }] },
    });
  });

  test('customs → Landports: every customs office’s port and subject, one SQL statement per entity type', async () => {
    const r = await viaGateway(`{ customsOffices { name facing { name chineseName } subject { name kind } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.customsOffices).toEqual([
      { name: 'Rasuwa Customs Office', facing: { name: 'Gyirong', chineseName: '吉隆' }, subject: { name: 'Rasuwa Customs Office', kind: 'CUSTOMS_OFFICE' } },
      { name: 'Tatopani Customs Office', facing: { name: 'Zham', chineseName: '樟木' }, subject: { name: 'Tatopani Customs Office', kind: 'CUSTOMS_OFFICE' } },
      { name: 'Korala Customs Office', facing: { name: 'Lektse', chineseName: '里孜' }, subject: { name: 'Korala Customs Office', kind: 'CUSTOMS_OFFICE' } },
    ]);
    // One _entities request for three Ports and three Subjects: one statement for ports, one for subjects.
    expect(r.sqlStatements).toBe(2);
  });

  test('Landports → geography: a partner’s figures with the geography subgraph’s capital', async () => {
    const r = await viaGateway(`{
      partner(code: "NP") {
        name
        country {
          capital
          figures(filter: { period: "2022", measures: ["trade_value"] }) { value unit subjectCode }
        }
      }
    }`);
    expect(r.errors).toBeUndefined();
    // data: trade_value XZ NP total 2022-01-01..2022-12-31 1563 CNY_MN
    expect(r.data).toEqual({
      partner: { name: 'Nepal', country: { capital: 'Kathmandu', figures: [{ value: '1563', unit: 'CNY_MN', subjectCode: 'XZ' }] } },
    });
  });

  test('geography → Landports: countries with Landports’ figures for them', async () => {
    const r = await viaGateway(`{ countries { isoCode name capital figures(filter: { period: "2020", measures: ["trade_value"] }) { value unit } } }`);
    expect(r.errors).toBeUndefined();
    // data: trade_value XZ NP total 2020-01-01..2020-12-31 1061 CNY_MN; no XZ figure has partner CN.
    expect(r.data.countries).toEqual([
      { isoCode: 'NP', name: 'Nepal', capital: 'Kathmandu', figures: [{ value: '1061', unit: 'CNY_MN' }] },
      { isoCode: 'CN', name: "People's Republic of China", capital: 'Beijing', figures: [] },
    ]);
  });

  test('the gateway’s API has no ExchangeRate.id (@inaccessible)', async () => {
    const r = await viaGateway(`{ figures(subject: "XZ", filter: { period: "2014" }) { converted { rate { id } } } }`);
    expect(r.errors?.[0]?.message).toMatch(/Cannot query field "id" on type "ExchangeRate"/);
  });
});
