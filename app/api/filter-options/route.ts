// GET /api/filter-options — the services, teams and people the list pages' filter selects offer
// (session-authenticated). Fetched once by the browser and kept: the lists change rarely, and
// rendering them into every list page cost a sixth of its server time.
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { isAppError, toUserError } from "@/lib/errors";
import { FILTER_OPTIONS_MAX_AGE_S } from "@/lib/schemas/filter-options";
import { listFilterOptions } from "@/lib/server/filter-options";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const options = await listFilterOptions(await getActor());
    // private: the lists are for signed-in users only, so no shared cache may keep them.
    return NextResponse.json(options, { headers: { "cache-control": `private, max-age=${FILTER_OPTIONS_MAX_AGE_S}` } });
  } catch (e) {
    const err = toUserError(e);
    return NextResponse.json({ error: err.message }, { status: isAppError(e) ? e.status : 500, headers: { "cache-control": "no-store" } });
  }
}
