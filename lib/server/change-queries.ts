import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isVisibleTo, NOT_FOUND_MESSAGE } from "./change-visibility";

export async function getChangeDetail(actor: Actor, id: string) {
  const [cr, timeline] = await Promise.all([
    db.changeRequest.findUnique({
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
  // Checked on the row just read rather than with a query of its own: this page is the most visited after the list.
  if (!cr || !isVisibleTo(actor, cr)) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
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
