/**
 * refreshYearRollup (src/totals/totals.repository.ts) against an independent reference: the
 * yearly rollup written straight from preferredMonthlySql, the rule the no-rollup totals use, as
 * it was computed before the rollup's own single-sort query. On the scratch database with made-up
 * figures (not real data) that exercise every part of the rule: several sources for one key and
 * month (status first, then a dated and later source, then the smaller id), superseded vintages,
 * figures without a value, periods that are not one calendar month, and partners that are not
 * countries (ALL and a group), which subject_year_rollup leaves out.
 */
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openEmptyScratchDatabase } from './support/database';
import { loadReferenceData } from '../src/import/reference.service';
import { prepareFreshRollup, preferredMonthlySql, refreshYearRollup } from '../src/totals/totals.repository';
import { subjectYearRollup, YearRollupBuilder } from '../src/totals/year-rollup';
import { BulkMethod, bulkMethodOf } from '../src/db/copy';
import type { ObservationStatus } from '../src/stats/status';

const DATA = path.resolve(__dirname, '../data');
let ds: DataSource;
/** The current figures of beforeAll as a load would write them, in id order, with their sources' dates. */
let currentFigures: Parameters<YearRollupBuilder['add']>[0][] = [];

const MONTHS = (f: (m: number) => string) => `ARRAY[${Array.from({ length: 12 }, (_, i) => f(i + 1)).join(', ')}]`;

/** The rollup rows as the reference computes them (the statements refreshYearRollup ran before). */
async function reference(): Promise<{ perPartner: unknown[]; perSubject: unknown[] }> {
  const perPartner = await ds.query(
    `SELECT subject_code, measure_code, unit, year, flow, partner_code,
       ${MONTHS((m) => `sum(value) FILTER (WHERE month = ${m})`)}::numeric[]::text AS months, sum(value)::text AS total, count(*)::int AS month_count
     FROM (${preferredMonthlySql('true')}) pm
     GROUP BY subject_code, measure_code, unit, year, flow, partner_code ORDER BY 1, 2, 3, 4, 5, 6`,
  );
  const perSubject = await ds.query(
    `SELECT subject_code, measure_code, unit, year, flow,
       ${MONTHS((m) => `sum(months[${m}])`)}::numeric[]::text AS months, ${MONTHS((m) => `count(months[${m}])`)}::int[]::text AS counts
     FROM observation_year_rollup WHERE partner_code IN (SELECT code FROM partner WHERE kind = 'COUNTRY')
     GROUP BY subject_code, measure_code, unit, year, flow ORDER BY 1, 2, 3, 4, 5`,
  );
  return { perPartner, perSubject };
}

async function stored(): Promise<{ perPartner: unknown[]; perSubject: unknown[] }> {
  return {
    perPartner: await ds.query(`SELECT subject_code, measure_code, unit, year, flow, partner_code, months::text, total::text, month_count
      FROM observation_year_rollup ORDER BY 1, 2, 3, 4, 5, 6`),
    perSubject: await ds.query(`SELECT subject_code, measure_code, unit, year, flow, months::text, counts::text
      FROM subject_year_rollup ORDER BY 1, 2, 3, 4, 5`),
  };
}

