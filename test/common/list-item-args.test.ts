/**
 * resolveArgsOncePerRequest (src/common/list-item-args.ts) on a small graphql-js schema, no
 * database: a field asked once per item of a list converts and validates its arguments once per
 * request and field node, answers each item with its own value, never carries arguments over to
 * another request, and fails every item with the validator's error.
 */
import 'reflect-metadata';
import { execute, GraphQLError, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { ArgumentValidator, listItemField, resolveArgsOncePerRequest } from '../../src/common/list-item-args';

class SumArgs {
  year: number;
  through = 12;
  /** Present only to show resolvers get an instance of the class. */
  span(): number {
    return this.through;
  }
}

interface Item { code: string; base: number }

const ITEMS: Item[] = Array.from({ length: 50 }, (_, i) => ({ code: `P${i + 1}`, base: i + 1 }));

/** A schema whose Item.sum(year, through) = base × 100 + through (so each item's answer is its own), and a validator that counts its calls. */
function setup() {
  const validated: SumArgs[] = [];
  const validate: ArgumentValidator = async (value) => {
    const a = value as SumArgs;
    validated.push(a);
    if (a.through < 1 || a.through > 12) throw new GraphQLError('argument "through": through must not be greater than 12', { extensions: { code: 'BAD_USER_INPUT' } });
  };
  const seen: unknown[] = [];
  const item = new GraphQLObjectType<Item>({
    name: 'Item',
    fields: {
      code: { type: GraphQLString },
      sum: {
        type: GraphQLInt,
        args: { year: { type: new GraphQLNonNull(GraphQLInt) }, through: { type: GraphQLInt, defaultValue: 12 } },
        resolve: () => {
          throw new Error('the original resolver must have been replaced');
        },
      },
    },
  });
  const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { items: { type: new GraphQLList(item), resolve: () => ITEMS } } }) });
  resolveArgsOncePerRequest(schema, 'Item', {
    sum: listItemField(SumArgs, async (it: Item, a) => {
      seen.push(a);
      return it.base * 100 + a.span();
    }),
  }, validate);
  const run = async (query: string, variableValues?: Record<string, unknown>) => execute({ schema, document: parse(query), variableValues });
  return { validated, seen, run };
}

test('50 items, one field node: the arguments are built and validated once, each item answered with its own value', async () => {
  const { validated, seen, run } = setup();
  const r = await run('{ items { code sum(year: 2024, through: 6) } }');
  expect(r.errors).toBeUndefined();
  expect((r.data as { items: { sum: number }[] }).items.map((i) => i.sum)).toEqual(ITEMS.map((i) => i.base * 100 + 6));
  expect(validated).toHaveLength(1);
  expect(validated[0]).toBeInstanceOf(SumArgs);
  expect({ ...validated[0] }).toEqual({ year: 2024, through: 6 });
  expect(seen).toHaveLength(50);
  expect(new Set(seen).size).toBe(1);
});

test('two aliases with other arguments are two field nodes: validated apart, each answered as asked; the default applies', async () => {
  const { validated, run } = setup();
  const r = await run('{ items { a: sum(year: 2024, through: 3) b: sum(year: 2024) } }');
  const items = (r.data as { items: { a: number; b: number }[] }).items;
  expect(items[0]).toEqual({ a: 103, b: 112 });
  expect(items[49]).toEqual({ a: 5003, b: 5012 });
  expect(validated.map((a) => a.through).sort((x, y) => x - y)).toEqual([3, 12]);
});

test('the same document with other variables in a later request gets its own arguments', async () => {
  const { validated, run } = setup();
  const q = 'query($t: Int) { items { sum(year: 2024, through: $t) } }';
  const first = await run(q, { t: 2 });
  const second = await run(q, { t: 9 });
  expect((first.data as { items: { sum: number }[] }).items[0].sum).toBe(102);
  expect((second.data as { items: { sum: number }[] }).items[0].sum).toBe(109);
  expect(validated.map((a) => a.through)).toEqual([2, 9]);
});

test('arguments that fail validation fail every item with the validator\'s error, and the resolver never runs', async () => {
  const { seen, run } = setup();
  const r = await run('{ items { code sum(year: 2024, through: 13) } }');
  expect(r.errors).toHaveLength(50);
  expect(new Set(r.errors!.map((e) => e.message))).toEqual(new Set(['argument "through": through must not be greater than 12']));
  expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect((r.data as { items: { code: string; sum: number | null }[] }).items[7]).toEqual({ code: 'P8', sum: null });
  expect(seen).toEqual([]);
});

test('a type or field that is not in the schema, or not resolved, is refused when the schema is built', () => {
  const schema = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { n: { type: GraphQLInt } } }) });
  const field = { sum: listItemField(SumArgs, () => 1) };
  const ok: ArgumentValidator = async () => undefined;
  expect(() => resolveArgsOncePerRequest(schema, 'Item', field, ok)).toThrow('Item is not an object type of the schema');
  expect(() => resolveArgsOncePerRequest(schema, 'Query', field, ok)).toThrow('Query.sum is not a resolved field of the schema');
  expect(() => resolveArgsOncePerRequest(schema, 'Query', { n: field.sum }, ok)).toThrow('Query.n is not a resolved field of the schema');
});
