import "server-only";
// What the CR page shows of a flag change: the flag, from → to, the rollout plan, and its apply block
// (the production gate's own predicates decide the button; applyFlagChange asks the whole gate again).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { describeFlag, rolloutSteps, type FlagConfig, type FlagTarget } from "@/lib/domain/flag-config";
import { mayRequest, person, whoMayText } from "@/lib/domain/production-gate";
import { getPageReadiness } from "./change-readiness";

export async function getFlagChangeView(cr: { id: string; flagId: string | null; flagTarget: unknown; flagBaseVersion: number | null }) {
  if (!cr.flagId) return null;
  const [flag, rollout] = await Promise.all([
    db.featureFlag.findUnique({ where: { id: cr.flagId }, select: { id: true, name: true, parameterName: true, enabled: true, percentage: true, allowlist: true, stickiness: true } }),
    db.deployment.findFirst({ where: { crId: cr.id, kind: "FLAG_ROLLOUT" }, orderBy: { startedAt: "asc" }, select: { flagFrom: true } }),
  ]);
  if (!flag) return null;
  const target = cr.flagTarget as FlagTarget;
  // Before it is applied the change starts from what the flag is now (the pin refuses anything else).
  const from = (rollout?.flagFrom as FlagConfig | null) ?? { enabled: flag.enabled, percentage: flag.percentage, allowlist: flag.allowlist };
  return {
    flag: { id: flag.id, name: flag.name, parameterName: flag.parameterName, stickiness: flag.stickiness },
    from: describeFlag(from),
    to: describeFlag(target),
    addedIds: target.allowlist.filter((id) => !from.allowlist.includes(id)),
    steps: rolloutSteps(target),
    baseVersion: cr.flagBaseVersion,
  };
}
export type FlagChangeView = NonNullable<Awaited<ReturnType<typeof getFlagChangeView>>>;

export async function getFlagApplyPanel(actor: Actor, cr: { id: string; requesterId: string }) {
  const [{ readiness }, rollouts] = await Promise.all([
    getPageReadiness(cr.id),
    db.deployment.findMany({ where: { crId: cr.id }, orderBy: { startedAt: "desc" }, take: 5, select: { id: true, state: true, toVersion: true } }),
  ]);
  const may = mayRequest("FLAG_APPLY", person(actor), { requester: cr.requesterId === actor.id, onCall: false });
  const reasons = readiness.ready ? [] : readiness.missing.map((m) => m.message);
  if (!may) reasons.push(whoMayText("FLAG_APPLY"));
  return { canApply: readiness.ready && may, reasons, warnings: readiness.warnings.map((w) => w.message), rollouts };
}
