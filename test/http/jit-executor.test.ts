/**
 * The executor (src/http/jit-executor.ts): an operation runs interpreted by graphql-js the first
 * time and compiled by graphql-jit after; both give the same answers on the shipped real data,
 * variables are refused as graphql-js refuses them, and errors keep what Apollo formats.
 */
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { GraphQLError as JitGraphQLError } from 'graphql-jit/dist/error';
import { asGraphQLError } from '../../src/http/jit-executor';
import { useOperationRunner } from '../support/run-operation';

const runner = useOperationRunner();

/** Runs `query` until it has run compiled, returning the interpreted and the compiled answers. */
async function bothWays(query: string, variables?: Record<string, unknown>) {
  const e0 = await runner().executions();
  const interpreted = await runner().run(query, variables);
  const e1 = await runner().executions();
  const compiled = await runner().run(query, variables);
  const e2 = await runner().executions();
  expect([e1.interpreted - e0.interpreted, e2.compiled - e1.compiled]).toEqual([1, 1]);
  return { interpreted, compiled };
}

test('fragments, aliases, __typename and @include/@skip by variable: compiled answers equal graphql-js answers', async () => {
  const query = `query Names($withNames: Boolean!, $code: String) {
    ports { code ...Named @include(if: $withNames) }
    one: port(code: $code) { __typename code name @skip(if: $withNames) }
  }
  fragment Named on Port { name otherNames }`;
  const withNames = await bothWays(query, { withNames: true, code: 'PORT-ZHAM' });
  expect(withNames.compiled.body).toEqual(withNames.interpreted.body);
  const ports = (withNames.compiled.body.data as { ports: { code: string; name?: string }[] }).ports;
  expect(ports.find((p) => p.code === 'PORT-GYIRONG')).toEqual({ code: 'PORT-GYIRONG', name: 'Gyirong', otherNames: ['Kyirong', 'Kerung', 'Jilong', 'Jilung'] });
  expect((withNames.compiled.body.data as { one: unknown }).one).toEqual({ __typename: 'Port', code: 'PORT-ZHAM' });
  // The same document, now compiled, with the other value of the variable.
  const without = await runner().run(query, { withNames: false, code: 'PORT-ZHAM' });
  const w = without.body.data as { ports: object[]; one: unknown };
  expect(w.ports).toContainEqual({ code: 'PORT-BURANG' });
  expect(w.one).toEqual({ __typename: 'Port', code: 'PORT-ZHAM', name: 'Zham' });
});

test('a compiled operation refuses a bad variable as graphql-js does: HTTP 400, BAD_USER_INPUT, its message', async () => {
  const query = 'query One($code: String!) { port(code: $code) { code } }';
  await bothWays(query, { code: 'PORT-LEKTSE' });
  const missing = await runner().run(query, {});
  expect([missing.httpStatus, missing.body.errors?.[0]]).toMatchObject([400, { message: 'Variable "$code" of required type "String!" was not provided.', extensions: { code: 'BAD_USER_INPUT' } }]);
  const wrong = await runner().run(query, { code: 5 });
  expect([wrong.httpStatus, wrong.body.errors?.[0]]).toMatchObject([400, { message: 'Variable "$code" got invalid value 5; String cannot represent a non string value: 5', extensions: { code: 'BAD_USER_INPUT' } }]);
  expect(wrong.sqlStatements).toBe(0);
});

test('a resolver error on the compiled path keeps its message, location, path and code', async () => {
  const query = '{ figures(subject: "XZ", filter: { period: "2023-13" }) { value } }';
  const { interpreted, compiled } = await bothWays(query);
  expect(compiled.body).toEqual(interpreted.body);
  expect(compiled.body.errors?.[0]).toEqual({
    message: 'argument "filter.period": cannot parse period "2023-13": bad month "2023-13"',
    locations: [{ line: 1, column: 3 }], path: ['figures'], extensions: { code: 'BAD_USER_INPUT', argument: 'filter.period' },
  });
});

test('an operation with an input-object variable stays graphql-js\'s: its defaults (measure, partner) apply every time', async () => {
  // Found by trying to break the executor: graphql-jit 0.8.9 refused a SeriesInput without `measure`.
  const query = 'query($s: SeriesInput!) { derivedFigure(series: $s, unit: CNY_MN, period: "2024-03") { value method } }';
  const variables = { s: { subject: 'XZ', measure: 'trade_value' } };
  const e0 = await runner().executions();
  const answers = [await runner().run(query, variables), await runner().run(query, variables), await runner().run(query, { s: { subject: 'XZ' } })];
  const e1 = await runner().executions();
  expect([e1.interpreted - e0.interpreted, e1.compiled - e0.compiled]).toEqual([3, 0]);
  // Xizang's March 2024: Jan–Mar 2178 minus Jan–Feb 1750, both published (README example 4).
  for (const a of answers) expect([a.httpStatus, a.body]).toEqual([200, { data: { derivedFigure: { value: '428', method: 'DIFFERENCE' } } }]);
});

