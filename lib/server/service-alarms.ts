import "server-only";
// The current state of the CloudWatch alarms services list as gates, for the pages that show them.
// One DescribeAlarms for every name on the page; CloudWatch failing is said on the page, not thrown:
// the registry must stay usable when CloudWatch is not.
import { isAwsGatewayError } from "@/lib/aws";
import type { AlarmStateView } from "@/lib/domain/alarm-gate";
import { awsGateways } from "./aws";

/** Alarm views per service id, in each service's order; `error` when CloudWatch could not be read. */
export async function alarmStatesFor(services: { id: string; alarmNames: string[] }[]): Promise<{ byService: Record<string, AlarmStateView[]>; error: string | null }> {
  const names = [...new Set(services.flatMap((s) => s.alarmNames))];
  if (names.length === 0) return { byService: {}, error: null };
  try {
    const { alarms } = await awsGateways().alarms.describeAlarms(names);
    const found = new Map(alarms.map((a) => [a.name, a]));
    const view = (name: string): AlarmStateView => {
      const a = found.get(name);
      return a
        ? { name, state: a.state, reason: a.reason, since: a.stateUpdatedAt.toISOString(), describe: a.describe }
        : { name, state: "MISSING", reason: "CloudWatch has no alarm with this name", since: null, describe: "" };
    };
    return { byService: Object.fromEntries(services.map((s) => [s.id, s.alarmNames.map(view)])), error: null };
  } catch (e) {
    if (!isAwsGatewayError(e)) throw e;
    return { byService: {}, error: `Alarm states could not be read from CloudWatch: ${e.message}` };
  }
}
