import { assertTokenScope } from "@/lib/server/api-tokens";
import { ciRoute } from "@/lib/server/api-route";
import { getChangeReadiness } from "@/lib/server/change-readiness";

// GET /api/v1/changes/{id or CR number}/readiness — "may this CR deploy now, and if not, why".
export const GET = ciRoute<{ ref: string }>(async (token, _req, { ref }) => {
  // One read for the CR and everything readiness needs; nothing is answered before the scope check.
  const { cr, readiness, policyVersion } = await getChangeReadiness(decodeURIComponent(ref));
  assertTokenScope(token, cr.serviceId);
  return Response.json({
    id: cr.id,
    number: cr.number,
    targetVersion: cr.targetVersion,
    policyVersion,
    ready: readiness.ready,
    missing: readiness.ready ? [] : readiness.missing,
    warnings: readiness.warnings,
  });
});
