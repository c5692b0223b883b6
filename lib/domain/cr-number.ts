// CR numbers look like CR-2026-001: year, then a sequence that is gap-free within the year.
// The sequence itself comes from the database counter (lib/server/next-cr-number.ts); this module
// only formats and parses, so the rule lives in one place.

const PATTERN = /^CR-(\d{4})-(\d{3,})$/;

export function formatCrNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`invalid CR year ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`invalid CR sequence ${seq}`);
  return `CR-${year}-${String(seq).padStart(3, "0")}`;
}

export function parseCrNumber(text: string): { year: number; seq: number } | null {
  const m = PATTERN.exec(text.trim().toUpperCase());
  if (!m) return null;
  const seq = Number(m[2]);
  if (seq < 1) return null;
  return { year: Number(m[1]), seq };
}

/** A change's page: by its number, so the address people share reads as the change it opens. */
export function changePath(number: string): string {
  return `/changes/${number}`;
}
