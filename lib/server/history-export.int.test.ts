// The CSV export streams: 300,000 matching deployments are written batch by batch, and the process
// never holds them all — heap and RSS growth while reading stay far below the file's size.
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { parseCsv } from "@/lib/domain/csv";
import { parseHistoryFilters, type HistoryFilters } from "@/lib/domain/history-filters";
import { HISTORY_CSV_HEADER } from "@/lib/domain/history-row";
import { createDeployment, createService, createUser } from "@/prisma/factories";
import { historyCsvStream } from "./history-export";
import { scaled } from "@/test/timeouts";

const ROWS = 300_000;
// Collect garbage before sampling, so the samples measure what the export keeps alive, not litter.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const ZONE = "Europe/Berlin";
const manager: Actor = { id: "m", name: "Manager", email: "m@example.test", roles: ["PRODUCT"] };
let serviceId = "";

const filters = (query: string): HistoryFilters => {
  const r = parseHistoryFilters(new URLSearchParams(query), { today: "2026-01-01" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

async function readAll(stream: ReadableStream<Uint8Array>, onChunk: () => void): Promise<{ bytes: number; lines: number; text?: string }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const chunk = decoder.decode(value, { stream: true });
    for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) lines++;
    onChunk();
  }
  return { bytes, lines };
}

beforeAll(async () => {
  const s = await createService(db, { name: `export-${Date.now()}` });
  serviceId = s.id;
  await db.$executeRawUnsafe(`
    INSERT INTO "Deployment"(id, "serviceId", "awsRegion", "functionName", alias, "fromVersion", "toVersion", strategy, plan,
      state, outcome, "rollbackKind", reason, "startedAt", "finishedAt", "updatedAt")
    SELECT 'x' || g, '${serviceId}', 'us-east-1', 'fn', 'production', g::text, (g + 1)::text, 'Canary10Percent5Minutes', '[]',
      'SUCCEEDED', (ARRAY['SUCCEEDED','FAILED','ROLLED_BACK'])[1 + g % 3]::"DeploymentOutcome",
      CASE WHEN g % 3 = 2 THEN 'AUTOMATIC' END, CASE WHEN g % 3 = 2 THEN 'Error rate, "p99" high' END,
      timestamp '2024-01-01' + (g || ' seconds')::interval, timestamp '2024-01-01' + (g + 30 || ' seconds')::interval, now()
    FROM generate_series(1, ${ROWS}) g`);
  await db.$executeRawUnsafe(`ANALYZE "Deployment"`);
}, scaled(300_000));

describe("CSV export of the history", () => {
  it(`streams ${ROWS.toLocaleString("en")} rows in bounded memory`, async () => {
    gc();
    const base = process.memoryUsage();
    let peakHeap = base.heapUsed;
    let peakRss = base.rss;
    let chunks = 0;
    const { bytes, lines } = await readAll(historyCsvStream(manager, filters(`service=${serviceId}`), ZONE), () => {
      if (++chunks % 10 !== 0) return;
      gc();
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    });
    expect(lines).toBe(ROWS + 1);
    const growthMb = (peakHeap - base.heapUsed) / 2 ** 20;
    const rssGrowthMb = (peakRss - base.rss) / 2 ** 20;
    const fileMb = bytes / 2 ** 20;
    console.log(`CSV ${fileMb.toFixed(0)} MB; heap growth ${growthMb.toFixed(0)} MB; RSS growth ${rssGrowthMb.toFixed(0)} MB`);
    // Buffering would hold the file as a JS string (twice its bytes, UTF-16) plus 300,000 row objects.
    expect(fileMb).toBeGreaterThan(50);
    expect(growthMb).toBeLessThan(fileMb / 4);
    expect(rssGrowthMb).toBeLessThan(2 * fileMb);
  }, scaled(600_000));

  it("exports exactly the filtered rows, escaped, with a header; zero rows give only the header", async () => {
    const u = await createUser(db, { name: 'Ann "The, Boss"' });
    const s = await createService(db);
    await createDeployment(db, { serviceId: s.id, requesterId: u.id, startedAt: new Date("2025-02-10T09:00:00Z"), outcome: "ROLLED_BACK", rollbackKind: "MANUAL", reason: "Latency,\nbad" });
    await createDeployment(db, { serviceId: s.id, startedAt: new Date("2025-03-10T09:00:00Z"), outcome: "SUCCEEDED" });
    const text = await new Response(historyCsvStream(manager, filters(`service=${s.id}&from=2025-02-01&to=2025-02-28`), ZONE)).text();
    const rows = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual([...HISTORY_CSV_HEADER]);
    expect(rows).toHaveLength(2);
    expect(rows[1]![5]).toBe('Ann "The, Boss"');
    expect(rows[1]![15]).toBe("Rolled back manually");
    expect(rows[1]![16]).toBe("Latency,\nbad");
    const empty = await new Response(historyCsvStream(manager, filters(`service=${s.id}&from=2024-01-01&to=2024-01-31`), ZONE)).text();
    expect(parseCsv(empty.replace(/^\uFEFF/, ""))).toEqual([[...HISTORY_CSV_HEADER]]);
  });

  it("refuses a user without history:view", () => {
    expect(() => historyCsvStream({ ...manager, roles: [] }, filters(""), ZONE)).toThrow(/not allow/);
  });
});
