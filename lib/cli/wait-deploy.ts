// `changegate wait` (poll readiness until the CR may deploy) and `changegate deploy` (start it and,
// with --follow, poll the deployment to its end). Both print only what changed since the last poll.
import { crPath } from "./api-client";
import { duration, parse } from "./args";
import { EXIT, setOutput, type Ctx } from "./io";

interface Readiness {
  number: string;
  targetVersion: string;
  ready: boolean;
  missing: { code: string; message: string }[];
  warnings: { code: string; message: string }[];
}

export const WAIT_USAGE = `changegate wait <CR> [--timeout 30m] [--interval 10s]
  Waits until the CR is ready to deploy. Exit 0 ready, 2 timed out (prints what is missing), 1 rejected.`;

export async function waitReady(ctx: Ctx, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { timeout: { type: "string" }, interval: { type: "string" } }, ["CR"]);
  const ref = positionals[0]!;
  const timeoutMs = duration(values, "timeout", 30 * 60_000);
  const intervalMs = duration(values, "interval", 10_000);
  const deadline = ctx.now() + timeoutMs;
  let shown = "";
  for (;;) {
    const r = await ctx.api.get<Readiness>(`${crPath(ref)}/readiness`);
    if (r.ready) {
      for (const w of r.warnings) ctx.log(`Note: ${w.message}`);
      ctx.log(`${r.number} is ready to deploy version ${r.targetVersion}.`);
      return EXIT.OK;
    }
    const now = missingText(r);
    if (now !== shown) ctx.log(`${r.number} is not ready yet:\n${now}`);
    shown = now;
    // A rejection is final for this change; waiting longer cannot make it ready.
    if (r.missing.some((m) => m.code === "REJECTED")) {
      ctx.log(`${r.number} was rejected; open a new change.`);
      return EXIT.NO;
    }
    const left = deadline - ctx.now();
    if (left <= 0) {
      ctx.log(`Timed out after ${formatMs(timeoutMs)}: ${r.number} is still not ready:\n${now}`);
      return EXIT.TIMEOUT;
    }
    await ctx.sleep(Math.min(intervalMs, left));
  }
}

const missingText = (r: Readiness) => r.missing.map((m) => `  - ${m.message} [${m.code}]`).join("\n");

interface LiveDeployment {
  id: string;
  state: string;
  active: boolean;
  currentWeight: number;
  currentStep: number;
  steps: unknown[];
  toVersion: string;
  fromVersion: string;
  functionName: string;
  alias: string;
  reason: string | null;
}

export const DEPLOY_USAGE = `changegate deploy <CR> [--follow] [--timeout 60m] [--interval 5s]
  Starts the deployment of a ready CR; prints the deployment id (steps.<id>.outputs.deployment on GitHub).
  --follow: waits for its end. Exit 0 succeeded, 3 rolled back or failed (with the reason), 2 still running at --timeout.`;

export async function deploy(ctx: Ctx, argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { follow: { type: "boolean" }, timeout: { type: "string" }, interval: { type: "string" } }, ["CR"]);
  const ref = positionals[0]!;
  const timeoutMs = duration(values, "timeout", 60 * 60_000);
  const intervalMs = duration(values, "interval", 5_000);
  const started = await ctx.api.post<{ deploymentId: string; state: string }>(`${crPath(ref)}/deploy`, {});
  ctx.log(`Started deployment ${started.deploymentId} of ${ref} (${started.state.toLowerCase()}).`);
  ctx.out(started.deploymentId);
  await setOutput(ctx, "deployment", started.deploymentId);
  if (!values.follow) return EXIT.OK;
  return follow(ctx, started.deploymentId, timeoutMs, intervalMs);
}

async function follow(ctx: Ctx, id: string, timeoutMs: number, intervalMs: number): Promise<number> {
  const deadline = ctx.now() + timeoutMs;
  let shown = "";
  for (;;) {
    const d = await ctx.api.get<LiveDeployment>(`/deployments/${encodeURIComponent(id)}`);
    const line = `${d.state.toLowerCase()}: ${d.currentWeight} % of ${d.functionName}:${d.alias} on version ${d.toVersion}`;
    if (line !== shown) ctx.log(line);
    shown = line;
    if (!d.active) {
      if (d.state === "SUCCEEDED") {
        ctx.log(`Deployment ${id} succeeded: ${d.alias} now serves version ${d.toVersion}.`);
        return EXIT.OK;
      }
      ctx.log(`Deployment ${id} ${d.state === "ROLLED_BACK" ? "was rolled back" : "failed"}${d.reason ? `: ${d.reason}` : ""}. ${d.alias} serves version ${d.fromVersion}.`);
      return EXIT.DEPLOY_FAILED;
    }
    const left = deadline - ctx.now();
    if (left <= 0) {
      ctx.log(`Timed out after ${formatMs(timeoutMs)}; deployment ${id} is still ${d.state.toLowerCase()} and goes on without this step.`);
      return EXIT.TIMEOUT;
    }
    await ctx.sleep(Math.min(intervalMs, left));
  }
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
