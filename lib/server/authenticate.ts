import "server-only";
import { sql } from "kysely";
import type { DB } from "@/generated/kysely/types";
import { db, readDb, writeIn } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { secondsUntilNextAttempt } from "@/lib/domain/sign-in-throttle";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";

const WRONG = "Wrong email or password.";
// Each reservation that loses a race re-reads and tries again; someone else moved the counter, so
// this ends within a few rounds even when many attempts arrive together.
const MAX_RESERVE_ROUNDS = 50;

/**
 * Checks a password sign-in. Unknown email, wrong password and disabled account give messages that
 * do not reveal which accounts exist; repeated failures on an account, or on an address that has
 * none, are slowed down alike.
 *
 * The attempt is counted as a failure BEFORE the password is checked, and only if the throttle
 * allows an attempt now (a compare-and-set on the counter the throttle decided on); success resets
 * it. So parallel guesses cannot all pass the throttle while no failure is counted yet: N attempts
 * at once get at most FREE_FAILURES password checks. `verify` is injectable so tests can count them.
 */
export async function authenticateWithPassword(
  email: string,
  password: string,
  now = new Date(),
  verify: (plain: string, hash: string) => Promise<boolean> = verifyPassword,
): Promise<Actor> {
  const normalized = email.trim().toLowerCase();
  for (let round = 0; round < MAX_RESERVE_ROUNDS; round++) {
    const user = await db.user.findUnique({ where: { email: normalized } });
    if (!user || !user.passwordHash) {
      // Throttled and timed as a wrong password is: neither the speed nor a "Too many" tells which addresses have accounts.
      if (!(await reserveAttempt(await addressCounter(normalized, now), now, (seen) => takeAttempt({ table: "SignInThrottle", key: "email", value: normalized }, seen, now)))) continue;
      await verify(password, await decoyHash());
      throw new AppError("UNAUTHENTICATED", WRONG);
    }
    if (!(await reserveAttempt(user, now, (seen) => takeAttempt({ table: "User", key: "id", value: user.id }, seen, now)))) continue;
    if (!(await verify(password, user.passwordHash))) throw new AppError("UNAUTHENTICATED", WRONG);
    await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lastFailedSignInAt: null } });
    if (user.disabled) throw new AppError("FORBIDDEN", "This account is disabled. Ask an administrator.");
    return { id: user.id, name: user.name, email: user.email, roles: user.roles };
  }
  throw new AppError("RATE_LIMITED", "Too many sign-ins for this account at once. Try again in a moment.");
}

interface FailureCounter {
  failedSignIns: number;
  lastFailedSignInAt: Date | null;
}

/**
 * Refuses while the throttle says wait; otherwise counts this attempt as a failure, only if nobody
 * else counted one since `seen` was read (concurrent guesses each take one). False: re-read and retry.
 */
async function reserveAttempt(seen: FailureCounter, now: Date, take: (seen: FailureCounter) => Promise<number>): Promise<boolean> {
  const wait = secondsUntilNextAttempt(seen.failedSignIns, seen.lastFailedSignInAt, now);
  if (wait > 0) throw new AppError("RATE_LIMITED", `Too many failed sign-ins for this account. Try again in ${wait} s.`);
  return (await take(seen)) === 1;
}

/** Counts a failure on an account (User, by id) or on an address with none (SignInThrottle, by email). */
const takeAttempt = (counter: { table: "User"; key: "id"; value: string } | { table: "SignInThrottle"; key: "email"; value: string }, seen: FailureCounter, now: Date) =>
  writeIn(
    db,
    readDb
      .updateTable(counter.table)
      .set((eb) => ({ failedSignIns: eb("failedSignIns", "+", 1), lastFailedSignInAt: now }))
      .where(sql.ref(counter.key), "=", counter.value)
      .where("failedSignIns", "=", seen.failedSignIns)
      .where("lastFailedSignInAt", "is not distinct from", seen.lastFailedSignInAt),
  );

/** The address's counter, created at zero on its first failure (when rows a day old are pruned). */
async function addressCounter(email: string, now: Date): Promise<FailureCounter> {
  const created = await writeIn(db, readDb.insertInto("SignInThrottle").values({ email }).onConflict((oc) => oc.doNothing()));
  if (created === 1) {
    await writeIn(db, readDb.deleteFrom("SignInThrottle").where("lastFailedSignInAt", "<", new Date(now.getTime() - PRUNE_AFTER_MS)));
  }
  return db.signInThrottle.findUniqueOrThrow({ where: { email }, select: { failedSignIns: true, lastFailedSignInAt: true } });
}

const PRUNE_AFTER_MS = 24 * 3600_000;

let decoy: Promise<string> | undefined;
/** A hash at the configured cost that no password is checked against for real. */
function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
}

/**
 * The signed-in user as stored now: roles may have changed and the account may be disabled.
 * Runs on every request, so it reads with plain SQL (an ORM read costs several times the CPU).
 */
export async function loadActor(userId: string): Promise<Actor | null> {
  // The person's zone, and the organisation's for those who chose none, come with the same read, so
  // pages learn how to show times without another round trip (viewerTimeZone).
  const user = await readDb
    .selectFrom("User")
    // roles as text[]: pg parses an array of an enum type (Role[]) as one string, not as a list.
    .select(["id", "name", "email", sql<DB["User"]["roles"]>`roles::text[]`.as("roles"), "disabled", "timeZone"])
    .select((eb) => eb.selectFrom("PolicyVersion").select(sql<string | null>`body->>'timeZone'`.as("zone")).orderBy("version", "desc").limit(sql.lit(1)).$asScalar().as("orgTimeZone"))
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || user.disabled) return null;
  return { id: user.id, name: user.name, email: user.email, roles: user.roles, timeZone: user.timeZone, orgTimeZone: user.orgTimeZone };
}
