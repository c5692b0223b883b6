// CloudWatch AWS/ApplicationELB metrics for the ECS services' target groups, generated from the
// simulated tasks: requests are spread over the healthy targets, each answering with its
// revision's error rate and latency plus any injected fault. What a rolling-deployment gate reads:
//   RequestCount (Sum)                    — traffic, the "invocations" check
//   HTTPCode_Target_5XX_Count (Sum)       — errors; error rate = 5XX / RequestCount (metric math)
//   HTTPCode_Target_2XX_Count (Sum)
//   TargetResponseTime (Average, pNN)     — latency in SECONDS, as ALB reports it
//   HealthyHostCount, UnHealthyHostCount (Average, Minimum, Maximum)
// Dimensions: TargetGroup ("targetgroup/<service>/<id>") with optional LoadBalancer ("app/…").
import { countOf, standardNormal, uniform } from "./random";
import { advanceAll, faultAt, findTaskDefinition } from "./ecs-store";
import { ecsState, type EcsService, type EcsTargetSnapshot } from "./ecs-types";
import type { Series } from "./metric-math";
import type { SandboxStore } from "./store";
import { MINUTE_MS, mixtureMean, mixtureQuantile, type LatencyComponent } from "./traffic-model";

export const ALB_NAMESPACE = "AWS/ApplicationELB";

interface MetricStatLike {
  Metric?: { MetricName?: string; Dimensions?: { Name?: string; Value?: string }[] };
  Stat?: string;
}

interface AlbMinute {
  requests: number;
  errors: number;
  latency: LatencyComponent[];
  healthy: number[];
  unhealthy: number[];
}

export function albStatSeries(store: SandboxStore, stat: MetricStatLike, slots: number[], period: number): Series {
  const out: Series = new Map();
  advanceAll(store);
  const s = findService(store, stat.Metric?.Dimensions ?? []);
  if (!s) return out;
  const name = stat.Metric?.MetricName ?? "";
  for (const slot of slots) {
    const minutes: AlbMinute[] = [];
    for (let m = slot * 1000; m < (slot + period) * 1000; m += MINUTE_MS) minutes.push(albMinute(store, s, m));
    const v = aggregate(name, stat.Stat ?? "", minutes);
    if (v !== null) out.set(slot, v);
  }
  return out;
}

function findService(store: SandboxStore, dims: { Name?: string; Value?: string }[]): EcsService | undefined {
  const d = new Map(dims.map((x) => [x.Name ?? "", x.Value ?? ""]));
  if ([...d.keys()].some((k) => k !== "TargetGroup" && k !== "LoadBalancer")) return undefined;
  const tg = d.get("TargetGroup");
  if (!tg) return undefined;
  for (const c of Object.values(ecsState(store.state).clusters)) {
    for (const s of Object.values(c.services)) {
      if (s.targetGroup === tg && (!d.has("LoadBalancer") || d.get("LoadBalancer") === s.loadBalancer)) return s;
    }
  }
  return undefined;
}

function snapshotAt(targets: EcsTargetSnapshot[], at: number): EcsTargetSnapshot | undefined {
  let found: EcsTargetSnapshot | undefined;
  for (const t of targets) {
    if (t.at <= at) found = t;
    else break;
  }
  return found;
}

