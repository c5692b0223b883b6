import "server-only";
import { inTx, readDb, type Tx } from "@/lib/db";
import { formatCrNumber } from "@/lib/domain/cr-number";

/**
 * The next CR number of the year. The counter row is locked by the upsert until the caller's
 * transaction ends, so concurrent creators queue, and a rolled-back insert gives its number back:
 * numbers are unique and gap-free.
 */
export async function nextCrNumber(tx: Tx, year: number): Promise<{ year: number; seq: number; number: string }> {
  const [row] = await inTx(
    tx,
    readDb
      .insertInto("CrCounter")
      .values({ year, last: 1 })
      .onConflict((oc) => oc.column("year").doUpdateSet((eb) => ({ last: eb("CrCounter.last", "+", 1) })))
      .returning("last"),
  );
  const seq = Number(row!.last);
  return { year, seq, number: formatCrNumber(year, seq) };
}
