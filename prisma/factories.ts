// Factories shared by the demo seed, integration tests, e2e fixtures and the bench, so that all of
// them build data the same way the services would.
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { PrismaClient, Role } from "@/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { DEFAULT_RISK_ANSWERS, type ChangeRequestFields } from "@/lib/schemas/change-request";
import { nextAllowedStart } from "@/lib/domain/planned-window";
import { DEFAULT_POLICY } from "@/lib/domain/policy";
import { SandboxControlClient, SandboxControlError } from "@/lib/sandbox/control-client";

// Where a sandbox runs (tests, e2e, npm start), services get a real function behind them, so the
// portal's Lambda reads (pinning a CR's code at submission, the rollback page) see what they would
// in AWS. Without one (the bench, a bare seed) the rows are made alone.
const sandbox = () => (process.env.CHANGEGATE_SANDBOX_URL ? new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL) : null);

/** Creates the function (versions 1–12, the alias on 1) unless it exists; the version its alias serves. */
async function provisionFunction(functionName: string, alias: string): Promise<string | null> {
  const control = sandbox();
  if (!control) return null;
  try {
    await control.createFunction({ name: functionName, versions: 12, alias, aliasVersion: "1", hooks: false, requestRate: 1 });
    return "1";
  } catch (e) {
    if (!(e instanceof SandboxControlError && e.status === 409)) throw e;
  }
  const fn = (await control.state()).functions.find((f) => f.name === functionName);
  const existing = fn?.aliases.find((a) => a.name === alias);
  if (existing) return Object.keys(existing.weights).length === 0 ? existing.functionVersion : null;
  await control.putAlias(functionName, alias, { functionVersion: fn?.versions.at(0)?.version ?? "1" });
  return fn?.versions.at(0)?.version ?? "1";
}

/** The code a sandbox version holds, for rows made without the submission that would pin it. */
export async function sandboxCodeSha(functionName: string, version: string, control = sandbox()): Promise<string | null> {
  if (!control) return null;
  const fn = (await control.state()).functions.find((f) => f.name === functionName);
  return fn?.versions.find((v) => v.version === version)?.codeSha256 ?? null;
}

export const DEMO_PASSWORD = "changegate-demo";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function createTeam(db: PrismaClient, name = `team-${unique()}`) {
  return db.team.create({ data: { name } });
}

export async function createUser(
  db: PrismaClient,
  opts: { roles?: Role[]; name?: string; email?: string; password?: string; teamId?: string; disabled?: boolean } = {},
) {
  const id = unique();
  return db.user.create({
    data: {
      name: opts.name ?? `User ${id}`,
      email: (opts.email ?? `user-${id}@example.test`).toLowerCase(),
      roles: opts.roles ?? ["ENGINEER"],
      passwordHash: await hashPassword(opts.password ?? DEMO_PASSWORD),
      teamId: opts.teamId,
      disabled: opts.disabled ?? false,
    },
  });
}

export async function createService(
  db: PrismaClient,
  opts: { name?: string; teamId?: string; functionName?: string; alias?: string; onCallUserId?: string; region?: string; baselineVersion?: string } = {},
) {
  const id = unique();
  const teamId = opts.teamId ?? (await createTeam(db)).id;
  const functionName = opts.functionName ?? `fn-${id}`;
  const alias = opts.alias ?? "production";
  const provisioned = await provisionFunction(functionName, alias);
  const baselineVersion = opts.baselineVersion ?? provisioned;
  return db.service.create({
    data: {
      name: opts.name ?? `service-${id}`,
      teamId,
      awsRegion: opts.region ?? "us-east-1",
      functionName,
      alias,
      onCallUserId: opts.onCallUserId,
      baselineVersion,
    },
  });
}

/** The first start at or after `from` the default policy allows for the risk (submitting refuses any other). */
function allowedStart(from: DateTime, risk: "LOW" | "MEDIUM" | "HIGH", minutes: number): DateTime {
  const at = nextAllowedStart(DEFAULT_POLICY, risk, from.toJSDate(), minutes);
  return at ? DateTime.fromJSDate(at, { zone: from.zone }) : from;
}

/** Valid form values for a CR whose window starts `hoursAhead` from `now` (or at the next time its risk may deploy). */
export function changeFormValues(
  refs: { serviceId: string; onCallUserId: string },
  overrides: Partial<ChangeRequestFields> = {},
  now = new Date(),
  hoursAhead = 48,
): ChangeRequestFields & { clientRequestId: string } {
  const zone = overrides.windowTimeZone ?? "Europe/Berlin";
  const start = allowedStart(DateTime.fromJSDate(now, { zone }).plus({ hours: hoursAhead }).startOf("hour"), overrides.risk ?? "MEDIUM", overrides.windowDurationMin ?? 15);
  return {
    clientRequestId: randomUUID(),
    summary: "Update Lambda memory from 512MB to 1024MB to reduce duration",
    type: "PERFORMANCE",
    risk: "MEDIUM",
    description: "Memory is the bottleneck: p95 duration halves at 1024MB and the cost per request falls",
    affectedServiceIds: [],
    servicesAffected: "udacity-user-service",
    usersAffected: "None (transparent change)",
    downtimeRequired: false,
    rollbackPlan: "Reduce memory back to 512MB",
    implementationSteps: [
      { text: "Update Lambda configuration via CloudFormation", minutes: 10 },
      { text: "Deploy during business hours", minutes: 15 },
      { text: "Monitor for 1 hour", minutes: 60 },
    ],
    testedInDev: true,
    testedInStaging: true,
    loadTested2x: false,
    verifiedMetrics: true,
    rollbackProcedure: "aws lambda update-function-configuration --function-name udacity-user-service --memory-size 512",
    monitoringPlan: "Watch error rate, p95 duration and throttles on the dashboard for 1 hour; the alarms roll back on a breach",
    windowStart: start.toFormat("yyyy-MM-dd'T'HH:mm"),
    windowDurationMin: 15,
    windowTimeZone: zone,
    onCallUserId: refs.onCallUserId,
    serviceId: refs.serviceId,
    targetVersion: "2",
    strategy: "Canary10Percent5Minutes",
    riskAnswers: { ...DEFAULT_RISK_ANSWERS },
    riskJustification: "",
    hotfixForDeploymentId: "",
    ...overrides,
  };
}

