import { Decimal, divideRounded, toPlain } from '../../src/stats/decimal';
import { seededInts } from '../support/seeded';
import { yoyGrowthPct } from '../../src/stats/growth';
import {
  assertSameBasis,
  compareShares,
  shareStatus,
  BasisMismatchError,
  basisOfSubject,
  partnerKindOf,
  partOutsideWhole,
  ShareLineage,
  ShareSeries,
  shareChangePp,
  sharePct,
  sharePctOnBasis,
  StatisticalBasis,
  UnknownSubjectError,
} from '../../src/stats/share';

const d = (s: string) => new Decimal(s);
const plain = (x: Decimal | null) => (x === null ? null : toPlain(x));

describe('basisOfSubject', () => {
  it.each<[string, StatisticalBasis]>([
    ['PORT-GYIRONG', 'PORT_OF_CLEARANCE'],
    ['PORT-ZHAM', 'PORT_OF_CLEARANCE'],
    ['PORT-LEKTSE', 'PORT_OF_CLEARANCE'],
    ['GROUP-XZ-4-LAND-PORTS', 'PORT_OF_CLEARANCE'],
    ['XZ', 'REGIONAL_CONSIGNEE'],
    ['XZ-SHIGATSE', 'REGIONAL_CONSIGNEE'],
    ['XZ-BURANG-COUNTY', 'REGIONAL_CONSIGNEE'],
    ['CUSTOMS-LHASA', 'CUSTOMS_DISTRICT'],
    ['NP', 'PARTNER_NATIONAL'],
    ['NP-CUSTOMS-RASUWA', 'PARTNER_NATIONAL'],
  ])('%s -> %s', (code, basis) => {
    expect(basisOfSubject(code)).toBe(basis);
  });

  it.each(['', 'xz', 'XZX', 'GROUP-BRI', 'NPL', 'PORT-', 'CUSTOMS-SHIGATSE'])('rejects %j', (code) => {
    expect(() => basisOfSubject(code)).toThrow(UnknownSubjectError);
  });
});

describe('sharePct / shareChangePp', () => {
  it('worked case: 200 of 1000, then 300 of 1200', () => {
    // prior share 200 x 100 / 1000 = 20.00 %; current 300 x 100 / 1200 = 25.00 %
    const prior = sharePct(d('200'), d('1000'));
    const now = sharePct(d('300'), d('1200'));
    expect(plain(prior)).toBe('20');
    expect(plain(now)).toBe('25');
    // change 25.00 - 20.00 = +5.00 percentage points (NOT +25 %, which is 25/20 - 1)
    expect(plain(shareChangePp(now, prior))).toBe('5');
    // the part's value grew (300 - 200) x 100 / 200 = +50.00 %
    expect(plain(yoyGrowthPct(d('300'), d('200')).pct)).toBe('50');
  });

  it('rounds to 2 dp', () => {
    // 1 x 100 / 3 = 33.333.. -> 33.33 ; 2 x 100 / 3 = 66.666.. -> 66.67
    expect(plain(sharePct(d('1'), d('3')))).toBe('33.33');
    expect(plain(sharePct(d('2'), d('3')))).toBe('66.67');
    // illustrative (not a same-period pair in the data): 2350 x 100 / 4560 = 51.5350.. -> 51.54
    expect(plain(sharePct(d('2350'), d('4560')))).toBe('51.54');
  });

  it('null for a zero or missing whole, or a missing part', () => {
    expect(sharePct(d('5'), d('0'))).toBeNull();
    expect(sharePct(d('5'), null)).toBeNull();
    expect(sharePct(null, d('5'))).toBeNull();
    expect(shareChangePp(null, d('20'))).toBeNull();
    expect(shareChangePp(d('20'), undefined)).toBeNull();
    // falling share: 18.5 - 20 = -1.5 pp
    expect(plain(shareChangePp(d('18.5'), d('20')))).toBe('-1.5');
  });
});

