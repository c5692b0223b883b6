// Feature-flag bench: evaluations per second of lib/flags' `evaluate` beside unleash-client 6.12
// evaluating the equivalent gradual rollout locally (flexibleRollout, rollout 25, stickiness userId,
// groupId = the flag), same process, same 1,000,000 contexts, several rounds in alternating order.
// No database, no portal, no network: Unleash is bootstrapped in memory with polling and metrics off,
// and every outgoing HTTP request or fetch is counted (and refused) while the module runs.
import http from "node:http";
import https from "node:https";
import { InMemStorageProvider, Unleash, UnleashEvents } from "unleash-client";
import { evaluate, loadFlag } from "@/lib/flags/evaluate";
import type { StandaloneBenchModule } from "./context";

const FLAG = "advanced-search";
const CONTEXTS = 1_000_000;
const ROUNDS = 6;

/** Refuses (and counts) any request made while the bench runs; returns the count and the undo. */
function blockNetwork() {
  const originals = { http: http.request, https: https.request, httpGet: http.get, httpsGet: https.get, fetch: globalThis.fetch };
  const attempts: string[] = [];
  const refuse = (what: string) => () => {
    attempts.push(what);
    throw new Error(`flags bench: network call attempted (${what})`);
  };
  http.request = refuse("http.request") as typeof http.request;
  http.get = refuse("http.get") as typeof http.get;
  https.request = refuse("https.request") as typeof https.request;
  https.get = refuse("https.get") as typeof https.get;
  globalThis.fetch = refuse("fetch") as typeof fetch;
  const restore = () => {
    Object.assign(http, { request: originals.http, get: originals.httpGet });
    Object.assign(https, { request: originals.https, get: originals.httpsGet });
    globalThis.fetch = originals.fetch;
  };
  return { attempts, restore };
}

async function offlineUnleash(): Promise<{ unleash: Unleash; warnings: string[] }> {
  const warnings: string[] = [];
  const unleash = new Unleash({
    appName: "changegate-flags-bench",
    url: "http://127.0.0.1:9/api/", // never contacted: refreshInterval 0 turns polling off
    refreshInterval: 0,
    disableMetrics: true,
    metricsInterval: 0,
    storageProvider: new InMemStorageProvider(), // no backup file read or written
    skipInstanceCountWarning: true,
    bootstrap: {
      data: [{ name: FLAG, enabled: true, project: "default", strategies: [{ name: "flexibleRollout", constraints: [], parameters: { rollout: "25", stickiness: "userId", groupId: FLAG } }] }],
    },
  });
  unleash.on(UnleashEvents.Warn, (w: unknown) => warnings.push(String(w)));
  unleash.on(UnleashEvents.Error, (e: unknown) => warnings.push(`error: ${String(e)}`));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("unleash-client did not become ready from its bootstrap in 10 s")), 10_000);
    unleash.once(UnleashEvents.Ready, () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { unleash, warnings };
}

/** Runs `check` over every context; returns evaluations per second and how many were enabled. */
function measure(contexts: { userId: string }[], check: (c: { userId: string }) => boolean) {
  let enabled = 0;
  const t0 = performance.now();
  for (const c of contexts) if (check(c)) enabled++;
  const seconds = (performance.now() - t0) / 1000;
  return { rate: contexts.length / seconds, enabled };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const perSecond = (r: number) => `${(r / 1e6).toFixed(2)} M`;

async function run({ log }: { log: (line: string) => void }) {
  const net = blockNetwork();
  try {
    const contexts = Array.from({ length: CONTEXTS }, (_, i) => ({ userId: `user-${i}` }));
    const flag = loadFlag(JSON.stringify({ enabled: true, percentage: 25, description: "Advanced search with ML ranking" }));
    const { unleash, warnings } = await offlineUnleash();
    const ours = (c: { userId: string }) => evaluate(FLAG, flag, c).enabled;
    const theirs = (c: { userId: string }) => unleash.isEnabled(FLAG, c);
    const rates = { ours: [] as number[], unleash: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first so neither always runs on a warmer (or hotter) CPU.
      const order = round % 2 === 0 ? (["ours", "unleash"] as const) : (["unleash", "ours"] as const);
      const line: string[] = [];
      for (const who of order) {
        const { rate, enabled } = measure(contexts, who === "ours" ? ours : theirs);
        rates[who].push(rate);
        line.push(`${who} ${perSecond(rate)}/s (${((enabled / CONTEXTS) * 100).toFixed(2)} % on)`);
      }
      log(`round ${round + 1}: ${line.join(", ")}`);
    }
    unleash.destroy();
    // Round 1 warms the JIT for both; the figure is the median of the rest.
    const o = median(rates.ours.slice(1));
    const u = median(rates.unleash.slice(1));
    log(`evaluate (lib/flags):          ${perSecond(o)} evaluations/s (median of rounds 2–${ROUNDS}, ${CONTEXTS.toLocaleString("en")} contexts each)`);
    log(`unleash-client flexibleRollout: ${perSecond(u)} evaluations/s`);
    log(`ratio: ${(o / u).toFixed(2)}× Unleash's rate (target: ≥ 1×)`);
    log(`network calls attempted: ${net.attempts.length}${net.attempts.length ? ` (${net.attempts.join(", ")})` : ""}; Unleash warnings/errors: ${warnings.length ? warnings.join(" | ") : "none"}`);
  } finally {
    net.restore();
  }
}

export const flagsBench: StandaloneBenchModule = { name: "feature flags (evaluate vs unleash-client)", standalone: true, run };
