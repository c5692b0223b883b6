// Builds the demo organisation through the same services the portal uses, so demo CRs carry real
// numbers and audit trails. Its delivery history (deployed, rolled back, failed) is made by the
// services and the deploy orchestrator on the sandbox (seed-history.ts); the few states no
// deployment reaches here (scheduled) are set directly, with an audit event saying the seed did it.
import type { PrismaClient, CrState } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import { createChange } from "@/lib/server/create-change";
import { registerFlag } from "@/lib/server/register-flag";
import { DEMO_FLAGS } from "@/lib/sandbox/demo-seed";
import { voteOnChange } from "@/lib/server/vote-on-change";
import { authenticateToken, createApiToken, type CiToken } from "@/lib/server/api-tokens";
import { recordGateResult } from "@/lib/server/record-gate-result";
import { awsGateways } from "@/lib/server/aws";
import { DEMO_FUNCTIONS, demoAlarmNames } from "@/lib/sandbox/demo-seed";
import { DEMO_ECS_SERVICES } from "@/lib/sandbox/ecs-demo";
import { saveService } from "@/lib/server/manage-services";

const liveVersion = async (functionName: string) => (await awsGateways().lambda.getAlias(functionName, "production")).functionVersion;
import { changeFormValues, DEMO_PASSWORD, createUser } from "./factories";
import { seedHistory } from "./seed-history";
import { DEMO_SERVICES, DEMO_SUMMARIES, DEMO_USERS } from "./demo-data";

// Today's changes; those that deployed are in the history.
const SEEDED_STATES: CrState[] = ["APPROVED", "REJECTED", "SCHEDULED", "CANCELLED"];

