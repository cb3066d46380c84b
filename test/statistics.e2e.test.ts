/**
 * The statistics queries end to end on the shipped real data (derivedFigure, share, figureChoice,
 * reconciliation, exchangeRates, period, currency conversion). Expected values come from
 * data/xizang-trade-figures.tsv and hand arithmetic shown beside each.
 */
import type { DataSource } from 'typeorm';
import { openTestDatabase } from './support/database';
import { OperationRunner } from './support/run-operation';
import { createContext, createRepositories } from '../src/context';
import { reconcile, tolerancesOf } from '../src/statistics/reconciliation.service';
import { formatReconciliation } from '../src/statistics/reconcile-cli';

let ds: DataSource;
let runner: OperationRunner;
beforeAll(async () => {
  ds = await openTestDatabase();
  runner = await OperationRunner.create(ds);
});
afterAll(async () => {
  await runner.stop();
  await ds.destroy();
});

async function data(query: string, variables?: Record<string, unknown>): Promise<any> {
  const r = await runner.run(query, variables);
  expect(r.body.errors).toBeUndefined();
  return r.body.data;
}

const DERIVED = `value status method inputsFromOneSource missingMonths nullReason inputs { id value period { label } source { publisher } }`;

describe('derivedFigure', () => {
  test('Xizang Oct-Nov 2021 = Jan-Nov 3650 - Jan-Sep 2614 = 1036', async () => {
    const d = (await data(`{ derivedFigure(series: { subject: "XZ" }, unit: CNY_MN, period: "2021-10..2021-11") { ${DERIVED} } }`)).derivedFigure;
    expect(d).toMatchObject({ value: '1036', status: 'DERIVED', method: 'DIFFERENCE', inputsFromOneSource: false, nullReason: null });
    expect(d.inputs.map((i: any) => [i.value, i.period.label, i.source.publisher])).toEqual([
      ['3650', '2021-01..2021-11', 'Xinhua'],
      ['2614', '2021-01..2021-09', 'China News Service'],
    ]);
  });

  test('Xizang-Nepal December 2014 = preferred full year 12200 - Jan-Nov 10650 = 1550, never the lower bound 10000', async () => {
    const d = (await data(`{ derivedFigure(series: { subject: "xz", partner: "np" }, unit: CNY_MN, period: "2014-12") { ${DERIVED} } }`)).derivedFigure;
    expect(d).toMatchObject({ value: '1550', status: 'DERIVED', method: 'DIFFERENCE' });
    expect(d.inputs.map((i: any) => i.value)).toEqual(['12200', '10650']);
  });

  test('March 2024, a single month: 2178 - 1750 = 428', async () => {
    const d = (await data(`{ derivedFigure(series: { subject: "XZ" }, unit: CNY_MN, period: "2024-03") { period { kind } ${DERIVED} } }`)).derivedFigure;
    expect(d).toMatchObject({ period: { kind: 'MONTH' }, value: '428', method: 'DIFFERENCE' });
  });

  test('a stored figure is REPORTED as it is, with its own status; its growth is against the same derivation a year earlier', async () => {
    // Xizang 2020 = 2133; 2019 = 4870: (2133 - 4870) x 100 / 4870 = -56.2012.. -> -56.2
    const d = (await data(`{ derivedFigure(series: { subject: "XZ" }, unit: CNY_MN, period: "2020") { value status method yoyGrowthPct prior { value method } } }`)).derivedFigure;
    expect(d).toEqual({ value: '2133', status: 'REPORTED', method: 'REPORTED', yoyGrowthPct: '-56.2', prior: { value: '4870', method: 'REPORTED' } });
    // Xizang exports 2019 "exceeded" 3740: a lower bound stays a lower bound
    const e = (await data(`{ derivedFigure(series: { subject: "XZ", flow: EXPORT }, unit: CNY_MN, period: "2019") { value status } }`)).derivedFigure;
    expect(e).toEqual({ value: '3740', status: 'LOWER_BOUND' });
  });

  test('November 2023 for the four ports cannot be derived: only Jan-Nov is stored', async () => {
    const d = (await data(`{ derivedFigure(series: { subject: "GROUP-XZ-4-LAND-PORTS" }, unit: CNY_MN, period: "2023-11") { ${DERIVED} } }`)).derivedFigure;
    expect(d).toMatchObject({ value: null, status: null, method: 'SUM', missingMonths: ['2023-11'], nullReason: 'MISSING_MONTHS', inputs: [] });
  });

  test('a quarter is summed only when every month is present: 2018-Q1 has January (374) only', async () => {
    const d = (await data(`{ derivedFigure(series: { subject: "XZ" }, unit: CNY_MN, period: "2018-Q1") { ${DERIVED} } }`)).derivedFigure;
    expect(d).toMatchObject({ value: null, method: 'SUM', missingMonths: ['2018-02', '2018-03'], nullReason: 'MISSING_MONTHS' });
    expect(d.inputs.map((i: any) => i.value)).toEqual(['374']);
  });

  test('a span that is not whole months and has no cumulative pair is NOT_DERIVABLE', async () => {
    const d = (await data(`{ derivedFigure(series: { subject: "XZ" }, unit: CNY_MN, period: "2021-10-05..2021-11-30") { value method nullReason } }`)).derivedFigure;
    expect(d).toEqual({ value: null, method: 'NONE', nullReason: 'NOT_DERIVABLE' });
  });

  test('statements stay constant with the number of derivations: 1 lookup of every code + 1 for all inputs', async () => {
    const periods = ['2024-03', '2021-10..2021-11', '2014-12', '2020', '2019', '2018-Q1', '2023-11', '2022-H2'];
    const q = `{ ${periods.map((p, i) => `d${i}: derivedFigure(series: { subject: "XZ" }, unit: CNY_MN, period: "${p}") { value }`).join(' ')} }`;
    const r = await runner.run(q);
    expect(r.body.errors).toBeUndefined();
    expect(r.sqlStatements).toBe(2);
    // 2022-H2 = 2022 (4600) - 2022-H1 (2182) = 2418
    expect((r.body.data as any).d7.value).toBe('2418');
  });

  test('unknown subject, measure or partner, and a bad period, are refused by name', async () => {
    const a = await runner.run(`{ derivedFigure(series: { subject: "XX" }, unit: CNY_MN, period: "2020") { value } }`);
    expect(a.body.errors?.[0]).toMatchObject({ message: 'no subject "XX"', extensions: { code: 'NOT_FOUND' } });
    const b = await runner.run(`{ derivedFigure(series: { subject: "XZ", measure: "trade_vallue" }, unit: CNY_MN, period: "2020") { value } }`);
    expect(b.body.errors?.[0]).toMatchObject({ message: 'no measure "trade_vallue"', extensions: { code: 'NOT_FOUND' } });
    // A partner that is not stored (it used to answer null with MISSING_MONTHS, as if figures were merely missing).
    const p = await runner.run(`{ derivedFigure(series: { subject: "XZ", partner: "zz" }, unit: CNY_MN, period: "2020") { value } }`);
    expect(p.body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['no partner "ZZ"', 'NOT_FOUND']]);
    expect(p.sqlStatements).toBe(1);
    // Look-alike letters are not case-mapped onto real codes: dotless ı would upper-case to I (India), long ſ to S.
    // Codes of spaces only pass the length checks and are refused once trimmed, naming the field (not NOT_FOUND of "").
    const spaces = await runner.run(`{ derivedFigure(series: { subject: "   " }, unit: CNY_MN, period: "2020") { value } }`);
    expect(spaces.body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['argument "series.subject": is empty once its spaces are trimmed', 'BAD_USER_INPUT']]);
    expect(spaces.sqlStatements).toBe(0);
    const wholeSpaces = await runner.run(`{ share(part: { subject: "XZ" }, whole: { subject: "XZ", partner: "  " }, unit: CNY_MN, period: "2020") { sharePct } }`);
    expect(wholeSpaces.body.errors?.[0].extensions?.argument).toBe('whole.partner');
    const dotless = await runner.run(`{ derivedFigure(series: { subject: "XZ", partner: "ın" }, unit: CNY_MN, period: "2020") { value } }`);
    expect(dotless.body.errors?.map((e) => e.message)).toEqual(['no partner "ıN"']);
    const longS = await runner.run(`{ derivedFigure(series: { subject: "xz-ſhigatse" }, unit: CNY_MN, period: "2019-01..2019-09") { value } }`);
    expect(longS.body.errors?.map((e) => e.message)).toEqual(['no subject "XZ-ſHIGATSE"']);
    const whole = await runner.run(`{ share(part: { subject: "XZ", partner: "NP" }, whole: { subject: "XZ", partner: "GROUP-EU" }, unit: CNY_MN, period: "2020") { sharePct } }`);
    expect(whole.body.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['no partner "GROUP-EU"', 'NOT_FOUND']]);
    expect(whole.sqlStatements).toBe(1); // part and whole checked in one statement
    const c = await runner.run(`{ derivedFigure(series: { subject: "XZ" }, unit: CNY_MN, period: "2020-Q5") { value } }`);
    expect(c.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'period' } });
    expect(c.sqlStatements).toBe(0);
  });
});

