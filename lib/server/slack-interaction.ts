import "server-only";
// A click on a Slack message's button (Slack's interactivity request). Slack's signature is checked
// first (signing secret, a timestamp within five minutes, a signature not seen before on any
// instance); the Slack member is mapped to a portal user; then the action runs through the very
// service the portal's button calls — so a message never grants what the portal would refuse — with
// "via Slack" in the audit. The message is then updated with the result or the refusal's reason.
import type { Actor } from "@/lib/auth/permissions";
import { db, readDb, writeIn } from "@/lib/db";
import { AppError, isAppError, toUserError } from "@/lib/errors";
import { slackResultMessage, type SlackMessage } from "@/lib/notify/slack-blocks";
import { SLACK_REPLAY_WINDOW_S, slackSignatureRefusal, type SignedRequest } from "@/lib/notify/slack-signature";
import type { Gateways } from "./live-target";
import { rollbackAlias } from "./rollback-alias";
import { voteOnChange } from "./vote-on-change";

export interface SlackInteractionDeps {
  signingSecret?: string;
  now?: Date;
  /** AWS gateways for a rollback (tests); the configured ones otherwise. */
  gateways?: Gateways;
  /** Posts to the click's response_url (tests may capture it); default: fetch. */
  respond?: (url: string, body: Record<string, unknown>) => Promise<void>;
}

/** What the endpoint answers Slack: an HTTP status and a sentence (Slack shows neither for a button; tests read both). */
export interface SlackAnswer {
  status: number;
  ok: boolean;
  text: string;
}

interface ClickPayload {
  type: string;
  user?: { id?: string };
  response_url?: string;
  message?: { text?: string; blocks?: SlackMessage["blocks"] };
  actions?: { action_id?: string; value?: string }[];
}

export async function handleSlackInteraction(req: SignedRequest, deps: SlackInteractionDeps = {}): Promise<SlackAnswer> {
  const now = deps.now ?? new Date();
  const secret = deps.signingSecret ?? process.env.SLACK_SIGNING_SECRET;
  if (!secret) return { status: 503, ok: false, text: "Slack is not configured on this Changegate (SLACK_SIGNING_SECRET is unset); nothing was done." };
  const forged = slackSignatureRefusal(secret, req, now);
  if (forged) return { status: 401, ok: false, text: `${forged} Nothing was done.` };

  const payload = parsePayload(req.body);
  if (!payload) return { status: 400, ok: false, text: "This Slack request carries no readable payload; nothing was done." };
  if (!(await firstSighting(req.signature!, now))) {
    return { status: 401, ok: false, text: "This Slack request was already received (a replay); nothing was done." };
  }
  const action = payload.actions?.[0];
  const kind = action?.action_id?.startsWith("cg:") ? action.action_id.slice(3) : null;
  // Link buttons (Open, Reject…) also report their click; the browser does the rest.
  if (payload.type !== "block_actions" || !kind || kind === "open" || (kind === "reject" && !action?.value)) return { status: 200, ok: true, text: "" };

  const respond = async (body: Record<string, unknown>) => {
    if (!payload.response_url || !trustedResponseUrl(payload.response_url)) return;
    try {
      await (deps.respond ?? postJson)(payload.response_url, body);
    } catch (e) {
      console.error("[slack] could not update the message:", e instanceof Error ? e.message : e);
    }
  };

  const slackId = payload.user?.id ?? "";
  const user = slackId ? await db.user.findUnique({ where: { slackUserId: slackId }, select: { id: true, name: true, email: true, roles: true, disabled: true } }) : null;
  if (!user || user.disabled) {
    const text = user
      ? "Your Changegate account is disabled; nothing was done."
      : `Your Slack account (${slackId || "unknown"}) is not linked to a Changegate user, so nothing was done. Ask an admin to enter your Slack member id on your user in Changegate.`;
    await respond({ response_type: "ephemeral", replace_original: false, text });
    return { status: 200, ok: false, text };
  }
  const actor: Actor = { id: user.id, name: user.name, email: user.email, roles: user.roles };

  let outcome: { ok: boolean; text: string };
  try {
    outcome = { ok: true, text: await runAction(actor, kind, action?.value ?? "", now, deps.gateways ?? {}) };
  } catch (e) {
    const err = toUserError(e);
    outcome = { ok: false, text: `Not done for ${actor.name}: ${err.message}${isAppError(e) && e.code === "VALIDATION" && kind === "reject" ? " — reject on the change's page." : ""}` };
  }
  const original: SlackMessage = { text: payload.message?.text ?? "", blocks: payload.message?.blocks ?? [] };
  await respond({ replace_original: true, ...slackResultMessage(original, outcome) });
  return { status: 200, ...outcome };
}

