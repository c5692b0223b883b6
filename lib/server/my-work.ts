import "server-only";
// "My work": what awaits one person (lib/domain/my-work.ts decides from the candidates), the
// readiness of their approved changes (THE readiness check), their live deployments and flag
// rollouts, and recent rollbacks of their changes. The navigation's counts come from one SQL read.
import { cache } from "react";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "kysely";
import { readDb } from "@/lib/db";
import { workCount, workItems, type LiveDeployment, type WorkCr, type WorkItem } from "@/lib/domain/my-work";
import type { Readiness } from "@/lib/domain/readiness";
import { TERMINAL_DEPLOYMENT_STATES, type DeploymentState } from "@/lib/domain/vocabulary";
import { getChangeReadiness } from "./change-readiness";
import { loadWorkCandidates } from "./my-work-sql";
import { getActivePolicy } from "./policy-store";
import { deploymentEndedExpr } from "./rules-sql";

/** How long a finished rollback of one's change stays on the page. */
export const ROLLBACKS_SHOWN_DAYS = 7;

/** The candidate changes with their policies, and the unread count: what both the count and the list decide from. */
async function candidatesAt(actor: Actor, now: Date): Promise<{ unread: number; crs: WorkCr[]; now: Date }> {
  const { unread, candidates } = await loadWorkCandidates(actor, now);
  const fallback = candidates.some((c) => !c.policy) ? (await getActivePolicy()).policy : null;
  const crs: WorkCr[] = candidates.map((c) => ({ ...c, policy: c.policy ?? fallback! }));
  return { unread, crs, now };
}

// The layout's counts and the My work page ask in the same request: one read serves both.
const candidatesNow = cache((actor: Actor) => candidatesAt(actor, new Date()));

async function awaiting(actor: Actor, at?: Date): Promise<{ unread: number; items: WorkItem[] }> {
  const { unread, crs, now } = await (at ? candidatesAt(actor, at) : candidatesNow(actor));
  return { unread, items: workItems(actor, crs, now) };
}

/**
 * The navigation's two numbers: things awaiting the person, unread inbox entries. One SQL read; the
 * number is workItems' count (workCount), without the items' words every page would not show.
 */
export const navCounts = cache(async (actor: Actor, at?: Date) => {
  const { unread, crs, now } = await (at ? candidatesAt(actor, at) : candidatesNow(actor));
  return { work: workCount(actor, crs, now), unread };
});

const ended = (d: Pick<LiveDeployment, "state">) => TERMINAL_DEPLOYMENT_STATES.includes(d.state as DeploymentState);

/** Deployments and flag rollouts of the person's changes (or started by them): running, and recently rolled back. */
async function myDeployments(actor: Actor, now: Date) {
  const since = new Date(now.getTime() - ROLLBACKS_SHOWN_DAYS * 86_400_000);
  // The person's deployments first, each way through its own index (one OR over joins read every
  // deployment and change: ~200 ms of database time per My work view at 300,000 deployments).
  const rows = await readDb
    .with("mine", (q) => q.selectFrom("Deployment as d").innerJoin("ChangeRequest as c", "c.id", "d.crId").select("d.id").where("c.requesterId", "=", actor.id)
      .union(q.selectFrom("Deployment as d").select("d.id").where("d.startedById", "=", actor.id))
      // A manual rollback names the deployment it took off: it is a rollback of that one's change.
      .union(q.selectFrom("Deployment as d").innerJoin("Deployment as r", "r.id", "d.revertsDeploymentId").innerJoin("ChangeRequest as rc", "rc.id", "r.crId")
        .select("d.id").where("rc.requesterId", "=", actor.id)))
    .selectFrom("mine")
    .innerJoin("Deployment as d", "d.id", "mine.id")
    .innerJoin("Service as s", "s.id", "d.serviceId")
    .leftJoin("FeatureFlag as f", "f.id", "d.flagId")
    .leftJoin("ChangeRequest as c", "c.id", "d.crId")
    .select(["d.id", "d.kind", "d.state", "d.fromVersion", "d.toVersion", "d.currentWeight", "d.paused", "d.startedAt", "d.finishedAt", "d.reason",
      "d.rollbackKind", "s.name as serviceName", "f.name as flagName", "c.id as crId", "c.number as crNumber"])
    .where((eb) => eb.or([
      eb.not(deploymentEndedExpr("d")),
      eb.and([eb.or([eb("d.state", "=", sql.lit("ROLLED_BACK")), eb("d.kind", "=", sql.lit("ROLLBACK"))]), eb("d.finishedAt", ">", since)]),
    ]))
    .orderBy("d.startedAt", "desc")
    .limit(sql.lit(50))
    .execute();
  const live = rows.filter((d) => !ended(d));
  return {
    deployments: live.filter((d) => d.kind !== "FLAG_ROLLOUT"),
    rollouts: live.filter((d) => d.kind === "FLAG_ROLLOUT"),
    rollbacks: rows.filter(ended),
  };
}

export interface ToDeploy {
  item: WorkItem;
  readiness: Readiness;
}

export async function myWork(actor: Actor, at?: Date) {
  const now = at ?? new Date();
  const [{ items }, deployments] = await Promise.all([awaiting(actor, at), myDeployments(actor, now)]);
  // An approved change is either ready to deploy or says what it lacks: THE readiness check decides.
  const toDeploy: ToDeploy[] = await Promise.all(
    items.filter((i) => i.kind === "TO_DEPLOY").map(async (item) => ({ item, readiness: (await getChangeReadiness(item.cr.id, now)).readiness })),
  );
  const of = (...kinds: WorkItem["kind"][]) => items.filter((i) => kinds.includes(i.kind));
  return {
    votes: of("VOTE"),
    ctoSignOffs: of("CTO_SIGN_OFF"),
    verbal: of("VERBAL"),
    retro: of("RETRO"),
    onCall: of("ON_CALL"),
    sentBack: of("CHANGES_REQUESTED", "REJECTED"),
    toDeploy,
    ...deployments,
    count: items.length,
  };
}
export type MyWork = Awaited<ReturnType<typeof myWork>>;
