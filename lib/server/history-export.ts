import "server-only";
// The history as CSV, streamed: rows are read in keyset batches as the client consumes the body
// (pull-based ReadableStream), so memory holds one batch however many rows match — 300,000 included.
import type { Actor } from "@/lib/auth/permissions";
import { csvLine } from "@/lib/domain/csv";
import type { HistoryFilters } from "@/lib/domain/history-filters";
import { HISTORY_CSV_HEADER, historyCsvRecord } from "@/lib/domain/history-row";
import { assertCan } from "./guard";
import { selectHistoryRows, type HistoryCursor } from "./history-sql";

export const EXPORT_BATCH = 2000;

export function historyCsvStream(actor: Actor, f: HistoryFilters, zone: string, batch = EXPORT_BATCH): ReadableStream<Uint8Array> {
  assertCan(actor, "history:view", "Your roles do not allow exporting deployment history.");
  const encoder = new TextEncoder();
  let after: HistoryCursor | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          // A byte-order mark so spreadsheet programs read the names as UTF-8.
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(HISTORY_CSV_HEADER)}`));
          return;
        }
        const { rows, last } = await selectHistoryRows(f, zone, { limit: batch, after });
        if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((r) => csvLine(historyCsvRecord(r, zone))).join("")));
        if (rows.length < batch || !last) controller.close();
        else after = last;
      },
    },
    // Ask for the next batch only when the previous one has been read (backpressure).
    { highWaterMark: 1 },
  );
}
