// How many of the period's successful deployments have a known commit time, i.e. how much of the
// lead-time figure rests on data: "lead time known for 23 of 29 deployments". A deployment's commit
// time comes from CI's gate results or its change request (deployed-commit.ts); without one, or with
// one later than its finish (bad data), it is left out of lead time and shows here as unknown.
export interface LeadTimeCoverage {
  /** Successful deployments whose lead time is known (leadTime.sampleSize). */
  known: number;
  /** Successful deployments in the period (totals.succeeded). */
  of: number;
  /** known / of; null when nothing succeeded. */
  share: number | null;
  text: string;
}

export function leadTimeCoverage(m: { totals: { succeeded: number }; leadTime: { sampleSize: number } }): LeadTimeCoverage {
  const known = m.leadTime.sampleSize;
  const of = m.totals.succeeded;
  const text = of === 0 ? "no successful deployment to measure lead time on" : `lead time known for ${known} of ${of} deployment${of === 1 ? "" : "s"}`;
  return { known, of, share: of === 0 ? null : known / of, text };
}
