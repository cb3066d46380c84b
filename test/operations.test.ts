/**
 * Golden operations: every test/operations/<area>/<name>.graphql runs in-process against the
 * shipped real data; its answer must equal <name>.json's "data" (and "errors" where present) and
 * it must issue exactly "sqlStatements" SQL statements. UPDATE_GOLDEN=1 rewrites the files
 * (review the diff before committing).
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
  const { body, sqlStatements } = await runner().run(query, variables);
  const actual = { sqlStatements, ...body };
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(goldenFile, JSON.stringify(actual, null, 2) + '\n');
  expect(actual).toEqual(JSON.parse(fs.readFileSync(goldenFile, 'utf8')));
});
