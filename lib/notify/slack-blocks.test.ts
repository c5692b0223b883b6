// A notification as Slack shows it, and the same message after a click.
import { describe, expect, it } from "vitest";
import { slackMessage, slackResultMessage } from "./slack-blocks";
import type { OutboxPayload } from "./types";

const base = "https://changegate.example.com";
const submitted: OutboxPayload = {
  event: "change.submitted",
  title: "CR-12 awaits your CAB vote",
  body: "payments-api: raise the <timeout> & retry",
  href: "/changes/c1",
  actions: [{ kind: "approve", crId: "c1" }, { kind: "reject", crId: "c1" }],
};
const elements = (m: { blocks: { type: string; elements?: unknown }[] }) => (m.blocks.find((b) => b.type === "actions")?.elements ?? []) as Record<string, unknown>[];

describe("Slack messages", () => {
  it("shows the title and body (escaped for mrkdwn), an Approve button carrying the CR, Reject and Open as links", () => {
    const m = slackMessage(submitted, base);
    expect(m.text).toContain("CR-12 awaits your CAB vote");
    expect(JSON.stringify(m.blocks[0])).toContain("*CR-12 awaits your CAB vote*\\npayments-api: raise the &lt;timeout&gt; &amp; retry");
    const [approve, reject, open] = elements(m);
    expect(approve).toMatchObject({ action_id: "cg:approve", style: "primary", value: JSON.stringify({ crId: "c1" }) });
    // A rejection needs a reason, which a button cannot carry: the page's vote form.
    expect(reject).toMatchObject({ action_id: "cg:reject", url: `${base}/changes/c1#vote` });
    expect(open).toMatchObject({ action_id: "cg:open", url: `${base}/changes/c1` });
  });

  it("a rollback button carries the service and deployment and asks to confirm", () => {
    const m = slackMessage({ event: "deployment.succeeded", title: "Deployed", body: "v7 is live", href: "/deployments/d1", actions: [{ kind: "rollback", serviceId: "s1", deploymentId: "d1" }, { kind: "open" }] }, base);
    const [rollback, open, ...rest] = elements(m);
    expect(rollback).toMatchObject({ action_id: "cg:rollback", style: "danger", value: JSON.stringify({ serviceId: "s1", deploymentId: "d1" }) });
    expect(rollback!.confirm).toBeTruthy();
    expect(open).toMatchObject({ url: `${base}/deployments/d1` });
    expect(rest).toHaveLength(0);
  });

  it("a message without actions still links to its page", () => {
    expect(elements(slackMessage({ event: "deployment.rolled-back", title: "Rolled back", body: "Error rate 8 %", href: "/deployments/d2" }, base))).toEqual([
      expect.objectContaining({ action_id: "cg:open", url: `${base}/deployments/d2` }),
    ]);
  });

  it("after a success the acting buttons go and the result is said; after a refusal the buttons stay, with the reason, replaced on each click", () => {
    const m = slackMessage(submitted, base);
    const done = slackResultMessage(m, { ok: true, text: "Approved by Ana via Slack." });
    expect(elements(done).map((e) => e.action_id)).toEqual(["cg:open"]);
    expect(JSON.stringify(done.blocks.at(-1))).toContain("Approved by Ana via Slack.");

    const refused = slackResultMessage(m, { ok: false, text: "Not done for Ana: This change is not awaiting a decision" });
    const again = slackResultMessage(refused, { ok: false, text: "Not done for Bo: You cannot approve your own change" });
    expect(elements(again).map((e) => e.action_id)).toEqual(["cg:approve", "cg:reject", "cg:open"]);
    expect(again.blocks.filter((b) => b.block_id === "cg:result")).toHaveLength(1);
    expect(JSON.stringify(again.blocks)).toContain("You cannot approve your own change");
  });
});
