// THE decision for every write to production. Deploy start, each traffic step, promote, pause,
// resume, abort, automatic and manual rollback all come here with the evidence their service read
// (inside the transaction that records the write), and pages ask the same functions to decide which
// buttons to show. Nothing else in the code answers "may this reach production".
import { can, type Permission } from "@/lib/auth/permissions";
import { writeOwnership } from "./alias-ownership";
import type { KnownGoodVersion } from "./known-good";
import type { Readiness } from "./readiness";
import { CR_STATE_LABELS, deploymentStateLabel, type CrState, type Role } from "./vocabulary";

export const PRODUCTION_ACTIONS = [
  "DEPLOY_START",
  "TRAFFIC_STEP",
  "PROMOTE",
  "PAUSE",
  "RESUME",
  "ABORT",
  "AUTO_ROLLBACK",
  "MANUAL_ROLLBACK",
  // A flag write is a production write: applying an approved flag change (its rollout's steps and
  // automatic rollback are TRAFFIC_STEP and AUTO_ROLLBACK), and the kill switch (off, at once).
  "FLAG_APPLY",
  "FLAG_KILL",
] as const;
export type ProductionAction = (typeof PRODUCTION_ACTIONS)[number];

/** A person, the orchestrator, or a CI pipeline's token (which may only start the deployment of a ready change in its scope). */
export type GateActor = { kind: "person"; id: string; roles: readonly Role[] } | { kind: "orchestrator" } | { kind: "ci"; tokenId: string };
export const person = (a: { id: string; roles: readonly Role[] }): GateActor => ({ kind: "person", id: a.id, roles: a.roles });
export const ORCHESTRATOR_ACTOR: GateActor = { kind: "orchestrator" };

/** How the person stands to what they want to change. */
export interface Relations {
  /** They requested the change being deployed, or the change whose deployment the alias now serves. */
  requester: boolean;
  /** They are the service's on-call engineer. */
  onCall: boolean;
  /** A CI token whose scope includes the service. */
  inTokenScope?: boolean;
}

// Who may ask for each action: a permission that reaches anything, or a permission plus a relation.
// The orchestrator's own actions are not a person's to ask for.
// A pipeline (CI token) may start a ready change's deployment on a service in its scope, as a pipeline
// stage after approval does; readiness (the approval matrix, gates, window, freeze) decides the rest.
const WHO: Record<ProductionAction, { any?: Permission; own?: { permission: Permission; via: (keyof Relations)[] }; orchestrator?: true; ci?: true; words: string }> = {
  DEPLOY_START: {
    any: "deploy:start-any",
    own: { permission: "deploy:start", via: ["requester"] },
    ci: true,
    words: "Only the change's requester, an SRE, an admin or a CI token scoped to its service may start its deployment.",
  },
  PROMOTE: { any: "deploy:promote-any", own: { permission: "deploy:start", via: ["requester"] }, words: "Only the change's requester or an SRE may promote a deployment (it skips the watching that protects users)." },
  PAUSE: { any: "deploy:control", own: { permission: "deploy:start", via: ["requester"] }, words: "Pausing a deployment is limited to its requester, engineers, SREs and admins." },
  RESUME: { any: "deploy:control", own: { permission: "deploy:start", via: ["requester"] }, words: "Resuming a deployment is limited to its requester, engineers, SREs and admins." },
  ABORT: { any: "deploy:control", own: { permission: "deploy:start", via: ["requester"] }, words: "Aborting a deployment is limited to its requester, engineers, SREs and admins." },
  MANUAL_ROLLBACK: {
    any: "deploy:rollback-any",
    own: { permission: "deploy:rollback", via: ["requester", "onCall"] },
    words: "Rolling back is limited to the requester of the change the alias serves, the service's on-call engineer, SREs and admins.",
  },
  TRAFFIC_STEP: { orchestrator: true, words: "Traffic steps are taken by the orchestrator of a running deployment." },
  AUTO_ROLLBACK: { orchestrator: true, words: "Automatic rollbacks are taken by the orchestrator of a running deployment." },
  FLAG_APPLY: { any: "deploy:start-any", own: { permission: "deploy:start", via: ["requester"] }, words: "Only the flag change's requester, an SRE or an admin may apply it." },
  // The same people who may roll an alias back: the requester of the change the flag serves, the service's on-call engineer, SREs, admins.
  FLAG_KILL: {
    any: "deploy:rollback-any",
    own: { permission: "deploy:rollback", via: ["requester", "onCall"] },
    words: "The kill switch is for the requester of the flag's last change, the service's on-call engineer, SREs and admins.",
  },
};