/** `endScale`: the sandbox clock's speed once the history is made (the one it was started with). */
export async function seedDemo(db: PrismaClient, log: (m: string) => void = console.log, opts: { endScale?: number } = {}): Promise<void> {
  if ((await db.user.count()) > 0) {
    log("Demo data already present; seed skipped.");
    return;
  }
  const teams = new Map<string, string>();
  for (const name of new Set([...DEMO_USERS.map((u) => u.team), ...DEMO_SERVICES.map((s) => s.team)])) {
    teams.set(name, (await db.team.create({ data: { name } })).id);
  }
  const users = new Map<string, Actor>();
  for (const u of DEMO_USERS) {
    const created = await createUser(db, { name: u.name, email: u.email, roles: u.roles, teamId: teams.get(u.team), password: DEMO_PASSWORD });
    users.set(u.key, { id: created.id, name: created.name, email: created.email, roles: created.roles });
  }
  const services = [];
  for (const s of DEMO_SERVICES) {
    services.push(
      await db.service.create({
        data: {
          name: s.name,
          teamId: teams.get(s.team)!,
          awsRegion: "us-east-1",
          functionName: s.functionName,
          alias: "production",
          // The sandbox's copies of the seed's ErrorRateAlarm and AutoRollback-HighErrors: gates beside the metric rules.
          alarmNames: demoAlarmNames(s.functionName),
          onCallUserId: users.get(s.onCall)!.id,
          // What the sandbox's demo alias serves at registration: known-good, a rollback target.
          baselineVersion: await liveVersion(s.functionName),
        },
      }),
    );
  }
  // The sandbox's demo flags, imported as they are (registerFlag adopts a seed-shaped parameter).
  const flags = [["checkout-new-pricing", "checkout-api", "engineer", "MEDIUM"], ["search-ml-ranking", "search-indexer", "sre", "LOW"], ["user-session-refresh", "user-service", "engineer2", "LOW"]] as const;
  for (const [name, service, owner, risk] of flags) {
    const description = String(DEMO_FLAGS.find((f) => f.name === `/features/${name}`)?.flag.description ?? name);
    await registerFlag(users.get(owner)!, { serviceId: services.find((s) => s.name === service)!.id, name, description, risk });
  }
  const requesters = [users.get("engineer")!, users.get("engineer2")!, users.get("lead")!];
  // The demo's pipeline: Low-risk changes are approved by its gate reports, as CI would approve them.
  const created = await createApiToken(users.get("admin")!, { name: "demo-pipeline", serviceIds: services.map((s) => s.id) });
  const pipeline = await authenticateToken(`Bearer ${created.plain}`);
  const sandboxUrl = process.env.CHANGEGATE_SANDBOX_URL;
  if (sandboxUrl) {
    await seedHistory(db, { sandboxUrl, databaseUrl: process.env.DATABASE_URL!, users, services, requesters, summaries: DEMO_SUMMARIES, pipeline }, { endScale: opts.endScale, log });
  }
  const states: CrState[] = ["DRAFT", "SUBMITTED", "SUBMITTED", ...SEEDED_STATES];
  for (const [i, state] of states.entries()) {
    const requester = requesters[i % requesters.length]!;
    const service = services[i % services.length]!;
    const values = changeFormValues(
      { serviceId: service.id, onCallUserId: service.onCallUserId ?? requester.id },
      {
        summary: DEMO_SUMMARIES[i % DEMO_SUMMARIES.length]!,
        risk: (["LOW", "MEDIUM", "HIGH"] as const)[i % 3]!,
        type: (["FEATURE", "PERFORMANCE", "BUG_FIX", "SECURITY_FIX", "INFRASTRUCTURE"] as const)[i % 5]!,
        servicesAffected: service.name,
        // A version the demo function has published (submission pins its code from Lambda).
        targetVersion: String(2 + (i % ((DEMO_FUNCTIONS.find((f) => f.name === service.functionName)?.releases.length ?? 3) - 1))),
      },
      new Date(),
      24 * (1 + (i % 10)),
    );
    const cr = await createChange(requester, values, { submit: state !== "DRAFT" });
    // The High-risk submitted CR has the CAB's approval (three seats, outside a meeting) and still awaits the CTO.
    if (state === "SUBMITTED" && cr.risk === "HIGH") {
      for (const key of ["sre", "product", "security"]) await voteOnChange(users.get(key)!, { crId: cr.id, decision: "APPROVE" });
    }
    if (state === "DRAFT" || state === "SUBMITTED") continue;
    // Decided as the policy decides, through the services: a CAB rejection, or the approval its risk needs.
    if (state === "REJECTED") {
      await voteOnChange(users.get("sre")!, { crId: cr.id, decision: "REJECT", comment: "Not during the sale: resubmit after the freeze" });
      continue;
    }
    if (state !== "CANCELLED") await approve(cr, pipeline, users);
    if (state === "APPROVED") continue;
    // Scheduled stands for a later workflow's step: set, and said so in the audit.
    await db.$transaction([
      db.changeRequest.update({ where: { id: cr.id }, data: { state, version: { increment: 1 } } }),
      db.auditEvent.create({
        data: { actorLabel: "demo seed", action: "change.seeded", entityType: "ChangeRequest", entityId: cr.id, crId: cr.id, before: { state: cr.state }, after: { state } },
      }),
    ]);
  }
  // The sandbox's demo ECS services, registered through the admin form's service (after the Lambda
  // history above, which is about aliases): each with the configuration the sandbox runs it with.
  for (const e of DEMO_ECS_SERVICES) {
    await saveService(users.get("admin")!, {
      kind: "ECS", name: e.service, team: "Checkout", awsRegion: "us-east-1", cluster: e.cluster, ecsService: e.service, onCallUserId: users.get("sre")!.id,
      maximumPercent: e.maximumPercent, minimumHealthyPercent: e.minimumHealthyPercent, circuitBreakerEnable: true, circuitBreakerRollback: true, healthCheckGracePeriodSeconds: 60,
    });
  }
  log(`Seeded ${DEMO_USERS.length} users, ${services.length + DEMO_ECS_SERVICES.length} services and ${states.length} change requests.`);
}

/** The approval the change's risk needs under the default policy: CI's passed gates for Low, three CAB seats (and the CTO for High) outside a meeting. */
async function approve(cr: { id: string; risk: string; targetVersion: string }, pipeline: CiToken, users: Map<string, Actor>) {
  if (cr.risk === "LOW") {
    for (const gate of ["UNIT", "INTEGRATION"]) await recordGateResult({ token: pipeline }, cr.id, { gate, version: cr.targetVersion, passed: true });
    return;
  }
  for (const key of ["sre", "product", "security", ...(cr.risk === "HIGH" ? ["cto"] : [])]) await voteOnChange(users.get(key)!, { crId: cr.id, decision: "APPROVE" });
}
