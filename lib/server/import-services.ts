import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { proposeFromTemplate, type SamProposal } from "@/lib/domain/sam/sam-proposal";
import type { ProposedService } from "@/lib/domain/sam/sam-function";
import { AppError, isAppError } from "@/lib/errors";
import { serviceSchema } from "@/lib/schemas/admin";
import { samImportSchema, samTemplateSchema, type SamTemplateInput } from "@/lib/schemas/sam-import";
import { auditActor, writeAudit } from "./audit";
import { parseOrThrow } from "./change-input";
import { assertCan } from "./guard";
import { registeredBaseline } from "./manage-services";
import { isUniqueViolation } from "./prisma-errors";

function propose(v: SamTemplateInput): SamProposal {
  const r = proposeFromTemplate(v.template, { stackName: v.stackName, region: v.awsRegion });
  if (!r.ok) throw new AppError("VALIDATION", r.error, { fields: { template: r.error }, details: { notImported: r.notImported } });
  return r.proposal;
}

/** The proposal, and for each function what is already registered under its name or alias. */
export async function previewSamImport(actor: Actor, input: unknown) {
  assertCan(actor, "admin:services");
  const v = parseOrThrow(samTemplateSchema, input);
  const proposal = propose(v);
  const [existing, users, teams] = await Promise.all([
    db.service.findMany({
      where: { OR: proposal.services.flatMap((s) => [{ name: s.suggestedName }, ...(s.functionName && s.alias ? [{ awsRegion: v.awsRegion, functionName: s.functionName, alias: s.alias }] : [])]) },
      select: { id: true, name: true, functionName: true, alias: true },
    }),
    db.user.findMany({ where: { disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  const registered = Object.fromEntries(
    proposal.services.map((s) => {
      const hit = existing.find((e) => e.functionName === s.functionName && e.alias === s.alias);
      return [s.logicalId, hit ? `${s.functionName}:${s.alias} is already registered as ${hit.name}` : null];
    }),
  );
  return { proposal, registered, users, teams: teams.map((t) => t.name) };
}

/** The version the alias serves now: known-good, read as a service registered by hand reads it; a refusal names the function. */
async function baselineOf(s: ProposedService & { functionName: string; alias: string }): Promise<string | null> {
  return registeredBaseline(s.functionName, s.alias).catch((e: unknown) => {
    if (isAppError(e) && e.code === "VALIDATION") {
      const message = e.message.replace("create it first", "deploy the stack (or create the alias) first").replace("create the function first", "deploy the stack first");
      throw new AppError("VALIDATION", `${s.logicalId}: ${message}`, { fields: { [s.logicalId]: Object.values(e.fields ?? {})[0] ?? "Not in Lambda" } });
    }
    throw e;
  });
}

/** Checks one chosen function against the registry's own rules; messages name the function. */
function registration(s: ProposedService | undefined, choice: { logicalId: string; name: string; team: string; onCallUserId?: string }, awsRegion: string) {
  if (!s) throw new AppError("VALIDATION", `${choice.logicalId} is not a deployable function in this template.`, { fields: { [choice.logicalId]: "Not in the template" } });
  if (s.problems.length > 0 || !s.functionName || !s.alias || !s.strategy) {
    throw new AppError("VALIDATION", `${s.logicalId} cannot be registered yet: ${s.problems.join(" ")}`, { fields: { [s.logicalId]: s.problems[0] ?? "Not mappable" } });
  }
  try {
    const v = parseOrThrow(serviceSchema, { kind: "LAMBDA", name: choice.name, team: choice.team, awsRegion, onCallUserId: choice.onCallUserId, functionName: s.functionName, alias: s.alias });
    return { s: { ...s, functionName: s.functionName, alias: s.alias, strategy: s.strategy }, v };
  } catch (e) {
    if (!isAppError(e)) throw e;
    const fields = Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, m]) => [`${s.logicalId}.${k}`, m]));
    throw new AppError("VALIDATION", `${s.logicalId}: ${e.message}`, { fields });
  }
}

/** Registers the chosen functions in one transaction: all of them with their audit events, or none. */
export async function importSamServices(actor: Actor, input: unknown) {
  assertCan(actor, "admin:services");
  const v = parseOrThrow(samImportSchema, input);
  const proposal = propose(v);
  const chosen = v.services.map((c) => registration(proposal.services.find((s) => s.logicalId === c.logicalId), c, v.awsRegion));
  const baselines = await Promise.all(chosen.map((c) => baselineOf(c.s)));
  try {
    return await db.$transaction(async (tx) => {
      const created = [];
      for (const [i, { s, v: r }] of chosen.entries()) {
        if (r.onCallUserId && !(await tx.user.findUnique({ where: { id: r.onCallUserId } }))) {
          throw new AppError("VALIDATION", `${s.logicalId}: unknown on-call engineer.`, { fields: { [`${s.logicalId}.onCallUserId`]: "Choose an existing user" } });
        }
        const team = await tx.team.upsert({ where: { name: r.team }, create: { name: r.team }, update: {} });
        const service = await tx.service.create({
          data: {
            kind: "LAMBDA", name: r.name, teamId: team.id, awsRegion: r.awsRegion, onCallUserId: r.onCallUserId ?? null, functionName: s.functionName, alias: s.alias,
            baselineVersion: baselines[i] ?? null, defaultStrategy: s.strategy, preTrafficHook: s.preTrafficHook, postTrafficHook: s.postTrafficHook, alarmNames: s.alarmNames,
          },
        });
        await writeAudit(tx, { actor: auditActor(actor), action: "service.created", entityType: "Service", entityId: service.id, after: { ...service, importedFrom: { logicalId: s.logicalId, stackName: v.stackName ?? null, notImported: proposal.notImported } } });
        created.push(service);
      }
      return created;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", "A service with one of these names, or one of these region/function/alias, is already registered; nothing was registered.", { fields: { name: "Already registered" } });
    throw e;
  }
}
