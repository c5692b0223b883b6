// What the CAB meeting page's agenda costs (issue 12): getMeetingAgenda (every item built, its votes
// tallied) against getMeetingAgendaView as the page asks (each section's first 20 built), alternating.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/cg_bench_p npx tsx --conditions=react-server scripts/bench/cab-agenda-profile.ts [meeting-id] [n]
import { readDb } from "@/lib/db";
import { getMeetingAgenda, getMeetingAgendaView } from "@/lib/server/cab-queries";

const meetingId = process.argv[2] ?? "bench-cab-meeting";
const n = Number(process.argv[3] ?? 100);
const PREVIEW = 20;

async function cpuPerCall(label: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await f();
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await f();
  const t = process.cpuUsage(t0);
  console.log(`${label.padEnd(40)} ${((t.user + t.system) / 1000 / n).toFixed(3)} ms CPU per call`);
}

async function main() {
  const now = new Date();
  const view = () => getMeetingAgendaView(meetingId, (m) => (s, i, key) => s === "INCIDENT_RETRO" || i < PREVIEW || key === m.currentItem, now);
  const full = await getMeetingAgenda(meetingId, now);
  console.log(meetingId, full.sections.map((s) => `${s.id} ${s.items.length}`).join(", "));
  for (let round = 0; round < 3; round++) {
    await cpuPerCall("getMeetingAgenda (all items built)", () => getMeetingAgenda(meetingId, now));
    await cpuPerCall("getMeetingAgendaView (shown items)", view);
  }
  await readDb.destroy();
}
void main();