describe('share', () => {
  test("Nepal's share of Xizang's trade: 2020 49.74 %, 2019 64.99 %, -15.25 pp, value -66.48 %", async () => {
    const s = (await data(`{ share(part: { subject: "XZ", partner: "NP" }, whole: { subject: "XZ" }, unit: CNY_MN, period: "2020") {
      sharePct priorSharePct shareChangePp valueGrowthPct status basis part { value } whole { value } } }`)).share;
    // 1061 x 100 / 2133 = 49.742..; 3165 x 100 / 4870 = 64.989..; (1061 - 3165) x 100 / 3165 = -66.477..
    expect(s).toEqual({ sharePct: '49.74', priorSharePct: '64.99', shareChangePp: '-15.25', valueGrowthPct: '-66.48', status: 'DERIVED', basis: 'REGIONAL_CONSIGNEE', part: { value: '1061' }, whole: { value: '2133' } });
  });

  test("Nepal's share over a derived month: March 2024 has no Nepal figure for Jan-Feb, so the share is null", async () => {
    const s = (await data(`{ share(part: { subject: "XZ", partner: "NP" }, whole: { subject: "XZ" }, unit: CNY_MN, period: "2024-03") { sharePct status part { value nullReason } whole { value } } }`)).share;
    expect(s).toEqual({ sharePct: null, status: null, part: { value: null, nullReason: 'MISSING_MONTHS' }, whole: { value: '428' } });
  });

  test('a port in the region is refused with BASIS_MISMATCH naming both bases', async () => {
    const r = await runner.run(`{ share(part: { subject: "GROUP-XZ-4-LAND-PORTS" }, whole: { subject: "XZ" }, unit: CNY_MN, period: "2023-01..2023-11") { sharePct } }`);
    expect(r.body.errors?.[0].extensions).toEqual({ code: 'BASIS_MISMATCH', bases: ['PORT_OF_CLEARANCE', 'REGIONAL_CONSIGNEE'] });
    expect(r.body.errors?.[0].message).toMatch(/PORT_OF_CLEARANCE.*REGIONAL_CONSIGNEE/);
  });

  test("a part within the whole by measure and subject: Shigatse's border-resident trade was 50.96 % of its trade in Jan-Sep 2019", async () => {
    // border_resident_trade_value is part of border_small_and_resident_trade_value, of border_trade_value, of trade_value
    // (data/measures.tsv part_of). 159 x 100 / 312 = 50.961..; small-scale trade 149 x 100 / 312 = 47.756..
    const q = (measure: string) => `{ share(part: { subject: "XZ-SHIGATSE", measure: "${measure}" }, whole: { subject: "XZ-SHIGATSE" }, unit: CNY_MN, period: "2019-01..2019-09") { sharePct part { value } whole { value } } }`;
    expect((await data(q('border_resident_trade_value'))).share).toEqual({ sharePct: '50.96', part: { value: '159' }, whole: { value: '312' } });
    expect((await data(q('border_small_trade_value'))).share).toEqual({ sharePct: '47.76', part: { value: '149' }, whole: { value: '312' } });
  });

  test('a part within the whole by measure and flow: garment exports were 41.72 % of trade with Belt and Road countries, Jan-Oct 2021', async () => {
    // 615 x 100 / 1474 = 41.723..
    const s = (await data(`{ share(part: { subject: "XZ", measure: "garment_trade_value", partner: "GROUP-BRI", flow: EXPORT }, whole: { subject: "XZ", partner: "GROUP-BRI" }, unit: CNY_MN, period: "2021-01..2021-10") { sharePct part { value } whole { value } } }`)).share;
    expect(s).toEqual({ sharePct: '41.72', part: { value: '615' }, whole: { value: '1474' } });
  });

  test('a port within the four-port group is accepted (no Gyirong figure for Jan-Nov 2023, so the share is null)', async () => {
    const s = (await data(`{ share(part: { subject: "PORT-GYIRONG" }, whole: { subject: "GROUP-XZ-4-LAND-PORTS" }, unit: CNY_MN, period: "2023-01..2023-11") { sharePct part { value } whole { value } } }`)).share;
    expect(s).toEqual({ sharePct: null, part: { value: null }, whole: { value: '4560' } });
  });

  test('a part or whole that fails its length checks is named as part.* or whole.*, though both are SeriesInput', async () => {
    const name = async (part: string, whole: string) => {
      const r = await runner.run(`{ share(part: ${part}, whole: ${whole}, unit: CNY_MN, period: "2020") { sharePct } }`);
      return [r.body.errors?.[0].extensions?.code, r.body.errors?.[0].extensions?.argument];
    };
    expect(await name('{ subject: "XZ" }', '{ subject: "" }')).toEqual(['BAD_USER_INPUT', 'whole.subject']);
    expect(await name('{ subject: "" }', '{ subject: "XZ" }')).toEqual(['BAD_USER_INPUT', 'part.subject']);
    expect(await name('{ subject: "XZ" }', `{ subject: "XZ", measure: "${'m'.repeat(65)}" }`)).toEqual(['BAD_USER_INPUT', 'whole.measure']);
    // The same bad value on both sides: the first argument is named.
    expect(await name('{ subject: "" }', '{ subject: "" }')).toEqual(['BAD_USER_INPUT', 'part.subject']);
  });

  test.each([
    // The world over Nepal would be 2133 x 100 / 1061 = 201.04 %.
    ['the world in Nepal', '{ subject: "XZ" }', '{ subject: "XZ", partner: "NP" }', 'part.partner', 'partner ALL (the world) is not within the whole\'s partner NP'],
    ['a group in a country', '{ subject: "XZ", partner: "GROUP-BRI" }', '{ subject: "XZ", partner: "NP" }', 'part.partner', 'partner GROUP-BRI (a group of countries) is not within the whole\'s partner NP'],
    ['one group in another', '{ subject: "XZ", partner: "GROUP-RCEP" }', '{ subject: "XZ", partner: "GROUP-BRI" }', 'part.partner', 'partner GROUP-RCEP (a group of countries) is not within the whole\'s partner GROUP-BRI'],
    ['total trade in imports', '{ subject: "XZ" }', '{ subject: "XZ", flow: IMPORT }', 'part.flow', 'flow TOTAL is not within the whole\'s flow IMPORT (only TOTAL counts both imports and exports)'],
    ['exports in imports', '{ subject: "XZ", flow: EXPORT }', '{ subject: "XZ", flow: IMPORT }', 'part.flow', 'flow EXPORT is not within the whole\'s flow IMPORT (only TOTAL counts both imports and exports)'],
    ['the region in a prefecture', '{ subject: "XZ" }', '{ subject: "XZ-SHIGATSE" }', 'part.subject', 'subject XZ is not within the whole\'s subject XZ-SHIGATSE (XZ lies in no other subject)'],
    ['one prefecture in another', '{ subject: "XZ-LHASA" }', '{ subject: "XZ-SHIGATSE" }', 'part.subject', 'subject XZ-LHASA is not within the whole\'s subject XZ-SHIGATSE (XZ-LHASA lies in XZ)'],
    ['the four-port group in a port', '{ subject: "GROUP-XZ-4-LAND-PORTS" }', '{ subject: "PORT-GYIRONG" }', 'part.subject', 'subject GROUP-XZ-4-LAND-PORTS is not within the whole\'s subject PORT-GYIRONG (GROUP-XZ-4-LAND-PORTS lies in XZ)'],
    ['trade value in garment trade', '{ subject: "XZ" }', '{ subject: "XZ", measure: "garment_trade_value" }', 'part.measure', 'measure trade_value is not part of the whole\'s measure garment_trade_value (trade_value is part of no other measure)'],
    ['customs revenue in trade value', '{ subject: "XZ", measure: "customs_revenue" }', '{ subject: "XZ" }', 'part.measure', 'measure customs_revenue is not part of the whole\'s measure trade_value (customs_revenue is part of no other measure)'],
    ['new-energy vehicles in mechanical and electrical products', '{ subject: "XZ", measure: "nev_trade_value" }', '{ subject: "XZ", measure: "mech_elec_trade_value" }', 'part.measure', 'measure nev_trade_value is not part of the whole\'s measure mech_elec_trade_value (nev_trade_value is part of vehicle_trade_value, trade_value)'],
  ])('a part outside its whole is refused, naming the field: %s', async (_what, part, whole, argument, reason) => {
    const r = await runner.run(`{ share(part: ${part}, whole: ${whole}, unit: CNY_MN, period: "2020") { sharePct } }`);
    expect(r.body.data).toBeNull();
    expect(r.body.errors).toEqual([expect.objectContaining({ message: `argument "${argument}": ${reason}`, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument }) })]);
    // The codes of part and whole (one statement), then the check; no figure is read.
    expect(r.sqlStatements).toBe(2);
  });
});

