// A notification as a Slack Block Kit message, and the same message after someone acted on it.
// Buttons that act (Approve, Roll back) carry the action as JSON in their value; the interactivity
// endpoint reads it back and runs it through the portal's own services. Reject is a link to the
// change's vote form: a rejection needs a reason, which a Slack button cannot carry.
import type { MessageAction, OutboxPayload } from "./types";

const RESULT_BLOCK = "cg:result";

/** Slack's mrkdwn treats &, < and > as markup. */
export const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const plain = (text: string) => ({ type: "plain_text" as const, text: clip(text, 75), emoji: true });

export type SlackBlock = { type: string; block_id?: string; [k: string]: unknown };
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

function button(action: MessageAction, base: string, href: string): Record<string, unknown> {
  switch (action.kind) {
    case "approve":
      return { type: "button", action_id: "cg:approve", text: plain("Approve"), style: "primary", value: JSON.stringify({ crId: action.crId }) };
    case "reject":
      return { type: "button", action_id: "cg:reject", text: plain("Reject…"), url: `${base}/changes/${encodeURIComponent(action.crId)}#vote` };
    case "rollback":
      return {
        type: "button",
        action_id: "cg:rollback",
        text: plain("Roll back"),
        style: "danger",
        value: JSON.stringify({ serviceId: action.serviceId, deploymentId: action.deploymentId }),
        confirm: { title: plain("Roll back?"), text: { type: "mrkdwn", text: "Put the service back on the version it served before this deployment." }, confirm: plain("Roll back"), deny: plain("Cancel") },
      };
    case "open":
      return { type: "button", action_id: "cg:open", text: plain("Open in Changegate"), url: `${base}${href}` };
  }
}

/** The message for one outbox payload; `base` is the portal's public URL. */
export function slackMessage(p: OutboxPayload, base: string): SlackMessage {
  const actions = p.actions ?? [];
  const buttons = actions.map((a) => button(a, base, p.href));
  // Every message links to its page, whether or not the event asked for an Open button.
  if (!actions.some((a) => a.kind === "open")) buttons.push(button({ kind: "open" }, base, p.href));
  return {
    text: clip(`${p.title}: ${p.body}`, 3000),
    blocks: [
      { type: "section", block_id: "cg:summary", text: { type: "mrkdwn", text: clip(`*${slackEscape(p.title)}*\n${slackEscape(p.body)}`, 3000) } },
      { type: "actions", block_id: "cg:actions", elements: buttons },
    ],
  };
}

/**
 * The original message after a click: on success its acting buttons go (the Open link stays) and a
 * line says who did what; on a refusal the buttons stay (someone else may act) and the line says why.
 */
export function slackResultMessage(original: SlackMessage, outcome: { ok: boolean; text: string }): SlackMessage {
  const blocks: SlackBlock[] = [];
  for (const b of original.blocks) {
    if (b.block_id === RESULT_BLOCK) continue;
    if (outcome.ok && b.type === "actions") {
      const links = ((b.elements as { url?: string; action_id?: string }[] | undefined) ?? []).filter((e) => e.action_id === "cg:open");
      if (links.length) blocks.push({ ...b, elements: links });
      continue;
    }
    blocks.push(b);
  }
  blocks.push({ type: "context", block_id: RESULT_BLOCK, elements: [{ type: "mrkdwn", text: `${outcome.ok ? "✅" : "⚠️"} ${slackEscape(outcome.text)}` }] });
  return { text: clip(`${original.text} — ${outcome.text}`, 3000), blocks };
}
