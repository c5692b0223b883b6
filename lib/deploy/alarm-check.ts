// Each step of a running deployment reads the CloudWatch alarms its service lists (CodeDeploy polls
// a deployment group's alarms the same way). An alarm in ALARM rolls the deployment back
// automatically, recorded with the alarm's name, reason and state-change time. Alarms that cannot
// be read — a name CloudWatch does not know, CloudWatch failing past the gateway's retries, or a
// worker started without the alarms gateway — fail the deployment and restore the old version:
// CodeDeploy's default (ignorePollAlarmFailure = false).
import { isAwsGatewayError } from "@/lib/aws";
import { judgeAlarms, type AlarmReading } from "@/lib/domain/alarm-gate";
import { addDeploymentEvent, type LoadedDeployment } from "./store";
import { startRollback } from "./rollback";
import type { DeployDeps, TickResult } from "./types";

export async function checkAlarms(deps: DeployDeps, d: LoadedDeployment): Promise<TickResult | null> {
  const names = d.service.alarmNames;
  if (names.length === 0) return null;
  let read: { alarms: AlarmReading[]; missing: string[] };
  try {
    if (!deps.alarms) throw new Error("this deploy worker has no CloudWatch alarms client");
    read = await deps.alarms.describeAlarms(names);
  } catch (e) {
    if (deps.alarms && !isAwsGatewayError(e)) throw e;
    const why = e instanceof Error ? e.message : String(e);
    const reason = `The states of alarms ${names.join(", ")} could not be read (${why}); like CodeDeploy, a deployment whose alarms cannot be read stops.`;
    await addDeploymentEvent(d.id, "ALARM_UNREADABLE", reason, { alarms: names });
    return startRollback(deps, d, { reason, outcome: "FAILED", rollbackKind: "AUTOMATIC", data: { alarms: names } });
  }
  const verdict = judgeAlarms(names, read);
  if (!verdict.stop) return null;
  if (verdict.kind === "UNREADABLE") {
    await addDeploymentEvent(d.id, "ALARM_UNREADABLE", verdict.message, { alarms: verdict.missing });
    return startRollback(deps, d, { reason: verdict.message, outcome: "FAILED", rollbackKind: "AUTOMATIC", data: { alarms: verdict.missing } });
  }
  const { alarm } = verdict;
  await addDeploymentEvent(d.id, "ALARM_BREACHED", verdict.message, { alarm: alarm.name, state: alarm.state, reason: alarm.reason, stateUpdatedAt: alarm.stateUpdatedAt });
  return startRollback(deps, d, { reason: verdict.message, outcome: "ROLLED_BACK", rollbackKind: "AUTOMATIC", data: { alarm: alarm.name, stateUpdatedAt: alarm.stateUpdatedAt } });
}
