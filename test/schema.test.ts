import fs from 'node:fs';
import { getIntrospectionQuery, getNamedType, IntrospectionObjectType, IntrospectionQuery, isEnumType, isObjectType } from 'graphql';
import { buildLandportsSchema, buildLandportsSubgraph, printLandportsSchema, SCHEMA_FILE } from '../src/schema';
import { useOperationRunner } from './support/run-operation';

test('schema.graphql is the schema the code emits (run `npm run emit-schema` after changing it)', async () => {
  const emitted = printLandportsSchema(await buildLandportsSchema());
  expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(emitted);
});

test('money and weights are exact Decimal strings, never Int or Float', async () => {
  const sdl = fs.readFileSync(SCHEMA_FILE, 'utf8');
  expect(sdl).toMatch(/^scalar Decimal @specifiedBy/m);
  for (const field of ['value', 'reportedYoyGrowthPct', 'yoyGrowthPct', 'impliedPriorValue', 'growthDiscrepancyPp']) {
    const m = new RegExp(`^\\s+${field}(\\([^)]*\\))?: (\\w+)`, 'm').exec(sdl.slice(sdl.indexOf('type Figure {')));
    expect([field, m?.[2]]).toEqual([field, 'Decimal']);
  }
  expect(sdl).not.toMatch(/: Float/);
});

describe('the served subgraph keeps the API schema\'s enum defaults', () => {
  const runner = useOperationRunner();

  test('the full introspection query (what Apollo Sandbox sends) answers without errors, Port.yearToDate(flow:) defaulting to TOTAL', async () => {
    // Before: `Enum "Flow" cannot represent value: "TOTAL"`, an internal error for each of
    // monthlyTotals, topPartners and yearToDate, since the subgraph held the enum's name as default.
    const r = await runner().run(getIntrospectionQuery());
    expect(r.body.errors).toBeUndefined();
    const port = (r.body.data as IntrospectionQuery).__schema.types.find((t) => t.name === 'Port') as IntrospectionObjectType;
    for (const name of ['monthlyTotals', 'topPartners', 'yearToDate']) {
      const flow = port.fields.find((f) => f.name === name)?.args.find((a) => a.name === 'flow');
      expect([name, flow?.defaultValue]).toEqual([name, 'TOTAL']);
    }
  });

  test('introspection costs what the schema holds, but a cycle through `type { fields }` is still refused before it runs', async () => {
    // The cost estimate counts introspection lists once; graphql-js's MaxIntrospectionDepthRule bounds their nesting.
    const cycle = await runner().run('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect([cycle.httpStatus, cycle.body.errors?.map((e) => e.message)]).toEqual([400, ['Maximum introspection depth exceeded']]);
    const two = await runner().run('{ __schema { types { name fields { name type { name fields { name } } } } } }');
    expect(two.body.errors).toBeUndefined();
  });

  test('introspection that would repeat the schema is refused before it runs: two __schema, an alias inside, more than 10 __type', async () => {
    // Found by trying to break the limits: 30 aliased __schema, each with `__typename: types`, answered 16.5 MB in 1 to 4 s.
    const T = 'fragment T on __Type { name fields(includeDeprecated: true) { name type { name fields { name args { name } } ofType { name fields { name } } } args { name type { name ofType { name } } } } inputFields { name } enumValues { name } }';
    const refused = async (query: string) => {
      const r = await runner().run(query);
      return [r.httpStatus, r.body.errors?.[0]?.extensions?.code, r.body.errors?.[0]?.message];
    };
    expect(await refused(`{ a: __schema { types { ...T } } b: __schema { types { name } } } ${T}`)).toEqual([400, 'LIMIT_EXCEEDED', '__schema fields in the operation: 2 exceeds the limit of 1']);
    expect(await refused(`{ __schema { types { ...T } __typename: types { ...T } } } ${T}`)).toEqual([400, 'LIMIT_EXCEEDED', 'aliases inside __schema or __type: 1 exceeds the limit of 0']);
    const types = Array.from({ length: 11 }, (_, i) => `t${i}: __type(name: "Port") { name }`).join(' ');
    expect(await refused(`{ ${types} }`)).toEqual([400, 'LIMIT_EXCEEDED', '__type fields in the operation: 11 exceeds the limit of 10']);
    // What remains allowed is bounded: the largest single __schema with the fragment above, and 10 __type with it.
    const one = await runner().run(`{ __schema { types { ...T } } } ${T}`);
    expect(one.body.errors).toBeUndefined();
    expect(JSON.stringify(one.body).length).toBeLessThan(1_000_000);
    const ten = await runner().run(`{ ${types.replace(/t10: [^}]*}/, '').replace(/\{ name \}/g, '{ ...T }')} } ${T}`);
    expect(ten.body.errors).toBeUndefined();
    expect(JSON.stringify(ten.body).length).toBeLessThan(1_000_000);
  });

  test('every enum default of the subgraph is a value of its enum (what resolvers receive when the argument is omitted)', async () => {
    const subgraph = await buildLandportsSubgraph();
    const defaults: string[] = [];
    for (const type of Object.values(subgraph.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          const named = getNamedType(arg.type);
          if (!isEnumType(named) || arg.defaultValue === undefined) continue;
          defaults.push(`${type.name}.${field.name}(${arg.name}: ${String(arg.defaultValue)})`);
          expect(named.getValues().map((v) => v.value)).toContain(arg.defaultValue);
        }
      }
    }
    expect(defaults).toContain('Port.yearToDate(flow: total)');
  });
});
