import "server-only";
// Pause, resume, promote-now and abort. They only set a flag on the row (conditionally on the
// deployment still running) and poke the queue; the orchestrator's next tick acts on the flag, so a
// control never races the runner for the alias.
import { db } from "@/lib/db";
import { hasRole, type Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/generated/prisma/client";
import { kickDeployment } from "@/lib/deploy/queue";
import { AppError } from "@/lib/errors";
import { auditActor, writeAudit } from "./audit";
import { TERMINAL_DEPLOYMENT_STATES } from "./deployment-progress";
import { assertCan } from "./guard";

export type DeploymentControl = "pause" | "resume" | "promote" | "abort";

const EFFECT: Record<DeploymentControl, { data: Prisma.DeploymentUpdateManyMutationInput; event: string; verb: string }> = {
  pause: { data: { paused: true }, event: "PAUSED", verb: "paused the deployment (gates are still watched)" },
  resume: { data: { paused: false }, event: "RESUMED", verb: "resumed the deployment" },
  promote: { data: { promoteNow: true, paused: false }, event: "PROMOTED", verb: "promoted the deployment: remaining waits skipped" },
  abort: { data: { abortRequested: true }, event: "ABORT_REQUESTED", verb: "aborted the deployment: rolling back" },
};

export async function controlDeployment(actor: Actor, deploymentId: string, control: DeploymentControl, opts: { enqueue?: boolean } = {}) {
  assertCan(actor, "deploy:control", "Pausing, promoting or aborting a deployment is limited to engineers, SREs and admins.");
  const d = await db.deployment.findUnique({ where: { id: deploymentId } });
  if (!d) throw new AppError("NOT_FOUND", "Deployment not found.");
  if (TERMINAL_DEPLOYMENT_STATES.includes(d.state)) throw new AppError("ILLEGAL_TRANSITION", `The deployment has already ended (${d.state.toLowerCase().replace("_", " ")}).`);
  // Promote skips the watching that protects users; only the person who owns the change or an SRE decides that.
  if (control === "promote" && d.requesterId !== actor.id && !hasRole(actor, "SRE")) {
    throw new AppError("FORBIDDEN", "Only the change's requester or an SRE may promote a deployment.");
  }
  if (control === "pause" && d.paused) throw new AppError("CONFLICT", "The deployment is already paused.");
  if (control === "resume" && !d.paused) throw new AppError("CONFLICT", "The deployment is not paused.");
  if (d.state === "ROLLING_BACK" && control !== "abort") throw new AppError("ILLEGAL_TRANSITION", "The deployment is rolling back.");
  const effect = EFFECT[control];
  await db.$transaction(async (tx) => {
    const { count } = await tx.deployment.updateMany({ where: { id: d.id, state: { notIn: [...TERMINAL_DEPLOYMENT_STATES] } }, data: effect.data });
    if (count === 0) throw new AppError("STALE", "The deployment ended a moment ago.");
    await tx.deploymentEvent.create({ data: { deploymentId: d.id, kind: effect.event, message: `${actor.name} ${effect.verb}` } });
    await writeAudit(tx, { actor: auditActor(actor), action: `deployment.${control}`, entityType: "Deployment", entityId: d.id, crId: d.crId });
  });
  if (opts.enqueue !== false) await kickDeployment(d.id);
}

export const pauseDeployment = (a: Actor, id: string) => controlDeployment(a, id, "pause");
export const resumeDeployment = (a: Actor, id: string) => controlDeployment(a, id, "resume");
export const promoteDeployment = (a: Actor, id: string) => controlDeployment(a, id, "promote");
export const abortDeployment = (a: Actor, id: string) => controlDeployment(a, id, "abort");
