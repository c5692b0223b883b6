// CloudWatch GetMetricData over the generated traffic (AWS/Lambda namespace; AWS/ApplicationELB in ecs-metrics.ts): Invocations, Errors,
// Throttles and Duration for the dimension sets Lambda publishes, in periods that are multiples
// of 60 s. Only periods that have ended on the simulated clock are reported, the way a dashboard
// sees complete minutes.
import { ALB_NAMESPACE, albStatSeries } from "./ecs-metrics";
import { AwsApiError } from "./http";
import { evaluate, MetricMathError, parseExpression, referencedIds, type Series } from "./metric-math";
import type { SandboxStore } from "./store";
import { aliasMinute, type Cell, MINUTE_MS, mixtureMean, mixtureQuantile } from "./traffic-model";
import type { SandboxAlias, SandboxFunction } from "./types";

interface Dimension {
  Name?: string;
  Value?: string;
}
interface MetricDataQuery {
  Id?: string;
  MetricStat?: { Metric?: { Namespace?: string; MetricName?: string; Dimensions?: Dimension[] }; Period?: number; Stat?: string };
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
  Period?: number;
}
export interface GetMetricDataInput {
  MetricDataQueries?: MetricDataQuery[];
  StartTime?: number;
  EndTime?: number;
  ScanBy?: string;
}
interface Result {
  Id: string;
  Label: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: "Complete";
  Messages: never[];
}

const MAX_RANGE_S = 15 * 24 * 3600;
const invalid = (message: string) => new AwsApiError(400, "InvalidParameterValue", message);

export function getMetricData(store: SandboxStore, input: GetMetricDataInput): { MetricDataResults: Result[]; Messages: never[] } {
  const queries = input.MetricDataQueries ?? [];
  if (queries.length === 0) throw new AwsApiError(400, "MissingParameter", "The parameter MetricDataQueries is required.");
  const start = input.StartTime;
  const end = input.EndTime;
  if (typeof start !== "number" || typeof end !== "number") throw new AwsApiError(400, "MissingParameter", "StartTime and EndTime are required.");
  if (start >= end) throw invalid("The parameter StartTime must be less than the parameter EndTime.");
  if (end - start > MAX_RANGE_S) throw invalid("The sandbox serves at most 15 days of metrics per request.");
  const byId = new Map<string, MetricDataQuery>();
  for (const [i, q] of queries.entries()) {
    if (!q.Id || !/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) {
      throw invalid(`The value ${q.Id ?? ""} for parameter MetricDataQueries.member.${i + 1}.Id is invalid: it must start with a lowercase letter.`);
    }
    if (byId.has(q.Id)) throw invalid(`The value ${q.Id} for parameter MetricDataQueries.member.${i + 1}.Id is not unique.`);
    if (!!q.MetricStat === !!q.Expression) throw invalid(`Query ${q.Id} must have exactly one of MetricStat and Expression.`);
    byId.set(q.Id, q);
  }

  const now = store.now();
  const cells = new Map<string, Map<string, Cell>>();
  const minuteCells = (fn: SandboxFunction, alias: SandboxAlias, minute: number) => {
    const key = `${fn.name}|${alias.name}|${minute}`;
    let c = cells.get(key);
    if (!c) {
      c = aliasMinute(store.state.seed, fn, alias, minute, (f, v, t) => store.faultAt(f, v, t));
      cells.set(key, c);
    }
    return c;
  };
  const grid = (period: number) => {
    const out: number[] = [];
    for (let t = Math.floor(start / period) * period; t < end && (t + period) * 1000 <= now; t += period) out.push(t);
    return out;
  };

  const series = new Map<string, { series: Series; period: number }>();
  const resolving = new Set<string>();
  const resolve = (id: string): { series: Series; period: number } | undefined => {
    const done = series.get(id);
    if (done) return done;
    const q = byId.get(id);
    if (!q) return undefined;
    if (resolving.has(id)) throw invalid(`Expression ${id} refers to itself.`);
    resolving.add(id);
    let out: { series: Series; period: number };
    if (q.MetricStat) {
      const period = q.MetricStat.Period ?? 0;
      if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) {
        throw invalid(`The Period of ${id} must be a multiple of 60 seconds for Lambda metrics (got ${period}).`);
      }
      out = { series: statSeries(q, grid(period), period, minuteCells, store), period };
    } else {
      try {
        const ast = parseExpression(q.Expression!);
        const refs = referencedIds(ast).map((r) => ({ r, v: resolve(r) }));
        const period = refs.find((x) => x.v)?.v?.period ?? q.Period ?? 60;
        const value = evaluate(ast, (r) => refs.find((x) => x.r === r)?.v?.series, grid(period));
        out = { series: typeof value === "number" ? new Map(grid(period).map((t) => [t, value])) : value, period };
      } catch (e) {
        if (e instanceof MetricMathError) throw invalid(`Error in expression ${id}: ${e.message}`);
        throw e;
      }
    }
    resolving.delete(id);
    series.set(id, out);
    return out;
  };

  const descending = input.ScanBy !== "TimestampAscending";
  const results: Result[] = [];
  for (const q of queries) {
    const r = resolve(q.Id!)!;
    if (q.ReturnData === false) continue;
    const ts = [...r.series.keys()].sort((a, b) => (descending ? b - a : a - b));
    results.push({
      Id: q.Id!,
      Label: q.Label ?? q.MetricStat?.Metric?.MetricName ?? q.Id!,
      Timestamps: ts,
      Values: ts.map((t) => r.series.get(t)!),
      StatusCode: "Complete",
      Messages: [],
    });
  }
  return { MetricDataResults: results, Messages: [] };
}

