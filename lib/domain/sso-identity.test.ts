import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideSsoSignIn, mergeUserinfo, needsUserinfo, readClaims, type SsoClaims, type SsoLookup } from "./sso-identity";

const claims = (over: Partial<SsoClaims> = {}): SsoClaims => ({ issuer: "https://idp.test", subject: "s-1", email: "cto@example.test", emailVerified: true, ...over });
const nothing: SsoLookup = { bound: null, byEmail: null };

describe("reading SSO claims", () => {
  it("only the JSON boolean true verifies an email", () => {
    for (const v of ["true", 1, undefined, false, null]) {
      const r = readClaims({ iss: "i", sub: "s", email: "A@B.test", email_verified: v });
      expect(r).toMatchObject({ ok: true, claims: { email: "a@b.test", emailVerified: false } });
    }
    expect(readClaims({ iss: "i", sub: "s", email: "a@b.test", email_verified: true })).toMatchObject({ ok: true, claims: { emailVerified: true } });
  });

  it("an empty email is no email; groups come from the configured claim", () => {
    const r = readClaims({ iss: "i", sub: "s", email: "  ", roles: ["cab", 3], groups: ["x"] }, "roles");
    expect(r).toMatchObject({ ok: true, claims: { email: undefined, groups: ["cab"] } });
    expect(readClaims({ iss: "i", sub: "s" })).toMatchObject({ ok: true, claims: { groups: undefined } });
  });

  it("refuses claims without a subject", () => {
    expect(readClaims({ iss: "i", sub: "" })).toEqual({ ok: false, error: "Single sign-on failed: the provider sent no subject (sub)." });
  });

  it("asks userinfo when the ID token carries only sub (the OIDC default)", () => {
    expect(needsUserinfo({ sub: "s", iss: "i" }, null)).toBe(true);
    expect(needsUserinfo({ sub: "s", email: "a", email_verified: true }, null)).toBe(false);
    expect(needsUserinfo({ sub: "s", email: "a", email_verified: true }, "groups")).toBe(true);
  });

  it("userinfo fills gaps, never overrides the signed ID token, and must be about the same subject", () => {
    expect(mergeUserinfo({ sub: "s", iss: "i", email: "id@x.test" }, { sub: "s", email: "ui@x.test", email_verified: true })).toEqual({ sub: "s", iss: "i", email: "id@x.test", email_verified: true });
    expect(() => mergeUserinfo({ sub: "s" }, { sub: "other", email: "x" })).toThrow(/different subject/);
  });
});

describe("deciding an SSO sign-in", () => {
  it("a bound subject signs in as its user, whatever email it now claims", () => {
    expect(decideSsoSignIn(claims({ email: "new@x.test", emailVerified: false }), { bound: { userId: "u1" }, byEmail: { userId: "u2", linkedSubject: null } }, false)).toEqual({ kind: "sign-in", userId: "u1" });
  });

  it("point 9: an unverified email never links to an existing account", () => {
    const d = decideSsoSignIn(claims({ emailVerified: false }), { bound: null, byEmail: { userId: "cto", linkedSubject: null } }, true);
    expect(d).toEqual({ kind: "refuse", reason: "unverified-email" });
  });

  it("a verified email links a first sign-in, unless that user already has another subject at this issuer", () => {
    expect(decideSsoSignIn(claims(), { bound: null, byEmail: { userId: "u", linkedSubject: null } }, false)).toEqual({ kind: "link", userId: "u" });
    expect(decideSsoSignIn(claims(), { bound: null, byEmail: { userId: "u", linkedSubject: "s-0" } }, true)).toEqual({ kind: "refuse", reason: "already-linked" });
  });

  it("provisions only with auto-provision on and a verified email", () => {
    expect(decideSsoSignIn(claims({ name: "Ada" }), nothing, true)).toEqual({ kind: "provision", email: "cto@example.test", name: "Ada" });
    expect(decideSsoSignIn(claims(), nothing, false)).toEqual({ kind: "refuse", reason: "no-account" });
    expect(decideSsoSignIn(claims({ email: undefined, emailVerified: true }), nothing, true)).toEqual({ kind: "refuse", reason: "unverified-email" });
  });

  it("property: without a binding, nothing but a verified, non-empty email reaches an account", () => {
    const lookup = fc.record({ bound: fc.constant(null), byEmail: fc.option(fc.record({ userId: fc.string(), linkedSubject: fc.option(fc.string()) })) });
    fc.assert(
      fc.property(fc.option(fc.emailAddress(), { nil: undefined }), fc.boolean(), lookup, fc.boolean(), (email, verified, found, auto) => {
        const d = decideSsoSignIn(claims({ email, emailVerified: verified }), found, auto);
        if (d.kind === "sign-in") throw new Error("signed in without a binding");
        if (d.kind !== "refuse") {
          expect(verified && !!email).toBe(true);
          if (d.kind === "provision") expect(d.email).toBe(email);
        }
        if (d.kind === "link") expect(found.byEmail?.linkedSubject).toBeNull();
      }),
    );
  });
});
