import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateWithPassword } from "@/lib/server/authenticate";
import { isAppError } from "@/lib/errors";
import { decodeSessionToken } from "./session-token";
import { oidcProvider, oidcSignIn } from "./oidc";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  jwt: { decode: decodeSessionToken },
  // Every next-auth error lands on our sign-in page, which words its codes (lib/auth/sign-in-errors.ts).
  pages: { signIn: "/signin", error: "/signin" },
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
    ...[oidcProvider()].filter((p) => p !== null),
  ],
  callbacks: {
    async signIn({ account, user, profile }) {
      if (account?.provider !== "oidc") return true;
      const result = await oidcSignIn(profile as Record<string, unknown> | undefined);
      if ("redirect" in result) return result.redirect;
      Object.assign(user, { id: result.userId, name: result.name, email: result.email });
      return true;
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
