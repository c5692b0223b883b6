import { NextResponse, type NextRequest } from "next/server";
import { getActor } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { openNotification } from "@/lib/server/inbox";

// An inbox entry's link: marks it read, then goes where it points (works without client JS).
export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor) return NextResponse.redirect(new URL(`/signin?callbackUrl=${encodeURIComponent("/inbox")}`, req.url));
  try {
    return NextResponse.redirect(new URL(await openNotification(actor, { id }), req.url), 303);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return NextResponse.redirect(new URL("/inbox", req.url), 303);
    throw e;
  }
}
