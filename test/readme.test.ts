/**
 * The README's example operations give exactly the answers it shows, on both executors (graphql-js
 * the first time, graphql-jit the second: src/http/jit-executor.ts), and the first is the Sandbox's initial document.
 */
import fs from 'node:fs';
import path from 'node:path';
import { useOperationRunner } from './support/run-operation';
import { FIRST_EXAMPLE } from '../src/server';

const README = fs.readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
const blocks = [...README.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));
/** Each graphql block with the json block that follows it. */
const examples = blocks.flatMap((b, i) => (b.lang === 'graphql' && blocks[i + 1]?.lang === 'json' ? [{ query: b.text, answer: blocks[i + 1].text }] : []));

const runner = useOperationRunner();

test('the README has nine examples, and the first is what the Sandbox opens with', () => {
  expect(examples).toHaveLength(9);
  expect(examples[0].query.trim()).toBe(FIRST_EXAMPLE.trim());
  expect(examples[0].answer).toContain('"value": "4560"');
  expect(examples[0].answer).toContain('"reportedYoyGrowthPct": "80.2"');
});

test.each(examples.map((e, i) => [i + 1, e] as const))('example %i gives the answer shown, interpreted and then compiled', async (_i, { query, answer }) => {
  const before = await runner().executions();
  expect((await runner().run(query)).body).toEqual(JSON.parse(answer));
  expect((await runner().run(query)).body).toEqual(JSON.parse(answer));
  const after = await runner().executions();
  expect([after.interpreted - before.interpreted, after.compiled - before.compiled]).toEqual([1, 1]);
});
