// CloudWatch metric alarms in the sandbox: PutMetricAlarm's checks, and evaluation on the simulated
// clock. CloudWatch evaluates an alarm every minute; the sandbox does it lazily, replaying each
// minute boundary since the last evaluation whenever the alarm is read, over metrics that are a pure
// function of time, so a frozen clock that jumps ahead gives the states (and the state-change time)
// a running CloudWatch would have recorded.
import { ALARM_STATES, COMPARISON_OPERATORS, evaluateAlarm, evaluationRangeLength, TREAT_MISSING_DATA, type Datapoint } from "./alarm-eval";
import { AwsApiError } from "./http";
import { getMetricData } from "./metric-query";
import type { SandboxStore } from "./store";
import type { SandboxAlarm } from "./types";

const MINUTE = 60_000;
/** A jump of the clock further than this replays only its last day (CloudWatch keeps no more history worth replaying for a gate). */
const MAX_REPLAY_MS = 24 * 3600_000;
const STATS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

export interface PutMetricAlarmInput {
  AlarmName?: string;
  AlarmDescription?: string;
  ActionsEnabled?: boolean;
  OKActions?: string[];
  AlarmActions?: string[];
  InsufficientDataActions?: string[];
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions?: { Name?: string; Value?: string }[];
  Period?: number;
  EvaluationPeriods?: number;
  DatapointsToAlarm?: number;
  Threshold?: number;
  ComparisonOperator?: string;
  TreatMissingData?: string;
  Metrics?: unknown[];
}

const invalid = (message: string) => new AwsApiError(400, "ValidationError", message);
const missing = (name: string) => new AwsApiError(400, "MissingParameter", `The parameter ${name} is required.`);

export function putMetricAlarm(store: SandboxStore, input: PutMetricAlarmInput, region: string): void {
  const name = input.AlarmName;
  if (!name) throw missing("AlarmName");
  if (name.length > 255) throw invalid("The value for parameter AlarmName must be at most 255 characters long.");
  if (input.Metrics?.length) throw invalid("The sandbox evaluates alarms on one metric; metric-math alarms (Metrics) are not modelled.");
  if (!input.Namespace) throw missing("Namespace");
  if (!input.MetricName) throw missing("MetricName");
  if (!!input.Statistic === !!input.ExtendedStatistic) throw new AwsApiError(400, "InvalidParameterCombination", "Exactly one of the parameters Statistic and ExtendedStatistic must be specified.");
  if (input.Statistic && !STATS.includes(input.Statistic)) throw invalid(`The value ${input.Statistic} for parameter Statistic is not valid (one of ${STATS.join(", ")}).`);
  if (input.ExtendedStatistic && !/^p(\d{1,2}(\.\d+)?|100)$/.test(input.ExtendedStatistic)) throw invalid(`The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not a percentile the sandbox serves (pNN).`);
  const period = input.Period;
  if (period === undefined) throw missing("Period");
  // The sandbox generates metrics per minute; AWS's high-resolution 10 s and 30 s periods have no data here.
  if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) throw invalid(`The value ${period} for parameter Period must be a multiple of 60 seconds in the sandbox.`);
  const n = input.EvaluationPeriods;
  if (n === undefined) throw missing("EvaluationPeriods");
  if (!Number.isInteger(n) || n < 1) throw invalid("The value for parameter EvaluationPeriods must be at least 1.");
  // AWS allows up to a week for hour-long periods; a deployment gate never needs more than a day.
  if (period * n > 24 * 3600) throw invalid("The sandbox checks metrics across at most one day (EvaluationPeriods × Period must not exceed 86400 seconds).");
  const m = input.DatapointsToAlarm ?? n;
  if (!Number.isInteger(m) || m < 1 || m > n) throw invalid("DatapointsToAlarm must be between 1 and EvaluationPeriods.");
  if (typeof input.Threshold !== "number" || !Number.isFinite(input.Threshold)) throw missing("Threshold");
  const op = input.ComparisonOperator;
  if (!op) throw missing("ComparisonOperator");
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(op)) throw invalid(`The value ${op} for parameter ComparisonOperator is not one the sandbox evaluates (${COMPARISON_OPERATORS.join(", ")}).`);
  const treat = input.TreatMissingData ?? "missing";
  if (!(TREAT_MISSING_DATA as readonly string[]).includes(treat)) throw invalid(`The value ${treat} for parameter TreatMissingData is not valid (${TREAT_MISSING_DATA.join(", ")}).`);
  const dims = (input.Dimensions ?? []).map((d) => ({ Name: d.Name ?? "", Value: d.Value ?? "" }));
  if (dims.length > 30) throw invalid("At most 30 dimensions.");

  store.change(() => {
    const now = store.now();
    const old = store.state.alarms[name];
    const alarm: SandboxAlarm = {
      name,
      arn: `arn:aws:cloudwatch:${region}:000000000000:alarm:${name}`,
      description: input.AlarmDescription ?? "",
      namespace: input.Namespace!,
      metricName: input.MetricName!,
      dimensions: dims,
      ...(input.Statistic ? { statistic: input.Statistic } : { extendedStatistic: input.ExtendedStatistic! }),
      period,
      evaluationPeriods: n,
      datapointsToAlarm: m,
      threshold: input.Threshold!,
      comparisonOperator: op as SandboxAlarm["comparisonOperator"],
      treatMissingData: treat as SandboxAlarm["treatMissingData"],
      actionsEnabled: input.ActionsEnabled ?? true,
      alarmActions: input.AlarmActions ?? [],
      okActions: input.OKActions ?? [],
      insufficientDataActions: input.InsufficientDataActions ?? [],
      configUpdatedAt: now,
      // Like CloudWatch: an update overwrites the configuration and leaves the state as it was.
      state: old?.state ?? "INSUFFICIENT_DATA",
      reason: old?.reason ?? "Unchecked: Initial alarm creation",
      stateUpdatedAt: old?.stateUpdatedAt ?? now,
      evaluatedUpTo: Math.floor(now / MINUTE) * MINUTE,
    };
    store.state.alarms[name] = alarm;
  });
}