/** Whether this actor may ask for this action at all (before any evidence): the buttons' predicate. */
export function mayRequest(action: ProductionAction, actor: GateActor, relations: Relations = { requester: false, onCall: false }): boolean {
  const who = WHO[action];
  if (actor.kind === "orchestrator") return who.orchestrator === true;
  if (actor.kind === "ci") return who.ci === true && relations.inTokenScope === true;
  if (who.any && can(actor, who.any)) return true;
  return Boolean(who.own && can(actor, who.own.permission) && who.own.via.some((r) => relations[r]));
}

export const whoMayText = (action: ProductionAction) => WHO[action].words;

/** Refused: `forbidden` when the actor may not ask at all (403), otherwise the evidence falls short (409). */
/** `drift`: the alias was changed outside Changegate (what it routes now): stop, never overwrite. */
export type Decision = { allowed: true; adoptRevisionId?: string } | { allowed: false; forbidden: boolean; reasons: string[]; drift?: string };

/** What a target serves now: its version (a Lambda version, an ECS task definition), whether it is mid-change, its revision. */
export interface LiveTarget {
  version: string;
  splitting: boolean;
  revision: string;
}

/** A deployment holding its alias, as the gate needs it. */
export interface RunningDeployment {
  id: string;
  crState: string | null;
  state: string;
  abortRequested: boolean;
  fromVersion: string;
  toVersion: string;
  /** The RevisionId of Changegate's last write (or of the read the deployment started from). */
  recordedRevisionId: string | null;
}

export type ProductionChange =
  | {
      action: "DEPLOY_START";
      relations: Relations;
      readiness: Readiness;
      targetVersion: string;
      /** The code's identity pinned at submission (a Lambda version's CodeSha256, an ECS task definition's ARN), and what AWS reports now. */
      code: { pinned: string | null; live: string | null };
      /** What the target serves now, and whether it is already mid-change (an alias splitting traffic, an ECS rollout in progress). */
      live: { version: string; splitting: boolean };
      /** Lambda targets are published versions; ECS targets task definition revisions ("family:revision"). */
      targetKind?: "LAMBDA" | "ECS";
    }
  | {
      action: "TRAFFIC_STEP" | "AUTO_ROLLBACK";
      deployment: RunningDeployment;
      /** What the target (an alias, a flag's parameter) holds now: its revision, whether that is exactly what this step writes, in words. */
      target: { revision: string; holdsIntended: boolean; describe: string };
    }
  | {
      action: "PROMOTE" | "PAUSE" | "RESUME" | "ABORT";
      relations: Relations;
      /** `selfRolling`: ECS rolls out by itself after one update and cannot be paused part way. */
      deployment: { state: string; paused: boolean; selfRolling?: boolean };
    }
  | {
      action: "FLAG_APPLY";
      relations: Relations;
      readiness: Readiness;
      /** The SSM version the change was decided against, and the one the parameter has now. */
      base: { pinned: number | null; live: number | null };
      /** A rollout already holds the flag. */
      rolloutRunning: boolean;
    }
  | { action: "FLAG_KILL"; relations: Relations; reason: string; alreadyOff: boolean }
  | {
      action: "MANUAL_ROLLBACK";
      relations: Relations;
      live: LiveTarget;
      targetVersion: string;
      reason: string;
      knownGood: readonly KnownGoodVersion[];
      /** Another deployment holds the alias: abort that instead. */
      deploymentRunning: boolean;
    };

const PUBLISHED = /^\d+$/;
const TASK_DEFINITION = /^[A-Za-z0-9_-]{1,255}:\d+$/;
const ACTIVE_STATES = ["PENDING", "PRE_TRAFFIC", "SHIFTING", "POST_TRAFFIC", "VALIDATING", "ROLLING_BACK"];

