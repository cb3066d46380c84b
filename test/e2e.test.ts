/**
 * End to end on the shipped real data: operations run in-process through Apollo Server against
 * the test database (real PostgreSQL or the embedded one). Expected values come from
 * data/xizang-trade-figures.tsv and hand arithmetic.
 */
import { useOperationRunner } from './support/run-operation';

const runner = useOperationRunner();

const FIGURE_FIELDS = `measureCode value unit status reportedYoyGrowthPct growthBasis yoyGrowthPct yoyGrowthNullReason
  impliedPriorValue growthDiscrepancyPp period { start end kind label } source { publisher publishedOn }`;

type Fig = Record<string, any>;

async function figures(subject: string, filter: Record<string, unknown>): Promise<Fig[]> {
  const r = await runner().run(`query($s: String!, $f: FigureFilter) { figures(subject: $s, filter: $f) { ${FIGURE_FIELDS} } }`, { s: subject, f: filter });
  expect(r.body.errors).toBeUndefined();
  return (r.body.data as any).figures;
}

describe('the four land ports, January-November 2023', () => {
  test('trade 4560 CNY million (+80.2% reported), cargo 129,900 t (+47.4%), 11,084 vehicle trips (+110.2%)', async () => {
    const figs = await figures('GROUP-XZ-4-LAND-PORTS', { period: '2023-01..2023-11' });
    const cny = figs.filter((f) => f.measureCode === 'trade_value' && f.unit === 'CNY_MN');
    // Two sources (China News Service and the English report) published the same figure: both are kept.
    expect(cny).toHaveLength(2);
    for (const f of cny) {
      expect(f).toMatchObject({ value: '4560', reportedYoyGrowthPct: '80.2', growthBasis: 'PERCENT', status: 'REPORTED' });
      // 4560 / 1.802 = 2530.5216... -> 2530.52
      expect(f.impliedPriorValue).toBe('2530.52');
      // No Jan-Nov 2022 figure is stored: growth cannot be computed, and the API says why.
      expect(f.yoyGrowthPct).toBeNull();
      expect(f.yoyGrowthNullReason).toBe('NO_PRIOR_OBSERVATION');
      expect(f.growthDiscrepancyPp).toBeNull();
      expect(f.period).toEqual({ start: '2023-01-01', end: '2023-11-30', kind: 'YEAR_TO_DATE', label: '2023-01..2023-11' });
    }
    expect(cny.map((f) => f.source.publisher).sort()).toEqual([
      'China News Service',
      'English news report of the Xizang regional department of commerce figures',
    ]);
    const cargo = figs.filter((f) => f.measureCode === 'cargo_weight');
    expect(cargo.map((f) => [f.value, f.unit, f.reportedYoyGrowthPct])).toEqual([
      ['129900', 'TONNES', '47.4'],
      ['129900', 'TONNES', '47.4'],
    ]);
    // 129900 / 1.474 = 88127.544... -> 88127.54
    expect(cargo[0].impliedPriorValue).toBe('88127.54');
    const trips = figs.filter((f) => f.measureCode === 'vehicle_trips');
    expect(trips.map((f) => [f.value, f.unit, f.reportedYoyGrowthPct])).toEqual([
      ['11084', 'VEHICLE_TRIPS', '110.2'],
      ['11084', 'VEHICLE_TRIPS', '110.2'],
    ]);
    // 11084 / 2.102 = 5273.073... -> 5273.07
    expect(trips[0].impliedPriorValue).toBe('5273.07');
  });

  test('4560 CNY million converts to 642.2 USD million with the rate implied by the January 2024 report', async () => {
    const r = await runner().run(`{ figures(subject: "GROUP-XZ-4-LAND-PORTS", filter: { period: "2023-01..2023-11", measures: ["trade_value"], unit: CNY_MN }) {
      converted { currency value nullReason rate { baseCurrency baseAmount quoteCurrency quoteAmount rate period { label } source { title publishedOn } } } } }`);
    expect(r.body.errors).toBeUndefined();
    const c = (r.body.data as any).figures[0].converted;
    // 4560 x 642.2 / 4560 = 642.2
    expect(c).toMatchObject({ currency: 'USD', value: '642.2', nullReason: null });
    expect(c.rate).toMatchObject({ baseCurrency: 'CNY', baseAmount: '4560', quoteCurrency: 'USD', quoteAmount: '642.2', period: { label: '2023-01..2023-11' } });
    // 642.2 / 4560 = 0.14083333... -> 0.140833
    expect(c.rate.rate).toBe('0.140833');
    expect(c.rate.source.publishedOn).toBe('2024-01');
  });
});

