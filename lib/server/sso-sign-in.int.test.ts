// Single sign-on on a real database: an identity is its provider's issuer + subject; email only links
// a first sign-in, and only when the provider verified it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { readClaims } from "@/lib/domain/sso-identity";
import { parseRoleMap, EMPTY_ROLE_MAP, type RoleMap } from "@/lib/domain/sso-role-map";
import { refusal } from "@/test/actors";
import { createUser } from "@/prisma/factories";
import { signInWithSso, type SsoSettings } from "./sso-sign-in";

const ISSUER = "https://idp.example.test";
let n = 0;
const sub = () => `sub-${Date.now().toString(36)}-${n++}`;
const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}${n++}@example.test`;
const roleMap = (text: string): RoleMap => {
  const r = parseRoleMap(text);
  if (!r.ok) throw new Error(r.error);
  return r.map;
};
const settings = (over: Partial<SsoSettings> = {}): SsoSettings => ({ autoProvision: false, roleMap: EMPTY_ROLE_MAP, ...over });

/** Signs in with raw claims, as they arrive from the ID token + userinfo. */
function sso(raw: Record<string, unknown>, s = settings(), now = new Date()) {
  const read = readClaims({ iss: ISSUER, ...raw });
  if (!read.ok) throw new Error(read.error);
  return signInWithSso(read.claims, s, now);
}

const reasonOf = async (p: Promise<unknown>) => ((await refusal(p, "FORBIDDEN")).details as { reason: string }).reason;
const identitiesOf = (userId: string) => db.userIdentity.findMany({ where: { userId } });

describe("single sign-on identities", () => {
  it("point 9: an unverified email cannot take over an account", async () => {
    const cto = await createUser(db, { roles: ["CTO"], email: uniqueEmail("cto") });
    for (const verified of [false, "true", undefined]) {
      for (const autoProvision of [false, true]) {
        const attempt = sso({ sub: sub(), email: cto.email.toUpperCase(), email_verified: verified, name: "Not the CTO" }, settings({ autoProvision }));
        expect(await reasonOf(attempt)).toBe("unverified-email");
      }
    }
    expect(await identitiesOf(cto.id)).toEqual([]);
    expect(await db.user.count({ where: { email: cto.email } })).toBe(1);
  });

  it("a first sign-in with a verified email binds the provider's subject to the user, with an audit event", async () => {
    const user = await createUser(db, { email: uniqueEmail("ada") });
    const subject = sub();
    const actor = await sso({ sub: subject, email: user.email, email_verified: true });
    expect(actor.id).toBe(user.id);
    expect(await identitiesOf(user.id)).toMatchObject([{ issuer: ISSUER, subject, email: user.email }]);
    const audit = await db.auditEvent.findFirst({ where: { entityId: user.id, action: "user.identity-linked" } });
    expect(audit?.after).toMatchObject({ issuer: ISSUER, subject });
  });

  it("later sign-ins find the user by subject only, even after the email changed at the provider", async () => {
    const user = await createUser(db, { email: uniqueEmail("bo") });
    const other = await createUser(db, { email: uniqueEmail("other") });
    const subject = sub();
    await sso({ sub: subject, email: user.email, email_verified: true }, settings(), new Date("2026-03-01T09:00:00Z"));
    // The provider now reports another person's address, not even verified: still the bound user.
    const later = new Date("2026-03-02T09:00:00Z");
    const actor = await sso({ sub: subject, email: other.email, email_verified: false }, settings(), later);
    expect(actor.id).toBe(user.id);
    expect(await identitiesOf(user.id)).toMatchObject([{ subject, email: other.email, lastSignInAt: later }]);
    expect(await identitiesOf(other.id)).toEqual([]);
  });

  it("a second provider account with the same email is refused, verified or not", async () => {
    const user = await createUser(db, { email: uniqueEmail("cy") });
    await sso({ sub: sub(), email: user.email, email_verified: true });
    expect(await reasonOf(sso({ sub: sub(), email: user.email, email_verified: false }))).toBe("unverified-email");
    const linked = await refusal(sso({ sub: sub(), email: user.email, email_verified: true }, settings({ autoProvision: true })), "FORBIDDEN");
    expect(linked.message).toMatch(/already linked to a different account/);
    expect(await identitiesOf(user.id)).toHaveLength(1);
  });

  it("a disabled account is refused and nothing is linked", async () => {
    const user = await createUser(db, { email: uniqueEmail("dis"), disabled: true });
    expect(await reasonOf(sso({ sub: sub(), email: user.email, email_verified: true }))).toBe("disabled");
    expect(await identitiesOf(user.id)).toEqual([]);
  });

  it("without auto-provision, an unknown verified email is refused", async () => {
    const email = uniqueEmail("nobody");
    expect(await reasonOf(sso({ sub: sub(), email, email_verified: true }))).toBe("no-account");
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("auto-provision refuses a missing or unverified email and never creates an empty-email user", async () => {
    const on = settings({ autoProvision: true });
    const before = await db.user.count();
    expect(await reasonOf(sso({ sub: sub() }, on))).toBe("unverified-email");
    expect(await reasonOf(sso({ sub: sub(), email: "", email_verified: true }, on))).toBe("unverified-email");
    expect(await reasonOf(sso({ sub: sub(), email: uniqueEmail("eve"), email_verified: false }, on))).toBe("unverified-email");
    expect(await db.user.count()).toBe(before);
    expect(await db.user.count({ where: { email: "" } })).toBe(0);
  });

  it("auto-provision creates the user with its identity and an audit event in one go; the next sign-in is the same user", async () => {
    const email = uniqueEmail("fay");
    const subject = sub();
    const on = settings({ autoProvision: true });
    const actor = await sso({ sub: subject, email, email_verified: true, name: "Fay" }, on);
    expect(actor).toMatchObject({ email, name: "Fay", roles: ["ENGINEER"] });
    expect(await identitiesOf(actor.id)).toMatchObject([{ issuer: ISSUER, subject }]);
    expect(await db.auditEvent.count({ where: { entityId: actor.id, action: "user.provisioned" } })).toBe(1);
    expect((await sso({ sub: subject, email: uniqueEmail("renamed"), email_verified: true }, on)).id).toBe(actor.id);
  });

  it("two first sign-ins of one account at once make one identity", async () => {
    const user = await createUser(db, { email: uniqueEmail("gus") });
    const subject = sub();
    const both = await Promise.all([0, 1, 2].map(() => sso({ sub: subject, email: user.email, email_verified: true })));
    expect(both.map((a) => a.id)).toEqual([user.id, user.id, user.id]);
    expect(await identitiesOf(user.id)).toHaveLength(1);
  });
});

describe("groups to roles", () => {
  const map = roleMap("platform-sre=SRE,cab=CAB_MEMBER,cab=SECURITY");

  it("a provisioned user gets the mapped roles", async () => {
    const actor = await sso({ sub: sub(), email: uniqueEmail("hal"), email_verified: true, groups: ["cab", "staff"] }, settings({ autoProvision: true, roleMap: map }));
    expect(actor.roles).toEqual(["CAB_MEMBER", "SECURITY"]);
  });

  it("on each sign-in the mapped roles follow the provider, other roles stay, and the change is audited", async () => {
    const user = await createUser(db, { email: uniqueEmail("ivy"), roles: ["ADMIN", "CAB_MEMBER"] });
    const subject = sub();
    const s = settings({ roleMap: map });
    const first = await sso({ sub: subject, email: user.email, email_verified: true, groups: ["platform-sre"] }, s);
    expect(first.roles).toEqual(["SRE", "ADMIN"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).roles.sort()).toEqual(["ADMIN", "SRE"]);
    const audit = await db.auditEvent.findFirst({ where: { entityId: user.id, action: "user.roles-synced" } });
    expect(audit).toMatchObject({ actorLabel: "single sign-on", before: { roles: ["ADMIN", "CAB_MEMBER"] }, after: { roles: ["SRE", "ADMIN"] } });

    // No groups claim at all: the provider said nothing about groups, so nothing changes.
    expect((await sso({ sub: subject }, s)).roles).toEqual(["SRE", "ADMIN"]);
    expect(await db.auditEvent.count({ where: { entityId: user.id, action: "user.roles-synced" } })).toBe(1);
  });

  it("without a role map the provider's groups never change roles", async () => {
    const user = await createUser(db, { email: uniqueEmail("jo"), roles: ["CTO"] });
    expect((await sso({ sub: sub(), email: user.email, email_verified: true, groups: ["cab"] })).roles).toEqual(["CTO"]);
  });
});
