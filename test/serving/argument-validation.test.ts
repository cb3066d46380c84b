/**
 * Argument validation (class-validator, through src/common/validation.ts) answers BAD_USER_INPUT
 * naming the argument (a dotted path into an input object), says why, lists every failure, and
 * echoes neither the value nor the other arguments; no SQL runs.
 */
import { useOperationRunner } from '../support/run-operation';

const runner = useOperationRunner();

test('an empty port code is refused naming "code"', async () => {
  const r = await runner().run('{ port(code: "") { code } }');
  expect(r.body.errors).toEqual([expect.objectContaining({
    message: 'argument "code": code must be longer than or equal to 1 characters',
    extensions: { code: 'BAD_USER_INPUT', argument: 'code', invalid: [{ argument: 'code', reasons: ['code must be longer than or equal to 1 characters'] }] },
  })]);
  expect(r.sqlStatements).toBe(0);
});

test('a failure inside an input object is named by its path; every failure is listed, the first named', async () => {
  const nested = await runner().run('{ subject(code: "XZ") { figures(filter: { from: "20" }) { value } } }');
  expect(nested.body.errors?.[0]).toMatchObject({ message: 'argument "filter.from": from must be longer than or equal to 4 characters', extensions: { argument: 'filter.from' } });
  // An @ArgsType class beside an input argument: its own failures are not put inside the input.
  const root = await runner().run('{ figures(subject: "", filter: { from: "2020" }) { value } }');
  expect(root.body.errors?.[0]).toMatchObject({ message: 'argument "subject": subject must be longer than or equal to 1 characters', extensions: { argument: 'subject' } });
  const two = await runner().run('{ port(code: "ZHAM") { yearToDate(year: 1800, throughMonth: 13) { value } } }');
  expect(two.body.errors?.[0].extensions?.invalid).toEqual([
    { argument: 'throughMonth', reasons: ['throughMonth must not be greater than 12'] },
    { argument: 'year', reasons: ['year must not be less than 1900'] },
  ]);
  expect(two.body.errors?.[0].message).toBe('argument "throughMonth": throughMonth must not be greater than 12; argument "year": year must not be less than 1900');
  expect(JSON.stringify(two.body)).not.toMatch(/target|"value"|1800,|trade_value/);
});

test('inputs inside argument classes are validated too (the root figures, figuresConnection and derivedFigure)', async () => {
  const figures = await runner().run('{ figures(subject: "XZ", filter: { measures: [""] }) { value } }');
  expect(figures.body.errors?.[0]).toMatchObject({ message: 'argument "filter.measures": each value in measures must be longer than or equal to 1 and shorter than or equal to 64 characters', extensions: { code: 'BAD_USER_INPUT', argument: 'filter.measures' } });
  const page = await runner().run('{ subject(code: "XZ") { figuresConnection(first: 2, filter: { partners: [""] }) { totalCount } } }');
  expect(page.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.partners' });
  const derived = await runner().run('{ derivedFigure(series: { subject: "" }, period: "2021", unit: CNY_MN) { value } }');
  expect(derived.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'series.subject' });
  expect([figures.sqlStatements, page.sqlStatements, derived.sqlStatements]).toEqual([0, 1, 0]); // the page: only its subject was read
});

test('repeated subject kinds are asked once: the statement gets each kind once, and the answer is the same', async () => {
  const once = await runner().run('{ subjects(kinds: [PORT]) { code } }');
  const many = await runner().run(`{ subjects(kinds: [${Array.from({ length: 1000 }, () => 'PORT').join(', ')}]) { code } }`, undefined, true);
  expect(many.body).toEqual(once.body);
  expect((once.body.data as { subjects: { code: string }[] }).subjects.map((s) => s.code)).toEqual(['PORT-BURANG', 'PORT-GYIRONG', 'PORT-LEKTSE', 'PORT-ZHAM']);
  expect(many.statements.map((s) => s.parameters)).toEqual([[['PORT']]]);
});

test('a port total asked of every port of a list (its arguments validated once per request) is refused, and no totals statement runs', async () => {
  const r = await runner().run('{ ports { code yearToDate(year: 2023, throughMonth: 0) { value } topPartners(year: 2023, first: 51) { sharePct } } }', undefined, true);
  // Both fields are non-null, so the first failure nulls the whole answer (graphql-js reports it, not every one).
  expect(r.body.data).toBeNull();
  expect(r.body.errors!.length).toBeGreaterThanOrEqual(1);
  for (const e of r.body.errors!) {
    expect(['argument "throughMonth": throughMonth must not be less than 1', 'argument "first": first must not be greater than 50']).toContain(e.message);
  }
  expect(r.body.errors!.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
  expect(r.statements.filter((s) => /_rollup/.test(s.sql))).toEqual([]);
  // The same fields with valid arguments in the next request: answered for every port.
  const ok = await runner().run('{ ports { code yearToDate(year: 2023, throughMonth: 11) { period { label } } topPartners(year: 2023, first: 50) { rank } } }');
  expect(ok.body.errors).toBeUndefined();
  const ports = (ok.body.data as { ports: { code: string; yearToDate: { period: { label: string } } }[] }).ports;
  expect(ports.length).toBeGreaterThanOrEqual(4);
  expect(new Set(ports.map((p) => p.yearToDate.period.label))).toEqual(new Set(['2023-01..2023-11']));
});
