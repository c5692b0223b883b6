import "server-only";
import type { Tx } from "@/lib/db";
import { formatCrNumber } from "@/lib/domain/cr-number";

/**
 * The next CR number of the year. The counter row is locked by the upsert until the caller's
 * transaction ends, so concurrent creators queue, and a rolled-back insert gives its number back:
 * numbers are unique and gap-free.
 */
export async function nextCrNumber(tx: Tx, year: number): Promise<{ year: number; seq: number; number: string }> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "CrCounter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "CrCounter"."last" + 1
    RETURNING "last"`;
  const seq = Number(rows[0]!.last);
  return { year, seq, number: formatCrNumber(year, seq) };
}
