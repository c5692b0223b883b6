// The demo's delivery history, made the way a team makes it: for each planned release (see
// seed-history-plan.ts) a new version is published in the AWS sandbox, its change request is filed,
// submitted and approved through the services (CI's gate reports for Low risk; CI's gates and three
// CAB seats for Medium), started with startDeployment and run by the real orchestrator against the
// sandbox. Breaches are real: the new version errs (a sandbox fault) and the gates roll it back;
// hook failures and AWS refusals likewise; manual rollbacks go through the rollback service; a hotfix
// names the deployment it fixes through the change form's service. The sandbox clock starts weeks in
// the past: it is frozen while people act and moved to each moment, and runs fast while deployments
// run, the worker recording on it (DeployDeps.recordOnClock). At the end it is back at the present.
import { DateTime } from "luxon";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import { createAwsGateways } from "@/lib/aws";
import { sandboxClock } from "@/lib/deploy/clock";
import { stopSenderBoss } from "@/lib/deploy/queue";
import { startDeployWorker } from "@/lib/deploy/worker";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import type { CiToken } from "@/lib/server/api-tokens";
import { createChange } from "@/lib/server/create-change";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { markAllNotificationsRead } from "@/lib/server/inbox";
import { auditedOn } from "@/lib/server/audit";
import { startMeeting, takeChair } from "@/lib/server/cab-chair";
import { closeMeeting, markAttendance } from "@/lib/server/run-cab-meeting";
import { recordGateResult } from "@/lib/server/record-gate-result";
import { rollbackAlias } from "@/lib/server/rollback-alias";
import { startDeployment } from "@/lib/server/start-deployment";
import { voteOnChange } from "@/lib/server/vote-on-change";
import { changeFormValues } from "./factories";
import { planHistory, type PlannedRelease } from "./seed-history-plan";

export interface HistoryInput {
  sandboxUrl: string;
  databaseUrl: string;
  users: Map<string, Actor>;
  services: readonly { id: string; name: string; functionName: string; alias: string; onCallUserId: string | null }[];
  requesters: readonly Actor[];
  summaries: readonly string[];
  pipeline: CiToken;
}

/** Simulated seconds per real second while deployments run (a 10-minute validation: a third of a real second). */
const RUN_SCALE = 1800;
const ZONE = "Europe/Berlin";
const TERMINAL = ["SUCCEEDED", "ROLLED_BACK", "FAILED"];

export async function seedHistory(db: PrismaClient, input: HistoryInput, opts: { endScale?: number; seed?: number; log?: (m: string) => void } = {}): Promise<number> {
  const log = opts.log ?? console.log;
  const control = new SandboxControlClient(input.sandboxUrl);
  const from = new Date((await control.clock()).nowMs);
  const to = new Date();
  const waves = planHistory({ from, to, services: input.services.length, summaries: input.summaries.length, requesters: input.requesters.length, seed: opts.seed, zone: ZONE });
  if (waves.length === 0) {
    log("The sandbox clock is not in the past: no delivery history seeded.");
    return 0;
  }
  await control.setTimeScale(0);
  const clockNow = async () => new Date((await control.clock()).nowMs);
  const moveTo = async (at: Date) => {
    const ahead = (at.getTime() - (await control.clock()).nowMs) / 1000;
    if (ahead > 0) await control.advance(ahead);
    return clockNow();
  };
  // Everything the services and the worker record below is stamped on the sandbox clock, audit trail included.
  return auditedOn(clockNow, async () => {
    // Few attempts per AWS call: an "AWS refuses" release fails in three, not after minutes of backoff.
    const aws = createAwsGateways({ endpoint: input.sandboxUrl, maxAttempts: 3, retryBaseDelayMs: 5, retryMaxDelayMs: 20 });
    const worker = await startDeployWorker({
      databaseUrl: input.databaseUrl,
      deps: { lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, ecs: aws.ecs, alarms: aws.alarms, clock: sandboxClock(input.sandboxUrl), outcomes: deploymentOutcomes, recordOnClock: true },
    });
    /** The last deployment per service that a hotfix may name. */
    const wentWrong = new Map<string, string>();
    let count = 0;
    try {
      for (const wave of waves) {
        await holdPastMeetings(db, input.users, wave.fileAt, moveTo);
        const filedAt = await moveTo(wave.fileAt);
        const filed = [];
        for (const r of wave.releases) filed.push(await fileChange(input, r, filedAt, wave.deployAt, wentWrong));
        const startAt = await moveTo(wave.deployAt);
        const started = [];
        for (const f of filed) {
          await breakIfPlanned(control, f.service.functionName, f.version, f.release);
          started.push({ ...f, deployment: await startDeployment(f.requester, f.crId, { lambda: aws.lambda, now: startAt }) });
        }
        await control.setTimeScale(RUN_SCALE);
        const ended = await waitAllEnded(db, started.map((s) => s.deployment.id));
        await control.setTimeScale(0);
        await control.clearAllFaults();
        for (const s of started) {
          const d = ended.get(s.deployment.id)!;
          count++;
          if (d.outcome !== "SUCCEEDED") wentWrong.set(s.service.id, d.id);
          if (d.outcome !== "SUCCEEDED" || s.release.fate !== "ROLLED_BACK_BY_HAND") continue;
          // Noticed a while after it finished; the on-call engineer puts the previous version back.
          const seen = new Date(d.finishedAt!.getTime() + 10 * 60_000);
          const at = await moveTo(new Date(seen.getTime() + 15 * 60_000));
          const who = input.services.find((x) => x.id === s.service.id)?.onCallUserId;
          const actor = [...input.users.values()].find((u) => u.id === who) ?? input.users.get("sre")!;
          await rollbackAlias(actor, { serviceId: s.service.id, targetVersion: d.fromVersion, confirmAlias: s.service.alias, reason: "Customers report slow checkout pages since this release", problemSeenAt: seen.toISOString() }, { lambda: aws.lambda, now: at });
          wentWrong.set(s.service.id, d.id);
          count++;
        }
      }
      await holdPastMeetings(db, input.users, new Date(), moveTo);
      // Weeks of notifications were read as they came: only what the present brings is new.
      for (const u of input.users.values()) await markAllNotificationsRead(u);
    } finally {
      await worker.stop();
      await stopSenderBoss();
      aws.destroy();
      // Back to the present, at the speed the sandbox was started with.
      await moveTo(new Date());
      await control.setTimeScale(opts.endScale ?? 1);
    }
    log(`Seeded ${count} demo deployments and rollbacks through the orchestrator (${waves.length} release days).`);
    return count;
  });
}