describe('Xizang, January-September 2021', () => {
  test('2614 CNY million: computed growth beside the reported "1.2-fold" (120%, rounded multiple)', async () => {
    const figs = await figures('XZ', { period: '2021-01..2021-09', measures: ['trade_value'], partners: ['ALL'], flow: 'TOTAL' });
    expect(figs).toHaveLength(1);
    const f = figs[0];
    expect(f).toMatchObject({ value: '2614', unit: 'CNY_MN', reportedYoyGrowthPct: '120', growthBasis: 'MULTIPLE_ROUNDED' });
    // Prior: Xizang Jan-Sep 2020 = 1167. 2614 / 1167 = 2.2399314... -> +123.99 %
    expect(f.yoyGrowthPct).toBe('123.99');
    expect(f.yoyGrowthNullReason).toBeNull();
    // 120 - 123.99 = -3.99 percentage points
    expect(f.growthDiscrepancyPp).toBe('-3.99');
    // 2614 / 2.2 = 1188.1818... -> 1188.18
    expect(f.impliedPriorValue).toBe('1188.18');
  });

  test('the prior figure used is shown, with its source', async () => {
    const r = await runner().run(`{ figures(subject: "xz", filter: { period: "2021-01..2021-09", measures: ["trade_value"], partners: ["ALL"], flow: TOTAL }) {
      priorFigure { value period { label } source { publisher } } } }`);
    expect(r.body.errors).toBeUndefined();
    expect((r.body.data as any).figures[0].priorFigure).toEqual({ value: '1167', period: { label: '2020-01..2020-09' }, source: { publisher: expect.any(String) } });
  });

  test('negative growth: Xizang 2014 13850 CNY million, reported -32.96%', async () => {
    const figs = await figures('XZ', { period: '2014', measures: ['trade_value'], partners: ['ALL'] });
    // 13850 / 0.6704 = 20659.307... -> 20659.31
    expect(figs.map((f) => [f.value, f.reportedYoyGrowthPct, f.impliedPriorValue, f.yoyGrowthNullReason])).toEqual([['13850', '-32.96', '20659.31', 'NO_PRIOR_OBSERVATION']]);
  });

  test('a figure without a value (Jan-Aug 2023, growth only) says why its growth is null', async () => {
    const figs = await figures('XZ', { period: '2023-01..2023-08', measures: ['trade_value'] });
    expect(figs.map((f) => [f.value, f.reportedYoyGrowthPct, f.yoyGrowthPct, f.yoyGrowthNullReason, f.impliedPriorValue])).toEqual([[null, '72.5', null, 'NO_CURRENT_VALUE', null]]);
  });
});

