import * as fs from 'fs';
import * as path from 'path';
import * as stats from '../../src/stats';

describe('src/stats/index', () => {
  it('re-exports the required API', () => {
    const names = [
      'Decimal', 'parseDecimal', 'toPlain', 'DecimalFormatError',
      'isIsoDate', 'periodKind', 'periodDays', 'formatPeriod', 'parsePeriod', 'PeriodFormatError', 'validatePeriod',
      'priorComparablePeriod', 'monthsOf', 'monthPeriod', 'containsPeriod', 'comparePeriods',
      'yoyGrowthPct', 'impliedPriorValue', 'growthDiscrepancyPp', 'multipleToPercent', 'multipleRoundingBandPct',
      'DEFAULT_TOLERANCE_PP', 'withinTolerance',
      'combineStatuses', 'statusFromNote',
      'differenceOfCumulative', 'sumOfMonths', 'differencePair', 'DerivationError',
      'basisOfSubject', 'sharePct', 'shareChangePp', 'compareShares', 'shareStatus', 'assertSameBasis', 'BasisMismatchError',
      'choosePreferred', 'reconcileGrowth', 'classifyGrowth',
    ];
    for (const n of names) expect(stats).toHaveProperty(n);
  });

  it('modules are pure: they import only decimal.js and each other', () => {
    const dir = path.join(__dirname, '../../src/stats');
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      const specs = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      for (const s of specs) expect([f, s]).toEqual([f, expect.stringMatching(/^(decimal\.js|\.\/[a-z]+)$/)]);
    }
  });
});
