// Slack over its Web API (@slack/web-api): the only module that posts to Slack. SLACK_API_URL points
// the client elsewhere (the fake Slack in development and tests). The relay retries a failed send
// with its own backoff, so the client does not retry: a down Slack costs one attempt, not minutes.
import { WebClient } from "@slack/web-api";
import { slackMessage } from "./slack-blocks";
import { publicUrl, type ChannelSender } from "./types";

export interface SlackOptions {
  token: string;
  /** Slack's Web API base, ending in "/" (default https://slack.com/api/). */
  apiUrl?: string;
  timeoutMs?: number;
}

export function slackClient(o: SlackOptions): WebClient {
  return new WebClient(o.token, {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl.endsWith("/") ? o.apiUrl : `${o.apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: o.timeoutMs ?? 10_000,
  });
}

/** Posts a message to a member id (a direct message) or a channel (id or #name). */
export function slackSender(o: SlackOptions): ChannelSender {
  const client = slackClient(o);
  return async (m) => {
    const message = slackMessage(m.payload, publicUrl());
    // The client throws on { ok: false } (channel_not_found, not_in_channel …): the relay records it.
    await client.chat.postMessage({ channel: m.recipient, text: message.text, blocks: message.blocks as never, unfurl_links: false, metadata: { event_type: "changegate_outbox", event_payload: { id: m.id.toString() } } });
  };
}

/** The Slack sender this process's environment configures, or none (SLACK_BOT_TOKEN unset). */
export function slackSenderFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelSender | undefined {
  return env.SLACK_BOT_TOKEN ? slackSender({ token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL }) : undefined;
}
