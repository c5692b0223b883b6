// Gate readings from CloudWatch GetMetricData, in the shape lib/domain/deploy-gates evaluates:
// one reading per period, with null where CloudWatch has no datapoint (that is not the same as 0).
// The alias is the Resource dimension ("fn:alias"); a version behind it adds ExecutedVersion.
// An ECS service's gates read its load balancer's target group (AWS/ApplicationELB) instead.
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { MetricReading } from "@/lib/domain/deploy-gates";
import { createCloudWatchClient, type AwsClientOptions } from "./clients";
import { AwsGatewayError, toAwsGatewayError, type AwsCallContext } from "./errors";

export interface ReadingsQuery {
  functionName: string;
  alias: string;
  /** Only the traffic this version served through the alias. */
  version?: string;
  from: Date;
  to: Date;
  /** Default 60; a multiple of 60 (Lambda metrics have 1-minute resolution). */
  periodSeconds?: number;
}

export interface TargetGroupReadingsQuery {
  /** The TargetGroup dimension: "targetgroup/<name>/<id>" (the end of the target group's ARN). */
  targetGroup: string;
  /** The LoadBalancer dimension ("app/<name>/<id>"), when the target group serves several. */
  loadBalancer?: string;
  from: Date;
  to: Date;
  /** Default 60; a multiple of 60 (ALB metrics are published per minute). */
  periodSeconds?: number;
}

export interface MetricsGateway {
  /**
   * Every period that ends after `from` and no later than `to`, oldest first. The first period
   * may start before `from` (CloudWatch aligns periods to the clock).
   */
  getReadings(q: ReadingsQuery): Promise<MetricReading[]>;
  /**
   * The same readings for an ECS service behind an Application Load Balancer, per period like
   * getReadings: invocations = RequestCount, errors = HTTPCode_Target_5XX_Count (the targets' own
   * 5xx, not the load balancer's), p99Ms = TargetResponseTime p99 (seconds in CloudWatch) × 1000.
   * throttles is always 0: an ALB has no throttling metric, and null would read as "no data".
   */
  getTargetGroupReadings(q: TargetGroupReadingsQuery): Promise<MetricReading[]>;
}

/** Enough for a day of minutes; a gate never asks for more. */
const MAX_PERIODS = 1440;

export function createMetricsGateway(opts: AwsClientOptions & { client?: CloudWatchClient } = {}): MetricsGateway {
  const client = opts.client ?? createCloudWatchClient(opts);

  /** Checks the window, then one reading per period from the series `build` asks for. */
  async function read(from: Date, to: Date, periodSeconds: number | undefined, ctx: AwsCallContext, build: (period: number) => MetricDataQuery[], fixed: Partial<MetricReading> = {}) {
    const period = periodSeconds ?? 60;
    if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) {
      throw new AwsGatewayError("INVALID", `Metric period must be a whole number of minutes (got ${period} s).`, ctx);
    }
    const slots = periodStarts(from, to, period);
    if (slots.length > MAX_PERIODS) {
      throw new AwsGatewayError("INVALID", `Asked for ${slots.length} periods of metrics; at most ${MAX_PERIODS} per request.`, ctx);
    }
    if (slots.length === 0) return [];
    const start = new Date(slots[0]! * 1000);
    const end = new Date((slots[slots.length - 1]! + period) * 1000);
    const values = await fetchSeries(client, build(period), start, end, ctx);
    return slots.map(
      (t): MetricReading => ({
        timestamp: new Date(t * 1000),
        periodSeconds: period,
        invocations: values.inv.get(t) ?? null,
        errors: values.err.get(t) ?? null,
        throttles: values.thr.get(t) ?? null,
        p99Ms: values.p99.get(t) ?? null,
        errorRatePercent: values.rate.get(t) ?? null,
        ...fixed,
      }),
    );
  }

  return {
    getReadings(q) {
      const ctx = { operation: "GetMetricData", functionName: q.functionName, alias: q.alias, version: q.version };
      return read(q.from, q.to, q.periodSeconds, ctx, (period) => queries(q, period));
    },
    async getTargetGroupReadings(q) {
      const ctx = { operation: "GetMetricData", service: q.targetGroup };
      const out = await read(q.from, q.to, q.periodSeconds, ctx, (period) => targetGroupQueries(q, period));
      // No ALB throttling metric exists: 0 where the period has traffic data, null where it has none,
      // so a silent period stays "no data". Seconds to ms, rounded to the microsecond (float noise).
      return out.map((r) => ({ ...r, throttles: r.invocations === null ? null : 0, p99Ms: r.p99Ms === null ? null : Math.round(r.p99Ms * 1e6) / 1e3 }));
    },
  };
}

