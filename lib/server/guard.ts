import "server-only";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

const REFUSALS: Partial<Record<Permission, string>> = {
  "change:create": "Your roles do not allow filing change requests.",
  "change:vote": "Only CAB members vote on change requests.",
  "change:verbal-approve": "Only an engineering manager can record a verbal emergency approval.",
  "deploy:rollback": "Rolling back is limited to SREs, the on-call engineer, the requester and admins.",
};

/** Throws FORBIDDEN unless the actor's roles grant the permission. */
export function assertCan(actor: Actor, permission: Permission, message?: string): void {
  if (!can(actor, permission)) {
    throw new AppError("FORBIDDEN", message ?? REFUSALS[permission] ?? `Your roles do not allow this (${permission}).`);
  }
}