export function deleteAlarms(store: SandboxStore, names: string[]): void {
  // CloudWatch deletes nothing when one name is wrong.
  const unknown = names.filter((n) => !store.state.alarms[n]);
  if (unknown.length) throw new AwsApiError(404, "ResourceNotFound", `${unknown.length === 1 ? "Alarm" : "Alarms"} ${unknown.join(", ")} could not be found.`);
  store.change(() => {
    for (const n of names) delete store.state.alarms[n];
  });
}

export interface DescribeAlarmsFilter {
  AlarmNames?: string[];
  AlarmNamePrefix?: string;
  StateValue?: string;
}

/** The alarms the filter names (alphabetical, as CloudWatch lists them), each evaluated up to now. */
export function describeAlarms(store: SandboxStore, f: DescribeAlarmsFilter): SandboxAlarm[] {
  if (f.AlarmNames?.length && f.AlarmNamePrefix) throw new AwsApiError(400, "InvalidParameterCombination", "AlarmNames and AlarmNamePrefix cannot be used together.");
  if (f.StateValue && !(ALARM_STATES as readonly string[]).includes(f.StateValue)) throw invalid(`The value ${f.StateValue} for parameter StateValue is not valid.`);
  const picked = Object.values(store.state.alarms)
    .filter((a) => (!f.AlarmNames?.length || f.AlarmNames.includes(a.name)) && (!f.AlarmNamePrefix || a.name.startsWith(f.AlarmNamePrefix)))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (picked.length) store.change(() => picked.forEach((a) => catchUp(store, a)));
  return picked.filter((a) => !f.StateValue || a.state === f.StateValue);
}

/** Evaluates the alarm at every minute boundary after the last evaluation, up to now. */
function catchUp(store: SandboxStore, alarm: SandboxAlarm): void {
  const now = store.now();
  const last = Math.floor(now / MINUTE) * MINUTE;
  const first = Math.max(alarm.evaluatedUpTo + MINUTE, last - MAX_REPLAY_MS);
  if (first > last) return;
  const periodMs = alarm.period * 1000;
  const rangeLen = evaluationRangeLength(alarm.evaluationPeriods);
  const lastPeriodEnd = (t: number) => Math.floor(t / periodMs) * periodMs;
  const from = lastPeriodEnd(first) - rangeLen * periodMs;
  const values = readSeries(store, alarm, from, lastPeriodEnd(last));
  for (let t = first; t <= last; t += MINUTE) {
    const end = lastPeriodEnd(t);
    const range: Datapoint[] = [];
    for (let s = end - rangeLen * periodMs; s < end; s += periodMs) range.push({ at: s, value: values.get(s / 1000) ?? null });
    const verdict = evaluateAlarm(alarm, range, alarm.state);
    if (verdict.state !== alarm.state) {
      alarm.state = verdict.state;
      alarm.reason = verdict.reason;
      alarm.stateUpdatedAt = t;
    }
  }
  alarm.evaluatedUpTo = last;
}

/** The alarm's metric per period start (epoch s) over [fromMs, toMs), from the sandbox's own metrics. */
function readSeries(store: SandboxStore, alarm: SandboxAlarm, fromMs: number, toMs: number): Map<number, number> {
  if (toMs <= fromMs) return new Map();
  const out = getMetricData(store, {
    MetricDataQueries: [
      {
        Id: "m",
        MetricStat: {
          Metric: { Namespace: alarm.namespace, MetricName: alarm.metricName, Dimensions: alarm.dimensions },
          Period: alarm.period,
          Stat: alarm.statistic ?? alarm.extendedStatistic,
        },
      },
    ],
    StartTime: fromMs / 1000,
    EndTime: toMs / 1000,
  });
  const r = out.MetricDataResults[0];
  return new Map((r?.Timestamps ?? []).map((t, i) => [t, r!.Values[i]!]));
}