describe('figureChoice', () => {
  test('border trade 2014: Xinhua 12100 preferred over the undated yearbook 12174.39; spread 74.39 (0.61 %)', async () => {
    const c = (await data(`{ figureChoice(series: { subject: "XZ", measure: "border_trade_value" }, unit: CNY_MN, period: "2014") {
      conflict spreadAbs spreadRelPct preferred { value source { publisher } } alternatives { value source { publisher } } } }`)).figureChoice;
    expect(c).toEqual({
      conflict: true, spreadAbs: '74.39', spreadRelPct: '0.61',
      preferred: { value: '12100', source: { publisher: 'Xinhua' } },
      alternatives: [{ value: '12174.39', source: { publisher: 'Tibet Statistical Yearbook 2017' } }],
    });
  });

  test('two sources agreeing (four ports 4560) are no conflict; nothing stored gives null', async () => {
    const c = (await data(`{ a: figureChoice(series: { subject: "GROUP-XZ-4-LAND-PORTS" }, unit: CNY_MN, period: "2023-01..2023-11") { conflict spreadAbs alternatives { value } }
      b: figureChoice(series: { subject: "XZ" }, unit: CNY_MN, period: "2013") { conflict } }`));
    expect(c).toEqual({ a: { conflict: false, spreadAbs: '0', alternatives: [{ value: '4560' }] }, b: null });
  });
});

