// A bare JSON route: the bench's baseline for what the framework alone costs per request.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true, at: new Date().toISOString() });
}