async function runAction(actor: Actor, kind: string, rawValue: string, now: Date, gateways: Gateways): Promise<string> {
  const value = parseValue(rawValue);
  if (kind === "approve" || kind === "reject") {
    const crId = typeof value.crId === "string" ? value.crId : "";
    const decision = kind === "approve" ? "APPROVE" : "REJECT";
    const r = await voteOnChange(actor, { crId, decision, comment: typeof value.comment === "string" ? value.comment : "" }, now, { via: "Slack" });
    const word = kind === "approve" ? "Approved" : "Rejected";
    if (!r.recorded) return `${actor.name} had already ${word.toLowerCase()} ${r.cr.number}; nothing changed.`;
    return `${word} by ${actor.name} via Slack${r.transitioned ? ` — ${r.cr.number} is now ${r.transitioned.toLowerCase().replace(/_/g, " ")}` : ""}.`;
  }
  if (kind === "rollback") return rollbackFromSlack(actor, value, gateways);
  throw new AppError("VALIDATION", `Changegate does not know the button "${kind}".`);
}

/**
 * Rolls back the deployment a message is about: to the version it replaced, through the portal's
 * manual-rollback service (its production gate decides who may, and whether that version is known-good).
 */
async function rollbackFromSlack(actor: Actor, value: Record<string, unknown>, gateways: Gateways): Promise<string> {
  const deploymentId = typeof value.deploymentId === "string" ? value.deploymentId : "";
  const d = deploymentId ? await db.deployment.findUnique({ where: { id: deploymentId }, include: { service: true } }) : null;
  if (!d || d.serviceId !== value.serviceId) throw new AppError("NOT_FOUND", "That deployment no longer exists.");
  // Only while it is what the service serves: a later deployment or rollback makes the button stale.
  const latest = await db.deployment.findFirst({ where: { serviceId: d.serviceId, outcome: "SUCCEEDED" }, orderBy: [{ finishedAt: "desc" }, { startedAt: "desc" }], select: { id: true } });
  if (d.kind !== "DEPLOY" || d.outcome !== "SUCCEEDED" || latest?.id !== d.id) {
    throw new AppError("CONFLICT", `This deployment (${d.functionName} version ${d.toVersion}) is no longer what the service serves; look at the service's page.`);
  }
  const s = d.service;
  const done = await rollbackAlias(
    actor,
    { serviceId: s.id, targetVersion: d.fromVersion, confirmAlias: s.kind === "ECS" ? s.functionName : s.alias, reason: `Rolled back from Slack by ${actor.name}` },
    { ...gateways, via: "Slack" },
  );
  return `Rolled back by ${actor.name} via Slack: ${s.functionName}:${s.alias} serves ${done.toVersion} again.`;
}

/** Records the request's signature; false when it was seen before (a replay). Old ones are pruned. */
async function firstSighting(signature: string, now: Date): Promise<boolean> {
  const inserted = await writeIn(db, readDb.insertInto("SlackRequest").values({ signature, receivedAt: now }).onConflict((oc) => oc.doNothing()));
  // Twice the window: a request older than the window is refused by its timestamp anyway.
  await writeIn(db, readDb.deleteFrom("SlackRequest").where("receivedAt", "<", new Date(now.getTime() - 2 * SLACK_REPLAY_WINDOW_S * 1000)));
  return inserted === 1;
}

function parsePayload(body: string): ClickPayload | null {
  try {
    const raw = new URLSearchParams(body).get("payload");
    const p = raw ? (JSON.parse(raw) as ClickPayload) : null;
    return p && typeof p === "object" && typeof p.type === "string" ? p : null;
  } catch {
    return null;
  }
}

function parseValue(raw: string): Record<string, unknown> {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Only Slack's hooks (or the configured Slack API's host, the fake in development) get our answers. */
function trustedResponseUrl(url: string): boolean {
  const allowed = ["https://hooks.slack.com/"];
  if (process.env.SLACK_API_URL) allowed.push(new URL(process.env.SLACK_API_URL).origin + "/");
  return allowed.some((a) => url.startsWith(a));
}

async function postJson(url: string, body: Record<string, unknown>): Promise<void> {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000) });
  if (!r.ok) throw new Error(`response_url answered HTTP ${r.status}`);
}

