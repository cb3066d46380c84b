import { portStatusOn, DatedEvent } from '../src/subjects/port-status';

// Zham's events from data/port-events.tsv.
const zham: DatedEvent[] = [
  { eventDate: '1966-01-01', event: 'OPENED' },
  { eventDate: '2015-04-25', event: 'CLOSED' },
  { eventDate: '2019-05-29', event: 'REOPENED' },
  { eventDate: '2023-05-01', event: 'REOPENED' },
];

test.each([
  ['1965-12-31', 'NOT_YET_OPENED', null],
  ['1966-01-01', 'OPEN', '1966-01-01'],
  ['2015-04-24', 'OPEN', '1966-01-01'],
  ['2015-04-25', 'CLOSED', '2015-04-25'],
  ['2019-05-28', 'CLOSED', '2015-04-25'],
  ['2019-05-29', 'OPEN', '2019-05-29'],
  ['2024-01-01', 'OPEN', '2023-05-01'],
])('Zham on %s is %s', (date, status, since) => {
  const r = portStatusOn(zham, date);
  expect([r.status, r.since?.eventDate ?? null]).toEqual([status, since]);
});

test('a port whose record starts with a reopening is UNKNOWN before it (Burang, 2022-12-26)', () => {
  expect(portStatusOn([{ eventDate: '2022-12-26', event: 'REOPENED' }], '2020-01-01')).toEqual({ status: 'UNKNOWN', since: null });
  expect(portStatusOn([], '2020-01-01').status).toBe('UNKNOWN');
});
