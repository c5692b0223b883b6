import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { InferResult } from "kysely";
import { db, readDb, readOn, type Tx } from "@/lib/db";
import { DEFAULT_POLICY, parsePolicyOrThrow, type Policy } from "@/lib/domain/policy";
import { AppError } from "@/lib/errors";
import { auditActor, writeAudit } from "./audit";
import { assertCan } from "./guard";
import { isUniqueViolation } from "./prisma-errors";

export interface ActivePolicy {
  id: string;
  version: number;
  policy: Policy;
  createdAt: Date;
  note: string | null;
}

// A version never changes once saved, so its parsed policy can be kept by id: the readiness API
// asks for it on every pipeline call, and parsing the whole policy with zod each time dominated it.
const parsedById = new Map<string, Policy>();
const PARSED_CACHE_LIMIT = 100;

/** The latest policy version, the columns that make an ActivePolicy. */
export const latestPolicySql = () =>
  readDb.selectFrom("PolicyVersion").select(["id", "version", "body", "createdAt", "note"]).orderBy("version", "desc").limit(1);
export type PolicyVersionRow = InferResult<ReturnType<typeof latestPolicySql>>[number];

function parsedPolicy(row: PolicyVersionRow): Policy {
  const cached = parsedById.get(row.id);
  if (cached) return cached;
  // Stored bodies were validated when saved; parsing again keeps a hand-edited row from slipping through.
  const policy = parsePolicyOrThrow(row.body);
  if (parsedById.size >= PARSED_CACHE_LIMIT) parsedById.clear();
  parsedById.set(row.id, policy);
  return policy;
}

export const activePolicyOf = (row: PolicyVersionRow): ActivePolicy => ({
  id: row.id,
  version: row.version,
  policy: parsedPolicy(row),
  createdAt: row.createdAt,
  note: row.note,
});

/** Parsed policies of these versions by id: those kept in memory, the rest in one read. */
export async function parsedPoliciesById(ids: string[]): Promise<Map<string, Policy>> {
  const out = new Map<string, Policy>();
  for (const id of ids) {
    const kept = parsedById.get(id);
    if (kept) out.set(id, kept);
  }
  const missing = [...new Set(ids.filter((id) => !out.has(id)))];
  if (missing.length > 0) {
    const rows = await readDb.selectFrom("PolicyVersion").select(["id", "version", "body", "createdAt", "note"]).where("id", "in", missing).execute();
    for (const row of rows) out.set(row.id, parsedPolicy(row));
  }
  return out;
}

/**
 * The policy in force: the latest version. A fresh database has none, so version 1 is created from
 * the seed's table. ON CONFLICT DO NOTHING (skipDuplicates) keeps concurrent first calls, even
 * inside other transactions, from failing on the unique version number.
 */
export async function getActivePolicy(tx: Tx | typeof db = db): Promise<ActivePolicy> {
  // Plain SQL: most pages ask for the policy in force, and the ORM read cost several times the CPU.
  const [latest] = await readOn(tx, latestPolicySql());
  if (latest) return activePolicyOf(latest);
  await tx.policyVersion.createMany({
    data: [{ version: 1, body: DEFAULT_POLICY as object, note: "Default policy (the seed's approval matrix)" }],
    skipDuplicates: true,
  });
  return activePolicyOf(await tx.policyVersion.findUniqueOrThrow({ where: { version: 1 } }));
}

/** The policy a CR is judged by: the version pinned at submission, else the one in force now. */
export async function policyForChange(policyVersionId: string | null, tx: Tx | typeof db = db): Promise<ActivePolicy> {
  if (policyVersionId) {
    const row = await tx.policyVersion.findUnique({ where: { id: policyVersionId } });
    if (row) return activePolicyOf(row);
  }
  return getActivePolicy(tx);
}

export async function listPolicyVersions() {
  await getActivePolicy();
  const rows = await db.policyVersion.findMany({
    orderBy: { version: "desc" },
    take: 50,
    select: { id: true, version: true, note: true, createdAt: true, createdById: true, _count: { select: { changes: true } } },
  });
  const authors = await db.user.findMany({
    where: { id: { in: rows.map((r) => r.createdById).filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  });
  const names = new Map(authors.map((a) => [a.id, a.name]));
  return rows.map((r) => ({ ...r, createdBy: r.createdById ? (names.get(r.createdById) ?? "unknown") : "system", changes: r._count.changes }));
}

/**
 * Saves an edited policy as a NEW version; earlier versions stay, so CRs submitted under them keep
 * being judged by them. Refused (nothing written) unless the body is a complete, valid policy —
 * which includes an approval rule for every risk level.
 */
export async function savePolicy(actor: Actor, body: unknown, note: string | null | undefined): Promise<ActivePolicy> {
  assertCan(actor, "admin:policy", "Only admins edit the approval policy.");
  const policy = parsePolicyOrThrow(body);
  const trimmed = (note ?? "").trim().slice(0, 500) || null;
  // Two admins saving at once: the unique version number lets one win; the other is told to reload.
  try {
    return await db.$transaction(async (tx) => {
      const previous = await getActivePolicy(tx);
      const row = await tx.policyVersion.create({
        data: { version: previous.version + 1, body: policy as object, note: trimmed, createdById: actor.id },
      });
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: "policy.saved",
        entityType: "PolicyVersion",
        entityId: row.id,
        before: { version: previous.version, policy: previous.policy },
        after: { version: row.version, policy, note: trimmed },
      });
      return activePolicyOf(row);
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (isUniqueViolation(e)) {
      throw new AppError("CONFLICT", "Someone saved a new policy version a moment ago. Reload and apply your edit again.");
    }
    throw e;
  }
}
