// POST /api/slack/interactions — Slack's interactivity request URL (a button clicked on a message).
// Authenticated by Slack's request signature, not a session; see lib/server/slack-interaction.ts.
import { handleSlackInteraction } from "@/lib/server/slack-interaction";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  // The raw body: the signature covers the bytes as sent.
  const body = await req.text();
  const answer = await handleSlackInteraction({ body, timestamp: req.headers.get("x-slack-request-timestamp"), signature: req.headers.get("x-slack-signature") });
  return Response.json({ ok: answer.ok, text: answer.text }, { status: answer.status, headers: { "cache-control": "no-store" } });
}
