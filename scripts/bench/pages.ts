// Issue 12 bench: each portal page's cost as a multiple of the framework's own floor — a minimal
// Next app (scripts/bench/reference-app: one dynamic page with a nav of seven links and a paragraph)
// built with the same next and react and served the same way, measured in the same run. Server CPU
// per request is the figure judged (neighbours on a shared machine move latency, not CPU per
// request); p50 at 1 and 10 clients is printed beside it. Data: the CR, history and CAB benches'
// (100,000 CRs, 300,000 deployments with 3,000,000 events, a CAB meeting of 300 changes).
import os from "node:os";
import type { BenchModule } from "./context";
import { cabBench } from "./cab";
import { changesBench } from "./changes";
import { historyBench } from "./history";
import { formatLoad, httpLoad, type LoadResult } from "./http-load";
import { buildReferenceIfStale, startReference } from "./reference";
import { waitForHttp } from "../lib/processes";

interface Target {
  label: string;
  url: (base: string, i: number) => string;
  /** Allowed multiple of the reference page's CPU per request. */
  limit: number;
}

const CRS = 100_000;
const crNumber = (i: number) => `CR-2025-${String(1 + ((i * 7919) % CRS)).padStart(6, "0")}`;

const PAGES: Target[] = [
  { label: "Signed-in shell (GET /)", url: (b) => `${b}/`, limit: 1.5 },
  { label: "CR list (/changes)", url: (b) => `${b}/changes`, limit: 3 },
  { label: "CR page (/changes/CR-…)", url: (b, i) => `${b}/changes/${crNumber(i)}`, limit: 3 },
  { label: "History (/history)", url: (b) => `${b}/history`, limit: 3 },
  { label: "Dashboard (/metrics)", url: (b) => `${b}/metrics`, limit: 3 },
  { label: "CAB meeting (/cab/<id>)", url: (b) => `${b}/cab/bench-cab-meeting`, limit: 3 },
];

interface Figures {
  label: string;
  cpu: number;
  p50at1: number;
  p50at10: number;
}

async function measure(label: string, url: (i: number) => string, opts: { headers?: Record<string, string>; serverPid?: number; dbPid?: number }, log: (l: string) => void): Promise<Figures> {
  let i = 0;
  const next = () => url(i++);
  const requests = Number(process.env.CHANGEGATE_BENCH_PAGE_REQUESTS ?? 300);
  const one: LoadResult = await httpLoad(`${label}, 1 client`, next, { ...opts, concurrency: 1, requests: Math.ceil(requests / 4), warmup: 20 });
  const ten: LoadResult = await httpLoad(`${label}, 10 clients`, next, { ...opts, concurrency: 10, requests, warmup: 100 });
  log(formatLoad(one));
  log(formatLoad(ten));
  if (one.errors + ten.errors > 0) log(`  ! ${one.errors + ten.errors} requests failed: its figures are not a page's`);
  return { label, cpu: ten.serverCpuMs ?? NaN, p50at1: one.p50, p50at10: ten.p50 };
}

const mean = (a: number, b: number) => (a + b) / 2;

export const pagesBench: BenchModule = {
  name: "pages against the framework's floor (issue 12)",
  async seed(sql) {
    for (const m of [changesBench, historyBench, cabBench]) await m.seed?.(sql);
  },
  async run({ baseUrl, cookie, log, serverPid, dbPid }) {
    await buildReferenceIfStale();
    const refPort = Number(process.env.CHANGEGATE_BENCH_REF_PORT ?? Number(new URL(baseUrl).port) + 1);
    const reference = startReference(refPort);
    const refUrl = `http://localhost:${refPort}`;
    await waitForHttp(`${refUrl}/`, 120_000);
    const refOpts = { serverPid: reference.pid };
    const portalOpts = { headers: { cookie }, serverPid, dbPid };
    log(`load before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (1, 5, 15 min)`);
    // The reference before and after the portal's pages, so a drift in the machine's load shows.
    const before = await measure("Reference page", () => `${refUrl}/`, refOpts, log);
    await measure("Reference JSON route", () => `${refUrl}/api/ping`, refOpts, log);
    const pages: (Figures & { limit: number })[] = [];
    for (const p of PAGES) pages.push({ ...(await measure(p.label, (i) => p.url(baseUrl, i), portalOpts, log)), limit: p.limit });
    const after = await measure("Reference page, again", () => `${refUrl}/`, refOpts, log);
    log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (1, 5, 15 min)`);
    const ref = { cpu: mean(before.cpu, after.cpu), p50at1: mean(before.p50at1, after.p50at1), p50at10: mean(before.p50at10, after.p50at10) };
    const x = (v: number, r: number) => `${(v / r).toFixed(2)}×`.padStart(7);
    const n = (v: number) => v.toFixed(1).padStart(6);
    log("");
    log(`${"page".padEnd(28)} ${"CPU ms/req".padStart(10)} ${"ratio".padStart(7)}  ${"p50@1".padStart(6)} ${"ratio".padStart(7)}  ${"p50@10".padStart(6)} ${"ratio".padStart(7)}  target  met?`);
    log(`${"Reference page (floor)".padEnd(28)} ${n(ref.cpu).padStart(10)} ${"1.00×".padStart(7)}  ${n(ref.p50at1)} ${"1.00×".padStart(7)}  ${n(ref.p50at10)} ${"1.00×".padStart(7)}`);
    for (const p of pages) {
      const met = p.cpu / ref.cpu <= p.limit;
      log(`${p.label.padEnd(28)} ${n(p.cpu).padStart(10)} ${x(p.cpu, ref.cpu)}  ${n(p.p50at1)} ${x(p.p50at1, ref.p50at1)}  ${n(p.p50at10)} ${x(p.p50at10, ref.p50at10)}  ≤ ${p.limit}×   ${met ? "yes" : "NO"}`);
    }
    log(`(ratios against the mean of the reference's two runs: CPU ${n(before.cpu)} and ${n(after.cpu)} ms/req; 'met' judges CPU per request)`);
  },
};
