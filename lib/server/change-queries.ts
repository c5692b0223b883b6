import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "kysely";
import { jsonBuildObject } from "kysely/helpers/postgres";
import { db, readDb } from "@/lib/db";
import { parseCrNumber } from "@/lib/domain/cr-number";
import { AppError } from "@/lib/errors";
import { isVisibleTo, NOT_FOUND_MESSAGE } from "./change-visibility";
import { hotfixChoices } from "./hotfix-link";
import { orgTimeZone } from "./org-time-zone";

/** The CR with its service, people, affected services' names and the deployment it says it fixes. */
const changeDetailSql = (id: string) =>
  readDb
    .selectFrom("ChangeRequest as c")
    .innerJoin("Service as s", "s.id", "c.serviceId")
    .innerJoin("Team as t", "t.id", "s.teamId")
    .innerJoin("User as r", "r.id", "c.requesterId")
    .leftJoin("User as o", "o.id", "c.onCallUserId")
    .leftJoin("Deployment as hf", "hf.id", "c.hotfixForDeploymentId")
    .leftJoin("ChangeRequest as hfc", "hfc.id", "hf.crId")
    .selectAll("c")
    .select((eb) => [
      jsonBuildObject({
        id: eb.ref("s.id"), name: eb.ref("s.name"), functionName: eb.ref("s.functionName"), alias: eb.ref("s.alias"), awsRegion: eb.ref("s.awsRegion"),
        team: jsonBuildObject({ id: eb.ref("t.id"), name: eb.ref("t.name") }),
      }).as("service"),
      jsonBuildObject({ id: eb.ref("r.id"), name: eb.ref("r.name"), email: eb.ref("r.email") }).as("requester"),
      eb.case().when("o.id", "is", null).then(null).else(jsonBuildObject({ id: eb.ref("o.id").$notNull(), name: eb.ref("o.name").$notNull() })).end().as("onCallUser"),
      // Names of the other registered services the change affects (affectedServiceIds).
      eb.selectFrom("Service as a").whereRef("a.id", "=", eb.fn.any("c.affectedServiceIds"))
        .select(sql<string[]>`coalesce(json_agg(a.name ORDER BY a.name), '[]')`.as("names")).$asScalar().$notNull().as("affectedServiceNames"),
      // The deployment this CR says it fixes (hotfixForDeploymentId), with that deployment's own CR.
      eb.case().when("hf.id", "is", null).then(null).else(jsonBuildObject({
        id: eb.ref("hf.id").$notNull(), toVersion: eb.ref("hf.toVersion").$notNull(), outcome: eb.ref("hf.outcome"),
        finishedAt: eb.ref("hf.finishedAt"), crId: eb.ref("hfc.id"), crNumber: eb.ref("hfc.number"),
      })).end().as("hotfixFor"),
    ])
    .where("c.id", "=", id);

/** The CR page's change with its service, people and timeline; "not found" when the actor may not see it. */
/** `ref`: the CR's id, or its number (CR-2026-021), so people can share either in a URL. */
export async function getChangeDetail(actor: Actor, ref: string) {
  const n = parseCrNumber(ref);
  const id = n ? (await readDb.selectFrom("ChangeRequest").select("id").where("year", "=", n.year).where("seq", "=", n.seq).executeTakeFirst())?.id : ref;
  if (!id) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  // Plain SQL: the most visited page after the list, and the ORM's nested reads cost several times the CPU.
  const [[cr], timeline] = await Promise.all([
    changeDetailSql(id).execute(),
    readDb.selectFrom("AuditEvent").selectAll().where("crId", "=", id).orderBy("id").limit(500).execute(),
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
