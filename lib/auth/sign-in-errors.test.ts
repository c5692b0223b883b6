import { describe, expect, it } from "vitest";
import { SSO_REFUSALS } from "@/lib/domain/sso-identity";
import { signInErrorMessage } from "./sign-in-errors";

const sso = { name: "Acme SSO", issuer: "https://idp.acme.test" };

describe("sign-in error words", () => {
  it("a provider that does not answer is named, with the way out", () => {
    expect(signInErrorMessage("OAuthSignin", sso)).toBe("The single sign-on provider at https://idp.acme.test did not answer; try again or sign in with your password.");
    expect(signInErrorMessage("OAuthCallback", sso)).toMatch(/^The single sign-on provider at https:\/\/idp.acme.test did not complete the sign-in/);
  });

  it("SSO refusal codes get their words; unknown text in the URL is never echoed", () => {
    expect(signInErrorMessage("sso-unverified-email", sso)).toBe(SSO_REFUSALS["unverified-email"]);
    expect(signInErrorMessage("Your account is locked, call +1 555 0100", sso)).toBe("Sign-in failed. Try again, or sign in with your password.");
    expect(signInErrorMessage("sso-toString", sso)).toBe("Sign-in failed. Try again, or sign in with your password.");
  });

  it("no code, or the password form's own code, shows nothing", () => {
    expect(signInErrorMessage(undefined, null)).toBeUndefined();
    expect(signInErrorMessage("CredentialsSignin", null)).toBeUndefined();
  });
});
