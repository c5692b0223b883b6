import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasNullCharacter, isCrossOriginAction, type ActionRequest } from "./request-guards";

const action = (over: Partial<ActionRequest> = {}): ActionRequest => ({
  method: "POST",
  pathname: "/changes/new",
  nextAction: "7f3a",
  contentType: "text/plain;charset=UTF-8",
  origin: "http://localhost:3000",
  host: "localhost:3000",
  forwardedHost: null,
  ...over,
});

describe("hasNullCharacter", () => {
  it("finds a percent-encoded null in the query or the path, in either case", () => {
    expect(hasNullCharacter("http://h/changes?q=%00")).toBe(true);
    expect(hasNullCharacter("http://h/history?service=abc%00def")).toBe(true);
    expect(hasNullCharacter("http://h/changes/CR-2026-001%00")).toBe(true);
  });

  it("leaves addresses without one alone, including a literal '%00' text sent as %2500", () => {
    expect(hasNullCharacter("http://h/changes?q=%2500")).toBe(false);
    expect(hasNullCharacter("http://h/changes?q=100%25&page=2")).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii" }), (s) => {
        const url = `http://h/changes?q=${encodeURIComponent(s)}`;
        expect(hasNullCharacter(url)).toBe(s.includes("\0"));
      }),
    );
  });
});

describe("isCrossOriginAction", () => {
  it("refuses a server action whose Origin is another site, or unreadable, or 'null'", () => {
    expect(isCrossOriginAction(action({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossOriginAction(action({ origin: "http://localhost:4000" }))).toBe(true);
    expect(isCrossOriginAction(action({ origin: "null" }))).toBe(true);
    expect(isCrossOriginAction(action({ origin: "not a url" }))).toBe(true);
    expect(isCrossOriginAction(action({ host: null }))).toBe(true);
  });

  it("refuses a multipart form post to a page from another site, Next-Action header or not", () => {
    expect(isCrossOriginAction(action({ nextAction: null, contentType: "multipart/form-data; boundary=x", origin: "https://evil.example" }))).toBe(true);
  });

  it("lets through what Next.js lets through: same host, forwarded host, no Origin, not an action", () => {
    expect(isCrossOriginAction(action())).toBe(false);
    expect(isCrossOriginAction(action({ origin: "https://portal.example", forwardedHost: "portal.example, proxy.internal" }))).toBe(false);
    expect(isCrossOriginAction(action({ origin: null }))).toBe(false);
    expect(isCrossOriginAction(action({ method: "GET", origin: "https://evil.example" }))).toBe(false);
    expect(isCrossOriginAction(action({ nextAction: null, origin: "https://evil.example" }))).toBe(false);
    expect(isCrossOriginAction(action({ pathname: "/api/auth/callback/credentials", origin: "https://evil.example" }))).toBe(false);
  });
});
