import { ciRoute } from "@/lib/server/api-route";
import { startDeploymentFromCi } from "@/lib/server/start-deployment";

// POST /api/v1/changes/{id or CR number}/deploy — a pipeline starts a ready change's deployment
// (the production gate decides, as for the Deploy button); follow it at GET /api/v1/deployments/{id}.
export const POST = ciRoute<{ ref: string }>(async (token, _req, { ref }) => {
  const d = await startDeploymentFromCi(token, decodeURIComponent(ref));
  return Response.json({ deploymentId: d.id, state: d.state, fromVersion: d.fromVersion, toVersion: d.toVersion, strategy: d.strategy }, { status: 201 });
});
