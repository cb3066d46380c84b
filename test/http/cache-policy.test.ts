/**
 * The Cache-Control policy worked out from the document (src/http/cache.ts operationMaxAge), on
 * the real schema: 300 s for published statistics, 12 x 300 s for reference types, the smallest
 * over every selected field, fragments followed, mutations never cacheable.
 */
import 'reflect-metadata';
import { GraphQLSchema, OperationDefinitionNode, parse, validate } from 'graphql';
import { buildLandportsSchema } from '../../src/schema';
import { operationMaxAge } from '../../src/http/cache';
import { fragmentBomb } from '../support/fragment-bomb';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildLandportsSchema();
});

function maxAge(query: string): number {
  const document = parse(query);
  expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return operationMaxAge(schema, document, operation, 300);
}

test('reference data only: 3600 s; any figure makes it 300 s', () => {
  expect(maxAge('{ ports { code name } }')).toBe(3600);
  expect(maxAge('{ port(code: "PORT-ZHAM") { name events { date source { title } } } }')).toBe(3600);
  expect(maxAge('{ figures(subject: "XZ") { value } }')).toBe(300);
  expect(maxAge('{ port(code: "PORT-ZHAM") { name yearToDate(year: 2023, throughMonth: 11) { value } } }')).toBe(300);
});

test('fragments and inline fragments are followed; __typename alone changes nothing', () => {
  expect(maxAge('{ ports { ...P } } fragment P on Port { code __typename }')).toBe(3600);
  expect(maxAge('{ ports { ...P } } fragment P on Port { code ... on Port { monthlyTotals(year: 2023) { value } } }')).toBe(300);
  expect(maxAge('{ ports { ...P } } fragment P on Port { ...Q } fragment Q on Port { monthlyTotals(year: 2023) { value } }')).toBe(300);
});

test('a mutation is never cacheable', () => {
  expect(maxAge('mutation { importObservations(tsv: "x") { inserted } }')).toBe(0);
});

test('nested fragment spreads are followed once per place: a small document expanding to millions of fields is worked out at once', () => {
  const started = Date.now();
  expect(maxAge(fragmentBomb('ports { code }'))).toBe(3600);
  expect(maxAge(fragmentBomb('ports { code } figures(subject: "XZ") { value }'))).toBe(300);
  expect(Date.now() - started).toBeLessThan(1000);
});
