import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "kysely";
import { db, readDb, readPrepared } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isTokenExpired, tokenExpiresAt } from "@/lib/domain/token-expiry";
import { createTokenSchema } from "@/lib/schemas/ci-admin";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";

// 32 random bytes: far too many to guess, so a fast hash (sha-256) is enough to store them safely;
// a slow password hash would only slow down every CI request.
const TOKEN_PREFIX = "cg_";
export const hashToken = (plain: string) => createHash("sha256").update(plain, "utf8").digest("hex");

export interface CiToken {
  id: string;
  name: string;
  prefix: string;
  serviceIds: string[];
  /** The admin who created it: CRs the token opens name them as requester, the token as creator. */
  createdById: string;
}

/** Creates a token; the plain value is returned this once and never stored. */
export async function createApiToken(actor: Actor, input: unknown, now = new Date()) {
  assertCan(actor, "admin:tokens", "Only admins create CI tokens.");
  const v = parseOrThrow(createTokenSchema, input);
  const expiresAt = tokenExpiresAt(now, v.expiresInDays);
  const plain = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = plain.slice(0, 10);
  return db.$transaction(async (tx) => {
    const services = await tx.service.findMany({ where: { id: { in: v.serviceIds } }, select: { id: true, name: true } });
    if (services.length !== new Set(v.serviceIds).size) {
      throw new AppError("VALIDATION", "Unknown service in the token's scope.", { fields: { serviceIds: "Choose services from the registry" } });
    }
    const token = await tx.apiToken.create({
      data: { name: v.name, prefix, tokenHash: hashToken(plain), createdById: actor.id, createdAt: now, expiresAt, services: { create: services.map((s) => ({ serviceId: s.id })) } },
    });
    await writeAudit(tx, {
      actor: auditActor(actor),
      action: "token.created",
      entityType: "ApiToken",
      entityId: token.id,
      after: { name: token.name, prefix, services: services.map((s) => s.name), expiresAt },
    });
    return { id: token.id, name: token.name, prefix, plain, expiresAt };
  });
}

export async function revokeApiToken(actor: Actor, tokenId: string, now = new Date()) {
  assertCan(actor, "admin:tokens", "Only admins revoke CI tokens.");
  return db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new AppError("CONFLICT", "This token is unknown or already revoked.");
    await writeAudit(tx, { actor: auditActor(actor), action: "token.revoked", entityType: "ApiToken", entityId: tokenId, after: { revokedAt: now } });
  });
}

export async function listApiTokens(actor: Actor) {
  assertCan(actor, "admin:tokens");
  const [tokens, services] = await Promise.all([
    db.apiToken.findMany({
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, prefix: true, createdAt: true, revokedAt: true, lastUsedAt: true, expiresAt: true, services: { select: { service: { select: { name: true } } } } },
    }),
    db.service.findMany({ where: { archived: false }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { tokens: tokens.map((t) => ({ ...t, services: t.services.map((s) => s.service.name) })), services };
}

// lastUsedAt is for people ("is this token still in use?"): minute precision is plenty and saves a
// write on every request of a busy pipeline.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The token an Authorization header names, or UNAUTHENTICATED (missing, unknown, revoked or expired). */
export async function authenticateToken(authorization: string | null, now = new Date()): Promise<CiToken> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) throw new AppError("UNAUTHENTICATED", "Send a CI token as 'Authorization: Bearer <token>'.");
  // Every pipeline call comes through here: one prepared read on pg (the ORM cost several times the CPU).
  const [token] = await readPrepared(
    "ci-token",
    readDb.selectFrom("ApiToken as t")
      .select((eb) => ["t.id", "t.name", "t.prefix", "t.createdById", "t.revokedAt", "t.lastUsedAt", "t.expiresAt",
        sql<string[]>`ARRAY(${eb.selectFrom("ApiTokenService as s").select("s.serviceId").whereRef("s.tokenId", "=", "t.id")})`.as("serviceIds")])
      .where("t.tokenHash", "=", hashToken(match[1]!)),
  );
  if (!token) throw new AppError("UNAUTHENTICATED", "Unknown CI token.");
  if (token.revokedAt) throw new AppError("UNAUTHENTICATED", "This CI token was revoked.");
  if (isTokenExpired(token.expiresAt, now)) {
    throw new AppError("UNAUTHENTICATED", `CI token '${token.name}' expired on ${token.expiresAt!.toISOString().slice(0, 10)}. Ask an admin for a new token.`);
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { id: token.id, name: token.name, prefix: token.prefix, createdById: token.createdById, serviceIds: token.serviceIds };
}

export function assertTokenScope(token: CiToken, serviceId: string): void {
  if (!token.serviceIds.includes(serviceId)) {
    throw new AppError("FORBIDDEN", `CI token '${token.name}' is not scoped to this change's service.`);
  }
}

export const tokenLabel = (t: Pick<CiToken, "name" | "prefix">) => `CI token '${t.name}' (${t.prefix}…)`;
