import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { AuditEvent, ChangeRequest } from "@/generated/prisma/client";
import { db, readSql } from "@/lib/db";
import { parseCrNumber } from "@/lib/domain/cr-number";
import { AppError } from "@/lib/errors";
import { isVisibleTo, NOT_FOUND_MESSAGE } from "./change-visibility";
import { hotfixChoices } from "./hotfix-link";
import { orgTimeZone } from "./org-time-zone";

type Row = ChangeRequest & {
  service: { id: string; name: string; functionName: string; alias: string; awsRegion: string; team: { id: string; name: string } };
  requester: { id: string; name: string; email: string };
  onCallUser: { id: string; name: string } | null;
  /** Names of the other registered services the change affects (affectedServiceIds). */
  affectedServiceNames: string[];
  /** The deployment this CR says it fixes (hotfixForDeploymentId), with that deployment's own CR. */
  hotfixFor: { id: string; toVersion: string; outcome: "SUCCEEDED" | "FAILED" | "ROLLED_BACK" | null; finishedAt: string | null; crId: string | null; crNumber: string | null } | null;
};

/** The CR page's change with its service, people and timeline; "not found" when the actor may not see it. */
/** `ref`: the CR's id, or its number (CR-2026-021), so people can share either in a URL. */
export async function getChangeDetail(actor: Actor, ref: string) {
  const n = parseCrNumber(ref);
  const id = n ? (await readSql<{ id: string }[]>`SELECT id FROM "ChangeRequest" WHERE year = ${n.year} AND seq = ${n.seq}`)[0]?.id : ref;
  if (!id) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  // Plain SQL: the most visited page after the list, and the ORM's nested reads cost several times the CPU.
  const [[cr], timeline] = await Promise.all([
    readSql<Row[]>`
      SELECT c.*, c.state::text AS state, c.type::text AS type, c.risk::text AS risk, c."suggestedRisk"::text AS "suggestedRisk",
        json_build_object('id', s.id, 'name', s.name, 'functionName', s."functionName", 'alias', s.alias, 'awsRegion', s."awsRegion",
          'team', json_build_object('id', t.id, 'name', t.name)) AS service,
        json_build_object('id', r.id, 'name', r.name, 'email', r.email) AS requester,
        CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS "onCallUser",
        (SELECT coalesce(json_agg(a.name ORDER BY a.name), '[]') FROM "Service" a WHERE a.id = ANY(c."affectedServiceIds")) AS "affectedServiceNames",
        CASE WHEN hf.id IS NULL THEN NULL ELSE json_build_object('id', hf.id, 'toVersion', hf."toVersion", 'outcome', hf.outcome,
          'finishedAt', to_char(hf."finishedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'crId', hfc.id, 'crNumber', hfc.number) END AS "hotfixFor"
      FROM "ChangeRequest" c JOIN "Service" s ON s.id = c."serviceId" JOIN "Team" t ON t.id = s."teamId"
        JOIN "User" r ON r.id = c."requesterId" LEFT JOIN "User" o ON o.id = c."onCallUserId"
        LEFT JOIN "Deployment" hf ON hf.id = c."hotfixForDeploymentId" LEFT JOIN "ChangeRequest" hfc ON hfc.id = hf."crId"
      WHERE c.id = ${id}`,
    readSql<AuditEvent[]>`SELECT * FROM "AuditEvent" WHERE "crId" = ${id} ORDER BY id LIMIT 500`,
  ]);
  // Checked on the row just read rather than with a query of its own.
  if (!cr || !isVisibleTo(actor, cr)) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return { cr, timeline };
}
export type ChangeDetail = Awaited<ReturnType<typeof getChangeDetail>>;

/** Choices for the CR form's selects. */
export async function changeFormOptions(keepHotfixId?: string | null) {
  const [services, users, hotfixes] = await Promise.all([
    db.service.findMany({
      where: { archived: false },
      orderBy: { name: "asc" },
      select: { id: true, name: true, kind: true, functionName: true, alias: true, onCallUserId: true },
    }),
    db.user.findMany({ where: { disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    orgTimeZone().then((zone) => hotfixChoices(zone, keepHotfixId)),
  ]);
  return { services, users, hotfixChoices: hotfixes };
}
export type ChangeFormOptions = Awaited<ReturnType<typeof changeFormOptions>>;
