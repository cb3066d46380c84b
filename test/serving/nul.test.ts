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

test('a refused variable is answered with HTTP 400, as graphql-js answers a variable of the wrong type', async () => {
  const nul = await runner().run('query($c: String) { port(code: $c) { code } }', { c: '\u0000' });
  expect([nul.httpStatus, nul.body.errors?.[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', argument: '$c' }]);
  const wrongType = await runner().run('query($c: String) { port(code: $c) { code } }', { c: 5 });
  expect([wrongType.httpStatus, wrongType.body.errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
});

test('variables the operation does not declare are not looked at (graphql-js ignores them)', async () => {
  const r = await runner().run('query($c: String) { port(code: $c) { code } }', { c: 'ZHAM', zz: '\ud800', nul: '\u0000' });
  expect([r.httpStatus, r.body]).toEqual([200, { data: { port: { code: 'PORT-ZHAM' } } }]);
});

test('a variable nested thousands deep is checked without overflowing the stack, and refused as input, never as an internal error', async () => {
  let deep: unknown = 'ok';
  for (let i = 0; i < 20000; i++) deep = [deep];
  const lists = await runner().run('query($c: [String!]) { ports(codes: $c) { code } }', { c: deep });
  expect([lists.httpStatus, lists.body.errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
  let nested: unknown = { partners: ['NP', 'N\u0000P'] };
  for (let i = 0; i < 20000; i++) nested = { inner: nested };
  const objects = await runner().run('query($f: FigureFilter) { figures(subject: "XZ", filter: $f) { value } }', { f: nested });
  expect([objects.httpStatus, objects.body.errors?.[0].message]).toEqual([400, 'argument "$f": strings may not contain the NUL character (U+0000)']);
});

test('a malformed persisted-query extension is a client error (BAD_REQUEST, 400), not a masked internal one', async () => {
  const query = '{ port(code: "ZHAM") { code } }';
  for (const persistedQuery of [{ version: 1, sha256Hash: 'zz' }, { version: 2, sha256Hash: 'zz' }, 'x']) {
    const r = await runner().run(query, undefined, false, { persistedQuery });
    expect([r.httpStatus, r.body.errors?.map((e) => e.extensions?.code)]).toEqual([400, ['BAD_REQUEST']]);
    expect(r.body.errors?.[0].message).toMatch(/^(provided sha does not match query|Unsupported persisted query version)$/);
  }
});

test('a NUL in a variable\'s default value is refused naming the variable, with no SQL', async () => {
  for (const query of [
    'query($n: String = "Zh\\u0000am") { port(name: $n) { code } }',
    'query($f: FigureFilter = { partners: ["N\\u0000P"] }) { subject(code: "XZ") { figures(filter: $f) { value } } }',
  ]) {
    const r = await runner().run(query);
    expect(r.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', `argument "${query.includes('$n') ? '$n' : '$f'}": strings may not contain the NUL character (U+0000)`],
    ]);
    expect(r.sqlStatements).toBe(0);
  }
});