/** Period starts (epoch s) whose period ends in (from, to]. */
export function periodStarts(from: Date, to: Date, period: number): number[] {
  const out: number[] = [];
  const fromS = from.getTime() / 1000;
  const toS = to.getTime() / 1000;
  for (let t = Math.floor(fromS / period) * period; t + period <= toS; t += period) if (t + period > fromS) out.push(t);
  return out;
}

type SeriesId = "inv" | "err" | "thr" | "p99" | "rate";

const stat = (id: SeriesId, namespace: string, metric: string, dims: { Name: string; Value: string }[], period: number, s: string): MetricDataQuery => ({
  Id: id,
  MetricStat: { Metric: { Namespace: namespace, MetricName: metric, Dimensions: dims }, Period: period, Stat: s },
  ReturnData: true,
});
const ERROR_RATE: MetricDataQuery = { Id: "rate", Expression: "100 * err / inv", Label: "ErrorRatePercent", ReturnData: true };

function queries(q: ReadingsQuery, period: number): MetricDataQuery[] {
  const dims = [
    { Name: "FunctionName", Value: q.functionName },
    { Name: "Resource", Value: `${q.functionName}:${q.alias}` },
    ...(q.version ? [{ Name: "ExecutedVersion", Value: q.version }] : []),
  ];
  const lambda = (id: SeriesId, metric: string, s: string) => stat(id, "AWS/Lambda", metric, dims, period, s);
  return [lambda("inv", "Invocations", "Sum"), lambda("err", "Errors", "Sum"), lambda("thr", "Throttles", "Sum"), lambda("p99", "Duration", "p99"), ERROR_RATE];
}

function targetGroupQueries(q: TargetGroupReadingsQuery, period: number): MetricDataQuery[] {
  const dims = [{ Name: "TargetGroup", Value: q.targetGroup }, ...(q.loadBalancer ? [{ Name: "LoadBalancer", Value: q.loadBalancer }] : [])];
  const alb = (id: SeriesId, metric: string, s: string) => stat(id, "AWS/ApplicationELB", metric, dims, period, s);
  // TargetResponseTime is in seconds: getTargetGroupReadings turns it into milliseconds.
  return [alb("inv", "RequestCount", "Sum"), alb("err", "HTTPCode_Target_5XX_Count", "Sum"), alb("p99", "TargetResponseTime", "p99"), ERROR_RATE];
}

async function fetchSeries(
  client: CloudWatchClient,
  metricQueries: MetricDataQuery[],
  start: Date,
  end: Date,
  ctx: AwsCallContext,
): Promise<Record<SeriesId, Map<number, number>>> {
  const out: Record<SeriesId, Map<number, number>> = { inv: new Map(), err: new Map(), thr: new Map(), p99: new Map(), rate: new Map() };
  let nextToken: string | undefined;
  try {
    do {
      const res = await client.send(
        new GetMetricDataCommand({ MetricDataQueries: metricQueries, StartTime: start, EndTime: end, ScanBy: "TimestampAscending", NextToken: nextToken }),
      );
      for (const r of res.MetricDataResults ?? []) {
        const series = out[r.Id as SeriesId];
        if (!series) continue;
        (r.Timestamps ?? []).forEach((ts, i) => {
          const v = r.Values?.[i];
          if (v !== undefined && Number.isFinite(v)) series.set(Math.round(ts.getTime() / 1000), v);
        });
      }
      nextToken = res.NextToken;
    } while (nextToken);
  } catch (e) {
    throw toAwsGatewayError(e, ctx);
  }
  return out;
}
