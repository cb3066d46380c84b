/**
 * Strings carrying U+0000 are refused before any SQL and do not spoil other fields: in the document
 * as a validation failure naming the argument, in variables as BAD_USER_INPUT naming the variable.
 */
import { useOperationRunner } from '../support/run-operation';

const runner = useOperationRunner();

test('a NUL in a string literal is refused naming the argument, with no SQL', async () => {
  const r = await runner().run('{ partner(code: " np ") { code } p2: partner(code: "\\u0000") { code } }');
  expect(r.sqlStatements).toBe(0);
  expect(r.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
    ['GRAPHQL_VALIDATION_FAILED', 'argument "code": strings may not contain the NUL character (U+0000)'],
  ]);
});

test('a NUL inside an input object or list literal is refused too', async () => {
  const r = await runner().run('{ figures(subject: "XZ", filter: { partners: ["NP", "N\\u0000P"] }) { value } }');
  expect(r.body.errors?.[0]).toMatchObject({ message: 'argument "filter": strings may not contain the NUL character (U+0000)', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  expect(r.sqlStatements).toBe(0);
});

test('a NUL in a variable is refused naming the variable, with no SQL', async () => {
  const r = await runner().run('query($c: String!) { subject(code: $c) { code } }', { c: 'X\u0000Z' });
  expect(r.body.errors?.[0]).toMatchObject({ message: 'argument "$c": strings may not contain the NUL character (U+0000)', extensions: { code: 'BAD_USER_INPUT' } });
  expect(r.sqlStatements).toBe(0);
});

test('an unpaired surrogate in a variable is refused naming the variable; a real pair (an emoji) is fine', async () => {
  const lone = await runner().run('query($c: String!) { subject(code: $c) { code } }', { c: 'X\ud800Z' });
  expect(lone.body.errors?.[0]).toMatchObject({ message: 'argument "$c": strings must be well-formed Unicode (an unpaired UTF-16 surrogate was found)', extensions: { code: 'BAD_USER_INPUT' } });
  expect(lone.sqlStatements).toBe(0);
  const low = await runner().run('query($f: FigureFilter) { figures(subject: "XZ", filter: $f) { value } }', { f: { partners: ['NP', '\udc00'] } });
  expect(low.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: '$f' } });
  const pair = await runner().run('query($c: String!) { subject(code: $c) { code } }', { c: 'X\ud83d\ude00' });
  expect(pair.body.errors).toBeUndefined();
  expect(pair.body.data).toEqual({ subject: null });
});

test('without a NUL the same lookups answer', async () => {
  const r = await runner().run('{ partner(code: " np ") { code } }');
  expect(r.body).toEqual({ data: { partner: { code: 'NP' } } });
});