export function decideProductionChange(actor: GateActor, change: ProductionChange): Decision {
  const reasons: string[] = [];
  const relations = "relations" in change ? change.relations : undefined;
  const forbidden = !mayRequest(change.action, actor, relations);
  if (forbidden) reasons.push(WHO[change.action].words);
  let adopt: string | undefined;
  let drift: string | undefined;

  switch (change.action) {
    case "DEPLOY_START": {
      if (!change.readiness.ready) reasons.push(...change.readiness.missing.map((m) => m.message));
      reasons.push(...targetReasons(change.targetVersion, change.code, change.targetKind));
      const { live } = change;
      if (live.splitting) reasons.push(change.targetKind === "ECS" ? "the ECS service is already rolling out; wait for it to finish" : "the alias is already splitting traffic; finish or roll that back first");
      else if (live.version === change.targetVersion) reasons.push(`it already serves ${change.targetVersion}`);
      break;
    }
    case "TRAFFIC_STEP":
    case "AUTO_ROLLBACK": {
      const d = change.deployment;
      if (!ACTIVE_STATES.includes(d.state)) reasons.push("the deployment has ended");
      if (change.action === "TRAFFIC_STEP") {
        if (d.abortRequested) reasons.push("the deployment was aborted");
        if (d.state === "ROLLING_BACK") reasons.push("the deployment is rolling back");
        if (d.crState !== null && d.crState !== "DEPLOYING") reasons.push(`its change is no longer deploying (${(CR_STATE_LABELS[d.crState as CrState] ?? d.crState).toLowerCase()})`);
      }
      const owner = writeOwnership(change.target.revision, d.recordedRevisionId, change.target.holdsIntended);
      if (owner.kind === "foreign") {
        drift = change.target.describe;
        reasons.push(`it was changed outside Changegate (it now holds ${change.target.describe})`);
      }
      if (owner.kind === "adopted") adopt = owner.revisionId;
      break;
    }
    case "PROMOTE":
    case "PAUSE":
    case "RESUME":
    case "ABORT": {
      const d = change.deployment;
      if (!ACTIVE_STATES.includes(d.state)) reasons.push(`the deployment has already ended (${deploymentStateLabel(d.state).toLowerCase()})`);
      else if (d.state === "ROLLING_BACK" && change.action !== "ABORT") reasons.push("the deployment is rolling back");
      if ((change.action === "PAUSE" || change.action === "RESUME") && d.selfRolling) reasons.push("ECS cannot pause a rolling update; abort it to roll back");
      // ECS sets a rolling update's pace: promoting mid-rollout would call it done while old tasks still serve.
      else if (change.action === "PROMOTE" && d.selfRolling && d.state !== "VALIDATING") reasons.push("ECS sets the pace of a rolling update; promote can cut short only the watch after it completes");
      else if (change.action === "PAUSE" && d.paused) reasons.push("the deployment is already paused");
      if (change.action === "RESUME" && !d.paused) reasons.push("the deployment is not paused");
      break;
    }
    case "MANUAL_ROLLBACK":
      reasons.push(...rollbackReasons(change));
      break;
    case "FLAG_APPLY":
      if (!change.readiness.ready) reasons.push(...change.readiness.missing.map((m) => m.message));
      if (change.rolloutRunning) reasons.push("a rollout of this flag is running; wait for it or abort it");
      if (change.base.pinned === null) reasons.push("the flag's state was never pinned; resubmit the change");
      else if (change.base.live !== change.base.pinned) {
        reasons.push(`the flag changed since this change was approved (parameter version ${change.base.pinned}, now ${change.base.live ?? "deleted"}); resubmit it against what the flag is now`);
      }
      break;
    case "FLAG_KILL":
      if (change.reason.trim().length === 0) reasons.push("say why you turn the flag off");
      if (change.alreadyOff) reasons.push("the flag is already off");
      break;
  }
  if (reasons.length > 0) return drift ? { allowed: false, forbidden, reasons, drift } : { allowed: false, forbidden, reasons };
  return adopt ? { allowed: true, adoptRevisionId: adopt } : { allowed: true };
}

/** A deploy target must be immutable code that is exactly what gates and approvals saw. */
export function targetReasons(version: string, code: { pinned: string | null; live: string | null }, kind: "LAMBDA" | "ECS" = "LAMBDA"): string[] {
  if (kind === "ECS" && !TASK_DEFINITION.test(version)) return [`${version || "nothing"} is not a task definition revision ("family:revision")`];
  if (kind === "LAMBDA" && !PUBLISHED.test(version)) return [`${version} is not a published version: $LATEST can change after approval, so publish a version and target it`];
  if (code.live === null) return [`version ${version} does not exist; publish it or change the change request's target`];
  if (code.pinned === null) return [`the code of version ${version} was never pinned; resubmit the change`];
  if (code.pinned !== code.live) {
    return [`version ${version}'s code changed since it was approved (pinned ${code.pinned.slice(0, 12)}…, now ${code.live.slice(0, 12)}…); resubmit the change`];
  }
  return [];
}

function rollbackReasons(change: Extract<ProductionChange, { action: "MANUAL_ROLLBACK" }>): string[] {
  const reasons: string[] = [];
  if (change.reason.trim().length === 0) reasons.push("say why you roll back");
  if (change.deploymentRunning) reasons.push("a deployment is running on this alias: abort it from its page instead (that rolls it back)");
  const { live, targetVersion } = change;
  if (!live.splitting && live.version === targetVersion) reasons.push(`it already serves ${targetVersion}`);
  else if (!change.knownGood.some((k) => k.version === targetVersion)) {
    reasons.push(`${targetVersion} was never live here with a successful deployment, so moving to it is a deploy: file a change request`);
  }
  return reasons;
}

/** The versions a rollback may go to now: known-good and not what the target already serves alone. */
export function rollbackTargets(live: Pick<LiveTarget, "version" | "splitting">, knownGood: readonly KnownGoodVersion[]): KnownGoodVersion[] {
  return knownGood.filter((k) => live.splitting || k.version !== live.version);
}
