import "server-only";
import { db, inTx, readDb, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { decideSsoSignIn, SSO_REFUSALS, type SsoClaims, type SsoLookup, type SsoRefusal } from "@/lib/domain/sso-identity";
import { rolesForGroups, sameRoles, syncRoles, type RoleMap } from "@/lib/domain/sso-role-map";
import type { Role } from "@/lib/domain/vocabulary";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "./audit";
import { isUniqueViolation } from "./prisma-errors";

export interface SsoSettings {
  /** CHANGEGATE_OIDC_AUTO_PROVISION=true: a verified email with no account creates one */
  autoProvision: boolean;
  roleMap: RoleMap;
}

/** A refused SSO sign-in: the reason code travels to the sign-in page, the message is its words. */
export const ssoRefusal = (reason: SsoRefusal) => new AppError("FORBIDDEN", SSO_REFUSALS[reason], { details: { reason } });

/**
 * Signs in a single sign-on account (claims already read from the ID token and userinfo). The
 * account's issuer + subject find the user; a first sign-in links by verified email or provisions;
 * roles the role map manages follow the provider's groups. All of it, with its audit events, in one
 * transaction, so a refused sign-in writes nothing.
 */
export async function signInWithSso(claims: SsoClaims, settings: SsoSettings, now = new Date()): Promise<Actor> {
  // Two first sign-ins racing (two tabs) collide on the unique (issuer, subject) or email: the
  // loser runs again and finds what the winner wrote.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction((tx) => signInTx(tx, claims, settings, now));
    } catch (e) {
      if (attempt < 2 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

async function signInTx(tx: Tx, claims: SsoClaims, settings: SsoSettings, now: Date): Promise<Actor> {
  const via: AuditActor = { id: null, label: "single sign-on" };
  const decision = decideSsoSignIn(claims, await lookup(tx, claims), settings.autoProvision);
  if (decision.kind === "refuse") throw ssoRefusal(decision.reason);

  if (decision.kind === "provision") {
    const granted = rolesForGroups(settings.roleMap, claims.groups ?? []);
    const roles: Role[] = granted.length > 0 ? granted : ["ENGINEER"];
    const user = await tx.user.create({ data: { email: decision.email, name: decision.name, roles } });
    await tx.userIdentity.create({ data: { userId: user.id, issuer: claims.issuer, subject: claims.subject, email: claims.email, lastSignInAt: now } });
    await writeAudit(tx, {
      actor: via,
      action: "user.provisioned",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, roles: user.roles, issuer: claims.issuer, subject: claims.subject, groups: claims.groups },
    });
    return { id: user.id, name: user.name, email: user.email, roles: user.roles };
  }

  const user = await tx.user.findUniqueOrThrow({ where: { id: decision.userId } });
  if (user.disabled) throw ssoRefusal("disabled");
  if (decision.kind === "link") {
    await tx.userIdentity.create({ data: { userId: user.id, issuer: claims.issuer, subject: claims.subject, email: claims.email, lastSignInAt: now } });
    await writeAudit(tx, { actor: via, action: "user.identity-linked", entityType: "User", entityId: user.id, after: { issuer: claims.issuer, subject: claims.subject, email: claims.email } });
  } else {
    await tx.userIdentity.update({
      where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } },
      data: { lastSignInAt: now, email: claims.email ?? null },
    });
  }

  const roles = syncRoles(settings.roleMap, user.roles, claims.groups);
  if (!sameRoles(roles, user.roles)) {
    await tx.user.update({ where: { id: user.id }, data: { roles } });
    await writeAudit(tx, {
      actor: via,
      action: "user.roles-synced",
      entityType: "User",
      entityId: user.id,
      before: { roles: user.roles },
      after: { roles, groups: claims.groups, issuer: claims.issuer },
    });
  }
  return { id: user.id, name: user.name, email: user.email, roles };
}

async function lookup(tx: Tx, claims: SsoClaims): Promise<SsoLookup> {
  const bound = () => tx.userIdentity.findUnique({ where: { issuer_subject: { issuer: claims.issuer, subject: claims.subject } }, select: { userId: true } });
  const identity = await bound();
  if (identity) return { bound: identity, byEmail: null };
  if (!claims.email) return { bound: null, byEmail: null };
  const user = await tx.user.findUnique({ where: { email: claims.email }, select: { id: true } });
  if (!user) return { bound: null, byEmail: null };
  // Lock the user, then look again: two provider accounts with the same verified email linking at
  // once must not both succeed, and a racing first sign-in of this same account may just have linked.
  await inTx(tx, readDb.selectFrom("User").select("id").where("id", "=", user.id).forUpdate());
  const boundNow = await bound();
  if (boundNow) return { bound: boundNow, byEmail: null };
  const linked = await tx.userIdentity.findFirst({ where: { userId: user.id, issuer: claims.issuer }, select: { subject: true } });
  return { bound: null, byEmail: { userId: user.id, linkedSubject: linked?.subject ?? null } };
}
