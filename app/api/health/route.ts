// GET /api/health: the web server answers, and says whether the database and a deploy worker are
// alive (HTTP 503 when either is not). No sign-in needed (proxy.ts lists it as public), no secrets.
import { checkHealth } from "@/lib/server/health-check";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
