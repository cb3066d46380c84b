/**
 * Golden operations: every test/operations/<area>/<name>.graphql runs in-process against the
 * shipped real data; its answer must equal <name>.json's "data" (and "errors" where present) and
 * it must issue exactly "sqlStatements" SQL statements. UPDATE_GOLDEN=1 rewrites the files
 * (review the diff before committing). Each runs twice: first interpreted by graphql-js, then
 * compiled by graphql-jit (src/http/jit-executor.ts); both answers must be the golden one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { useOperationRunner } from './support/run-operation';

const ROOT = path.join(__dirname, 'operations');
const files = fs.readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql')).sort();

const runner = useOperationRunner();

test('there are golden operations', () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
});

test.each(files)('%s', async (file) => {
  const query = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const goldenFile = path.join(ROOT, file.replace(/\.graphql$/, '.json'));
  const varsFile = path.join(ROOT, file.replace(/\.graphql$/, '.variables.json'));
  const variables = fs.existsSync(varsFile) ? JSON.parse(fs.readFileSync(varsFile, 'utf8')) : undefined;
  const before = await runner().executions();
  const { body, sqlStatements } = await runner().run(query, variables);
  const actual = { sqlStatements, ...body };
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(goldenFile, JSON.stringify(actual, null, 2) + '\n');
  const golden = JSON.parse(fs.readFileSync(goldenFile, 'utf8'));
  expect(actual).toEqual(golden);
  const first = await runner().executions();
  const again = await runner().run(query, variables);
  const second = await runner().executions();
  expect({ sqlStatements: again.sqlStatements, ...again.body }).toEqual(golden);
  // An operation that executed at all (not refused before execution) ran interpreted, then compiled.
  if (first.interpreted > before.interpreted) expect([first.interpreted - before.interpreted, second.compiled - first.compiled]).toEqual([1, 1]);
  else expect(second).toEqual(before);
});
