// Who a single sign-on account is. The provider's issuer and subject (`sub`) identify the person:
// once bound, only they decide who signs in, whatever email the provider reports later. Email is
// trusted only to LINK a first sign-in to an existing portal user, and only when the provider says
// it verified that email (`email_verified: true`); anyone can type any address into an unverified
// profile, and the CTO's address would otherwise be the CTO's approvals.
import { z } from "zod";

export interface SsoClaims {
  issuer: string;
  subject: string;
  /** lower-cased, trimmed; undefined when the provider sent none */
  email?: string;
  emailVerified: boolean;
  name?: string;
  /** undefined when the provider sent no groups claim (not the same as no groups) */
  groups?: string[];
}

const claimsSchema = z.object({
  iss: z.string().min(1, "the provider sent no issuer (iss)"),
  sub: z.string().min(1, "the provider sent no subject (sub)"),
  email: z.string().optional(),
  email_verified: z.unknown().optional(),
  name: z.string().optional(),
});

/** The ID token (and userinfo) claims as the portal reads them; a bad shape is a refusal, not a crash. */
export function readClaims(raw: Record<string, unknown>, groupsClaim = "groups"): { ok: true; claims: SsoClaims } | { ok: false; error: string } {
  const parsed = claimsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `Single sign-on failed: ${parsed.error.issues[0]!.message}.` };
  const { iss, sub, email, name } = parsed.data;
  const rawGroups = raw[groupsClaim];
  const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === "string") : typeof rawGroups === "string" ? [rawGroups] : undefined;
  const normalized = email?.trim().toLowerCase();
  return {
    ok: true,
    claims: {
      issuer: iss,
      subject: sub,
      email: normalized ? normalized : undefined,
      // Only the JSON boolean true counts: "true", 1 or a missing claim do not verify anything.
      emailVerified: parsed.data.email_verified === true,
      name: name?.trim() ? name.trim() : undefined,
      groups,
    },
  };
}

/**
 * Whether the ID token alone is not enough: a provider following the OIDC default puts only `sub`
 * in the ID token and the rest behind the userinfo endpoint.
 */
export function needsUserinfo(idTokenClaims: Record<string, unknown>, groupsClaim: string | null): boolean {
  return !("email" in idTokenClaims) || !("email_verified" in idTokenClaims) || (groupsClaim !== null && !(groupsClaim in idTokenClaims));
}

/**
 * ID token claims completed from userinfo. The ID token is signed, so what it says wins; userinfo
 * only fills what it lacks, and must be about the same subject (a mismatch is refused).
 */
export function mergeUserinfo(idTokenClaims: Record<string, unknown>, userinfo: Record<string, unknown>): Record<string, unknown> {
  if (userinfo.sub !== idTokenClaims.sub) throw new Error("The provider's userinfo is about a different subject than its ID token.");
  const merged: Record<string, unknown> = { ...userinfo };
  for (const [k, v] of Object.entries(idTokenClaims)) if (v !== undefined) merged[k] = v;
  return merged;
}

/** What the database knows about this account, read before deciding. */
export interface SsoLookup {
  /** the user already bound to (issuer, subject) */
  bound: { userId: string } | null;
  /** the portal user whose email equals the claimed email, with the subject it is linked to at this issuer */
  byEmail: { userId: string; linkedSubject: string | null } | null;
}

// Why a sign-in is refused, as a code (what travels in the sign-in page's URL, so a crafted link
// cannot put words of its own on the page) and the words shown for it.
export const SSO_REFUSALS = {
  "unverified-email":
    "Your single sign-on account does not have a verified email address, so it cannot be matched to a Changegate account. Verify your email at the provider, or ask an administrator.",
  "already-linked":
    "The Changegate account with this email is already linked to a different account at this single sign-on provider. Sign in with that account, or ask an administrator.",
  "no-account": "There is no Changegate account for your email. Ask an administrator to create one.",
  disabled: "This account is disabled. Ask an administrator.",
  "bad-claims": "The single sign-on provider did not say who you are. Ask an administrator, or sign in with your password.",
  misconfigured: "Single sign-on is misconfigured (see the server log). Ask an administrator, or sign in with your password.",
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;
export const isSsoRefusal = (code: string): code is SsoRefusal => Object.hasOwn(SSO_REFUSALS, code);

export type SsoDecision =
  | { kind: "sign-in"; userId: string }
  | { kind: "link"; userId: string }
  | { kind: "provision"; email: string; name: string }
  | { kind: "refuse"; reason: SsoRefusal };

export function decideSsoSignIn(claims: SsoClaims, found: SsoLookup, autoProvision: boolean): SsoDecision {
  if (found.bound) return { kind: "sign-in", userId: found.bound.userId };
  if (!claims.email || !claims.emailVerified) return { kind: "refuse", reason: "unverified-email" };
  if (found.byEmail) {
    // The user already signs in with another account at this provider: a second account claiming
    // the same email (a recycled address, a look-alike tenant) does not get in by email.
    if (found.byEmail.linkedSubject !== null) return { kind: "refuse", reason: "already-linked" };
    return { kind: "link", userId: found.byEmail.userId };
  }
  if (!autoProvision) return { kind: "refuse", reason: "no-account" };
  return { kind: "provision", email: claims.email, name: claims.name ?? claims.email };
}
