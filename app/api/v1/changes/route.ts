import { ciRoute, jsonBody } from "@/lib/server/api-route";
import { createChangeFromCi } from "@/lib/server/create-change-from-ci";

// POST /api/v1/changes — CI opens a Low-risk CR for a service in its token's scope.
export const POST = ciRoute<Record<string, never>>(async (token, req) => {
  const cr = await createChangeFromCi(token, await jsonBody(req));
  return Response.json({ id: cr.id, number: cr.number, state: cr.state, risk: cr.risk, targetVersion: cr.targetVersion }, { status: 201 });
});
