/**
 * asOf on the statistics queries: on the scratch database, the shipped real data are loaded and
 * dated 2025-06-01 (their import time is moved back so that a later import falls on another
 * day), then a corrections file changes three values for the same keys and sources. The
 * corrected values are SYNTHETIC (made up for this test, labelled here); queries asOf
 * 2025-06-01 answer with the published values, the latest with the corrections, and asOf a day
 * before the load with nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openEmptyScratchDatabase } from './support/database';
import { OperationRunner } from './support/run-operation';
import { loadShippedData } from '../src/import/reference.service';
import { importObservationsText } from '../src/import/import.service';

const DATA = path.resolve(__dirname, '../data');
const [HEADER, ...ROWS] = fs.readFileSync(path.join(DATA, 'xizang-trade-figures.tsv'), 'utf8').split('\n');

/** The shipped row starting with `prefix` (measure..value), with its value replaced by `value` (synthetic). */
function corrected(prefix: string, value: string): string {
  const row = ROWS.find((l) => l.startsWith(prefix));
  if (!row) throw new Error(`no shipped row starts with ${prefix}`);
  const cells = row.split('\t');
  cells[6] = value;
  return cells.join('\t');
}

let ds: DataSource;
let runner: OperationRunner;
beforeAll(async () => {
  ds = await openEmptyScratchDatabase();
  await loadShippedData(ds, DATA);
  await ds.query(`UPDATE observation SET recorded_at = '2025-06-01T08:00:00Z'`);
  const corrections = [
    corrected('trade_value\tXZ\tALL\ttotal\t2021-01-01\t2021-11-30\t3650\t', '3660'), // synthetic: 3650 -> 3660
    corrected('trade_value\tXZ\tALL\ttotal\t2020-01-01\t2020-12-31\t2133\t', '2122'), // synthetic: 2133 -> 2122
    corrected('trade_value\tXZ\tALL\ttotal\t2020-01-01\t2020-09-30\t1167\t', '1200'), // synthetic: 1167 -> 1200
  ];
  const r = await importObservationsText(ds, `${HEADER}\n${corrections.join('\n')}\n`, 'synthetic-corrections.tsv');
  expect(r).toMatchObject({ inserted: 3, superseded: 3 });
  runner = await OperationRunner.create(ds);
});
afterAll(async () => {
  await runner.stop();
  await ds.destroy();
});

async function at(query: (asOf: string) => string, asOf: string | null): Promise<any> {
  const r = await runner.run(query(asOf ? `, asOf: "${asOf}"` : ''));
  expect(r.body.errors).toBeUndefined();
  return r.body.data;
}

test('derivedFigure: Oct-Nov 2021 was 3650 - 2614 = 1036 as of 2025-06-01, is 3660 - 2614 = 1046 now, and unknown before the load', async () => {
  const q = (a: string) => `{ derivedFigure(series: { subject: "XZ" }, unit: CNY_MN, period: "2021-10..2021-11"${a}) { value method inputs { value recordedAt } } }`;
  const then = (await at(q, '2025-06-01')).derivedFigure;
  expect(then.value).toBe('1036');
  expect(then.inputs.map((i: any) => i.value)).toEqual(['3650', '2614']);
  expect((await at(q, null)).derivedFigure.value).toBe('1046');
  expect((await at(q, '2025-05-31')).derivedFigure).toMatchObject({ value: null, method: 'SUM', inputs: [] });
});

test("share: Nepal's 2020 share was 1061 / 2133 = 49.74 % as of 2025-06-01 and is 1061 / 2122 = 50.00 % now", async () => {
  const q = (a: string) => `{ share(part: { subject: "XZ", partner: "NP" }, whole: { subject: "XZ" }, unit: CNY_MN, period: "2020"${a}) { sharePct whole { value } } }`;
  expect((await at(q, '2025-06-01')).share).toEqual({ sharePct: '49.74', whole: { value: '2133' } });
  expect((await at(q, null)).share).toEqual({ sharePct: '50', whole: { value: '2122' } });
});

test('figureChoice: the superseded vintage is not an alternative source', async () => {
  const q = (a: string) => `{ figureChoice(series: { subject: "XZ" }, unit: CNY_MN, period: "2021-01..2021-11"${a}) { preferred { value } alternatives { value } conflict } }`;
  expect((await at(q, '2025-06-01')).figureChoice).toEqual({ preferred: { value: '3650' }, alternatives: [], conflict: false });
  expect((await at(q, null)).figureChoice).toEqual({ preferred: { value: '3660' }, alternatives: [], conflict: false });
});

test('reconciliation: Jan-Sep 2021 growth against the prior known at the time', async () => {
  const q = (a: string) => `{ reconciliation(tolerance: { multipleRoundedPp: "0" }${a}) { beyondTolerance { yoyGrowthPct discrepancyPp figure { value period { label } partnerCode flow } } } }`;
  const pick = (d: any) => d.reconciliation.beyondTolerance.find((b: any) => b.figure.value === '2614');
  // then: (2614 - 1167) x 100 / 1167 = 123.99 %, 120 - 123.99 = -3.99 pp
  expect(pick(await at(q, '2025-06-01'))).toMatchObject({ yoyGrowthPct: '123.99', discrepancyPp: '-3.99' });
  // now (synthetic 1200): (2614 - 1200) x 100 / 1200 = 117.8333.. -> 117.83 %, 120 - 117.83 = 2.17 pp
  expect(pick(await at(q, null))).toMatchObject({ yoyGrowthPct: '117.83', discrepancyPp: '2.17' });
});
