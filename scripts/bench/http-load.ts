// A small closed-loop HTTP load generator for the bench: N concurrent clients each send their next
// request when the previous answers, for a fixed number of requests (bounded, loopback only).
import { performance } from "node:perf_hooks";
import { treeCpuSeconds } from "./proc-stats";

export interface LoadResult {
  label: string;
  requests: number;
  concurrency: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  /** CPU milliseconds per request of the portal's process and of PostgreSQL, when known. */
  serverCpuMs?: number;
  dbCpuMs?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)]!;
}

export async function httpLoad(
  label: string,
  urls: string | (() => string),
  opts: { concurrency: number; requests: number; headers?: Record<string, string>; method?: string; body?: string; warmup?: number; serverPid?: number; dbPid?: number },
): Promise<LoadResult> {
  const next = typeof urls === "string" ? () => urls : urls;
  const send = async () => {
    const res = await fetch(next(), { method: opts.method ?? "GET", headers: opts.headers, body: opts.body, redirect: "manual" });
    await res.arrayBuffer();
    return res.status;
  };
  // Warm-up at the measured concurrency, not measured: a freshly started server's first few hundred
  // requests run partly unoptimised code in each worker (measured: the first of four pages of the same
  // code cost 35 ms of CPU per request, the next ones 24 ms), which is start-up, not the steady state.
  let warm = opts.warmup ?? Math.min(100, opts.requests);
  await Promise.all(Array.from({ length: opts.concurrency }, async () => {
    while (warm-- > 0) await send().catch(() => 0);
  }));
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const started = performance.now();
  const cpu0 = opts.serverPid ? treeCpuSeconds(opts.serverPid) : NaN;
  const db0 = opts.dbPid ? treeCpuSeconds(opts.dbPid) : NaN;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (issued < opts.requests) {
        issued++;
        const t0 = performance.now();
        const status = await send().catch(() => 0);
        latencies.push(performance.now() - t0);
        if (status === 0 || status >= 400) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverCpuMs = ((treeCpuSeconds(opts.serverPid ?? -1) - cpu0) * 1000) / latencies.length;
  const dbCpuMs = ((treeCpuSeconds(opts.dbPid ?? -1) - db0) * 1000) / latencies.length;
  latencies.sort((a, b) => a - b);
  return {
    label,
    requests: latencies.length,
    concurrency: opts.concurrency,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / elapsed,
    ...(Number.isFinite(serverCpuMs) ? { serverCpuMs } : {}),
    ...(Number.isFinite(dbCpuMs) ? { dbCpuMs } : {}),
  };
}

function cpu(r: LoadResult): string {
  const parts = [r.serverCpuMs !== undefined ? `portal ${r.serverCpuMs.toFixed(1)}` : "", r.dbCpuMs !== undefined ? `db ${r.dbCpuMs.toFixed(1)}` : ""].filter(Boolean);
  return parts.length ? `  CPU ms/req: ${parts.join(", ")}` : "";
}

export function formatLoad(r: LoadResult, target?: string): string {
  const f = (n: number) => n.toFixed(1).padStart(7);
  return `${r.label.padEnd(44)} p50 ${f(r.p50)} ms  p95 ${f(r.p95)} ms  p99 ${f(r.p99)} ms  ${r.rps.toFixed(0).padStart(5)} req/s  (${r.requests} req, ${r.concurrency} clients, ${r.errors} errors)${cpu(r)}${target ? `  target ${target}` : ""}`;
}

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed (status ${res.status})`);
  return session;
}
