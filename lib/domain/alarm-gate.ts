// A service's CloudWatch alarms as a deployment gate, the way CodeDeploy uses a deployment group's
// alarms: while the deployment runs, any listed alarm in ALARM stops it and rolls it back. An alarm
// whose state cannot be read (a name CloudWatch does not know, or CloudWatch failing) also stops it:
// that is CodeDeploy's default (ignorePollAlarmFailure = false), since a gate nobody can read is
// not a passed gate. OK and INSUFFICIENT_DATA let it go on, as in CodeDeploy.

export interface AlarmReading {
  name: string;
  state: "OK" | "ALARM" | "INSUFFICIENT_DATA";
  reason: string;
  stateUpdatedAt: Date;
}

/** An alarm gate as pages show it. */
export interface AlarmStateView {
  name: string;
  /** MISSING: CloudWatch does not know the name (a deployment would stop on it). */
  state: "OK" | "ALARM" | "INSUFFICIENT_DATA" | "MISSING";
  reason: string;
  /** ISO time the alarm entered its state. */
  since: string | null;
  describe: string;
}

export type AlarmGateVerdict =
  | { stop: false }
  | { stop: true; kind: "ALARM"; alarm: AlarmReading; message: string }
  | { stop: true; kind: "UNREADABLE"; missing: string[]; message: string };

/** At most 10 alarms per deployment group in CodeDeploy; CloudWatch names are 1–255 characters. */
export const MAX_ALARMS = 10;
export const MAX_ALARM_NAME = 255;

export function judgeAlarms(listed: readonly string[], read: { alarms: AlarmReading[]; missing: string[] }): AlarmGateVerdict {
  if (listed.length === 0) return { stop: false };
  // The first listed alarm in ALARM, in the service's order: the one the record names.
  for (const name of listed) {
    const a = read.alarms.find((x) => x.name === name);
    if (a?.state === "ALARM") return { stop: true, kind: "ALARM", alarm: a, message: alarmMessage(a) };
  }
  const missing = listed.filter((n) => read.missing.includes(n));
  if (missing.length) {
    const names = missing.join(", ");
    return {
      stop: true,
      kind: "UNREADABLE",
      missing,
      message: `Alarm${missing.length === 1 ? "" : "s"} ${names} ${missing.length === 1 ? "does" : "do"} not exist in CloudWatch, so ${missing.length === 1 ? "its" : "their"} state cannot be read; like CodeDeploy (alarms that cannot be read stop the deployment), the deployment stops. Fix the name on the service or create the alarm.`,
    };
  }
  return { stop: false };
}

/** "Alarm ErrorRateAlarm in ALARM since 14:02:00 UTC: Threshold Crossed: …" */
export function alarmMessage(a: AlarmReading): string {
  return `Alarm ${a.name} in ALARM since ${a.stateUpdatedAt.toISOString().slice(11, 19)} UTC: ${a.reason}`;
}

/** The service form's "Alarms (gates)" text, one name per line, checked as CodeDeploy and CloudWatch would. */
export function parseAlarmNames(text: string): { names: string[] } | { error: string } {
  const names = [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
  if (names.length > MAX_ALARMS) return { error: `At most ${MAX_ALARMS} alarms, as CodeDeploy allows (got ${names.length}).` };
  const long = names.find((n) => n.length > MAX_ALARM_NAME);
  if (long) return { error: `Alarm name "${long.slice(0, 40)}…" is longer than CloudWatch's ${MAX_ALARM_NAME} characters.` };
  // CloudWatch names are printable ASCII; a control character means a paste went wrong.
  const odd = names.find((n) => /[^\x20-\x7e]/.test(n));
  if (odd) return { error: `Alarm name "${odd}" has characters CloudWatch alarm names cannot hold (printable ASCII only).` };
  return { names };
}
