import "server-only";
// The sandbox panel's services (demo mode only): read the sandbox and inject faults. Audited like any
// other mutation so a demo's "why did that roll back" has an answer.
import type { Actor } from "@/lib/auth/permissions";
import { controlFaultSchema, faultSchema } from "@/lib/sandbox/control-contract";
import { SandboxControlClient } from "@/lib/sandbox/control-client";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit, auditActor } from "./audit";
import { isSandboxDemo } from "./aws";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";

function control(actor: Actor): SandboxControlClient {
  assertCan(actor, "sandbox:control", "The sandbox panel is for SREs and admins.");
  if (!isSandboxDemo()) throw new AppError("NOT_FOUND", "The AWS sandbox is only available in demo mode (CHANGEGATE_AWS=sandbox).");
  return new SandboxControlClient(process.env.CHANGEGATE_SANDBOX_URL!);
}

async function audit(actor: Actor, action: string, after: unknown) {
  await writeAudit(db, { actor: auditActor(actor), action: `sandbox.${action}`, entityType: "Sandbox", entityId: "sandbox", after });
}

export async function getSandboxState(actor: Actor) {
  return control(actor).state();
}

export async function injectSandboxFault(actor: Actor, input: { functionName: string; version: string; fault: unknown }) {
  const c = control(actor);
  const fault = parseOrThrow(faultSchema, input.fault);
  const r = await c.injectFault(input.functionName, input.version, fault);
  await audit(actor, "fault", { ...input, fault });
  return r;
}

export async function injectSandboxControlFault(actor: Actor, input: unknown) {
  const c = control(actor);
  const fault = parseOrThrow(controlFaultSchema, input);
  const r = await c.injectControlFault(fault);
  await audit(actor, "control-fault", fault);
  return r;
}

export async function clearSandboxFaults(actor: Actor) {
  const c = control(actor);
  const r = await c.clearAllFaults();
  await audit(actor, "clear-faults", r);
  return r;
}