describe('basis checks', () => {
  it('refuses port figures as a share of regional figures (README trap 1)', () => {
    // four ports 4560 (Jan-Nov 2023) vs Xizang-Nepal 2770 (2023): 164.6 % would be nonsense
    const ports = { value: d('4560'), basis: basisOfSubject('GROUP-XZ-4-LAND-PORTS') };
    const region = { value: d('2770'), basis: basisOfSubject('XZ') };
    expect(() => sharePctOnBasis(ports, region)).toThrow(BasisMismatchError);
    expect(() => assertSameBasis('PORT_OF_CLEARANCE', 'REGIONAL_CONSIGNEE')).toThrow(/PORT_OF_CLEARANCE vs REGIONAL_CONSIGNEE/);
    try {
      assertSameBasis('CUSTOMS_DISTRICT', 'PARTNER_NATIONAL');
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(BasisMismatchError);
      expect((e as BasisMismatchError).a).toBe('CUSTOMS_DISTRICT');
      expect((e as BasisMismatchError).b).toBe('PARTNER_NATIONAL');
    }
  });

  it('allows the same basis', () => {
    expect(() => assertSameBasis('REGIONAL_CONSIGNEE', 'REGIONAL_CONSIGNEE')).not.toThrow();
    // illustrative port figure 2350 of the four-port total 4560 -> 51.54 % (same basis)
    const gyirong = { value: d('2350'), basis: basisOfSubject('PORT-GYIRONG') };
    const four = { value: d('4560'), basis: basisOfSubject('GROUP-XZ-4-LAND-PORTS') };
    expect(plain(sharePctOnBasis(gyirong, four))).toBe('51.54');
  });
});

describe('compareShares / shareStatus', () => {
  it('worked case: 200 of 1000, then 300 of 1200 -> 25.00 %, +5.00 pp, value +50.00 %', () => {
    // share now 300 x 100 / 1200 = 25.00; prior 200 x 100 / 1000 = 20.00; change 25.00 - 20.00 = +5.00 pp;
    // value growth (300 - 200) x 100 / 200 = +50.00 %
    const c = compareShares(d('300'), d('1200'), d('200'), d('1000'));
    expect([c.sharePct, c.priorSharePct, c.shareChangePp, c.valueGrowthPct].map((x) => x && x.toFixed(2))).toEqual(['25.00', '20.00', '5.00', '50.00']);
  });

  it("real figures: Nepal in Xizang's trade, 2020 against 2019", () => {
    // 1061 x 100 / 2133 = 49.7421.. -> 49.74; 3165 x 100 / 4870 = 64.9897.. -> 64.99;
    // 49.74 - 64.99 = -15.25 pp; (1061 - 3165) x 100 / 3165 = -66.4770.. -> -66.48 %
    const c = compareShares(d('1061'), d('2133'), d('3165'), d('4870'));
    expect([c.sharePct, c.priorSharePct, c.shareChangePp, c.valueGrowthPct].map(plain)).toEqual(['49.74', '64.99', '-15.25', '-66.48']);
  });

  it('nulls propagate: no prior part, or a zero whole', () => {
    const c = compareShares(d('300'), d('1200'), null, d('1000'));
    expect(plain(c.sharePct)).toBe('25');
    expect([c.priorSharePct, c.shareChangePp, c.valueGrowthPct]).toEqual([null, null, null]);
    expect(compareShares(d('1'), d('0'), d('1'), d('2')).shareChangePp).toBeNull();
  });

  it.each([
    ['REPORTED', 'REPORTED', 'DERIVED'],
    ['LOWER_BOUND', 'REPORTED', 'LOWER_BOUND'], // part at least x -> share at least x / whole
    ['REPORTED', 'LOWER_BOUND', 'ESTIMATED'], // whole at least y -> share at most x / y: an upper bound
    ['PROVISIONAL', 'REPORTED', 'PROVISIONAL'],
  ] as const)('shareStatus(%s, %s) = %s', (part, whole, status) => {
    expect(shareStatus(part, whole)).toBe(status);
  });
});

