import "server-only";
// What a deployment tells people, written in the transaction that starts or ends it: its requester,
// the service's on-call engineer and the service's Slack channel (lib/domain/notification-events.ts).
import type { Deployment, DeploymentOutcome } from "@/generated/prisma/client";
import { sql } from "kysely";
import { inTx, readDb, type Tx } from "@/lib/db";
import type { NotificationEvent } from "@/lib/domain/notification-events";
import { strategyWords } from "@/lib/domain/strategy-names";
import type { MessageAction } from "@/lib/notify/types";
import { notify } from "./notify";

// One plain-SQL read (not three ORM reads): it runs inside every deployment's start and end.
async function subject(tx: Tx, d: Deployment) {
  const [row] = await inTx(
    tx,
    readDb
      .selectFrom(readDb.selectNoFrom(sql.lit(1).as("x")).as("one"))
      .leftJoin("Service as s", (j) => j.on("s.id", "=", d.serviceId))
      .leftJoin("ChangeRequest as c", (j) => j.on("c.id", "=", d.crId))
      .leftJoin("FeatureFlag as f", (j) => j.on("f.id", "=", d.flagId))
      .select(["s.name as service", "s.onCallUserId", "c.number as crNumber", "c.requesterId", "f.name as flag"]),
  );
  const what = row?.flag ? `flag ${row.flag}` : `${row?.service ?? d.functionName} ${d.toVersion}`;
  return { what: row?.crNumber ? `${row.crNumber}: ${what}` : what, onCallUserId: row?.onCallUserId ?? null, requesterId: row?.crNumber ? row.requesterId : d.requesterId };
}

const ENDED: Record<DeploymentOutcome, NotificationEvent> = { SUCCEEDED: "deployment.succeeded", ROLLED_BACK: "deployment.rolled-back", FAILED: "deployment.failed" };

export async function notifyDeploymentEnded(tx: Tx, d: Deployment, outcome: DeploymentOutcome, o: { reason: string | null; drift: boolean }) {
  const s = await subject(tx, d);
  const event: NotificationEvent = o.drift ? "deployment.drift" : ENDED[outcome];
  const title = {
    "deployment.succeeded": `Deployed ${s.what}`,
    "deployment.rolled-back": `Rolled back ${s.what}`,
    "deployment.failed": `Deployment of ${s.what} failed`,
    "deployment.drift": `Changed outside Changegate: ${s.what} stopped`,
  }[event as "deployment.succeeded"];
  // A deployed code change offers its rollback from the message (the production gate decides, as on the page).
  const actions: MessageAction[] = outcome === "SUCCEEDED" && d.kind === "DEPLOY" ? [{ kind: "rollback", serviceId: d.serviceId, deploymentId: d.id }, { kind: "open" }] : [{ kind: "open" }];
  await notify(tx, {
    event,
    key: d.id,
    title,
    body: o.reason ?? (outcome === "SUCCEEDED" ? `${d.functionName} now serves ${d.toVersion}.` : `Ended ${outcome.toLowerCase().replace("_", " ")}.`),
    href: `/deployments/${d.id}`,
    crId: d.crId,
    deploymentId: d.id,
    serviceId: d.serviceId,
    actorId: null,
    requesterId: s.requesterId,
    onCallUserId: s.onCallUserId,
    actions,
  });
}

export async function notifyDeploymentStarted(tx: Tx, d: Deployment, actorId: string | null) {
  const s = await subject(tx, d);
  await notify(tx, {
    event: "deployment.started",
    key: d.id,
    title: `Deploying ${s.what}`,
    body: `${d.functionName}:${d.alias} moves from ${d.fromVersion} to ${d.toVersion} (${strategyWords(d.strategy)}).`,
    href: `/deployments/${d.id}`,
    crId: d.crId,
    deploymentId: d.id,
    serviceId: d.serviceId,
    actorId,
    requesterId: s.requesterId,
    onCallUserId: s.onCallUserId,
    actions: [{ kind: "open" }],
  });
}

/** A rollback by hand, once it is done: who did it and why, to the reverted change's requester and on-call. */
export async function notifyManualRollback(tx: Tx, rollback: Deployment, by: string) {
  const s = await subject(tx, rollback);
  await notify(tx, {
    event: "deployment.manual-rollback",
    key: rollback.id,
    title: `${by} rolled back ${s.what.replace(` ${rollback.toVersion}`, "")} to ${rollback.toVersion}`,
    body: rollback.reason ?? "",
    href: `/deployments/${rollback.revertsDeploymentId ?? rollback.id}`,
    crId: rollback.crId,
    deploymentId: rollback.id,
    serviceId: rollback.serviceId,
    actorId: rollback.startedById,
    requesterId: s.requesterId,
    onCallUserId: s.onCallUserId,
    actions: [{ kind: "open" }],
  });
}
