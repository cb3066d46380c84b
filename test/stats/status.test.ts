import { combineStatuses, ObservationStatus, STATUS_PRECEDENCE, statusFromNote } from '../../src/stats/status';

describe('combineStatuses: SUM', () => {
  it.each<[ObservationStatus[], ObservationStatus]>([
    [['REPORTED', 'REPORTED'], 'DERIVED'],
    [['REPORTED'], 'DERIVED'],
    [['REPORTED', 'DERIVED'], 'DERIVED'],
    [['REPORTED', 'PROVISIONAL'], 'PROVISIONAL'],
    [['REPORTED', 'LOWER_BOUND'], 'LOWER_BOUND'],
    [['LOWER_BOUND', 'LOWER_BOUND'], 'LOWER_BOUND'],
    [['PROVISIONAL', 'LOWER_BOUND'], 'LOWER_BOUND'],
    [['REPORTED', 'ESTIMATED'], 'ESTIMATED'],
    [['LOWER_BOUND', 'ESTIMATED'], 'ESTIMATED'],
    [['ESTIMATED', 'PROVISIONAL', 'REPORTED'], 'ESTIMATED'],
  ])('%j -> %s', (inputs, expected) => {
    expect(combineStatuses(inputs, 'SUM')).toBe(expected);
  });

  it('does not depend on input order', () => {
    expect(combineStatuses(['LOWER_BOUND', 'REPORTED'], 'SUM')).toBe('LOWER_BOUND');
    expect(combineStatuses(['ESTIMATED', 'LOWER_BOUND'], 'SUM')).toBe('ESTIMATED');
  });
});

describe('combineStatuses: DIFFERENCE [minuend, subtrahend]', () => {
  it.each<[ObservationStatus[], ObservationStatus]>([
    [['REPORTED', 'REPORTED'], 'DERIVED'],
    // X >= x, Y = y exactly: X - y >= x - y -> still a lower bound
    [['LOWER_BOUND', 'REPORTED'], 'LOWER_BOUND'],
    // Y >= y: x - Y <= x - y -> an upper bound, which has no status -> ESTIMATED
    [['REPORTED', 'LOWER_BOUND'], 'ESTIMATED'],
    [['LOWER_BOUND', 'LOWER_BOUND'], 'ESTIMATED'],
    [['PROVISIONAL', 'REPORTED'], 'PROVISIONAL'],
    [['REPORTED', 'PROVISIONAL'], 'PROVISIONAL'],
    [['ESTIMATED', 'REPORTED'], 'ESTIMATED'],
  ])('%j -> %s', (inputs, expected) => {
    expect(combineStatuses(inputs, 'DIFFERENCE')).toBe(expected);
  });
});

describe('combineStatuses: errors and order', () => {
  it('needs inputs and known statuses', () => {
    expect(() => combineStatuses([], 'SUM')).toThrow(RangeError);
    expect(() => combineStatuses(['BOGUS' as ObservationStatus], 'SUM')).toThrow(/unknown observation status/);
  });
  it('publishes the precedence, strongest first', () => {
    expect(STATUS_PRECEDENCE).toEqual(['REPORTED', 'DERIVED', 'PROVISIONAL', 'LOWER_BOUND', 'ESTIMATED']);
  });
});

describe('statusFromNote', () => {
  it.each<[string | null, ObservationStatus]>([
    // notes as they appear in the data file
    ["lower bound ('exceeded'); conflicts with 12,200 reported by another source for 2014", 'LOWER_BOUND'],
    ["lower bound ('over 17,000 t')", 'LOWER_BOUND'],
    ['lower bound: "over 90 countries and regions"', 'LOWER_BOUND'],
    ['"lower bound: ""over 90 countries and regions"""', 'LOWER_BOUND'],
    ['Lower Bound (more than)', 'LOWER_BOUND'],
    ['conflicts with other 2014 Xizang-Nepal versions (>10,000 full year; 10,650 for Jan-Nov)', 'REPORTED'],
    ['port-of-clearance basis; exceeds Xizang-Nepal trade for all of 2023 (2,770); do not add to regional data', 'REPORTED'],
    ['not a lower bound: the source says exactly', 'REPORTED'],
    ['lower boundary of the county', 'REPORTED'],
    ['', 'REPORTED'],
    [null, 'REPORTED'],
  ])('%j -> %s', (note, expected) => {
    expect(statusFromNote(note)).toBe(expected);
  });
});
