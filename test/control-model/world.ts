// The world a model-based run acts in: real services on this test file's PostgreSQL database, the
// real SDK against an in-process AWS sandbox whose clock is the model's, fixed people and services,
// and the model's own record of everything that succeeded — what the oracle judges by. The model
// never reads readiness or the tally: it keeps the raw facts (who voted what, when, in which round).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import type { DeployDeps } from "@/lib/deploy";
import { DEFAULT_POLICY, type Policy } from "@/lib/domain/policy";
import type { GateKind, RiskLevel, Role } from "@/lib/domain/vocabulary";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { authenticateToken, createApiToken, type CiToken } from "@/lib/server/api-tokens";
import { savePolicy } from "@/lib/server/policy-store";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { registerFlag } from "@/lib/server/register-flag";
import type { FlagConfig } from "@/lib/domain/flag-config";
import { createService, createUser } from "@/prisma/factories";
import { serviceUpdates } from "@/lib/sandbox/ecs-store";
import { ecsState } from "@/lib/sandbox/ecs-types";

export const PEOPLE = {
  eng1: ["ENGINEER"],
  eng2: ["ENGINEER"],
  lead: ["ENGINEER", "CAB_MEMBER"],
  sreCab: ["SRE", "CAB_MEMBER"],
  product: ["PRODUCT", "CAB_MEMBER"],
  security: ["SECURITY", "CAB_MEMBER"],
  cto: ["CTO"],
  manager: ["ENG_MANAGER"],
  sre: ["SRE"],
  admin: ["ADMIN"],
} as const satisfies Record<string, Role[]>;
export type PersonKey = keyof typeof PEOPLE;
export const PERSON_KEYS = Object.keys(PEOPLE) as PersonKey[];

export interface ModelVote {
  who: PersonKey;
  kind: "STANDARD" | "VERBAL_EMERGENCY" | "RETROSPECTIVE";
  decision: "APPROVE" | "REJECT" | "REQUEST_CHANGES";
  at: number;
  round: number;
  meetingId: string | null;
}

export interface ModelGate {
  gate: GateKind;
  version: string;
  passed: boolean;
  value: number | null;
  at: number;
  /** null: CI's token. */
  reporter: PersonKey | null;
  sha: string | null;
}

export interface ModelCr {
  id: string;
  number: string;
  requester: PersonKey;
  risk: RiskLevel;
  service: number;
  targetVersion: string;
  onCall: PersonKey;
  emergency: boolean;
  incident: number | null;
  /** Pinned at the last submission: the policy body and the target's code. */
  policy: Policy | null;
  sha: string | null;
  round: number;
  submitted: boolean;
  votes: ModelVote[];
  gates: ModelGate[];
  onCallConfirmedAt: number | null;
  meetingId: string | null;
  /** The CR's state as last read from the database, and the version of the row then. */
  state: string;
  version: number;
  /** The state the audit trail's last transition left it in. */
  auditState?: string;
  /** A flag change: the flag (index into World.flags) and what it should become. */
  flag?: number;
  flagTarget?: FlagConfig & { rollout: { percentage: number; holdMinutes: number }[] };
  /** The round in which CI's automated approval was given (judged when it was given). */
  autoApprovedRound?: number;
  /** The form as last saved (edits send it whole, with their change). */
  form: Record<string, unknown> | null;
}

export interface ModelMeeting {
  startsAt: number;
  endsAt: number;
  startedAt: number | null;
  closedAt: number | null;
  /** Who took the chair: only they start and close the meeting. */
  chair?: PersonKey;
}

export interface ModelDeployment {
  id: string;
  kind: "DEPLOY" | "ROLLBACK" | "FLAG_ROLLOUT";
  /** A flag rollout: its flag and the configurations it may publish (before, each step, after). */
  flag?: number;
  configs?: FlagConfig[];
  service: number;
  cr: number | null;
  from: string;
  to: string;
  weights: number[];
  /** Journal sequence when it started: a write of its own after a later hand write overwrote that change. */
  startSeq: number;
  at: number;
  state: string;
  /** The journal's last sequence when the model saw it end: a write of its own after that is a write by nobody. */
  endSeq?: number;
  /** The same two positions in the SSM journal (flag rollouts) and in ECS's service-update journal. */
  startParamSeq?: number;
  endParamSeq?: number;
  startEcsSeq?: number;
  endEcsSeq?: number;
}

