import "server-only";
// Pause, resume, promote-now and abort. They only set a flag on the row (conditionally on the
// deployment still running) and poke the queue; the orchestrator's next tick acts on the flag, so a
// control never races the runner for the alias. Who may, and in which state, is the production gate's.
import { db, inTx, readDb } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/generated/prisma/client";
import { kickDeployment } from "@/lib/deploy";
import { decideProductionChange, person } from "@/lib/domain/production-gate";
import { AppError } from "@/lib/errors";
import { auditActor, writeAudit } from "./audit";
import { TERMINAL_DEPLOYMENT_STATES } from "@/lib/domain/vocabulary";

export type DeploymentControl = "pause" | "resume" | "promote" | "abort";

const EFFECT: Record<DeploymentControl, { action: "PAUSE" | "RESUME" | "PROMOTE" | "ABORT"; data: Prisma.DeploymentUpdateManyMutationInput; event: string; verb: string }> = {
  pause: { action: "PAUSE", data: { paused: true }, event: "PAUSED", verb: "paused the deployment (gates are still watched)" },
  resume: { action: "RESUME", data: { paused: false }, event: "RESUMED", verb: "resumed the deployment" },
  promote: { action: "PROMOTE", data: { promoteNow: true, paused: false }, event: "PROMOTED", verb: "promoted the deployment: remaining waits skipped" },
  abort: { action: "ABORT", data: { abortRequested: true }, event: "ABORT_REQUESTED", verb: "aborted the deployment: rolling back" },
};

interface Controlled {
  requesterId: string | null;
  state: string;
  paused: boolean;
  kind: string;
  service: { kind: string };
}

/** The production gate's answer for one control: the service asks it, and the page shows the button by it. */
export function decideControl(actor: Actor, d: Controlled, control: DeploymentControl) {
  return decideProductionChange(person(actor), {
    action: EFFECT[control].action,
    relations: { requester: d.requesterId === actor.id, onCall: false },
    deployment: { state: d.state, paused: d.paused, selfRolling: d.kind === "DEPLOY" && d.service.kind === "ECS" },
  });
}

export async function controlDeployment(actor: Actor, deploymentId: string, control: DeploymentControl, opts: { enqueue?: boolean } = {}) {
  const effect = EFFECT[control];
  await db.$transaction(async (tx) => {
    await inTx(tx, readDb.selectFrom("Deployment").select("id").where("id", "=", deploymentId).forUpdate());
    const d = await tx.deployment.findUnique({ where: { id: deploymentId }, include: { service: { select: { kind: true } } } });
    if (!d) throw new AppError("NOT_FOUND", "Deployment not found.");
    const decision = decideControl(actor, d, control);
    if (!decision.allowed) {
      const [first, ...rest] = decision.reasons;
      const message = decision.forbidden ? first! : `Cannot ${control} this deployment: ${[first, ...rest].join("; ")}.`;
      throw new AppError(decision.forbidden ? "FORBIDDEN" : TERMINAL_DEPLOYMENT_STATES.includes(d.state) ? "ILLEGAL_TRANSITION" : "CONFLICT", message);
    }
    await tx.deployment.update({ where: { id: d.id }, data: effect.data });
    await tx.deploymentEvent.create({ data: { deploymentId: d.id, kind: effect.event, message: `${actor.name} ${effect.verb}` } });
    await writeAudit(tx, { actor: auditActor(actor), action: `deployment.${control}`, entityType: "Deployment", entityId: d.id, crId: d.crId });
  });
  if (opts.enqueue !== false) await kickDeployment(deploymentId);
}

