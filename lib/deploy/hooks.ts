// Pre- and post-traffic hooks: the functions the service names (a SAM template's DeploymentPreference
// Hooks, imported), else <fn>-pre-traffic / <fn>-post-traffic beside the target (the convention the
// sandbox uses). No hook function = nothing to run.
import { isAwsGatewayError } from "@/lib/aws";
import { addDeploymentEvent, type LoadedDeployment } from "./store";
import type { DeployDeps } from "./types";

export type HookOutcome = { ok: true } | { ok: false; reason: string };

export function hookFunctionName(functionName: string, phase: "PRE_TRAFFIC" | "POST_TRAFFIC"): string {
  return `${functionName}-${phase === "PRE_TRAFFIC" ? "pre" : "post"}-traffic`;
}

export async function runHook(deps: DeployDeps, d: LoadedDeployment, phase: "PRE_TRAFFIC" | "POST_TRAFFIC"): Promise<HookOutcome> {
  const named = phase === "PRE_TRAFFIC" ? d.service.preTrafficHook : d.service.postTrafficHook;
  const name = named ?? hookFunctionName(d.functionName, phase);
  const label = phase === "PRE_TRAFFIC" ? "Pre-traffic hook" : "Post-traffic hook";
  try {
    const r = await deps.lambda.invokeHook(name, { phase, functionName: d.functionName, alias: d.alias, targetVersion: d.toVersion, deploymentId: d.id });
    if (r.ok) {
      await addDeploymentEvent(d.id, `${phase}_HOOK_PASSED`, `${label} ${name} passed`);
      return { ok: true };
    }
    const reason = `${label} ${name} failed: ${r.error ?? `status ${r.statusCode}`}`;
    await addDeploymentEvent(d.id, `${phase}_HOOK_FAILED`, reason);
    return { ok: false, reason };
  } catch (e) {
    if (isAwsGatewayError(e, "NOT_FOUND")) {
      await addDeploymentEvent(d.id, `${phase}_HOOK_SKIPPED`, `No ${label.toLowerCase()} function ${name}; skipped`);
      return { ok: true };
    }
    throw e;
  }
}
