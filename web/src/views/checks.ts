/** The growth checks beyond tolerance, from the API's reconciliation, by figure id. */
import { query } from '../api';
import type { BeyondTolerance } from '../chart';
import { GrowthChecksDocument } from '../generated/graphql';

/** Figure id → its discrepancy and the tolerance it exceeds; null when the API could not answer. */
export async function beyondToleranceById(): Promise<Map<string, BeyondTolerance> | null> {
  try {
    const data = await query(GrowthChecksDocument, {});
    return new Map(
      data.reconciliation.beyondTolerance.map((c) => [c.figure.id, { discrepancyPp: c.discrepancyPp ?? '', tolerancePp: c.tolerancePp ?? '' }]),
    );
  } catch {
    return null;
  }
}