test('an operation with a variable inside an object literal stays graphql-js\'s; a null there for a defaulted field is BAD_USER_INPUT', async () => {
  // graphql-jit applied the default `measure` where graphql-js refuses the null (found by trying to break the executor).
  const query = 'query($m: String) { derivedFigure(series: { subject: "XZ", measure: $m }, unit: CNY_MN, period: "2024-03") { value method } }';
  const e0 = await runner().executions();
  const omitted = [await runner().run(query, {}), await runner().run(query, {})];
  const nulled = await runner().run(query, { m: null });
  const e1 = await runner().executions();
  expect([e1.interpreted - e0.interpreted, e1.compiled - e0.compiled]).toEqual([3, 0]);
  for (const a of omitted) expect(a.body).toEqual({ data: { derivedFigure: { value: '428', method: 'DIFFERENCE' } } });
  // graphql-js's own refusal of the argument: a client's mistake, no longer masked as an internal error.
  expect(nulled.body).toEqual({
    data: null,
    errors: [{ message: 'Argument "series" has invalid value {subject: "XZ", measure: $m}.', locations: [{ line: 1, column: 43 }], path: ['derivedFigure'], extensions: { code: 'BAD_USER_INPUT' } }],
  });
});

test.each([
  ['a non-null variable with a default, omitted', 'query($c: String! = "ZHAM") { port(code: $c) { code } }', {}, { port: { code: 'PORT-ZHAM' } }],
  ['an enum variable with a default, omitted', 'query($y: Int!, $f: Flow = IMPORT) { port(code: "PORT-ZHAM") { code yearToDate(year: $y, throughMonth: 1, flow: $f) { value } } }', { y: 2023 }, null],
])('an operation with %s stays graphql-js\'s, with the same answer every time', async (_what, query, variables, data) => {
  // graphql-jit refused the omitted variable as "not provided" (found by trying to break the executor).
  const e0 = await runner().executions();
  const answers = [await runner().run(query, variables), await runner().run(query, variables)];
  const e1 = await runner().executions();
  expect([e1.interpreted - e0.interpreted, e1.compiled - e0.compiled]).toEqual([2, 0]);
  expect(answers[1].body).toEqual(answers[0].body);
  expect(answers[0].httpStatus).toBe(200);
  if (data) expect(answers[0].body).toEqual({ data });
});

test.each([
  ['@include', 'query($x: Boolean = true) { ports { code name @include(if: $x) } }'],
  ['@skip', 'query($x: Boolean = false) { ports { code name @skip(if: $x) } }'],
])('a null variable deciding %s (allowed: it has a default) is BAD_USER_INPUT each time, no longer masked as internal', async (_what, query) => {
  // graphql-jit silently left the field out (found by trying to break the executor); with its
  // default the operation stays graphql-js's, whose refusal now keeps its words and code.
  const byDefault = await runner().run(query);
  expect((byDefault.body.data as { ports: object[] }).ports).toContainEqual({ code: 'PORT-GYIRONG', name: 'Gyirong' });
  for (let i = 0; i < 2; i++) {
    const nulled = await runner().run(query, { x: null });
    expect(nulled.body.data).toBeNull();
    expect(nulled.body.errors?.[0]).toMatchObject({ message: 'Argument "if" of non-null type "Boolean!" must not be null.', extensions: { code: 'BAD_USER_INPUT' } });
  }
});

test('asGraphQLError: a graphql-jit error becomes a graphql-js GraphQLError with extensions (which Apollo reads) and the rest kept', () => {
  const cause = new Error('relation "observation" does not exist');
  const jit = new (JitGraphQLError as unknown as new (...a: unknown[]) => GraphQLError)(cause.message, [{ line: 2, column: 5 }], ['figures', 0], cause);
  expect(jit.extensions).toBeUndefined(); // what made Apollo's formatting throw
  const e = asGraphQLError(jit);
  expect(e.constructor).toBe(GraphQLError);
  expect(e.toJSON()).toEqual({ message: 'relation "observation" does not exist', locations: [{ line: 2, column: 5 }], path: ['figures', 0] });
  expect(e.extensions).toEqual({});
  expect(e.originalError).toBe(cause);
  // graphql-js's own errors and their subclasses (Landports' expected errors) are left as they are.
  const own = new GraphQLError('x');
  expect(asGraphQLError(own)).toBe(own);
  class Expected extends GraphQLError {}
  const expected = new Expected('y', { extensions: { code: 'NOT_FOUND' } });
  expect(asGraphQLError(expected)).toBe(expected);
});

test('Apollo\'s executor context is built without a per-request accessor object (patches/@apollo+server+5.5.1.patch, applied by postinstall)', () => {
  // The object literal with get/set it replaces made every request's objects survive young-generation
  // collections (1.7 MB promoted per scavenge instead of 0.25 under benchmark Q1 at c=16, peak RSS
  // about 270 MB instead of 160). The package's exports hide the module: it is reached by its path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { makeGatewayGraphQLRequestContext } = require(path.join(path.dirname(require.resolve('@apollo/server')), 'utils/makeGatewayGraphQLRequestContext.js'));
  const head = { status: undefined as number | undefined, headers: new Map<string, string>() };
  const rc = makeGatewayGraphQLRequestContext({ request: {}, response: { http: head } }, { logger: console, cache: undefined }, { includeStacktraceInErrorResponses: false });
  expect(Object.getOwnPropertyDescriptor(rc.response.http, 'status')).toBeUndefined(); // on the prototype
  rc.response.http.status = 418;
  rc.response.http.headers.set('x-a', '1');
  expect([head.status, head.headers.get('x-a'), rc.response.http.status]).toEqual([418, '1', 418]);
});
