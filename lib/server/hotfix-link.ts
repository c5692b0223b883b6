import "server-only";
// The hotfix link a CR carries (ChangeRequest.hotfixForDeploymentId): checked where a CR is written
// (form, emergency form, CI API), and offered on the form as a list of the service's recent
// deployments. The metrics read the link from the CR (delivery-metrics-sql.ts, "failure").
import type { NotNull } from "kysely";
import { db, readDb, type Tx } from "@/lib/db";
import { hotfixChoiceLabel, hotfixTargetError } from "@/lib/domain/hotfix-link";
import { localDateTime } from "@/lib/domain/local-time";
import { AppError } from "@/lib/errors";

/** Throws a VALIDATION error on `field` when the deployment cannot be the one a CR for the service fixes. */
export async function assertHotfixTarget(client: Tx | typeof db, serviceId: string, deploymentId: string | null | undefined, field = "hotfixForDeploymentId"): Promise<void> {
  if (!deploymentId) return;
  const target = await client.deployment.findUnique({ where: { id: deploymentId }, select: { serviceId: true, kind: true, outcome: true } });
  const error = hotfixTargetError(target, serviceId);
  if (error) throw new AppError("VALIDATION", `Please fix: ${error}`, { fields: { [field]: error } });
}

export interface HotfixChoice {
  id: string;
  label: string;
}

const PER_SERVICE = 15;

/**
 * The deployments a new CR may say it fixes, per service, newest finish first: the last
 * PER_SERVICE finished deployments of each (plus the one already linked, so an edit keeps it).
 */
export async function hotfixChoices(timeZone: string, keepId?: string | null): Promise<Record<string, HotfixChoice[]>> {
  const rows = await readDb
    .selectFrom((eb) =>
      eb.selectFrom("Deployment as d").leftJoin("ChangeRequest as c", "c.id", "d.crId")
        .select((e) => ["d.id", "d.serviceId", "d.toVersion", "d.outcome", "d.finishedAt", "c.number as crNumber",
          e.fn.agg<number>("row_number").over((o) => o.partitionBy("d.serviceId").orderBy("d.finishedAt", "desc").orderBy("d.id")).as("n")])
        .where("d.kind", "=", "DEPLOY").where("d.outcome", "is not", null).where("d.finishedAt", "is not", null)
        .as("r"))
    .select(["id", "serviceId", "toVersion", "outcome", "finishedAt", "crNumber"])
    .where((eb) => eb.or([eb("n", "<=", PER_SERVICE), eb("id", "=", keepId ?? "")]))
    .orderBy("finishedAt", "desc").orderBy("id")
    .$narrowType<{ outcome: NotNull; finishedAt: NotNull }>()
    .execute();
  const out: Record<string, HotfixChoice[]> = {};
  for (const r of rows) {
    (out[r.serviceId] ??= []).push({ id: r.id, label: hotfixChoiceLabel({ ...r, finishedLocal: localDateTime(r.finishedAt, timeZone) }) });
  }
  return out;
}
