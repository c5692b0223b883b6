// CI tokens expire as chosen at creation: the API refuses an expired token with a 401 that says so,
// while tokens still inside their lifetime (or created to never expire) keep working.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { refusal, asActor } from "@/test/actors";
import { createService, createUser } from "@/prisma/factories";
import { POST as createCr } from "@/app/api/v1/changes/route";
import { authenticateToken, createApiToken, listApiTokens } from "./api-tokens";

let admin: Actor;
let serviceId: string;
const DAY = 86_400_000;
const now = new Date("2026-06-01T12:00:00Z");
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

const postWith = (plain: string) =>
  createCr(new Request("http://localhost/api/v1/changes", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${plain}` }, body: "{}" }), {
    params: Promise.resolve({} as Record<string, never>),
  });

beforeAll(async () => {
  admin = asActor(await createUser(db, { roles: ["ADMIN"] }));
  serviceId = (await createService(db)).id;
});

describe("CI token expiry", () => {
  it("stores the expiry chosen at creation (30/90/365 days, or none) and lists it", async () => {
    const t30 = await createApiToken(admin, { name: "thirty", serviceIds: [serviceId], expiresInDays: "30" }, now);
    const t365 = await createApiToken(admin, { name: "a-year", serviceIds: [serviceId], expiresInDays: "365" }, now);
    const never = await createApiToken(admin, { name: "forever", serviceIds: [serviceId], expiresInDays: "none" }, now);
    expect(t30.expiresAt).toEqual(new Date("2026-07-01T12:00:00Z"));
    expect(t365.expiresAt).toEqual(new Date("2027-06-01T12:00:00Z"));
    expect(never.expiresAt).toBeNull();
    const listed = new Map((await listApiTokens(admin)).tokens.map((t) => [t.id, t.expiresAt]));
    expect(listed.get(t30.id)).toEqual(t30.expiresAt);
    expect(listed.get(never.id)).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: t30.id, action: "token.created" } });
    expect((audit.after as { expiresAt: string }).expiresAt).toBe("2026-07-01T12:00:00.000Z");
  });

  it("is refused from its expiry instant on, with a 401 that names the token and the date", async () => {
    const t = await createApiToken(admin, { name: "short-lived", serviceIds: [serviceId], expiresInDays: "30" }, now);
    const expires = t.expiresAt!;
    await expect(authenticateToken(`Bearer ${t.plain}`, new Date(expires.getTime() - 1))).resolves.toMatchObject({ id: t.id });
    const err = await refusal(authenticateToken(`Bearer ${t.plain}`, expires), "UNAUTHENTICATED");
    expect(err.message).toBe("CI token 'short-lived' expired on 2026-07-01. Ask an admin for a new token.");
  });

  it("the API answers an expired token with 401 JSON before reading the request, and a live one gets past auth", async () => {
    const expired = await createApiToken(admin, { name: "old-pipeline", serviceIds: [serviceId], expiresInDays: "30" }, daysAgo(31));
    const res = await postWith(expired.plain);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNAUTHENTICATED");
    expect(body.error.message).toMatch(/^CI token 'old-pipeline' expired on \d{4}-\d{2}-\d{2}\. Ask an admin for a new token\.$/);

    const live = await createApiToken(admin, { name: "new-pipeline", serviceIds: [serviceId], expiresInDays: "30" }, daysAgo(29));
    const never = await createApiToken(admin, { name: "old-but-forever", serviceIds: [serviceId], expiresInDays: "none" }, daysAgo(4000));
    for (const t of [live, never]) expect((await postWith(t.plain)).status).toBe(400); // past auth: the empty body is refused
  });

  it("an unknown expiry choice is refused naming the field, and nothing is written", async () => {
    const before = await db.apiToken.count();
    const err = await refusal(createApiToken(admin, { name: "bad-expiry", serviceIds: [serviceId], expiresInDays: "7" }), "VALIDATION");
    expect(err.fields?.expiresInDays).toBe("Choose when the token expires: 30, 90 or 365 days, or never");
    expect(await db.apiToken.count()).toBe(before);
  });
});
