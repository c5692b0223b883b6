// CloudWatch alarms as deployment gates: the state of the alarms a service lists, read with
// DescribeAlarms as CodeDeploy reads a deployment group's alarms. A name CloudWatch does not know is
// returned in `missing` (DescribeAlarms silently omits it), so the caller can say so rather than
// treat an alarm nobody can see as a quiet one.
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { createCloudWatchClient, type AwsClientOptions } from "./clients";
import { toAwsGatewayError } from "./errors";

export type AlarmStateValue = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export interface AlarmStatus {
  name: string;
  state: AlarmStateValue;
  /** CloudWatch's StateReason, e.g. "Threshold Crossed: 2 out of the last 2 datapoints …". */
  reason: string;
  /** When the alarm entered this state (StateUpdatedTimestamp). */
  stateUpdatedAt: Date;
  /** "AWS/Lambda Errors Sum > 5 for 2 of 2 × 60 s", for pages that list the alarm. */
  describe: string;
}

export interface AlarmsGateway {
  describeAlarms(names: string[]): Promise<{ alarms: AlarmStatus[]; missing: string[] }>;
}

/** DescribeAlarms takes at most 100 names per call. */
const BATCH = 100;
const OPS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: ">=",
  GreaterThanThreshold: ">",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "<=",
};

export function createAlarmsGateway(opts: AwsClientOptions & { client?: CloudWatchClient } = {}): AlarmsGateway {
  const client = opts.client ?? createCloudWatchClient(opts);
  return {
    async describeAlarms(names) {
      const wanted = [...new Set(names)];
      const found = new Map<string, AlarmStatus>();
      for (let i = 0; i < wanted.length; i += BATCH) {
        const batch = wanted.slice(i, i + BATCH);
        let nextToken: string | undefined;
        try {
          do {
            const res = await client.send(new DescribeAlarmsCommand({ AlarmNames: batch, AlarmTypes: ["MetricAlarm"], MaxRecords: 100, NextToken: nextToken }));
            for (const a of res.MetricAlarms ?? []) {
              if (!a.AlarmName) continue;
              const stat = a.Statistic ?? a.ExtendedStatistic ?? "";
              const m = a.DatapointsToAlarm ?? a.EvaluationPeriods;
              found.set(a.AlarmName, {
                name: a.AlarmName,
                state: (a.StateValue ?? "INSUFFICIENT_DATA") as AlarmStateValue,
                reason: a.StateReason ?? "",
                stateUpdatedAt: a.StateUpdatedTimestamp ?? new Date(0),
                describe: `${a.Namespace ?? "?"} ${a.MetricName ?? "(metric math)"} ${stat} ${OPS[a.ComparisonOperator ?? ""] ?? a.ComparisonOperator ?? "?"} ${a.Threshold ?? "?"} for ${m} of ${a.EvaluationPeriods} × ${a.Period} s`,
              });
            }
            nextToken = res.NextToken;
          } while (nextToken);
        } catch (e) {
          throw toAwsGatewayError(e, { operation: "DescribeAlarms", alarmNames: batch });
        }
      }
      return { alarms: wanted.flatMap((n) => found.get(n) ?? []), missing: wanted.filter((n) => !found.has(n)) };
    },
  };
}
