// Password sign-in under parallel guessing: each attempt is counted before its password is checked,
// so the throttle bounds how many passwords are checked, however many attempts arrive at once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { FREE_FAILURES, waitSecondsAfter } from "@/lib/domain/sign-in-throttle";
import { refusal } from "@/test/actors";
import { createUser, DEMO_PASSWORD } from "@/prisma/factories";
import { authenticateWithPassword } from "./authenticate";

function countingVerify() {
  const calls = { n: 0 };
  const verify = (plain: string, hash: string) => {
    calls.n++;
    return verifyPassword(plain, hash);
  };
  return { calls, verify };
}

const counterOf = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { failedSignIns: true, lastFailedSignInAt: true } });

describe("password sign-in throttle", () => {
  it("30 parallel wrong passwords get at most FREE_FAILURES password checks; the account is throttled", async () => {
    const user = await createUser(db);
    const { calls, verify } = countingVerify();
    const now = new Date("2026-04-01T10:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 30 }, () => authenticateWithPassword(user.email, "not-the-password", now, verify).then(() => "signed in", (e: { code: string }) => e.code)),
    );
    expect(results.filter((r) => r === "signed in")).toEqual([]);
    expect(calls.n).toBe(FREE_FAILURES);
    expect(results.filter((r) => r === "UNAUTHENTICATED")).toHaveLength(FREE_FAILURES);
    expect(results.filter((r) => r === "RATE_LIMITED")).toHaveLength(30 - FREE_FAILURES);
    expect(await counterOf(user.id)).toEqual({ failedSignIns: FREE_FAILURES, lastFailedSignInAt: now });

    // The right password does not skip the wait, and is not even checked during it.
    const wait = waitSecondsAfter(FREE_FAILURES);
    const locked = await refusal(authenticateWithPassword(user.email, DEMO_PASSWORD, new Date(now.getTime() + (wait - 1) * 1000), verify), "RATE_LIMITED");
    expect(locked.message).toBe("Too many failed sign-ins for this account. Try again in 1 s.");
    expect(calls.n).toBe(FREE_FAILURES);

    // Once the wait is over it signs in, and the counter starts again from zero.
    const actor = await authenticateWithPassword(user.email, DEMO_PASSWORD, new Date(now.getTime() + wait * 1000), verify);
    expect(actor.id).toBe(user.id);
    expect(await counterOf(user.id)).toEqual({ failedSignIns: 0, lastFailedSignInAt: null });
  });

  it("after the wait, parallel guesses again get one check each allowed step, not one each", async () => {
    const user = await createUser(db);
    const { calls, verify } = countingVerify();
    const t0 = new Date("2026-04-01T10:00:00Z");
    await Promise.all(Array.from({ length: 10 }, () => authenticateWithPassword(user.email, "wrong", t0, verify).catch(() => null)));
    const t1 = new Date(t0.getTime() + waitSecondsAfter(FREE_FAILURES) * 1000);
    await Promise.all(Array.from({ length: 10 }, () => authenticateWithPassword(user.email, "wrong", t1, verify).catch(() => null)));
    expect(calls.n).toBe(FREE_FAILURES + 1);
    expect(await counterOf(user.id)).toEqual({ failedSignIns: FREE_FAILURES + 1, lastFailedSignInAt: t1 });
  });

  it("a mistyped password then the right one signs in and resets the count; unknown emails and disabled accounts say nothing more", async () => {
    const user = await createUser(db);
    await refusal(authenticateWithPassword(user.email, "typo"), "UNAUTHENTICATED");
    expect((await counterOf(user.id)).failedSignIns).toBe(1);
    expect((await authenticateWithPassword(` ${user.email.toUpperCase()} `, DEMO_PASSWORD)).id).toBe(user.id);
    expect((await counterOf(user.id)).failedSignIns).toBe(0);

    expect((await refusal(authenticateWithPassword("nobody@example.test", DEMO_PASSWORD), "UNAUTHENTICATED")).message).toBe("Wrong email or password.");
    const disabled = await createUser(db, { disabled: true });
    expect((await refusal(authenticateWithPassword(disabled.email, "wrong"), "UNAUTHENTICATED")).message).toBe("Wrong email or password.");
    await refusal(authenticateWithPassword(disabled.email, DEMO_PASSWORD), "FORBIDDEN");
  });

  it("an unknown address is answered as an account is: one password check per attempt, then the same throttle and words", async () => {
    const user = await createUser(db);
    const unknown = `nobody-${user.id}@example.test`;
    const now = new Date();
    const answers = async (email: string) => {
      const counted = countingVerify();
      const messages = [];
      for (let i = 0; i <= FREE_FAILURES; i++) messages.push((await refusal(authenticateWithPassword(email, "wrong", now, counted.verify))).message);
      return { messages, checks: counted.calls.n };
    };
    const known = await answers(user.email);
    expect(known.checks).toBe(FREE_FAILURES);
    expect(known.messages.at(-1)).toMatch(/^Too many failed sign-ins for this account/);
    expect(await answers(` ${unknown.toUpperCase()} `)).toEqual(known);
  });

  it("30 parallel guesses at an unknown address get at most FREE_FAILURES checks too", async () => {
    const unknown = `nobody-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
    const { calls, verify } = countingVerify();
    const now = new Date();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => authenticateWithPassword(unknown, "guess", now, verify)));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(calls.n).toBeLessThanOrEqual(FREE_FAILURES);
    expect(await db.signInThrottle.findUniqueOrThrow({ where: { email: unknown } })).toMatchObject({ failedSignIns: FREE_FAILURES });
  });
});
