import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { mergeUserinfo, needsUserinfo, readClaims } from "@/lib/domain/sso-identity";
import { EMPTY_ROLE_MAP, parseRoleMap, type RoleMap } from "@/lib/domain/sso-role-map";
import { isAppError } from "@/lib/errors";
import { signInWithSso } from "@/lib/server/sso-sign-in";

// A generic OpenID Connect provider for a company's SSO, configured entirely from the environment:
// OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME (the button's words), OIDC_SCOPE,
// CHANGEGATE_OIDC_AUTO_PROVISION, CHANGEGATE_OIDC_GROUPS_CLAIM, CHANGEGATE_OIDC_ROLE_MAP.

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scope: string;
  autoProvision: boolean;
  groupsClaim: string;
  roleMap: RoleMap;
  /** a bad CHANGEGATE_OIDC_ROLE_MAP: SSO sign-ins are refused (password sign-in still works) */
  configError?: string;
}

export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret) return null;
  const parsed = parseRoleMap(env.CHANGEGATE_OIDC_ROLE_MAP);
  return {
    issuer: issuer.replace(/\/$/, ""),
    clientId,
    clientSecret,
    name: env.OIDC_NAME?.trim() || "single sign-on",
    // Some providers release groups only for an extra scope (Okta: `groups`), others reject unknown
    // scopes (Entra ID): the administrator adds it here when theirs needs it.
    scope: env.OIDC_SCOPE?.trim() || "openid email profile",
    autoProvision: env.CHANGEGATE_OIDC_AUTO_PROVISION === "true",
    groupsClaim: env.CHANGEGATE_OIDC_GROUPS_CLAIM?.trim() || "groups",
    roleMap: parsed.ok ? parsed.map : EMPTY_ROLE_MAP,
    configError: parsed.ok ? undefined : parsed.error,
  };
}

const settings = oidcSettings();
// Said once at startup, in the server log, rather than failing every page: password sign-in still works.
if (settings?.configError) console.error(`[auth] single sign-on is refused until fixed: ${settings.configError}`);

export const oidcPublicInfo = () => (settings ? { name: settings.name, issuer: settings.issuer } : null);

export function oidcProvider(): OAuthConfig<Record<string, unknown>> | null {
  if (!settings) return null;
  const groupsClaim = settings.roleMap.managed.size > 0 ? settings.groupsClaim : null;
  return {
    id: "oidc",
    name: settings.name,
    type: "oauth",
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    // An unreachable provider fails the sign-in within seconds instead of hanging the browser.
    httpOptions: { timeout: 5000 },
    authorization: { params: { scope: settings.scope } },
    // The OIDC default puts only `sub` in the ID token: email, email_verified and groups come from
    // userinfo. The ID token (validated by openid-client) stays the authority on iss and sub.
    userinfo: {
      async request({ tokens, client }) {
        // At run time `tokens` is openid-client's TokenSet (next-auth types it as plain parameters).
        const idClaims = (tokens as unknown as { claims(): Record<string, unknown> }).claims();
        if (!needsUserinfo(idClaims, groupsClaim) || !tokens.access_token) return idClaims;
        return mergeUserinfo(idClaims, (await client.userinfo(tokens.access_token)) as Record<string, unknown>);
      },
    },
    profile: (p) => ({ id: String(p.sub), email: typeof p.email === "string" ? p.email : null, name: typeof p.name === "string" ? p.name : null }),
  };
}

/**
 * next-auth's signIn callback for SSO: the portal user for these claims, or the sign-in page with a
 * refusal code (never free text in the URL).
 */
export async function oidcSignIn(profile: Record<string, unknown> | undefined): Promise<{ userId: string; name: string; email: string } | { redirect: string }> {
  const refused = (reason: string) => ({ redirect: `/signin?error=sso-${reason}` });
  if (!settings || settings.configError) return refused("misconfigured");
  const read = readClaims(profile ?? {}, settings.groupsClaim);
  if (!read.ok) return refused("bad-claims");
  try {
    const actor = await signInWithSso(read.claims, settings);
    return { userId: actor.id, name: actor.name, email: actor.email };
  } catch (e) {
    const reason = isAppError(e) ? (e.details as { reason?: string } | undefined)?.reason : undefined;
    if (!reason) console.error("[auth] single sign-on failed", e);
    return reason ? refused(reason) : { redirect: "/signin?error=Callback" };
  }
}
