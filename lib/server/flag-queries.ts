import "server-only";
// Read models of the flag list and the flags a CR touches. Cold paths (a few rows per page): the ORM;
// flagsOfService, on every CR page, reads on the pg pool.
import { db, readDb } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { flagLockKey } from "./apply-flag-change";

export const FLAG_PAGE_SIZE = 25;

export interface FlagListQuery {
  q?: string;
  serviceId?: string;
  environment?: string;
  page?: number;
}

const listSelect = {
  id: true,
  name: true,
  environment: true,
  parameterName: true,
  description: true,
  risk: true,
  enabled: true,
  percentage: true,
  allowlist: true,
  updatedAt: true,
  service: { select: { id: true, name: true } },
  owner: { select: { name: true } },
} satisfies Prisma.FeatureFlagSelect;

/** One page of flags, filtered by service, environment and a name search, newest changes first. */
export async function listFlags(query: FlagListQuery) {
  const where: Prisma.FeatureFlagWhereInput = {
    archived: false,
    ...(query.serviceId ? { serviceId: query.serviceId } : {}),
    ...(query.environment ? { environment: query.environment } : {}),
    ...(query.q?.trim() ? { name: { contains: query.q.trim(), mode: "insensitive" } } : {}),
  };
  const total = await db.featureFlag.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / FLAG_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pageCount);
  const [rows, running] = await Promise.all([
    db.featureFlag.findMany({ where, select: listSelect, orderBy: [{ service: { name: "asc" } }, { name: "asc" }], skip: (page - 1) * FLAG_PAGE_SIZE, take: FLAG_PAGE_SIZE }),
    db.deployment.findMany({ where: { kind: "FLAG_ROLLOUT", activeLock: { not: null } }, select: { id: true, flagId: true } }),
  ]);
  const rolling = new Map(running.map((d) => [d.flagId, d.id]));
  return { rows: rows.map((r) => ({ ...r, rolloutId: rolling.get(r.id) ?? null })), total, page, pageCount };
}
export type FlagListRow = Awaited<ReturnType<typeof listFlags>>["rows"][number];

/** The register form's choices: services of the registry. */
export async function flagFormServices() {
  return db.service.findMany({ where: { archived: false }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/**
 * The flags of a service with their state, for a code CR of that service. On every CR page (a hot,
 * benchmarked path, issue 12): read on the pg pool, not through the ORM's query compiler (two ORM
 * reads were ~7 % of the page's CPU), and the running rollouts only when the service has flags.
 */
export async function flagsOfService(serviceId: string) {
  const flags = await readDb
    .selectFrom("FeatureFlag")
    .select(["id", "name", "environment", "enabled", "percentage", "allowlist"])
    .where("serviceId", "=", serviceId)
    .where("archived", "=", false)
    .orderBy("name")
    .limit(50)
    .execute();
  if (flags.length === 0) return [];
  const running = await readDb.selectFrom("Deployment").select("flagId").where("activeLock", "in", flags.map((f) => flagLockKey(f.id))).execute();
  const rolling = new Set(running.map((d) => d.flagId));
  return flags.map((f) => ({ ...f, rollingOut: rolling.has(f.id) }));
}
