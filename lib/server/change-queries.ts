import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { parseCrNumber } from "@/lib/domain/cr-number";
import { PAGE_SIZE, type ChangeListFilters } from "@/lib/schemas/change-list";
import { findVisibleChangeOrThrow, visibleChangesWhere } from "./change-visibility";

const ORDER: Record<ChangeListFilters["sort"], Prisma.ChangeRequestOrderByWithRelationInput[]> = {
  newest: [{ createdAt: "desc" }, { id: "desc" }],
  oldest: [{ createdAt: "asc" }, { id: "asc" }],
  window: [{ windowStart: "asc" }, { id: "asc" }],
  number: [{ year: "desc" }, { seq: "desc" }],
  risk: [{ risk: "desc" }, { createdAt: "desc" }],
};

function searchWhere(q: string): Prisma.ChangeRequestWhereInput {
  const number = parseCrNumber(q);
  if (number) return { year: number.year, seq: number.seq };
  return { summary: { contains: q, mode: "insensitive" } };
}

export async function listChanges(actor: Actor, f: ChangeListFilters) {
  const where: Prisma.ChangeRequestWhereInput = {
    AND: [
      visibleChangesWhere(actor),
      f.state ? { state: f.state } : {},
      f.risk ? { risk: f.risk } : {},
      f.type ? { type: f.type } : {},
      f.service ? { serviceId: f.service } : {},
      f.requester ? { requesterId: f.requester === "me" ? actor.id : f.requester } : {},
      f.q ? searchWhere(f.q) : {},
    ],
  };
  const [rows, total] = await Promise.all([
    db.changeRequest.findMany({
      where,
      orderBy: ORDER[f.sort],
      skip: (f.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        number: true,
        summary: true,
        state: true,
        risk: true,
        type: true,
        emergency: true,
        retroStatus: true,
        submittedAt: true,
        windowStart: true,
        windowTimeZone: true,
        createdAt: true,
        targetVersion: true,
        service: { select: { id: true, name: true } },
        requester: { select: { id: true, name: true } },
      },
    }),
    db.changeRequest.count({ where }),
  ]);
  return { rows, total, page: f.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
export type ChangeListRow = Awaited<ReturnType<typeof listChanges>>["rows"][number];

export async function getChangeDetail(actor: Actor, id: string) {
  await findVisibleChangeOrThrow(actor, id);
  const [cr, timeline] = await Promise.all([
    db.changeRequest.findUniqueOrThrow({
      where: { id },
      include: {
        service: { include: { team: true } },
        requester: { select: { id: true, name: true, email: true } },
        onCallUser: { select: { id: true, name: true } },
        approvals: { include: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
      },
    }),
    db.auditEvent.findMany({ where: { crId: id }, orderBy: { id: "asc" }, take: 500 }),
  ]);
  return { cr, timeline };
}
export type ChangeDetail = Awaited<ReturnType<typeof getChangeDetail>>;

/** Choices for the CR form's selects. */
export async function changeFormOptions() {
  const [services, users] = await Promise.all([
    db.service.findMany({
      where: { archived: false },
      orderBy: { name: "asc" },
      select: { id: true, name: true, functionName: true, alias: true, onCallUserId: true },
    }),
    db.user.findMany({ where: { disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { services, users };
}
export type ChangeFormOptions = Awaited<ReturnType<typeof changeFormOptions>>;

/** Filter choices for the CR list. */
export async function changeListOptions() {
  const [services, requesters] = await Promise.all([
    db.service.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { services, requesters };
}
