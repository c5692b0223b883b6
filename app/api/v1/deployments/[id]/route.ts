// Live status of one deployment: the deployment page polls it with a session; a pipeline follows the
// deployment it started with its CI token (scoped to the deployment's service).
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { apiError } from "@/lib/server/api-route";
import { authenticateToken } from "@/lib/server/api-tokens";
import { getLiveDeployment } from "@/lib/server/deployment-live";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const viewer = req.headers.has("authorization") ? await authenticateToken(req.headers.get("authorization")) : await getActor();
    if (!viewer) return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "Sign in first, or send a CI token as 'Authorization: Bearer <token>'." } }, { status: 401 });
    return NextResponse.json(await getLiveDeployment(viewer, id), { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return apiError(e);
  }
}