/** A new version in the sandbox, its change request filed, submitted and approved as its risk needs. */
async function fileChange(input: HistoryInput, r: PlannedRelease, now: Date, deployAt: Date, wentWrong: Map<string, string>) {
  const service = input.services[r.service]!;
  const requester = input.requesters[r.requester]!;
  const control = new SandboxControlClient(input.sandboxUrl);
  const summary = input.summaries[r.summary]!;
  const { version } = await control.newVersion(service.functionName, { description: summary });
  if (!version) throw new Error(`The sandbox published no version of ${service.functionName}`);
  const hotfixFor = r.hotfix ? (wentWrong.get(service.id) ?? "") : "";
  const values = changeFormValues(
    { serviceId: service.id, onCallUserId: service.onCallUserId ?? requester.id },
    {
      summary: hotfixFor ? `Hotfix: ${summary}` : summary,
      risk: r.risk,
      type: hotfixFor ? "BUG_FIX" : "FEATURE",
      servicesAffected: service.name,
      targetVersion: version,
      strategy: r.strategy,
      windowStart: DateTime.fromJSDate(deployAt, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm"),
      windowDurationMin: 120,
      windowTimeZone: ZONE,
      hotfixForDeploymentId: hotfixFor,
    },
    now,
  );
  const cr = await createChange(requester, values, { submit: true, now });
  // CI reports the version's gates, with the commit it built (lead time starts there).
  const commit = { commitSha: `${Number(version).toString(16).padStart(4, "0")}${service.id.slice(-8).replace(/[^0-9a-f]/g, "a")}c0de`.slice(0, 12), commitTime: new Date(now.getTime() - r.commitHoursBefore * 3_600_000) };
  for (const gate of r.risk === "LOW" ? ["UNIT", "INTEGRATION"] : ["FULL_SUITE", "SMOKE"]) {
    await recordGateResult({ token: input.pipeline }, cr.id, { gate, version, passed: true, ...commit }, now);
  }
  // Medium risk: three CAB seats between meetings (the default policy's out-of-meeting count).
  if (r.risk === "MEDIUM") for (const key of ["sre", "product", "security"]) await voteOnChange(input.users.get(key)!, { crId: cr.id, decision: "APPROVE" }, now);
  return { release: r, service, requester, version, crId: cr.id };
}

/** What makes the release go wrong, set on the sandbox before it starts: the orchestrator finds out by itself. */
async function breakIfPlanned(control: SandboxControlClient, fn: string, version: string, r: PlannedRelease) {
  if (r.fate === "GATE_BREACH") await control.injectFault(fn, version, { errorRate: 0.3 });
  if (r.fate === "HOOK_FAILS") await control.injectFault(fn, version, { hookFailure: "PRE_TRAFFIC" });
  // More refusals than the gateway's attempts: the first traffic shift fails, and so the deployment.
  if (r.fate === "AWS_FAILS") await control.injectControlFault({ operation: "UpdateAlias", kind: "SERVER_ERROR", count: 3, functionName: fn });
}

/** The weekly CAB meetings that ended before `before` (the history's submissions put them on the calendar), held as a chair holds one. */
async function holdPastMeetings(db: PrismaClient, users: Map<string, Actor>, before: Date, moveTo: (at: Date) => Promise<Date>) {
  const chair = users.get("sre")!;
  const past = await db.cabMeeting.findMany({ where: { status: "SCHEDULED", endsAt: { lt: before } }, orderBy: { startsAt: "asc" } });
  for (const m of past) {
    const at = (minutes: number) => new Date(m.startsAt.getTime() + minutes * 60_000);
    const meetingId = m.id;
    // The clock at the meeting, so its trail is stamped when it happened (the clock only moves forward).
    await moveTo(at(-5));
    await takeChair(chair, { meetingId }, at(-5));
    await startMeeting(chair, { meetingId }, at(0));
    for (const key of ["lead", "product", "security"]) await markAttendance(users.get(key)!, { meetingId, present: true }, at(1));
    await closeMeeting(chair, { meetingId }, at(40));
  }
}

async function waitAllEnded(db: PrismaClient, ids: string[]) {
  const limit = Date.now() + 5 * 60_000;
  for (;;) {
    const rows = await db.deployment.findMany({ where: { id: { in: ids } } });
    if (rows.every((d) => TERMINAL.includes(d.state))) return new Map(rows.map((d) => [d.id, d]));
    if (Date.now() > limit) throw new Error(`Demo deployments did not end within 5 minutes: ${rows.filter((d) => !TERMINAL.includes(d.state)).map((d) => `${d.functionName} ${d.state}`).join(", ")}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