/** One simulated minute of the target group, sampled once per second (seeded, repeatable). */
function albMinute(store: SandboxStore, s: EcsService, minuteStart: number): AlbMinute {
  const faults = faultAt(store);
  let expReq = 0;
  let expErr = 0;
  const latency = new Map<string, LatencyComponent>();
  const healthy: number[] = [];
  const unhealthy: number[] = [];
  for (let sec = 0; sec < 60; sec++) {
    const t = minuteStart + sec * 1000 + 500;
    // Nothing is known about time the simulation has not reached yet, nor before the service existed.
    if (t > s.advancedTo || t < s.createdAt) continue;
    const snap = snapshotAt(s.targets, t);
    if (!snap) continue;
    const total = Object.values(snap.healthy).reduce((a, b) => a + b, 0);
    healthy.push(total);
    unhealthy.push(snap.unhealthy);
    if (total === 0 || s.requestRate <= 0) continue;
    for (const [arn, n] of Object.entries(snap.healthy)) {
      const td = findTaskDefinition(store, arn);
      const fault = faults(arn, t);
      const req = (s.requestRate * n) / total;
      expReq += req;
      expErr += req * Math.min(1, Math.max(0, (td?.behavior.errorRate ?? 0) + (fault?.errorRate ?? 0)));
      const medianMs = td?.behavior.medianLatencyMs ?? 40;
      const addedMs = fault?.addedLatencyMs ?? 0;
      const key = `${medianMs}|${addedMs}`;
      const c = latency.get(key) ?? { weight: 0, medianMs, addedMs };
      c.weight += req;
      latency.set(key, c);
    }
  }
  const seed = store.state.seed;
  const minute = Math.floor(minuteStart / MINUTE_MS);
  const volume = Math.min(1.15, Math.max(0.85, 1 + 0.04 * standardNormal(seed, s.arn, minute, "alb-volume")));
  const requests = Math.round(expReq * volume);
  const errors = countOf(requests, expReq > 0 ? expErr / expReq : 0, uniform(seed, s.arn, minute, "alb-5xx"), standardNormal(seed, s.arn, minute, "alb-5xx"));
  // A little minute-to-minute wobble in latency, as real targets have (seeded, so repeatable).
  const jitter = 1 + 0.03 * Math.max(-3, Math.min(3, standardNormal(seed, s.arn, minute, "alb-lat")));
  const comps = [...latency.values()].map((c) => ({ ...c, medianMs: c.medianMs * jitter }));
  return { requests, errors, latency: comps, healthy, unhealthy };
}

function aggregate(name: string, stat: string, minutes: AlbMinute[]): number | null {
  const requests = minutes.reduce((a, m) => a + m.requests, 0);
  const errors = minutes.reduce((a, m) => a + m.errors, 0);
  switch (name) {
    case "RequestCount":
    case "HTTPCode_Target_5XX_Count":
    case "HTTPCode_Target_2XX_Count": {
      if (!minutes.some((m) => m.healthy.length > 0)) return null;
      const v = name === "RequestCount" ? requests : name === "HTTPCode_Target_5XX_Count" ? errors : requests - errors;
      return stat === "Sum" ? v : stat === "SampleCount" ? requests : null;
    }
    case "TargetResponseTime": {
      if (requests === 0) return null;
      const comps = minutes.flatMap((m) => {
        const w = m.latency.reduce((a, l) => a + l.weight, 0);
        return w > 0 ? m.latency.map((l) => ({ ...l, weight: (l.weight / w) * m.requests })) : [];
      });
      if (stat === "SampleCount") return requests;
      if (stat === "Average") return ((mixtureMean(comps) ?? 0) / 1000);
      if (stat === "Sum") return ((mixtureMean(comps) ?? 0) * requests) / 1000;
      const q = stat === "Minimum" ? 0.001 : stat === "Maximum" ? 0.9999 : Number(stat.slice(1)) / 100;
      const ms = mixtureQuantile(comps, q);
      return ms === null ? null : Math.round(ms) / 1000;
    }
    case "HealthyHostCount":
    case "UnHealthyHostCount": {
      const xs = minutes.flatMap((m) => (name === "HealthyHostCount" ? m.healthy : m.unhealthy));
      if (xs.length === 0) return null;
      if (stat === "Average") return xs.reduce((a, b) => a + b, 0) / xs.length;
      if (stat === "Minimum") return Math.min(...xs);
      if (stat === "Maximum") return Math.max(...xs);
      if (stat === "SampleCount") return xs.length;
      return null;
    }
    default:
      return null;
  }
}
