// Live status of one deployment for the deployment page's polling (session-authenticated).
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { toUserError } from "@/lib/errors";
import { getLiveDeployment } from "@/lib/server/deployment-live";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const { id } = await params;
  try {
    return NextResponse.json(await getLiveDeployment(actor, id), { headers: { "cache-control": "no-store" } });
  } catch (e) {
    const err = toUserError(e);
    return NextResponse.json({ error: err.message }, { status: err.code === "NOT_FOUND" ? 404 : err.code === "INTERNAL" ? 500 : 400 });
  }
}
