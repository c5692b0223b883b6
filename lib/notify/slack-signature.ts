// Slack's request signing (v0): an HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the app's signing
// secret, sent as `x-slack-signature: v0=<hex>` beside `x-slack-request-timestamp`. The fake Slack signs
// with it; the interactivity endpoint checks it. A request older than the window is refused, so a
// captured request cannot be replayed later (and within the window, the endpoint remembers signatures).
import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a request's timestamp may be from now (Slack's own advice: five minutes). */
export const SLACK_REPLAY_WINDOW_S = 5 * 60;

export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SignedRequest {
  body: string;
  timestamp: string | null;
  signature: string | null;
}

/** Why a request is not Slack's (null when it is). Compared in constant time. */
export function slackSignatureRefusal(secret: string, req: SignedRequest, now: Date): string | null {
  if (!req.timestamp || !req.signature) return "This request is not signed by Slack (no signature or timestamp).";
  if (!/^\d{1,12}$/.test(req.timestamp)) return "This request's Slack timestamp is not a number.";
  const age = Math.abs(now.getTime() / 1000 - Number(req.timestamp));
  if (age > SLACK_REPLAY_WINDOW_S) return "This Slack request has expired (its timestamp is more than 5 minutes from now); click the button again.";
  const expected = Buffer.from(slackSignature(secret, req.timestamp, req.body));
  const given = Buffer.from(req.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "This request's Slack signature does not match: it was not sent by Slack.";
  return null;
}

/** The form body Slack posts to the interactivity URL: `payload=<url-encoded JSON>`. */
export const slackFormBody = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
