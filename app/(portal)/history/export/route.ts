// GET /history/export?<the history page's filters> — the filtered history as a streamed CSV file.
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { historyCsvStream } from "@/lib/server/history-export";
import { localToday } from "@/lib/server/org-time-zone";
import { resolveHistoryFilters } from "@/lib/server/history-queries";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return text(401, "Your session has ended. Sign in again.");
  if (!can(actor, "history:view")) return text(403, "Your roles do not allow exporting deployment history.");
  const resolved = await resolveHistoryFilters(new URL(request.url).searchParams);
  if (!resolved.ok) return text(400, Object.entries(resolved.errors).map(([k, m]) => `${k}: ${m}`).join("\n"));
  const body = historyCsvStream(actor, resolved.filters, resolved.zone);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="deployments-${localToday(resolved.zone)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
