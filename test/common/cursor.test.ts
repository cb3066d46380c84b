/** Page cursors (src/common/cursor.ts, figure-connection.resolver.ts positionOf): what a list gave comes back; anything else, forged or foreign, is refused alike. */
import 'reflect-metadata';
import { decodeCursor, encodeCursor } from '../../src/common/cursor';
import { positionOf } from '../../src/observations/figure-connection.resolver';

const REFUSAL = 'argument "after": is not a cursor this list gave (use pageInfo.endCursor or an edge cursor)';
const GOOD = ['2014-01-01', '2014-11-30', 'trade_value', 'ALL', 'total', 'CNY_MN', '6'];

test('a figure cursor gives back its position', () => {
  expect(positionOf(encodeCursor('figure.v1', GOOD))).toEqual({
    periodStart: '2014-01-01', periodEnd: '2014-11-30', measureCode: 'trade_value', partnerCode: 'ALL', flow: 'total', unit: 'CNY_MN', id: '6',
  });
});

test.each([
  ['a NUL in a code (PostgreSQL refused it inside the statement: an internal error)', ['2014-01-01', '2014-11-30', 'trade_value\u0000', 'ALL', 'total', 'CNY_MN', '6']],
  ['a unit no figure has', ['2014-01-01', '2014-11-30', 'trade_value', 'ALL', 'total', 'EUR', '6']],
  ['a flow no figure has', ['2014-01-01', '2014-11-30', 'trade_value', 'ALL', 'sideways', 'CNY_MN', '6']],
  ['a date that is not real', ['2014-02-30', '2014-11-30', 'trade_value', 'ALL', 'total', 'CNY_MN', '6']],
  ['an id that is not a number', ['2014-01-01', '2014-11-30', 'trade_value', 'ALL', 'total', 'CNY_MN', '6; DROP']],
  ['one value too few', GOOD.slice(1)],
])('a forged figure cursor with %s is refused in the same words', (_what, values) => {
  expect(() => positionOf(encodeCursor('figure.v1', values))).toThrow(REFUSAL);
});

test('another kind, or text that is not a cursor, is refused in the same words', () => {
  expect(() => positionOf(encodeCursor('other.v1', GOOD))).toThrow(REFUSAL);
  expect(() => positionOf('not base64 json')).toThrow(REFUSAL);
  expect(() => decodeCursor('after', 'k', 1, encodeCursor('k', ['a\u0000b']))).toThrow(REFUSAL);
  expect(decodeCursor('after', 'k', 1, encodeCursor('k', ['ab']))).toEqual(['ab']);
});
