/**
 * A port's status on a date from its dated events. Pure.
 * Rule: the latest event on or before the date decides (several on one day: the last listed);
 * OPENED or REOPENED → OPEN, CLOSED → CLOSED. With no event on or before the date: NOT_YET_OPENED
 * when the port's first event is its opening, else UNKNOWN (the record starts later).
 */
export interface DatedEvent {
  eventDate: string;
  event: 'OPENED' | 'CLOSED' | 'REOPENED';
}

export type PortStatusValue = 'OPEN' | 'CLOSED' | 'NOT_YET_OPENED' | 'UNKNOWN';

/** @param events the port's events in date order. @param date ISO date. */
export function portStatusOn<E extends DatedEvent>(events: readonly E[], date: string): { status: PortStatusValue; since: E | null } {
  let since: E | null = null;
  for (const e of events) if (e.eventDate <= date) since = e;
  if (since) return { status: since.event === 'CLOSED' ? 'CLOSED' : 'OPEN', since };
  return { status: events[0]?.event === 'OPENED' ? 'NOT_YET_OPENED' : 'UNKNOWN', since: null };
}