describe('reconciliation', () => {
  test('on the shipped data: 96 reported growths, 5 within, 0 beyond, 91 uncheckable, 3 conflicts', async () => {
    const r = (await data(`{ reconciliation { counts { reported withinTolerance beyondTolerance uncheckable conflicts }
      uncheckable { uncheckableReason figure { value period { label } } } } }`)).reconciliation;
    expect(r.counts).toEqual({ reported: 96, withinTolerance: 5, beyondTolerance: 0, uncheckable: 91, conflicts: 3 });
    // the Jan-Aug 2023 figure was published with its growth (72.5 %) but no value
    expect(r.uncheckable.filter((u: any) => u.uncheckableReason === 'NO_CURRENT_VALUE').map((u: any) => u.figure.period.label)).toEqual(['2023-01..2023-08']);
    expect(r.uncheckable.filter((u: any) => u.uncheckableReason !== 'NO_PRIOR_OBSERVATION')).toHaveLength(1);
  });

  test('a tolerance of 0 pp puts every checkable growth beyond, largest first; a negative one is refused', async () => {
    const r = (await data(`{ reconciliation(tolerance: { percentPp: "0", multipleRoundedPp: "0" }) { beyondTolerance { discrepancyPp } } }`)).reconciliation;
    expect(r.beyondTolerance.map((b: any) => b.discrepancyPp)).toEqual(['-3.99', '2.66', '-0.28', '-0.07', '-0.06']);
    const bad = await runner.run(`{ reconciliation(tolerance: { percentPp: "-1" }) { counts { reported } } }`);
    expect(bad.body.errors?.[0]).toMatchObject({ message: 'argument "tolerance.percentPp": must not be negative, got -1', extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('the command-line report starts with the counts', async () => {
    const r = await reconcile(createContext(createRepositories(ds)), tolerancesOf(undefined, undefined), null);
    const lines = formatReconciliation(r).split('\n');
    expect(lines[0]).toBe('Reported growth checked against computed growth (tolerance 0.5 pp for percent, 10 pp for rounded multiples)');
    expect(lines[1]).toBe('96 reported growths: 5 within tolerance, 0 beyond, 91 uncheckable; 3 figures with conflicting sources');
  });
});

describe('currencies and periods', () => {
  test('exchange rates are listed with their period and source; a period without a rate lists none', async () => {
    const d = await data(`{ all: exchangeRates { baseCurrency quoteCurrency rate period { label } source { publishedOn } }
      npr: exchangeRates(currency: NPR) { rate } y2022: exchangeRates(period: "2022") { rate } pair: exchangeRates(currency: USD, other: CNY) { rate } }`);
    // 642.2 / 4560 = 0.1408333.. -> 0.140833
    expect(d.all).toEqual([{ baseCurrency: 'CNY', quoteCurrency: 'USD', rate: '0.140833', period: { label: '2023-01..2023-11' }, source: { publishedOn: '2024-01' } }]);
    expect([d.npr, d.y2022, d.pair]).toEqual([[], [], [{ rate: '0.140833' }]]);
  });

  test("conversion uses the rate of the figure's own period; without one the value is null and says why", async () => {
    const d = await data(`{ ports: figures(subject: "GROUP-XZ-4-LAND-PORTS", filter: { period: "2023-01..2023-11", measures: ["trade_value"] }) { unit value converted(to: USD) { value nullReason } yoyGrowthNullReason }
      y2022: figures(subject: "XZ", filter: { period: "2022", measures: ["trade_value"], partners: ["ALL"], flow: TOTAL }) { converted(to: USD) { value nullReason } } }`);
    expect(d.ports.map((f: any) => [f.unit, f.value, f.converted.value, f.converted.nullReason])).toEqual([
      ['CNY_MN', '4560', '642.2', null], // 4560 x 642.2 / 4560
      ['CNY_MN', '4560', '642.2', null],
      ['USD_MN', '642.2', '642.2', null], // already USD
    ]);
    // Growth in USD is computed from USD values only: no Jan-Nov 2022 USD figure, so none (the CNY +80.2 % is not carried over).
    expect(d.ports[2].yoyGrowthNullReason).toBe('NO_PRIOR_OBSERVATION');
    expect(d.y2022[0].converted).toEqual({ value: null, nullReason: 'NO_RATE_FOR_PERIOD' });
  });

  test('period text is parsed, and a leap-year February compares with 28 February', async () => {
    const d = await data(`{ period(text: "2024-02") { kind days priorComparable { start end days } } }`);
    expect(d.period).toEqual({ kind: 'MONTH', days: 29, priorComparable: { start: '2023-02-01', end: '2023-02-28', days: 28 } });
    const bad = await runner.run(`{ period(text: "2023-13") { kind } }`);
    expect(bad.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'text' } });
  });
});
