/**
 * The Federation 2 subgraph in-process: its SDL (served at `_service { sdl }`, committed as
 * subgraph.graphql) and `_entities` (batching, order, nulls, errors, normalised keys), counting
 * SQL statements with the SqlCounter. Names and codes come from data/ (ports.tsv, subjects.tsv)
 * and i18n-iso-countries.
 */
import fs from 'node:fs';
import { DirectiveNode, Kind, ObjectTypeDefinitionNode, parse, print } from 'graphql';
import { useOperationRunner } from '../support/run-operation';
import { buildLandportsSubgraph, printSubgraphSdl, SUBGRAPH_FILE } from '../../src/schema';
import { ENTITIES } from '../../src/federation/entity.resolver';

const runner = useOperationRunner();

const ENTITIES_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on Port { code name }
  ... on Subject { code name kind }
  ... on Country { isoCode name }
} }`;

describe('subgraph SDL', () => {
  let sdl: string;
  beforeAll(async () => {
    const r = await runner().run('{ _service { sdl } }');
    expect(r.body.errors).toBeUndefined();
    sdl = `${(r.body.data as any)._service.sdl}\n`;
  });

  test('_service { sdl } is the committed subgraph.graphql (run `npm run emit-schema` after changing the schema)', async () => {
    expect(sdl).toBe(fs.readFileSync(SUBGRAPH_FILE, 'utf8'));
    expect(sdl).toBe(await printSubgraphSdl(await buildLandportsSubgraph()));
  });

  test('it links Federation v2 and imports the directives it applies', () => {
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \["@key", "@shareable", "@tag", "@inaccessible"\]\)/);
  });

  test('entities: Port and Subject by code, Country by isoCode; _Entity unites exactly them', () => {
    const keyOf = (type: string) => new RegExp(`^type ${type}\\s+@key\\(fields: "(\\w+)"\\)`, 'm').exec(sdl)?.[1];
    expect({ Port: keyOf('Port'), Subject: keyOf('Subject'), Country: keyOf('Country') }).toEqual({ Port: 'code', Subject: 'code', Country: 'isoCode' });
    expect(sdl).toMatch(/^union _Entity = Country \| Port \| Subject$/m);
    // The _entities guard knows the same entities and keys.
    expect(Object.fromEntries(Object.entries(ENTITIES).map(([t, s]) => [t, s.keyField]))).toEqual({ Port: 'code', Subject: 'code', Country: 'isoCode' });
  });

  test('@shareable only on Country.name; @inaccessible only on ExchangeRate.id', () => {
    expect(sdl.match(/^.*@shareable$/gm)).toEqual(['  name: String! @shareable']);
    expect(sdl.slice(sdl.indexOf('type Country'))).toMatch(/^type Country[^}]*name: String! @shareable/);
    expect(sdl.match(/^.*@inaccessible$/gm)).toEqual(['  id: Int! @inaccessible']);
    expect(sdl.slice(sdl.indexOf('type ExchangeRate'))).toMatch(/^type ExchangeRate[^}]*id: Int! @inaccessible/);
  });

  test('@tag(name: "public") marks every object type of the API and every root field', () => {
    const doc = parse(sdl);
    const tags = (node: { directives?: readonly DirectiveNode[] }) =>
      (node.directives ?? []).filter((d) => d.name.value === 'tag').map((d) => print(d));
    const objects = doc.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
    const apiTypes = objects.filter((o) => !['Query', 'Mutation', '_Service'].includes(o.name.value));
    expect(apiTypes.length).toBeGreaterThanOrEqual(13);
    for (const o of apiTypes) expect([o.name.value, tags(o)]).toEqual([o.name.value, ['@tag(name: "public")']]);
    const query = objects.find((o) => o.name.value === 'Query')!;
    expect(query.fields!.map((f) => f.name.value).sort()).toEqual([
      '_entities', '_service', 'derivedFigure', 'exchangeRates', 'figureChoice', 'figures', 'measures', 'partner', 'period', 'port', 'ports',
      'reconciliation', 'region', 'share', 'source', 'sources', 'subject', 'subjects',
    ]);
    for (const f of query.fields!) expect([f.name.value, tags(f)]).toEqual([f.name.value, f.name.value.startsWith('_') ? [] : ['@tag(name: "public")']]);
    const mutation = objects.find((o) => o.name.value === 'Mutation')!;
    for (const f of mutation.fields!) expect([f.name.value, tags(f)]).toEqual([f.name.value, ['@tag(name: "public")']]);
  });
});

describe('_entities', () => {
  test('a batch of nine representations of three types: one SQL statement per type, order kept, unknown keys null, keys normalised', async () => {
    const r = await runner().run(ENTITIES_QUERY, {
      r: [
        { __typename: 'Port', code: 'PORT-ZHAM' },
        { __typename: 'Country', isoCode: ' np ' },
        { __typename: 'Port', code: ' port-gyirong' },
        { __typename: 'Subject', code: 'xz' },
        { __typename: 'Port', code: 'PORT-NOWHERE' },
        { __typename: 'Country', isoCode: 'GROUP-BRI' }, // a partner, but not a country
        { __typename: 'Subject', code: 'NP-CUSTOMS-RASUWA' },
        { __typename: 'Country', isoCode: 'CN' },
        { __typename: 'Port', code: 'lektse' }, // as port(code:) reads it: PORT- may be left out
      ],
    });
    expect(r.body.errors).toBeUndefined();
    expect((r.body.data as any)._entities).toEqual([
      { __typename: 'Port', code: 'PORT-ZHAM', name: 'Zham' },
      { __typename: 'Country', isoCode: 'NP', name: 'Nepal' },
      { __typename: 'Port', code: 'PORT-GYIRONG', name: 'Gyirong' },
      { __typename: 'Subject', code: 'XZ', name: 'Xizang Autonomous Region', kind: 'REGION' },
      null,
      null,
      { __typename: 'Subject', code: 'NP-CUSTOMS-RASUWA', name: 'Rasuwa Customs Office', kind: 'CUSTOMS_OFFICE' },
      { __typename: 'Country', isoCode: 'CN', name: "People's Republic of China" },
      { __typename: 'Port', code: 'PORT-LEKTSE', name: 'Lektse' },
    ]);
    // ports, subjects, partners: one statement each
    expect(r.sqlStatements).toBe(3);
  });

  test('forty representations of one type still cost one statement', async () => {
    const codes = ['PORT-GYIRONG', 'PORT-ZHAM', 'PORT-BURANG', 'PORT-LEKTSE'];
    const reps = Array.from({ length: 40 }, (_, i) => ({ __typename: 'Port', code: i % 5 === 4 ? `PORT-X${i}` : codes[i % 5] }));
    const r = await runner().run(ENTITIES_QUERY, { r: reps });
    expect(r.body.errors).toBeUndefined();
    const got = (r.body.data as any)._entities as Array<{ code: string } | null>;
    expect(got.map((e) => e?.code ?? null)).toEqual(reps.map((rep, i) => (i % 5 === 4 ? null : rep.code)));
    expect(r.sqlStatements).toBe(1);
  });

  test('an entity reached through _entities resolves its fields through the loaders too', async () => {
    const r = await runner().run(`query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Country { isoCode partner { code kind } figures(subject: "xz", filter: { period: "2022", measures: ["trade_value"] }) { value unit partnerCode } }
    } }`, { r: [{ __typename: 'Country', isoCode: 'NP' }] });
    expect(r.body.errors).toBeUndefined();
    // data/xizang-trade-figures.tsv: trade_value XZ NP total 2022-01-01..2022-12-31 1563 CNY_MN
    expect((r.body.data as any)._entities).toEqual([
      { isoCode: 'NP', partner: { code: 'NP', kind: 'COUNTRY' }, figures: [{ value: '1563', unit: 'CNY_MN', partnerCode: 'NP' }] },
    ]);
  });

  test('an unknown __typename and a representation without its key field give clear errors in their place; the others resolve', async () => {
    const r = await runner().run(ENTITIES_QUERY, {
      r: [
        { __typename: 'Port', code: 'PORT-BURANG' },
        { __typename: 'Figure', id: '1' },
        { __typename: 'Country', code: 'NP' },
        { __typename: 'Subject', code: '   ' },
        { __typename: 'Country', isoCode: 'NP' },
      ],
    });
    expect((r.body.data as any)._entities).toEqual([
      { __typename: 'Port', code: 'PORT-BURANG', name: 'Burang' },
      null,
      null,
      null,
      { __typename: 'Country', isoCode: 'NP', name: 'Nepal' },
    ]);
    expect(r.body.errors?.map((e) => ({ message: e.message, path: (e as any).path, code: e.extensions?.code }))).toEqual([
      { message: 'argument "representations[1]": unknown __typename "Figure"; the entities are Country, Port, Subject', path: ['_entities', 1], code: 'BAD_USER_INPUT' },
      { message: 'argument "representations[2]": Country needs its key field "isoCode" as a non-empty string', path: ['_entities', 2], code: 'BAD_USER_INPUT' },
      { message: 'argument "representations[3]": Subject needs its key field "code" as a non-empty string', path: ['_entities', 3], code: 'BAD_USER_INPUT' },
    ]);
    expect(r.sqlStatements).toBe(2);
  });

  test('a __typename that names a property of every object (constructor, toString, __proto__) is unknown in its place; the others resolve (it crashed the whole field)', async () => {
    const r = await runner().run(ENTITIES_QUERY, {
      r: [{ __typename: 'Port', code: 'zham' }, { __typename: 'constructor', undefined: 'x' }, { __typename: 'toString' }, { __typename: 'hasOwnProperty' }],
    });
    expect((r.body.data as any)._entities).toEqual([{ __typename: 'Port', code: 'PORT-ZHAM', name: 'Zham' }, null, null, null]);
    expect(r.body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(['constructor', 'toString', 'hasOwnProperty'].map((t, i) => [
      `argument "representations[${i + 1}]": unknown __typename "${t}"; the entities are Country, Port, Subject`, 'BAD_USER_INPUT',
    ]));
  });

  test('Partner.country is the Country entity for countries and null for groups and ALL', async () => {
    const r = await runner().run(`{ np: partner(code: "np") { code country { isoCode name } } bri: partner(code: "GROUP-BRI") { country { isoCode } } all: partner(code: "ALL") { country { isoCode } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ np: { code: 'NP', country: { isoCode: 'NP', name: 'Nepal' } }, bri: { country: null }, all: { country: null } });
  });

  test('Country.figures refuses filter.partners', async () => {
    const r = await runner().run(`{ _entities(representations: [{ __typename: "Country", isoCode: "NP" }]) { ... on Country { figures(filter: { partners: ["CN"] }) { value } } } }`);
    expect(r.body.errors?.[0]).toMatchObject({ message: 'argument "filter.partners": is fixed to this country on Country.figures', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
