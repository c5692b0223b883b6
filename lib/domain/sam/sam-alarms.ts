// The template's CloudWatch alarms, shown beside the services that would use them as gates. Changegate
// watches an alarm by name (DescribeAlarms), so the name is what matters; the definition is shown so
// the reviewer sees what would stop a deployment (metric, statistic, period, threshold).
import { isCfnObject, type CfnObject, type CfnValue } from "./cfn-parse";
import { resolveString, showValue, type ResolveContext } from "./cfn-values";

export interface AlarmDefinition {
  logicalId: string;
  /** The name Changegate would watch; null while it cannot be known (say, it needs the stack name). */
  name: string | null;
  /** Where the name came from, or why it is not known. */
  nameSource: string;
  metricName: string | null;
  namespace: string | null;
  statistic: string | null;
  period: number | null;
  evaluationPeriods: number | null;
  datapointsToAlarm: number | null;
  threshold: number | null;
  comparisonOperator: string | null;
  treatMissingData: string | null;
  dimensions: string[];
  /** Properties that stay in AWS and do nothing in Changegate, each with the reason. */
  notImported: string[];
}

const asNumber = (v: CfnValue | undefined) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
const asText = (v: CfnValue | undefined) => (v === undefined ? null : typeof v === "string" ? v : showValue(v));

const IGNORED_WHY: Record<string, string> = {
  AlarmActions: "Changegate stops and rolls back the deployment itself; the alarm's own actions stay in AWS",
  OKActions: "the alarm's own actions stay in AWS",
  InsufficientDataActions: "the alarm's own actions stay in AWS",
  Metrics: "metric math alarms are watched by name, their expressions are not shown here",
};

function alarmName(logicalId: string, props: CfnObject, ctx: ResolveContext): Pick<AlarmDefinition, "name" | "nameSource"> {
  if (props.AlarmName === undefined) {
    return { name: logicalId, nameSource: `no AlarmName: using the logical id ${logicalId} (CloudFormation would generate <stack>-${logicalId}-<random>; check the name in AWS)` };
  }
  const r = resolveString(props.AlarmName, ctx);
  if (r.ok) return { name: r.value, nameSource: r.note ? `AlarmName ${showValue(props.AlarmName)} with ${r.note}` : `AlarmName ${showValue(props.AlarmName)}` };
  return { name: null, nameSource: `AlarmName ${showValue(props.AlarmName)} cannot be resolved: ${r.reason}` };
}

export function readAlarm(logicalId: string, props: CfnObject, ctx: ResolveContext): AlarmDefinition {
  const dims = Array.isArray(props.Dimensions) ? props.Dimensions : [];
  return {
    logicalId,
    ...alarmName(logicalId, props, ctx),
    metricName: asText(props.MetricName),
    namespace: asText(props.Namespace),
    statistic: asText(props.Statistic ?? props.ExtendedStatistic),
    period: asNumber(props.Period),
    evaluationPeriods: asNumber(props.EvaluationPeriods),
    datapointsToAlarm: asNumber(props.DatapointsToAlarm),
    threshold: asNumber(props.Threshold),
    comparisonOperator: asText(props.ComparisonOperator),
    treatMissingData: asText(props.TreatMissingData),
    dimensions: dims.filter(isCfnObject).map((d) => `${asText(d.Name) ?? "?"}=${asText(d.Value) ?? "?"}`),
    notImported: Object.keys(props)
      .filter((k) => k in IGNORED_WHY)
      .map((k) => `${logicalId}.${k}: not imported because ${IGNORED_WHY[k]}`),
  };
}

/** "Sum of AWS/Lambda Errors over 60 s, 2 of 2 periods GreaterThanThreshold 5". */
export function describeAlarm(a: AlarmDefinition): string {
  const stat = `${a.statistic ?? "?"} of ${a.namespace ?? "?"} ${a.metricName ?? "(metric math)"}`;
  const periods = `${a.datapointsToAlarm ?? a.evaluationPeriods ?? "?"} of ${a.evaluationPeriods ?? "?"} periods`;
  return `${stat} over ${a.period ?? "?"} s, ${periods} ${a.comparisonOperator ?? "?"} ${a.threshold ?? "?"}`;
}
