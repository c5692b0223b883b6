// CloudWatch's alarm operations on the wire (AWS JSON 1.0, as @aws-sdk/client-cloudwatch 3.x
// speaks it: timestamps as epoch seconds): PutMetricAlarm, DescribeAlarms, DeleteAlarms.
import { deleteAlarms, describeAlarms, putMetricAlarm, type DescribeAlarmsFilter, type PutMetricAlarmInput } from "./alarm-store";
import { AwsApiError } from "./http";
import type { SandboxStore } from "./store";
import type { SandboxAlarm } from "./types";

export const ALARM_OPERATIONS = new Set(["PutMetricAlarm", "DescribeAlarms", "DeleteAlarms"]);

interface DescribeAlarmsInput extends DescribeAlarmsFilter {
  MaxRecords?: number;
  NextToken?: string;
  AlarmTypes?: string[];
}

export function handleAlarmOperation(store: SandboxStore, operation: string, body: unknown, region: string): unknown {
  switch (operation) {
    case "PutMetricAlarm":
      putMetricAlarm(store, body as PutMetricAlarmInput, region);
      return {};
    case "DeleteAlarms": {
      const names = (body as { AlarmNames?: string[] }).AlarmNames ?? [];
      if (names.length === 0) throw new AwsApiError(400, "MissingParameter", "The parameter AlarmNames is required.");
      if (names.length > 100) throw new AwsApiError(400, "ValidationError", "At most 100 alarm names per DeleteAlarms.");
      deleteAlarms(store, names);
      return {};
    }
    case "DescribeAlarms": {
      const input = body as DescribeAlarmsInput;
      if ((input.AlarmNames?.length ?? 0) > 100) throw new AwsApiError(400, "ValidationError", "At most 100 alarm names per DescribeAlarms.");
      const max = input.MaxRecords ?? 50;
      if (!Number.isInteger(max) || max < 1 || max > 100) throw new AwsApiError(400, "ValidationError", "MaxRecords must be between 1 and 100.");
      const wantsMetric = !input.AlarmTypes?.length || input.AlarmTypes.includes("MetricAlarm");
      const all = wantsMetric ? describeAlarms(store, input) : [];
      const start = input.NextToken ? Number(input.NextToken) : 0;
      if (!Number.isInteger(start) || start < 0) throw new AwsApiError(400, "InvalidNextToken", "The NextToken is not valid.");
      const page = all.slice(start, start + max);
      return {
        MetricAlarms: page.map(wireAlarm),
        CompositeAlarms: [],
        ...(start + max < all.length ? { NextToken: String(start + max) } : {}),
      };
    }
    default:
      throw new AwsApiError(400, "UnknownOperationException", `The sandbox does not implement CloudWatch ${operation}`);
  }
}

const seconds = (ms: number) => ms / 1000;

function wireAlarm(a: SandboxAlarm) {
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    AlarmDescription: a.description,
    AlarmConfigurationUpdatedTimestamp: seconds(a.configUpdatedAt),
    ActionsEnabled: a.actionsEnabled,
    OKActions: a.okActions,
    AlarmActions: a.alarmActions,
    InsufficientDataActions: a.insufficientDataActions,
    StateValue: a.state,
    StateReason: a.reason,
    StateUpdatedTimestamp: seconds(a.stateUpdatedAt),
    StateTransitionedTimestamp: seconds(a.stateUpdatedAt),
    MetricName: a.metricName,
    Namespace: a.namespace,
    ...(a.statistic ? { Statistic: a.statistic } : { ExtendedStatistic: a.extendedStatistic }),
    Dimensions: a.dimensions,
    Period: a.period,
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.datapointsToAlarm,
    Threshold: a.threshold,
    ComparisonOperator: a.comparisonOperator,
    TreatMissingData: a.treatMissingData,
  };
}