type MinuteCells = (fn: SandboxFunction, alias: SandboxAlias, minuteStart: number) => Map<string, Cell>;

function statSeries(q: MetricDataQuery, slots: number[], period: number, minuteCells: MinuteCells, store: SandboxStore): Series {
  const out: Series = new Map();
  const metric = q.MetricStat?.Metric;
  const stat = q.MetricStat?.Stat ?? "";
  if (!/^(Sum|SampleCount|Average|Minimum|Maximum|p\d{1,2}(\.\d+)?)$/.test(stat)) {
    throw invalid(`The statistic ${stat} of ${q.Id} is not supported.`);
  }
  if (metric?.Namespace === ALB_NAMESPACE) return albStatSeries(store, q.MetricStat!, slots, period);
  const sel = select(store, metric?.Namespace, metric?.Dimensions ?? []);
  if (!sel) return out;
  for (const slot of slots) {
    const picked: Cell[] = [];
    for (let m = slot * 1000; m < (slot + period) * 1000; m += MINUTE_MS) {
      for (const alias of sel.aliases) {
        for (const [version, cell] of minuteCells(sel.fn, alias, m)) if (!sel.version || sel.version === version) picked.push(cell);
      }
    }
    const v = aggregate(metric?.MetricName ?? "", stat, picked);
    if (v !== null) out.set(slot, v);
  }
  return out;
}

/** Lambda's dimension sets: FunctionName; + Resource ("fn:alias"); + ExecutedVersion. */
function select(store: SandboxStore, namespace: string | undefined, dims: Dimension[]) {
  if (namespace !== "AWS/Lambda") return null;
  const d = new Map(dims.map((x) => [x.Name ?? "", x.Value ?? ""]));
  if ([...d.keys()].some((k) => !["FunctionName", "Resource", "ExecutedVersion"].includes(k))) return null;
  const fn = store.state.functions[d.get("FunctionName") ?? ""];
  if (!fn) return null;
  let aliases = Object.values(fn.aliases);
  const resource = d.get("Resource");
  if (resource !== undefined) {
    const [name, qualifier] = resource.split(":");
    // Traffic is only generated through aliases; an unqualified or version resource has none.
    const alias = name === fn.name && qualifier ? fn.aliases[qualifier] : undefined;
    if (!alias) return null;
    aliases = [alias];
  }
  return { fn, aliases, version: d.get("ExecutedVersion") };
}

function aggregate(metricName: string, stat: string, cells: Cell[]): number | null {
  const sum = (f: (c: Cell) => number) => cells.reduce((s, c) => s + f(c), 0);
  const invocations = sum((c) => c.invocations);
  const requests = sum((c) => c.requests);
  switch (metricName) {
    case "Invocations":
      if (invocations === 0) return null;
      return stat === "Sum" || stat === "SampleCount" ? invocations : stat.startsWith("p") ? null : 1;
    case "Errors":
    case "Throttles": {
      const throttles = metricName === "Throttles";
      const n = throttles ? requests : invocations;
      if (n === 0) return null;
      const k = sum((c) => (throttles ? c.throttles : c.errors));
      if (stat === "Sum") return k;
      if (stat === "SampleCount") return n;
      if (stat === "Average") return k / n;
      if (stat === "Minimum") return k === n ? 1 : 0;
      if (stat === "Maximum") return k > 0 ? 1 : 0;
      return null;
    }
    case "Duration": {
      if (invocations === 0) return null;
      // Each cell's components are relative shares; scale them by the cell's real invocations.
      const comps = cells.flatMap((c) => {
        const w = c.latency.reduce((s, l) => s + l.weight, 0);
        return w > 0 ? c.latency.map((l) => ({ ...l, weight: (l.weight / w) * c.invocations })) : [];
      });
      const mean = mixtureMean(comps) ?? 0;
      if (stat === "Sum") return mean * invocations;
      if (stat === "SampleCount") return invocations;
      if (stat === "Average") return mean;
      const q = stat === "Minimum" ? 0.001 : stat === "Maximum" ? 0.9999 : Number(stat.slice(1)) / 100;
      const v = mixtureQuantile(comps, q);
      return v === null ? null : Math.round(v * 100) / 100;
    }
    default:
      return null;
  }
}
