// GET /cab/<id>/minutes — the meeting's minutes as a Markdown download, for anyone signed in (meetings
// and the submitted changes on them are visible to every colleague).
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { exportMeetingMinutes } from "@/lib/server/cab-minutes-export";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const actor = await getActor();
  if (!actor) return text(401, "Your session has ended. Sign in again.");
  const { id } = await params;
  try {
    const { body, filename } = await exportMeetingMinutes(id);
    return new Response(body, {
      headers: {
        "content-type": "text/markdown; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return text(404, e.message);
    if (isAppError(e) && e.code === "CONFLICT") return text(409, e.message);
    throw e;
  }
}
