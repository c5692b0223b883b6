// Gate readings from CloudWatch GetMetricData, in the shape lib/domain/deploy-gates evaluates:
// one reading per period, with null where CloudWatch has no datapoint (that is not the same as 0).
// The alias is the Resource dimension ("fn:alias"); a version behind it adds ExecutedVersion.
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { MetricReading } from "@/lib/domain/deploy-gates";
import { createCloudWatchClient, type AwsClientOptions } from "./clients";
import { AwsGatewayError, toAwsGatewayError } from "./errors";

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

export interface MetricsGateway {
  /**
   * Every period that ends after `from` and no later than `to`, oldest first. The first period
   * may start before `from` (CloudWatch aligns periods to the clock).
   */
  getReadings(q: ReadingsQuery): Promise<MetricReading[]>;
}

/** Enough for a day of minutes; a gate never asks for more. */
const MAX_PERIODS = 1440;

export function createMetricsGateway(opts: AwsClientOptions & { client?: CloudWatchClient } = {}): MetricsGateway {
  const client = opts.client ?? createCloudWatchClient(opts);
  return {
    async getReadings(q) {
      const period = q.periodSeconds ?? 60;
      const ctx = { operation: "GetMetricData", functionName: q.functionName, alias: q.alias, version: q.version };
      if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) {
        throw new AwsGatewayError("INVALID", `Metric period must be a whole number of minutes (got ${period} s).`, ctx);
      }
      const slots = periodStarts(q.from, q.to, period);
      if (slots.length > MAX_PERIODS) {
        throw new AwsGatewayError("INVALID", `Asked for ${slots.length} periods of metrics; at most ${MAX_PERIODS} per request.`, ctx);
      }
      if (slots.length === 0) return [];
      const start = new Date(slots[0]! * 1000);
      const end = new Date((slots[slots.length - 1]! + period) * 1000);
      const values = await fetchSeries(client, queries(q, period), start, end, ctx);
      return slots.map((t) => ({
        timestamp: new Date(t * 1000),
        periodSeconds: period,
        invocations: values.inv.get(t) ?? null,
        errors: values.err.get(t) ?? null,
        throttles: values.thr.get(t) ?? null,
        p99Ms: values.p99.get(t) ?? null,
        errorRatePercent: values.rate.get(t) ?? null,
      }));
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

function queries(q: ReadingsQuery, period: number): MetricDataQuery[] {
  const dims = [
    { Name: "FunctionName", Value: q.functionName },
    { Name: "Resource", Value: `${q.functionName}:${q.alias}` },
    ...(q.version ? [{ Name: "ExecutedVersion", Value: q.version }] : []),
  ];
  const stat = (id: SeriesId, metric: string, s: string): MetricDataQuery => ({
    Id: id,
    MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: metric, Dimensions: dims }, Period: period, Stat: s },
    ReturnData: true,
  });
  return [
    stat("inv", "Invocations", "Sum"),
    stat("err", "Errors", "Sum"),
    stat("thr", "Throttles", "Sum"),
    stat("p99", "Duration", "p99"),
    { Id: "rate", Expression: "100 * err / inv", Label: "ErrorRatePercent", ReturnData: true },
  ];
}

async function fetchSeries(
  client: CloudWatchClient,
  metricQueries: MetricDataQuery[],
  start: Date,
  end: Date,
  ctx: { operation: string; functionName: string; alias: string; version?: string },
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
