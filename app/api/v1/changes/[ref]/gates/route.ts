import { ciRoute, jsonBody } from "@/lib/server/api-route";
import { recordGateResult } from "@/lib/server/record-gate-result";

// POST /api/v1/changes/{id or CR number}/gates — report one gate result for the CR's target version.
export const POST = ciRoute<{ ref: string }>(async (token, req, { ref }) => {
  const { result, autoApproved, state } = await recordGateResult({ token }, decodeURIComponent(ref), await jsonBody(req));
  return Response.json(
    { id: result.id, gate: result.gate, version: result.version, passed: result.passed, value: result.value, autoApproved, changeState: state },
    { status: 201 },
  );
});
