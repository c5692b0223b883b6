import "server-only";
// What Changegate records after it wrote a flag's parameter, or found it changed by someone else: the
// flag row follows what SSM holds (with the version of our write), and its history gains the entry.
import { db, type Tx } from "@/lib/db";
import type { FlagWrite } from "@/lib/deploy";
import { writeAudit, type AuditActor } from "./audit";
import { notify } from "./notify";

export const FLAG_ORCHESTRATOR: AuditActor = { id: null, label: "orchestrator" };

export async function recordFlagWrite(w: FlagWrite) {
  const actor = w.actor ?? FLAG_ORCHESTRATOR;
  await db.$transaction(async (tx) => {
    const before = await tx.featureFlag.findUniqueOrThrow({ where: { id: w.flagId } });
    await tx.featureFlag.update({
      where: { id: w.flagId },
      data: { enabled: w.config.enabled, percentage: w.config.percentage, allowlist: w.config.allowlist, parameterVersion: w.version },
    });
    const was = { enabled: before.enabled, percentage: before.percentage, allowlist: before.allowlist };
    await tx.flagChange.create({
      data: {
        flagId: w.flagId,
        kind: w.kind,
        actorId: actor.id,
        actorLabel: actor.label,
        before: was,
        after: { ...w.config },
        reason: w.reason ?? null,
        crId: w.crId ?? null,
        deploymentId: w.deploymentId ?? null,
        parameterVersion: w.version,
      },
    });
    await writeAudit(tx, { actor, action: `flag.${w.kind.toLowerCase()}`, entityType: "FeatureFlag", entityId: w.flagId, crId: w.crId ?? null, before: was, after: { ...w.config, parameterVersion: w.version } });
    if (w.kind === "KILLED") await notifyFlag(tx, before, "flag.killed", `killed-${w.version}`, `Flag ${before.name} switched off by ${actor.label}`, w.reason ?? "", actor.id);
  });
}

/** The flag's owner, the service's on-call engineer and its channel hear of a kill or a change made outside Changegate. */
async function notifyFlag(tx: Tx, flag: { id: string; name: string; ownerId: string; serviceId: string }, event: "flag.killed" | "deployment.drift", key: string, title: string, body: string, actorId: string | null) {
  const service = await tx.service.findUnique({ where: { id: flag.serviceId }, select: { onCallUserId: true } });
  await notify(tx, { event, key: `${flag.id}:${key}`, title, body, href: `/flags/${flag.id}`, serviceId: flag.serviceId, actorId, flagOwnerId: flag.ownerId, requesterId: flag.ownerId, onCallUserId: service?.onCallUserId ?? null, actions: [{ kind: "open" }] });
}

/** Someone changed the flag's parameter outside Changegate: recorded once per version seen. */
export async function recordFlagDrift(flagId: string, found: { version: number | null; describe: string }, deploymentId?: string | null) {
  const seen = await db.flagChange.findFirst({ where: { flagId, kind: "DRIFT", parameterVersion: found.version } });
  if (seen) return;
  await db.$transaction(async (tx) => {
    await tx.flagChange.create({
      data: { flagId, kind: "DRIFT", actorLabel: "changed outside Changegate", after: { holds: found.describe }, parameterVersion: found.version, deploymentId: deploymentId ?? null },
    });
    await writeAudit(tx, { actor: FLAG_ORCHESTRATOR, action: "flag.drift", entityType: "FeatureFlag", entityId: flagId, after: { holds: found.describe, parameterVersion: found.version } });
    const flag = await tx.featureFlag.findUniqueOrThrow({ where: { id: flagId } });
    await notifyFlag(tx, flag, "deployment.drift", `drift-${found.version}`, `Flag ${flag.name} was changed outside Changegate`, `Its parameter now holds ${found.describe}.`, null);
  });
}