describe('sharePct in integers', () => {
  it('takes decimal text as well as Decimals, with the same answers as part × 100 then divideRounded', () => {
    const next = seededInts(4242);
    for (let i = 0; i < 3000; i++) {
      const part = `${next(100000)}.${next(1000)}`;
      const whole = `${next(1000000) + 1}${next(2) ? `.${next(100)}` : ''}`;
      const expected = toPlain(divideRounded(new Decimal(part).mul(100), new Decimal(whole), 2));
      expect([part, whole, toPlain(sharePct(part, whole)!)]).toEqual([part, whole, expected]);
      expect([part, whole, toPlain(sharePct(d(part), d(whole))!)]).toEqual([part, whole, expected]);
    }
    expect(sharePct('5', '0.000')).toBeNull();
    expect(toPlain(sharePct('1', '3')!)).toBe('33.33');
  });
});

describe('partOutsideWhole', () => {
  const series = (o: Partial<ShareSeries>): ShareSeries => ({ subjectCode: 'XZ', measureCode: 'trade_value', partnerCode: 'ALL', flow: 'total', ...o });
  const region: ShareLineage = { listedPort: false, subjectAncestors: [], wholeSubjectKind: 'REGION', measureAncestors: [] };

  test('the same series is within itself (a share of 100 %)', () => {
    expect(partOutsideWhole(series({}), series({}), region)).toBeNull();
  });

  test('partners: a country, a group and the world are within the world; a country within a group; nothing else', () => {
    expect(partOutsideWhole(series({ partnerCode: 'NP' }), series({}), region)).toBeNull();
    expect(partOutsideWhole(series({ partnerCode: 'GROUP-BRI' }), series({}), region)).toBeNull();
    expect(partOutsideWhole(series({ partnerCode: 'NP' }), series({ partnerCode: 'GROUP-BRI' }), region)).toBeNull();
    expect(partOutsideWhole(series({}), series({ partnerCode: 'NP' }), region)).toEqual({ field: 'partner', reason: "partner ALL (the world) is not within the whole's partner NP" });
    expect(partOutsideWhole(series({ partnerCode: 'IN' }), series({ partnerCode: 'NP' }), region)).toEqual({ field: 'partner', reason: "partner IN (a country) is not within the whole's partner NP" });
    expect(partOutsideWhole(series({ partnerCode: 'GROUP-RCEP' }), series({ partnerCode: 'GROUP-BRI' }), region)?.field).toBe('partner');
  });

  test('flows: imports and exports are within the total, not within each other or the total within either', () => {
    expect(partOutsideWhole(series({ flow: 'import' }), series({}), region)).toBeNull();
    expect(partOutsideWhole(series({ flow: 'export' }), series({ flow: 'export' }), region)).toBeNull();
    expect(partOutsideWhole(series({ flow: 'export' }), series({ flow: 'import' }), region)).toEqual({ field: 'flow', reason: "flow EXPORT is not within the whole's flow IMPORT (only TOTAL counts both imports and exports)" });
    expect(partOutsideWhole(series({}), series({ flow: 'export' }), region)?.field).toBe('flow');
  });

  test('subjects: within an ancestor, or a port within a port group; never the other way', () => {
    const county: ShareLineage = { listedPort: false, subjectAncestors: ['XZ-NGARI', 'XZ'], wholeSubjectKind: 'REGION', measureAncestors: [] };
    expect(partOutsideWhole(series({ subjectCode: 'XZ-BURANG-COUNTY' }), series({}), county)).toBeNull();
    expect(partOutsideWhole(series({ subjectCode: 'XZ-BURANG-COUNTY' }), series({ subjectCode: 'XZ-NGARI' }), { ...county, wholeSubjectKind: 'PREFECTURE' })).toBeNull();
    expect(partOutsideWhole(series({ subjectCode: 'XZ-BURANG-COUNTY' }), series({ subjectCode: 'XZ-SHIGATSE' }), { ...county, wholeSubjectKind: 'PREFECTURE' }))
      .toEqual({ field: 'subject', reason: "subject XZ-BURANG-COUNTY is not within the whole's subject XZ-SHIGATSE (XZ-BURANG-COUNTY lies in XZ-NGARI, XZ)" });
    const port: ShareLineage = { listedPort: true, subjectAncestors: ['XZ-SHIGATSE', 'XZ'], wholeSubjectKind: 'PORT_GROUP', measureAncestors: [] };
    expect(partOutsideWhole(series({ subjectCode: 'PORT-ZHAM' }), series({ subjectCode: 'GROUP-XZ-4-LAND-PORTS' }), port)).toBeNull();
    // A subject of kind PORT that data/ports.tsv does not list is not one of the group's four.
    expect(partOutsideWhole(series({ subjectCode: 'PORT-YADONG' }), series({ subjectCode: 'GROUP-XZ-4-LAND-PORTS' }), { ...port, listedPort: false })?.field).toBe('subject');
    const group: ShareLineage = { listedPort: false, subjectAncestors: ['XZ'], wholeSubjectKind: 'PORT', measureAncestors: [] };
    expect(partOutsideWhole(series({ subjectCode: 'GROUP-XZ-4-LAND-PORTS' }), series({ subjectCode: 'PORT-ZHAM' }), group)?.field).toBe('subject');
    expect(partOutsideWhole(series({ subjectCode: 'PORT-ZHAM' }), series({ subjectCode: 'PORT-GYIRONG' }), { ...port, wholeSubjectKind: 'PORT' })?.field).toBe('subject');
  });

  test('measures: within one of the part measure\'s broader measures only', () => {
    const garment: ShareLineage = { ...region, measureAncestors: ['labour_intensive_trade_value', 'trade_value'] };
    expect(partOutsideWhole(series({ measureCode: 'garment_trade_value' }), series({}), garment)).toBeNull();
    expect(partOutsideWhole(series({ measureCode: 'garment_trade_value' }), series({ measureCode: 'labour_intensive_trade_value' }), garment)).toBeNull();
    expect(partOutsideWhole(series({ measureCode: 'garment_trade_value' }), series({ measureCode: 'agri_trade_value' }), garment))
      .toEqual({ field: 'measure', reason: "measure garment_trade_value is not part of the whole's measure agri_trade_value (garment_trade_value is part of labour_intensive_trade_value, trade_value)" });
    expect(partOutsideWhole(series({}), series({ measureCode: 'garment_trade_value' }), region)?.field).toBe('measure');
  });

  test('the first field outside is named, in the order subject, measure, partner, flow', () => {
    expect(partOutsideWhole(series({ subjectCode: 'XZ-LHASA', partnerCode: 'ALL', flow: 'total' }), series({ subjectCode: 'XZ-SHIGATSE', partnerCode: 'NP', flow: 'import' }),
      { listedPort: false, subjectAncestors: ['XZ'], wholeSubjectKind: 'PREFECTURE', measureAncestors: [] })?.field).toBe('subject');
    expect(partOutsideWhole(series({ partnerCode: 'ALL', flow: 'total' }), series({ partnerCode: 'NP', flow: 'import' }), region)?.field).toBe('partner');
  });

  test('partnerKindOf: ALL is the world, GROUP-* a group, anything else a country', () => {
    expect(['ALL', 'GROUP-BRI', 'GROUP-RCEP', 'NP', 'CN'].map(partnerKindOf)).toEqual(['WORLD', 'GROUP', 'GROUP', 'COUNTRY', 'COUNTRY']);
  });
});