beforeAll(async () => {
  ds = await openEmptyScratchDatabase();
  await loadReferenceData(ds, DATA);
  const [{ id: batch }] = await ds.query(`INSERT INTO import_batch (file_name, imported_by) VALUES ('rollup-test', 'test') RETURNING id`);
  const sources: number[] = [];
  for (const [title, date] of [['undated', null], ['old', '2020'], ['newer', '2021-06'], ['newest', '2021-06-30'], ['as new as newer', '2021-06']] as const) {
    const [{ id }] = await ds.query(
      `INSERT INTO source (natural_key, publisher, title, published_on) VALUES ($1, 'Landports rollup test (made up)', $2, $3) RETURNING id`,
      [`rollup-test|${title}`, title, date],
    );
    sources.push(id);
  }
  // [subject, partner, flow, start, end, value, status, source index, superseded]
  type Fig = [string, string, string, string, string, string | null, string, number, boolean?];
  const figures: Fig[] = [
    // One figure per month: NP import Jan..Mar 2021, and ALL (not a country) in January.
    ['XZ', 'NP', 'import', '2021-01-01', '2021-01-31', '10.5', 'REPORTED', 0],
    ['XZ', 'NP', 'import', '2021-02-01', '2021-02-28', '11', 'REPORTED', 0],
    ['XZ', 'NP', 'import', '2021-03-01', '2021-03-31', '12', 'REPORTED', 0],
    ['XZ', 'ALL', 'total', '2021-01-01', '2021-01-31', '99', 'REPORTED', 0],
    // April: four sources; the REPORTED ones win over PROVISIONAL, the dated over the undated, the later date over the earlier.
    ['XZ', 'NP', 'import', '2021-04-01', '2021-04-30', '40', 'PROVISIONAL', 3],
    ['XZ', 'NP', 'import', '2021-04-01', '2021-04-30', '41', 'REPORTED', 0],
    ['XZ', 'NP', 'import', '2021-04-01', '2021-04-30', '42', 'REPORTED', 1],
    ['XZ', 'NP', 'import', '2021-04-01', '2021-04-30', '43', 'REPORTED', 2],
    // May: ESTIMATED against LOWER_BOUND (LOWER_BOUND ranks last) and DERIVED (ranks before ESTIMATED).
    ['XZ', 'NP', 'import', '2021-05-01', '2021-05-31', '50', 'LOWER_BOUND', 3],
    ['XZ', 'NP', 'import', '2021-05-01', '2021-05-31', '51', 'ESTIMATED', 2],
    ['XZ', 'NP', 'import', '2021-05-01', '2021-05-31', '52', 'DERIVED', 0],
    // June: the only current figure is the newer vintage; the superseded one is left out.
    ['XZ', 'NP', 'import', '2021-06-01', '2021-06-30', '60', 'REPORTED', 2, true],
    ['XZ', 'NP', 'import', '2021-06-01', '2021-06-30', '61', 'REPORTED', 2],
    // July: no value (growth only) is not a monthly figure to add; a quarter and a half month neither.
    ['XZ', 'NP', 'import', '2021-07-01', '2021-07-31', null, 'REPORTED', 0],
    ['XZ', 'NP', 'import', '2021-07-01', '2021-09-30', '700', 'REPORTED', 0],
    ['XZ', 'NP', 'import', '2021-08-01', '2021-08-15', '800', 'REPORTED', 0],
    // October: two sources published the same day; the figure stored first (smaller id) wins, though its source came later.
    ['XZ', 'NP', 'import', '2021-10-01', '2021-10-31', '101', 'REPORTED', 4],
    ['XZ', 'NP', 'import', '2021-10-01', '2021-10-31', '100', 'REPORTED', 2],
    // Another partner and year, and the export flow, so that groups split on each column.
    ['XZ', 'IN', 'import', '2021-01-01', '2021-01-31', '5', 'REPORTED', 1],
    ['XZ', 'NP', 'export', '2021-01-01', '2021-01-31', '7', 'REPORTED', 1],
    ['XZ', 'NP', 'import', '2022-12-01', '2022-12-31', '0.001', 'REPORTED', 0],
    ['XZ', 'GROUP-BRI', 'import', '2021-01-01', '2021-01-31', '1000', 'REPORTED', 0],
  ];
  const dates = [null, '2020', '2021-06', '2021-06-30', '2021-06'];
  currentFigures = figures.filter((f) => !f[8]).map(([subject, partner, flow, periodStart, periodEnd, value, status, source]) => ({
    subject, partner, flow, periodStart, periodEnd, value, status: status as ObservationStatus, measure: 'trade_value', unit: 'CNY_MN',
    source: { date: dates[source] },
  }));
  for (const [subject, partner, flow, start, end, value, status, source, superseded] of figures) {
    await ds.query(
      `INSERT INTO observation (measure_code, subject_code, partner_code, flow, period_start, period_end, value, unit,
         reported_yoy_growth_pct, growth_basis, status, source_id, import_batch_id, superseded_at)
       VALUES ('trade_value', $1, $2, $3, $4, $5, $6, 'CNY_MN', $7, $8, $9, $10, $11, $12)`,
      [subject, partner, flow, start, end, value, value === null ? '5' : null, value === null ? 'PERCENT' : null, status, sources[source], batch,
        superseded ? new Date('2022-01-01') : null],
    );
  }
});
afterAll(async () => {
  await ds?.destroy();
});