describe('ports', () => {
  test('Lektse opened on 2023-11-13; its status before and after', async () => {
    const r = await runner().run(`{ port(code: "PORT-LEKTSE") { name chineseName otherNames unLocode
      events { date event source { publisher url } }
      before: statusOn(date: "2023-11-12") { status }
      after: statusOn(date: "2023-11-13") { status since { date event } } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({
      port: {
        name: 'Lektse', chineseName: '里孜', otherNames: ['Lizi', 'Lichi', 'Liji'], unLocode: null,
        events: [{ date: '2023-11-13', event: 'OPENED', source: { publisher: 'Xinhua', url: 'http://en.people.cn/n3/2023/1113/c90000-20096631.html' } }],
        before: { status: 'NOT_YET_OPENED' },
        after: { status: 'OPEN', since: { date: '2023-11-13', event: 'OPENED' } },
      },
    });
  });

  test.each(['Zhangmu', 'zhangmu', '  ZHANGMU ', 'Khasa', '樟木', 'Zham'])('a lookup by the name %p finds Zham', async (name) => {
    const r = await runner().run(`query($n: String) { port(name: $n) { code name county prefecture { code } region { code } counterpartCountry { code name } } }`, { n: name });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({
      port: { code: 'PORT-ZHAM', name: 'Zham', county: 'Nyalam', prefecture: { code: 'XZ-SHIGATSE' }, region: { code: 'XZ' }, counterpartCountry: { code: 'NP', name: 'Nepal' } },
    });
  });

  test('an unknown name gives null, and giving both code and name is refused naming the argument', async () => {
    const none = await runner().run(`{ port(name: "Kathmandu") { code } }`);
    expect(none.body).toEqual({ data: { port: null } });
    const both = await runner().run(`{ port(code: "PORT-ZHAM", name: "Zham") { code } }`);
    expect(both.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.body.errors?.[0].message).toMatch(/argument "code"/);
  });

  test('Zham was closed after the 2015 earthquake and reopened for cargo in 2019', async () => {
    const r = await runner().run(`{ port(code: "zham") { s2016: statusOn(date: "2016-06-01") { status since { date detail } } s2020: statusOn(date: "2020-01-01") { status since { date } } } }`);
    expect(r.body.data).toEqual({
      port: {
        s2016: { status: 'CLOSED', since: { date: '2015-04-25', detail: 'closed after the Nepal earthquake' } },
        s2020: { status: 'OPEN', since: { date: '2019-05-29' } },
      },
    });
  });
});

describe('partners and sources', () => {
  test("Xizang's trading partners for Jan-Oct 2017", async () => {
    const r = await runner().run(`{ region { tradingPartners(filter: { period: "2017-01..2017-10" }) { partner { code name } figures { value reportedYoyGrowthPct } } } }`);
    expect(r.body.errors).toBeUndefined();
    const tp = (r.body.data as any).region.tradingPartners;
    expect(tp.map((t: any) => [t.partner.code, t.figures.map((f: any) => f.value)])).toEqual([
      ['BE', ['524']], ['FR', ['1197']], ['NP', ['1880']],
    ]);
  });

  test('every source is listed with what it published; the yearbook has no date', async () => {
    const r = await runner().run(`{ sources { publisher publishedOn figures { measureCode value } } }`);
    expect(r.body.errors).toBeUndefined();
    const sources = (r.body.data as any).sources as any[];
    const published = sources.reduce((n, s) => n + s.figures.length, 0);
    expect(published).toBe(168); // every row of data/xizang-trade-figures.tsv
    const yearbook = sources.filter((s) => s.publisher === 'Tibet Statistical Yearbook 2017');
    expect(yearbook).toHaveLength(1);
    expect(yearbook[0].publishedOn).toBeNull();
    expect(yearbook[0].figures.map((f: any) => f.value).sort()).toEqual(['12174.39', '2986.44']);
  });

  test('an unknown subject is NOT_FOUND and a malformed period names the argument', async () => {
    const a = await runner().run(`{ figures(subject: "PORT-NOWHERE") { value } }`);
    expect(a.body.errors?.[0]).toMatchObject({ message: 'no subject "PORT-NOWHERE"', extensions: { code: 'NOT_FOUND' } });
    const b = await runner().run(`{ figures(subject: "XZ", filter: { period: "2023-13" }) { value } }`);
    expect(b.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(b.body.errors?.[0].message).toMatch(/^argument "filter.period": /);
  });
});
