import "server-only";
// Everything the readiness check reads, in one SQL statement. Pipelines call the readiness API on
// every run, and the ORM version (six queries with relations) cost about ten times the CPU.
// Timestamps inside the JSON parts carry their offset (the columns are timestamptz).
import { Prisma } from "@/generated/prisma/client";
import { db, readRows, type Tx } from "@/lib/db";
import { parseCrNumber } from "@/lib/domain/cr-number";
import { APPROVALS_JSON, approvalFromJson, type ApprovalJson } from "./approvals-sql";
import type { ReadinessCr, ReadinessInput } from "@/lib/domain/readiness";
import type { PolicyVersionRow } from "./policy-store";
import { aliasLockKeySql } from "./rules-sql";

type Json<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] extends Date | null | undefined ? string | null | undefined : T[K];
};

// The CR's own columns are what readiness judges it by (ReadinessCr), plus how pipelines name it.
interface RawRow extends ReadinessCr {
  number: string;
  serviceId: string;
  policy: Json<PolicyVersionRow> | null;
  approvals: ApprovalJson[];
  gateResults: Json<ReadinessInput["gateResults"][number]>[];
  incident: Json<NonNullable<ReadinessInput["incident"]>> | null;
  freezeWindows: Json<ReadinessInput["freezeWindows"][number]>[];
  deployment: { id: string; crId: string | null } | null;
}

const date = (s: string) => new Date(s);
/** The policy version a change was submitted under (a draft: the one in force), as JSON; `c` is the change. */
export const PINNED_POLICY_JSON = Prisma.sql`(SELECT json_build_object('id', pv.id, 'version', pv.version, 'body', pv.body, 'createdAt', pv."createdAt", 'note', pv.note)
         FROM "PolicyVersion" pv WHERE pv.id = c."policyVersionId" OR c."policyVersionId" IS NULL
         ORDER BY pv.id = c."policyVersionId" DESC NULLS LAST, pv.version DESC LIMIT 1)`;
/** A change's gate results as a JSON array; `c` is the change. */
export const GATE_RESULTS_JSON = Prisma.sql`COALESCE((SELECT json_agg(json_build_object('gate', g.gate, 'version', g.version, 'passed', g.passed, 'value', g.value,
          'createdAt', g."createdAt", 'reportedById', g."reportedById", 'codeSha256', g."codeSha256"))
         FROM "GateResult" g WHERE g."crId" = c.id), '[]')`;

const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));

/** `ref`: the CR's id, or its number (CR-2026-042) as pipelines name it. */
export async function loadReadinessRow(client: Tx | typeof db, ref: string, now: Date) {
  const n = parseCrNumber(ref);
  const query = Prisma.sql`
    SELECT c.id, c.number, c."serviceId", c.state::text AS state, c.risk::text AS risk, c."requesterId", c."approvalRound", c.emergency, c."targetVersion", c."targetCodeSha256", c."flagId", c."flagBaseVersion",
      c."onCallUserId", c."onCallConfirmedAt", c."windowStart", c."windowDurationMin", c."windowTimeZone",
      -- The version pinned at submission; before that (a draft), the version in force (the latest).
      ${PINNED_POLICY_JSON} AS policy,
      ${APPROVALS_JSON} AS approvals,
      ${GATE_RESULTS_JSON} AS "gateResults",
      (SELECT json_build_object('id', i.id, 'severity', i.severity, 'title', i.title, 'declaredAt', i."declaredAt",
          'resolvedAt', i."resolvedAt")
         FROM "Incident" i WHERE i.id = c."incidentId") AS incident,
      COALESCE((SELECT json_agg(json_build_object('name', f.name, 'startsAt', f."startsAt", 'endsAt', f."endsAt"))
         FROM "FreezeWindow" f WHERE f."startsAt" <= ${now}::timestamptz AND f."endsAt" > ${now}::timestamptz), '[]') AS "freezeWindows",
      -- An active deployment holds its alias's lock key (aliasLockKey) until it ends;
      -- a code change also waits for a running flag rollout on its service, as a flag waits for a deploy.
      (SELECT json_build_object('id', d.id, 'crId', d."crId", 'kind', d.kind::text) FROM "Deployment" d
         WHERE d."activeLock" = ${aliasLockKeySql("s")}
            OR (c."flagId" IS NULL AND d.kind = 'FLAG_ROLLOUT' AND d."serviceId" = s.id AND d."activeLock" IS NOT NULL)
         ORDER BY d.kind = 'FLAG_ROLLOUT' LIMIT 1) AS deployment
    FROM "ChangeRequest" c JOIN "Service" s ON s.id = c."serviceId"
    WHERE ${n ? Prisma.sql`c.year = ${n.year} AND c.seq = ${n.seq}` : Prisma.sql`c.id = ${ref}`}`;
  // Pipelines call this on every run: outside a transaction it is a prepared statement (planned once).
  const [row] = client === db ? await readRows<RawRow[]>(query, { name: n ? "readiness-by-number" : "readiness-by-id" }) : await client.$queryRaw<RawRow[]>(query);
  if (!row) return null;
  return {
    ...row,
    policy: row.policy && { ...row.policy, createdAt: date(row.policy.createdAt) },
    approvals: row.approvals.map(approvalFromJson),
    gateResults: row.gateResults.map((g) => ({ ...g, createdAt: date(g.createdAt) })),
    incident: row.incident && { ...row.incident, declaredAt: dateOrNull(row.incident.declaredAt ?? null), resolvedAt: dateOrNull(row.incident.resolvedAt) },
    freezeWindows: row.freezeWindows.map((f) => ({ ...f, startsAt: date(f.startsAt), endsAt: date(f.endsAt) })),
  };
}

