import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { authenticateWithOidc, authenticateWithPassword } from "@/lib/server/authenticate";
import { isAppError } from "@/lib/errors";
import { decodeSessionToken } from "./session-token";

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
}

// A generic OpenID Connect provider for a company's SSO, configured entirely from the environment.
function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const issuer = process.env.OIDC_ISSUER;
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: process.env.OIDC_NAME ?? "Single sign-on",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    profile: (p) => ({ id: p.sub, email: p.email ?? "", name: p.name ?? p.email ?? p.sub }),
  };
}

export const oidcEnabled = () => oidcProvider() !== null;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  jwt: { decode: decodeSessionToken },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) throw new Error("Enter your email and password.");
        try {
          const actor = await authenticateWithPassword(credentials.email, credentials.password);
          return { id: actor.id, name: actor.name, email: actor.email };
        } catch (e) {
          // next-auth passes the Error message to the sign-in page; only our own messages go there.
          throw new Error(isAppError(e) ? e.message : "Sign-in failed. Try again.");
        }
      },
    }),
    ...(oidcProvider() ? [oidcProvider()!] : []),
  ],
  callbacks: {
    async signIn({ account, user }) {
      if (account?.provider !== "oidc") return true;
      try {
        const actor = await authenticateWithOidc(user.email ?? "", user.name ?? "");
        user.id = actor.id;
        return true;
      } catch (e) {
        return `/signin?error=${encodeURIComponent(isAppError(e) ? e.message : "Sign-in failed.")}`;
      }
    },
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
