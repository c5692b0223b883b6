import "server-only";
import { AppError, toUserError } from "@/lib/errors";
import { authenticateToken, type CiToken } from "./api-tokens";

/** The API's error body: a stable code, a message for people, and field messages when there are some. */
export function apiError(e: unknown): Response {
  const err = toUserError(e);
  const status = err.code === "INTERNAL" ? 500 : (e as { status?: number }).status ?? 500;
  const body: { code: string; message: string; fields?: Record<string, string>; reference?: string } = { code: err.code, message: err.message };
  if (err.fields) body.fields = err.fields;
  if (err.reference) body.reference = err.reference;
  return Response.json({ error: body }, { status });
}

/** A CI route: authenticates the bearer token, runs the handler, and turns every failure into JSON. */
export function ciRoute<P>(handler: (token: CiToken, req: Request, params: P) => Promise<Response>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const token = await authenticateToken(req.headers.get("authorization"));
      return await handler(token, req, (await ctx?.params) as P);
    } catch (e) {
      return apiError(e);
    }
  };
}

/** The JSON body, or a VALIDATION error when it is not JSON. */
export async function jsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be JSON.");
  }
}