test('the rollup of made-up conflicting figures equals the reference, and picks the figures the rule prefers', async () => {
  const partners = await ds.query(`SELECT code, kind FROM partner WHERE code IN ('NP', 'IN', 'ALL', 'GROUP-BRI') ORDER BY code`);
  expect(partners).toEqual([
    { code: 'ALL', kind: 'WORLD' }, { code: 'GROUP-BRI', kind: 'GROUP' }, { code: 'IN', kind: 'COUNTRY' }, { code: 'NP', kind: 'COUNTRY' },
  ]);
  await ds.transaction((m) => refreshYearRollup(m, null));
  const got = await stored();
  expect(got.perPartner).toEqual((await reference()).perPartner);
  expect(got.perSubject).toEqual((await reference()).perSubject);
  // The preferred figures, worked out by hand: April 43 (REPORTED, latest dated source), May 52 (DERIVED), June 61, October 101.
  const np = (got.perPartner as { partner_code: string; flow: string; year: number; months: string; total: string; month_count: number }[])
    .find((r) => r.partner_code === 'NP' && r.flow === 'import' && r.year === 2021)!;
  expect(np).toMatchObject({ months: '{10.5,11,12,43,52,61,NULL,NULL,NULL,101,NULL,NULL}', total: '290.5', month_count: 7 });
  // The subject's import sums add the countries NP and IN only (not ALL, not GROUP-BRI).
  expect(got.perSubject).toContainEqual({
    subject_code: 'XZ', measure_code: 'trade_value', unit: 'CNY_MN', year: 2021, flow: 'import',
    months: '{15.5,11,12,43,52,61,NULL,NULL,NULL,101,NULL,NULL}', counts: '{2,1,1,1,1,1,0,0,0,1,0,0}',
  });
});

test("a bulk load's refresh (the rollup's key and foreign key dropped, then made again) writes the same rows", async () => {
  await ds.transaction((m) => refreshYearRollup(m, null));
  const plain = await stored();
  await ds.transaction((m) => refreshYearRollup(m, null, { bulk: true }));
  expect(await stored()).toEqual(plain);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'observation_year_rollup'::regclass AND contype IN ('p', 'f')`);
  expect(n).toBe(2);
  // The foreign key is back and checked: a rollup row of an unknown subject is refused.
  await expect(ds.query(`INSERT INTO observation_year_rollup (subject_code, measure_code, unit, year, flow, partner_code, months, total, month_count)
    VALUES ('NO-SUCH-SUBJECT', 'trade_value', 'CNY_MN', 2020, 'import', 'NP', '{1,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL}', 1, 1)`))
    .rejects.toThrow(/observation_year_rollup_subject_code_fkey/);
});

test('refreshing some subjects leaves the others as they were', async () => {
  await ds.query(`INSERT INTO observation_year_rollup (subject_code, measure_code, unit, year, flow, partner_code, months, total, month_count)
    VALUES ('XZ-LHASA', 'trade_value', 'CNY_MN', 2020, 'import', 'NP', '{1,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL}', 1, 1)`);
  const before = await stored();
  await ds.transaction((m) => refreshYearRollup(m, ['XZ']));
  expect(await stored()).toEqual(before);
  await ds.transaction((m) => refreshYearRollup(m, ['XZ-LHASA']));
  expect((await stored()).perPartner).toEqual((before.perPartner as { subject_code: string }[]).filter((r) => r.subject_code !== 'XZ-LHASA'));
});

test('the rollup made while a load is written (YearRollupBuilder, given as `fresh`) equals the one worked out from the stored figures', async () => {
  await ds.transaction((m) => refreshYearRollup(m, ['XZ']));
  const fromObservations = await stored();
  await ds.query('DELETE FROM observation_year_rollup; DELETE FROM subject_year_rollup');
  const builder = new YearRollupBuilder();
  for (const f of currentFigures) builder.add(f);
  // Both ways of sending where the server takes COPY; the embedded database takes only the INSERT.
  const methods: BulkMethod[] = (await bulkMethodOf(ds)) === 'copy' ? ['copy', 'insert'] : ['insert'];
  for (const method of methods) {
    await ds.query('DELETE FROM observation_year_rollup; DELETE FROM subject_year_rollup');
    const countries = new Set<string>((await ds.query(`SELECT code FROM partner WHERE kind = 'COUNTRY'`)).map((p: { code: string }) => p.code));
    const rows = builder.rows();
    await ds.transaction((m) => refreshYearRollup(m, ['XZ'], { fresh: prepareFreshRollup(rows, subjectYearRollup(rows, countries), method) }));
    expect({ method, ...(await stored()) }).toEqual({ method, ...fromObservations });
  }
  // The same preferred figures as the SQL rule's: April 43, May 52, June 61, October 101.
  expect(builder.rows().find((r) => r.partnerCode === 'NP' && r.flow === 'import' && r.year === 2021)?.months)
    .toEqual(['10.5', '11', '12', '43', '52', '61', null, null, null, '101', null, null]);
});
