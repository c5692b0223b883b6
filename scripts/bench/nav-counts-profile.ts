// Where the navigation's counts spend their CPU (issue 12): navCounts N times against a seeded
// database, then its parts alone — the SQL read (pg's row and JSON parsing included), the rows'
// conversion, the domain's evaluation. Run on the bench's data, never on one others write:
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cg_bench_p npx tsx --conditions=react-server scripts/bench/nav-counts-profile.ts [user-id] [n]
import { readDb } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { workCount, workItems, type WorkCr } from "@/lib/domain/my-work";
import { navCounts } from "@/lib/server/my-work";
import { loadWorkCandidates } from "@/lib/server/my-work-sql";

const userId = process.argv[2] ?? "bench-admin";
const n = Number(process.argv[3] ?? 200);

async function cpuPerCall(label: string, f: () => Promise<unknown> | unknown) {
  for (let i = 0; i < 20; i++) await f();
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  const t = process.cpuUsage(t0);
  const wall = (performance.now() - w0) / n;
  console.log(`${label.padEnd(44)} ${((t.user + t.system) / 1000 / n).toFixed(3)} ms CPU, ${wall.toFixed(3)} ms wall per call`);
}

async function main() {
  const u = await readDb.selectFrom("User").select(["id", "name", "email", "roles"]).where("id", "=", userId).executeTakeFirstOrThrow();
  // An enum array comes from pg as its text form ("{ADMIN,CTO}").
  const roles = (typeof u.roles === "string" ? (u.roles as string).replace(/[{}]/g, "").split(",") : u.roles) as Actor["roles"];
  const actor: Actor = { ...u, roles };
  const now = new Date();
  const { candidates } = await loadWorkCandidates(actor, now);
  const crs = candidates.map((c) => ({ ...c, policy: c.policy! })) as WorkCr[];
  console.log(`${userId}: ${candidates.length} candidates, ${(await navCounts(actor, now)).work} items, ${n} calls each`);
  for (let round = 0; round < 2; round++) {
    await cpuPerCall("navCounts", () => navCounts(actor, now));
    await cpuPerCall("  loadWorkCandidates (SQL + rows)", () => loadWorkCandidates(actor, now));
    await cpuPerCall("  workItems (domain, My work's list)", () => workItems(actor, crs, now));
    await cpuPerCall("  workCount (domain, the navigation's number)", () => workCount(actor, crs, now));
  }
  await readDb.destroy();
}
void main();