/** A finished (or, with outcome null, running) deployment as the orchestrator records it, with optional timeline events. */
export async function createDeployment(
  db: PrismaClient,
  opts: {
    serviceId: string;
    crId?: string | null;
    requesterId?: string | null;
    kind?: "DEPLOY" | "ROLLBACK";
    fromVersion?: string;
    toVersion?: string;
    strategy?: string;
    startedAt: Date;
    finishedAt?: Date | null;
    outcome?: "SUCCEEDED" | "FAILED" | "ROLLED_BACK" | null;
    rollbackKind?: "AUTOMATIC" | "MANUAL" | null;
    reason?: string | null;
    issueDetectedAt?: Date | null;
    commitSha?: string | null;
    commitTime?: Date | null;
    events?: { at: Date; kind: string; message: string; data?: object }[];
  },
) {
  const service = await db.service.findUniqueOrThrow({ where: { id: opts.serviceId } });
  const outcome = opts.outcome === undefined ? "SUCCEEDED" : opts.outcome;
  const state = outcome ?? "SHIFTING";
  return db.deployment.create({
    data: {
      kind: opts.kind ?? "DEPLOY",
      crId: opts.crId ?? null,
      serviceId: service.id,
      awsRegion: service.awsRegion,
      functionName: service.functionName,
      alias: service.alias,
      fromVersion: opts.fromVersion ?? "1",
      toVersion: opts.toVersion ?? "2",
      strategy: opts.strategy ?? "Canary10Percent5Minutes",
      plan: [],
      state,
      outcome,
      currentWeight: outcome === "SUCCEEDED" ? 1 : 0,
      rollbackKind: opts.rollbackKind ?? null,
      reason: opts.reason ?? null,
      issueDetectedAt: opts.issueDetectedAt ?? null,
      requesterId: opts.requesterId ?? null,
      startedById: opts.requesterId ?? null,
      commitSha: opts.commitSha ?? null,
      commitTime: opts.commitTime ?? null,
      startedAt: opts.startedAt,
      finishedAt: opts.finishedAt === undefined ? (outcome ? new Date(opts.startedAt.getTime() + 10 * 60_000) : null) : opts.finishedAt,
      events: opts.events ? { create: opts.events.map((e) => ({ at: e.at, kind: e.kind, message: e.message, data: e.data })) } : undefined,
    },
  });
}

/**
 * A Low-risk CR that readiness lets deploy now: Approved, CI/CD's automated approval, unit and
 * integration gates passed for its target version. A shortcut for deploy tests (issue 4): the real
 * path there is the CI API, covered by its own tests.
 */
export async function createReadyChange(
  db: PrismaClient,
  opts: { serviceId: string; requesterId: string; targetVersion: string; strategy?: string; customPlan?: object; summary?: string; codeSha256?: string | null },
) {
  const service = await db.service.findUniqueOrThrow({ where: { id: opts.serviceId } });
  // Pinned as a submission would pin it: the version's code as Lambda (the sandbox) reports it.
  const codeSha256 = opts.codeSha256 !== undefined ? opts.codeSha256 : await sandboxCodeSha(service.functionName, opts.targetVersion);
  const seq = 100_000 + Math.floor(Math.random() * 800_000) + (counter++ % 1000);
  const cr = await db.changeRequest.create({
    data: {
      number: `CR-2099-${seq}`,
      year: 2099,
      seq,
      state: "APPROVED",
      summary: opts.summary ?? `Deploy version ${opts.targetVersion}`,
      type: "FEATURE",
      risk: "LOW",
      servicesAffected: "the service under test",
      usersAffected: "none",
      downtimeRequired: false,
      rollbackPlan: "Roll the alias back to the previous version",
      implementationSteps: ["Shift traffic with the chosen strategy"],
      rollbackProcedure: "Manual rollback from the service page",
      windowStart: new Date(),
      windowDurationMin: 240,
      windowTimeZone: "UTC",
      serviceId: opts.serviceId,
      targetVersion: opts.targetVersion,
      targetCodeSha256: codeSha256,
      strategy: opts.strategy ?? "Canary10Percent5Minutes",
      customPlan: opts.customPlan,
      requesterId: opts.requesterId,
      submittedAt: new Date(),
    },
  });
  await db.approval.create({ data: { crId: cr.id, kind: "AUTOMATED", decision: "APPROVE", roles: [], round: cr.approvalRound, comment: "CI/CD gates passed" } });
  await db.gateResult.createMany({
    data: (["UNIT", "INTEGRATION"] as const).map((gate) => ({ crId: cr.id, gate, version: opts.targetVersion, passed: true, codeSha256 })),
  });
  return cr;
}
