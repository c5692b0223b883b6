import { encode, decode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken } from "./session-token";

const secret = "a-test-secret-that-is-long-enough";

describe("session cookie decoding", () => {
  it("reads what next-auth wrote, exactly as next-auth reads it", async () => {
    const token = await encode({ token: { sub: "user-1", name: "Ada" }, secret });
    const ours = await decodeSessionToken({ token, secret });
    expect(ours).toEqual(await decode({ token, secret }));
    expect(ours?.sub).toBe("user-1");
  });

  it("refuses a token under another secret, a tampered token and an expired one", async () => {
    const token = await encode({ token: { sub: "user-1" }, secret });
    await expect(decodeSessionToken({ token, secret: `${secret}-other` })).rejects.toThrow();
    const parts = token.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    await expect(decodeSessionToken({ token: parts.join("."), secret })).rejects.toThrow();
    const expired = await encode({ token: { sub: "user-1" }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret })).rejects.toThrow();
  });

  it("gives nothing for no cookie", async () => {
    expect(await decodeSessionToken({ token: undefined, secret })).toBeNull();
  });
});
