// Slack's v0 request signature: what the interactivity endpoint accepts and refuses before it reads
// anything (replays within the window need the database: slack-interaction.int.test.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slackFormBody, slackSignature, slackSignatureRefusal } from "./slack-signature";

const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const now = new Date("2026-11-30T14:00:00Z");
const ts = String(Math.floor(now.getTime() / 1000));
const body = slackFormBody({ type: "block_actions", user: { id: "U123" }, actions: [{ action_id: "cg:approve", value: '{"crId":"c1"}' }] });

describe("Slack request signature", () => {
  it("matches Slack's documented example", () => {
    // From Slack's "Verifying requests from Slack" guide.
    const example = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    expect(slackSignature(secret, "1531420618", example)).toBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  });

  it("accepts a request signed with the secret within five minutes", () => {
    expect(slackSignatureRefusal(secret, { body, timestamp: ts, signature: slackSignature(secret, ts, body) }, now)).toBeNull();
    const early = String(Number(ts) - 299);
    expect(slackSignatureRefusal(secret, { body, timestamp: early, signature: slackSignature(secret, early, body) }, now)).toBeNull();
  });

  it("refuses an expired request even when its signature is right (a captured request replayed later)", () => {
    const old = String(Number(ts) - 301);
    expect(slackSignatureRefusal(secret, { body, timestamp: old, signature: slackSignature(secret, old, body) }, now)).toMatch(/expired/);
    const future = String(Number(ts) + 301);
    expect(slackSignatureRefusal(secret, { body, timestamp: future, signature: slackSignature(secret, future, body) }, now)).toMatch(/expired/);
  });

  it("refuses a forged request: another secret, a changed body, a moved timestamp, no signature", () => {
    const sig = slackSignature(secret, ts, body);
    expect(slackSignatureRefusal(secret, { body, timestamp: ts, signature: slackSignature("not-the-secret", ts, body) }, now)).toMatch(/does not match/);
    expect(slackSignatureRefusal(secret, { body: body.replace("c1", "c2"), timestamp: ts, signature: sig }, now)).toMatch(/does not match/);
    expect(slackSignatureRefusal(secret, { body, timestamp: String(Number(ts) + 1), signature: sig }, now)).toMatch(/does not match/);
    expect(slackSignatureRefusal(secret, { body, timestamp: ts, signature: "v0=abc" }, now)).toMatch(/does not match/);
    expect(slackSignatureRefusal(secret, { body, timestamp: ts, signature: null }, now)).toMatch(/not signed/);
    expect(slackSignatureRefusal(secret, { body, timestamp: "12e3", signature: sig }, now)).toMatch(/not a number/);
  });

  it("any change to the body breaks the signature", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (extra) => {
        const sig = slackSignature(secret, ts, body);
        return slackSignatureRefusal(secret, { body: body + extra, timestamp: ts, signature: sig }, now) !== null;
      }),
    );
  });
});
