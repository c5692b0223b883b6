// What a server action returns to a form: success with data, or an error a user may read.
import { toUserError, type UserError } from "./errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: UserError };

export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (e) {
    return { ok: false, error: toUserError(e) };
  }
}