export interface World {
  sandbox: SandboxHandle;
  aws: AwsGateways;
  deps: DeployDeps;
  /** The model's clock (epoch ms): the services' `now`, the sandbox's and the orchestrator's. */
  now: number;
  people: Record<PersonKey, Actor>;
  token: CiToken;
  /** Two Lambda aliases, then one ECS service (fn: the service, alias: its cluster, versions "fn:revision"). */
  services: { id: string; kind: "LAMBDA" | "ECS"; fn: string; alias: string; onCall: PersonKey; baseline: string }[];
  policy: Policy;
  crs: ModelCr[];
  meetings: Map<string, ModelMeeting>;
  incidents: { id: string; declaredAt: number; resolvedAt: number | null; severity: "SEV1" | "SEV2" }[];
  freezes: { startsAt: number; endsAt: number }[];
  deployments: ModelDeployment[];
  /** Hand writes per alias (journal seq), the journal position read so far, what each alias serves. */
  handWrites: Map<string, number[]>;
  live: Map<string, { v: string; weights: Record<string, number> }>;
  flags: { id: string; service: number; name: string; parameterName: string; risk: "LOW" | "MEDIUM" }[];
  /** Hand writes per flag parameter (journal seq), the SSM journal position read so far, kills the portal accepted (journal seq). */
  handParamWrites: Map<string, number[]>;
  ssmSeq: number;
  kills: { parameterName: string; afterSeq: number }[];
  journalSeq: number;
  /** Hand updates per ECS service (journal seq) and the ECS journal position read so far. */
  handEcsWrites: Map<string, number[]>;
  ecsSeq: number;
  auditId: bigint;
}

// Monday 2030-01-07 06:00 UTC: the week ahead crosses business hours, nights and a weekend in Berlin.
export const T0 = Date.UTC(2030, 0, 7, 6, 0);

