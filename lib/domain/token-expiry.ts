// How long a CI token lives, chosen when it is created. A token that never expires is allowed (a
// long-lived pipeline), but it is a choice the admin makes, not the default.
export const TOKEN_EXPIRY_CHOICES = ["30", "90", "365", "none"] as const;
export type TokenExpiryChoice = (typeof TOKEN_EXPIRY_CHOICES)[number];
export const DEFAULT_TOKEN_EXPIRY: TokenExpiryChoice = "90";

export const TOKEN_EXPIRY_LABELS: Record<TokenExpiryChoice, string> = {
  "30": "30 days",
  "90": "90 days",
  "365": "1 year",
  none: "Never (not recommended)",
};

const DAY_MS = 86_400_000;

/** The instant a token created at `createdAt` stops working, or null when it never expires. */
export function tokenExpiresAt(createdAt: Date, choice: TokenExpiryChoice): Date | null {
  return choice === "none" ? null : new Date(createdAt.getTime() + Number(choice) * DAY_MS);
}

/** Expired from its expiry instant on (the instant itself included). */
export const isTokenExpired = (expiresAt: Date | null, now: Date): boolean => expiresAt !== null && now.getTime() >= expiresAt.getTime();
