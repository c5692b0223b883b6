// The sign-in page's error words. next-auth and our SSO sign-in put a CODE in the URL; only known
// codes are worded, so a crafted link cannot make the page say something of its own.
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/domain/sso-identity";

export interface SsoInfo {
  name: string;
  issuer: string;
}

const GENERIC = "Sign-in failed. Try again, or sign in with your password.";

export function signInErrorMessage(code: string | undefined, sso: SsoInfo | null): string | undefined {
  if (!code || code === "CredentialsSignin") return undefined; // the form words its own password errors
  if (code.startsWith("sso-") && isSsoRefusal(code.slice(4))) return SSO_REFUSALS[code.slice(4) as keyof typeof SSO_REFUSALS];
  const at = sso ? `The single sign-on provider at ${sso.issuer}` : "The single sign-on provider";
  switch (code) {
    // Building the redirect to the provider failed: almost always its discovery document did not load.
    case "OAuthSignin":
      return `${at} did not answer; try again or sign in with your password.`;
    // The provider's token or userinfo endpoint failed, or the provider sent the user back with an error.
    case "OAuthCallback":
      return `${at} did not complete the sign-in (it may be unavailable, or the sign-in was cancelled); try again or sign in with your password.`;
    case "AccessDenied":
      return "Sign-in was refused. Ask an administrator if you need access.";
    case "SessionRequired":
      return "Sign in to continue.";
    default:
      return GENERIC;
  }
}
