// A fake Slack for development and tests: the two Web API methods Changegate calls (chat.postMessage,
// chat.update — bearer token checked, answered as Slack answers), the response_url a click carries,
// and the other direction: a signed interactivity request, as Slack sends when someone clicks a button.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { slackFormBody, slackSignature } from "./slack-signature";
import type { SlackBlock } from "./slack-blocks";

export interface FakeSlackMessage {
  ts: string;
  channel: string;
  text: string;
  blocks: SlackBlock[];
  /** What later replaced it (chat.update or a response_url with replace_original), newest last. */
  updates: { text: string; blocks: SlackBlock[] }[];
}

export interface FakeSlackClick {
  /** The portal's base URL (the interactivity endpoint is /api/slack/interactions). */
  portalUrl: string;
  signingSecret: string;
  userId: string;
  actionId: string;
  value?: string;
  /** The message clicked on (its ts and channel); a synthetic one when absent. */
  message?: Pick<FakeSlackMessage, "ts" | "channel" | "text" | "blocks">;
  /** Seconds since the epoch to sign with (default now): tests send stale requests with it. */
  timestamp?: number;
  /** Sign with this secret instead (a forgery). */
  forgeWith?: string;
}

export interface FakeSlack {
  /** The Web API base to give the client (SLACK_API_URL), ending in "/". */
  apiUrl: string;
  token: string;
  messages: FakeSlackMessage[];
  /** Ephemeral answers sent to a click's response_url (only the clicker sees them in Slack). */
  ephemeral: { channel: string; text: string }[];
  /** While true, every Web API call fails as a Slack outage would (HTTP 503). */
  down: boolean;
  /** Sends a signed button click to the portal, as Slack would; the raw request is returned for replays. */
  click(c: FakeSlackClick): Promise<{ status: number; body: string; request: { body: string; headers: Record<string, string> } }>;
  /** Posts a raw request (a replay of an earlier click). */
  send(portalUrl: string, request: { body: string; headers: Record<string, string> }): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

/** A Web API call's arguments: form-encoded (what @slack/web-api sends, objects as JSON) or JSON. */
function args(body: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes("application/json")) return JSON.parse(body || "{}") as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    out[k] = k === "blocks" || k === "metadata" ? JSON.parse(v) : v;
  }
  return out;
}

export async function startFakeSlack(o: { port?: number; token?: string; onMessage?: (m: FakeSlackMessage, kind: "post" | "update") => void } = {}): Promise<FakeSlack> {
  const token = o.token ?? "xoxb-fake-slack";
  let seq = 0;
  const fake = { token, messages: [] as FakeSlackMessage[], ephemeral: [] as { channel: string; text: string }[], down: false };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  const replace = (m: FakeSlackMessage, text: string, blocks: SlackBlock[]) => {
    m.updates.push({ text, blocks });
    m.text = text;
    m.blocks = blocks;
    o.onMessage?.(m, "update");
  };

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://fake");
      if (req.method === "GET" && url.pathname === "/_fake/messages") return json(res, 200, { messages: fake.messages, ephemeral: fake.ephemeral });
      const response = /^\/response\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (req.method === "POST" && response) {
        // A response_url: replaces the clicked message, or answers only the clicker (ephemeral).
        const r = JSON.parse(body || "{}") as { text?: string; blocks?: SlackBlock[]; replace_original?: boolean; response_type?: string };
        const [channel, ts] = [decodeURIComponent(response[1]!), decodeURIComponent(response[2]!)];
        const m = fake.messages.find((x) => x.ts === ts && x.channel === channel);
        if (r.replace_original && m) replace(m, r.text ?? "", r.blocks ?? []);
        else fake.ephemeral.push({ channel, text: r.text ?? "" });
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end("ok");
      }
      const method = /^\/api\/(chat\.postMessage|chat\.update)$/.exec(url.pathname)?.[1];
      if (req.method !== "POST" || !method) return json(res, 404, { ok: false, error: "unknown_method" });
      if (fake.down) return json(res, 503, { ok: false, error: "service_unavailable" });
      if (req.headers.authorization !== `Bearer ${token}`) return json(res, 200, { ok: false, error: "invalid_auth" });
      const a = args(body, req.headers["content-type"]);
      const channel = String(a.channel ?? "");
      if (!channel) return json(res, 200, { ok: false, error: "channel_not_found" });
      const text = String(a.text ?? "");
      const blocks = (a.blocks as SlackBlock[] | undefined) ?? [];
      if (method === "chat.update") {
        const m = fake.messages.find((x) => x.ts === a.ts && x.channel === channel);
        if (!m) return json(res, 200, { ok: false, error: "message_not_found" });
        replace(m, text, blocks);
        return json(res, 200, { ok: true, channel, ts: m.ts, text });
      }
      const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, "0")}`;
      const m: FakeSlackMessage = { ts, channel, text, blocks, updates: [] };
      fake.messages.push(m);
      o.onMessage?.(m, "post");
      return json(res, 200, { ok: true, channel, ts, message: { text, blocks } });
    } catch (e) {
      return json(res, 500, { ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : o.port}`;

  const send = async (portalUrl: string, request: { body: string; headers: Record<string, string> }) => {
    const r = await fetch(`${portalUrl.replace(/\/$/, "")}/api/slack/interactions`, { method: "POST", headers: request.headers, body: request.body });
    return { status: r.status, body: await r.text() };
  };

  return Object.assign(fake, {
    apiUrl: `${base}/api/`,
    send,
    async click(c: FakeSlackClick) {
      const request = slackClickRequest(base, c);
      return { ...(await send(c.portalUrl, request)), request };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * The request Slack sends when a button is clicked, signed: `fakeUrl` is the fake Slack's base (its
 * response_url lives there), so a process without the fake's handle (an e2e spec) can click too.
 */
export function slackClickRequest(fakeUrl: string, c: Omit<FakeSlackClick, "portalUrl">): { body: string; headers: Record<string, string> } {
  const base = fakeUrl.replace(/\/(api\/?)?$/, "");
  const message = c.message ?? { ts: `${Math.floor(Date.now() / 1000)}.999999`, channel: c.userId, text: "", blocks: [] };
  const payload = {
    type: "block_actions",
    user: { id: c.userId, username: c.userId },
    team: { id: "T0FAKE" },
    api_app_id: "A0FAKE",
    trigger_id: randomUUID(),
    container: { type: "message", message_ts: message.ts, channel_id: message.channel },
    channel: { id: message.channel },
    message: { ts: message.ts, text: message.text, blocks: message.blocks },
    response_url: `${base}/response/${encodeURIComponent(message.channel)}/${encodeURIComponent(message.ts)}`,
    actions: [{ type: "button", action_id: c.actionId, block_id: "cg:actions", value: c.value, action_ts: `${Date.now() / 1000}` }],
  };
  const body = slackFormBody(payload);
  const timestamp = String(c.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    body,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": slackSignature(c.forgeWith ?? c.signingSecret, timestamp, body),
    },
  };
}