export async function createWorld(seed: number): Promise<World> {
  const sandbox = await startSandbox({ port: 0, timeScale: 0, seed, startTime: new Date(T0) });
  const aws = createAwsGateways({ endpoint: sandbox.url, retryBaseDelayMs: 1, retryMaxDelayMs: 2, maxAttempts: 2 });
  // The portal's own Lambda reads (pinning at submission, the rollback page) go to this sandbox too,
  // not to the one the test setup started: one AWS for the whole world.
  process.env.CHANGEGATE_SANDBOX_URL = sandbox.url;
  (globalThis as { changegateAws?: unknown }).changegateAws = undefined;
  const people = {} as Record<PersonKey, Actor>;
  for (const key of PERSON_KEYS) {
    const u = await createUser(db, { roles: [...PEOPLE[key]], name: `model ${key}` });
    // Each person also clicks Slack buttons (commands-slack.ts): their Slack member id maps back to them.
    await db.user.update({ where: { id: u.id }, data: { slackUserId: `U${u.id.toUpperCase()}` } });
    people[key] = { id: u.id, name: u.name, email: u.email, roles: u.roles };
  }
  const services: World["services"] = [];
  for (const [i, onCall] of (["eng2", "sre"] as PersonKey[]).entries()) {
    const fn = `model-${seed}-${i}`;
    await sandbox.control.createFunction({ name: fn, versions: 6, alias: "production", aliasVersion: "1", hooks: false, requestRate: 5 });
    const s = await createService(db, { functionName: fn, alias: "production", onCallUserId: people[onCall].id, baselineVersion: "1" });
    // A short watch after the last step keeps deployments moving within a few clock commands.
    await db.service.update({ where: { id: s.id }, data: { gateRules: { validation: { minutes: 2 } } } });
    services.push({ id: s.id, kind: "LAMBDA", fn, alias: "production", onCall, baseline: "1" });
  }
  services.push(await createEcsService(sandbox, seed, people.sre.id));
  const flags: World["flags"] = [];
  for (const [i, risk] of (["LOW", "MEDIUM"] as const).entries()) {
    const f = await registerFlag(people.eng1, { serviceId: services[i]!.id, name: `model-${seed}-flag-${i}`, description: "A flag the model turns", risk }, new Date(T0));
    flags.push({ id: f.id, service: i, name: f.name, parameterName: f.parameterName, risk });
  }
  const created = await createApiToken(people.admin, { name: `model-ci-${seed}`, serviceIds: services.map((s) => s.id) });
  const token = await authenticateToken(`Bearer ${created.plain}`);
  await savePolicy(people.admin, DEFAULT_POLICY, "model run: the default policy");
  const world: World = {
    sandbox,
    aws,
    deps: {
      lambda: aws.lambda,
      metrics: aws.metrics,
      ssm: aws.ssm,
      ecs: aws.ecs,
      clock: { now: async () => new Date(world.now), realMsUntil: async () => 0, scale: async () => 0 },
      outcomes: deploymentOutcomes,
    },
    // The ECS service's first rollout settled before the model's first command.
    now: T0 + ECS_SETTLE_MS,
    people,
    token,
    services,
    policy: DEFAULT_POLICY,
    crs: [],
    meetings: new Map(),
    incidents: [],
    freezes: [],
    deployments: [],
    handWrites: new Map(),
    live: new Map(services.map((s) => [aliasKey(s), { v: "1", weights: {} }])),
    flags,
    handParamWrites: new Map(),
    ssmSeq: sandbox.store.ssm.writes.at(-1)?.seq ?? 0,
    kills: [],
    journalSeq: sandbox.store.aliasWrites.at(-1)?.seq ?? 0,
    handEcsWrites: new Map(),
    ecsSeq: serviceUpdates(sandbox.store).at(-1)?.seq ?? 0,
    auditId: (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n,
  };
  return world;
}

const ECS_SETTLE_MS = 300_000;

/** An ECS service of 4 tasks on revision 1 of 4 (200/100, circuit breaker with rollback, 30 s grace), registered in Changegate. */
async function createEcsService(sandbox: SandboxHandle, seed: number, onCallUserId: string): Promise<World["services"][number]> {
  const name = `model-${seed}-ecs`;
  const ecsConfig = { maximumPercent: 200, minimumHealthyPercent: 100, circuitBreaker: { enable: true, rollback: true }, healthCheckGracePeriodSeconds: 30 };
  const view = await sandbox.control.ecs.createService({ cluster: "model", service: name, revisions: 4, taskDefinition: `${name}:1`, desiredCount: 4, ...ecsConfig });
  await sandbox.control.advance(ECS_SETTLE_MS / 1000);
  const s = await createService(db, { functionName: name, alias: "model", onCallUserId, baselineVersion: `${name}:1` });
  await db.service.update({ where: { id: s.id }, data: { kind: "ECS", targetGroup: view.targetGroup, ecsConfig, gateRules: { validation: { minutes: 2 } } } });
  return { id: s.id, kind: "ECS", fn: name, alias: "model", onCall: "sre", baseline: `${name}:1` };
}

/**
 * What a service's target serves now. A Lambda alias as the journal last left it; an ECS service as
 * ECS reports it (its circuit breaker changes it without a journal entry), a rollout in progress
 * standing for a split (`weights` non-empty), as the portal's own reading treats it.
 */
export async function liveOf(w: World, service: number): Promise<{ v: string; weights: Record<string, number> }> {
  const s = w.services[service]!;
  if (s.kind === "LAMBDA") return w.live.get(aliasKey(s))!;
  const d = await w.aws.ecs.describeService(s.alias, s.fn);
  const v = d.primary.taskDefinition.slice(d.primary.taskDefinition.lastIndexOf("/") + 1);
  return { v, weights: d.primary.rolloutState === "IN_PROGRESS" ? { [v]: 1 } : {} };
}

/** The versions a service's target can be put on: a function's published versions, an ECS family's revisions. */
export function versionsOf(w: World, service: number): string[] {
  const s = w.services[service]!;
  if (s.kind === "LAMBDA") return w.sandbox.store.state.functions[s.fn]!.versions.map((v) => v.version);
  return (ecsState(w.sandbox.store.state).taskDefinitions[s.fn] ?? []).map((t) => `${s.fn}:${t.revision}`);
}

/** The code identity submission pins for a version (null: none such). */
export function codeOf(w: World, service: number, version: string): string | null {
  const s = w.services[service]!;
  if (s.kind === "LAMBDA") return w.sandbox.store.state.functions[s.fn]?.versions.find((v) => v.version === version)?.codeSha256 ?? null;
  const td = (ecsState(w.sandbox.store.state).taskDefinitions[s.fn] ?? []).find((t) => `${s.fn}:${t.revision}` === version && t.status === "ACTIVE");
  return td ? `taskdef:${td.arn}` : null;
}

export async function destroyWorld(w: World) {
  w.aws.destroy();
  await w.sandbox.close();
}

export const aliasKey = (s: { fn: string; alias: string }) => `${s.fn}:${s.alias}`;
/** The Slack member id createWorld gave a person. */
export const slackIdOf = (w: World, p: PersonKey) => `U${w.people[p].id.toUpperCase()}`;

export const roleOf = (p: PersonKey): readonly Role[] => PEOPLE[p];
