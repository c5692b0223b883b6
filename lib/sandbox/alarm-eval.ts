// One evaluation of a CloudWatch metric alarm, pure: the datapoints of its evaluation range and its
// current state in, the next state and AWS-worded reason out. The rules follow CloudWatch's
// documentation ("Configuring how CloudWatch alarms treat missing data"):
// - CloudWatch reads more periods than EvaluationPeriods (the evaluation range) and judges the N
//   most recent datapoints that exist in it, so a gap is first filled by older real datapoints;
// - only the shortfall left after that is treated as the alarm says (breaching / notBreaching), and
//   when every datapoint of the range is missing: missing → INSUFFICIENT_DATA, ignore → unchanged,
//   breaching → ALARM, notBreaching → OK;
// - with missing / ignore and fewer than N datapoints, "avoiding premature transitions": ALARM when
//   the oldest available breaching datapoint is at least M periods old and every more recent one is
//   breaching or missing, even though fewer than M exist.
// AWS does not publish the range's length; its worked example reads 5 periods for a 3-period alarm,
// so the sandbox reads N + 2.

export const COMPARISON_OPERATORS = ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export const TREAT_MISSING_DATA = ["missing", "notBreaching", "breaching", "ignore"] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];
export const ALARM_STATES = ["OK", "ALARM", "INSUFFICIENT_DATA"] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export interface AlarmRule {
  threshold: number;
  comparisonOperator: ComparisonOperator;
  evaluationPeriods: number;
  /** M of N; CloudWatch's default is N. */
  datapointsToAlarm: number;
  treatMissingData: TreatMissingData;
}

/** One period of the evaluation range: its start (epoch ms) and value, null when CloudWatch has none. */
export interface Datapoint {
  at: number;
  value: number | null;
}

export interface AlarmVerdict {
  state: AlarmState;
  reason: string;
}

export const evaluationRangeLength = (evaluationPeriods: number) => evaluationPeriods + 2;

export function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case "GreaterThanOrEqualToThreshold":
      return value >= threshold;
    case "GreaterThanThreshold":
      return value > threshold;
    case "LessThanThreshold":
      return value < threshold;
    case "LessThanOrEqualToThreshold":
      return value <= threshold;
  }
}

const OP_WORDS: Record<ComparisonOperator, string> = {
  GreaterThanOrEqualToThreshold: "greater than or equal to",
  GreaterThanThreshold: "greater than",
  LessThanThreshold: "less than",
  LessThanOrEqualToThreshold: "less than or equal to",
};

/** `range`: the evaluation range, oldest first, one entry per period (missing ones as null). */
export function evaluateAlarm(rule: AlarmRule, range: Datapoint[], current: AlarmState): AlarmVerdict {
  const n = rule.evaluationPeriods;
  const m = rule.datapointsToAlarm;
  const present = range.filter((p): p is { at: number; value: number } => p.value !== null);
  const used = present.slice(-n);
  const shortfall = n - used.length;
  const threshold = fmt(rule.threshold);

  if (used.length === 0) {
    switch (rule.treatMissingData) {
      case "missing":
        return { state: "INSUFFICIENT_DATA", reason: `Insufficient Data: ${n} datapoint${n === 1 ? " was" : "s were"} unknown.` };
      case "ignore":
        return { state: current, reason: "" };
      case "breaching":
      case "notBreaching": {
        const treated = rule.treatMissingData === "breaching" ? "Breaching" : "NonBreaching";
        const state = rule.treatMissingData === "breaching" ? "ALARM" : "OK";
        return { state, reason: `Threshold Crossed: no datapoints were received for ${n} period${n === 1 ? "" : "s"} and ${n} missing datapoint${n === 1 ? " was" : "s were"} treated as [${treated}].` };
      }
    }
  }

  const breaching = used.filter((p) => breaches(rule.comparisonOperator, p.value, rule.threshold));
  const filled = shortfall > 0 && rule.treatMissingData === "breaching" ? shortfall : 0;
  const listed = `[${[...used].reverse().map((p) => `${fmt(p.value)} (${stamp(p.at)})`).join(", ")}]`;
  const treatedNote = shortfall > 0 && (rule.treatMissingData === "breaching" || rule.treatMissingData === "notBreaching")
    ? ` and ${shortfall} missing datapoint${shortfall === 1 ? " was" : "s were"} treated as [${rule.treatMissingData === "breaching" ? "Breaching" : "NonBreaching"}]`
    : "";

  if (breaching.length + filled >= m || prematureAlarm(rule, range, used)) {
    const k = breaching.length + filled;
    return {
      state: "ALARM",
      reason: `Threshold Crossed: ${k} out of the last ${n} datapoints ${listed} ${k === 1 ? "was" : "were"} ${OP_WORDS[rule.comparisonOperator]} the threshold (${threshold})${treatedNote} (minimum ${m} datapoint${m === 1 ? "" : "s"} for ${current} -> ALARM transition).`,
    };
  }
  return {
    state: "OK",
    reason: `Threshold Crossed: ${used.length} datapoint${used.length === 1 ? "" : "s"} ${listed} ${used.length === 1 ? "was" : "were"} not ${OP_WORDS[rule.comparisonOperator]} the threshold (${threshold})${treatedNote}.`,
  };
}

/** The "avoid premature transitions" rule: only with missing/ignore, and only when fewer than N datapoints exist. */
function prematureAlarm(rule: AlarmRule, range: Datapoint[], used: { at: number; value: number }[]): boolean {
  if (rule.treatMissingData !== "missing" && rule.treatMissingData !== "ignore") return false;
  if (used.length >= rule.evaluationPeriods) return false;
  const oldest = used.findIndex((p) => breaches(rule.comparisonOperator, p.value, rule.threshold));
  if (oldest < 0) return false;
  if (!used.slice(oldest).every((p) => breaches(rule.comparisonOperator, p.value, rule.threshold))) return false;
  // Age in periods, the newest period of the range being 1 period old.
  const age = range.length - range.findIndex((p) => p.at === used[oldest]!.at);
  return age >= rule.datapointsToAlarm;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** AWS's reason timestamps: dd/MM/yy HH:mm:ss, UTC. */
function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (x: number) => String(x).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
