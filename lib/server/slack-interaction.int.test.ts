// Slack end to end on a real database: messages go out through the outbox and the real Slack client
// to a fake Slack; a signed click comes back through the interactivity handler (served over HTTP as
// the route serves it) and runs the portal's own services, "via Slack" in the audit; forged, expired,
// replayed and unmapped clicks, and clicks the portal would refuse, write nothing.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAwsGateways, type AwsGateways } from "@/lib/aws";
import { startSandbox, type SandboxHandle } from "@/lib/sandbox";
import { startFakeSlack, type FakeSlack } from "@/lib/notify/fake-slack";
import { slackSender } from "@/lib/notify/slack";
import { slackMessage } from "@/lib/notify/slack-blocks";
import { changeFormValues, createService, createUser } from "@/prisma/factories";
import { asActor, deployTarget } from "@/test/deploy-support";
import type { Role } from "@/generated/prisma/client";
import { createChange } from "./create-change";
import { notify } from "./notify";
import { deliverDue } from "./outbox-relay";
import { handleSlackInteraction } from "./slack-interaction";
import { scaled } from "@/test/timeouts";

const SECRET = "slack-signing-secret-for-tests";
let slack: FakeSlack;
let portal: http.Server;
let portalUrl: string;
let sandbox: SandboxHandle;
let aws: AwsGateways;

beforeAll(async () => {
  slack = await startFakeSlack();
  sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 5 });
  aws = createAwsGateways({ endpoint: sandbox.url });
  Object.assign(process.env, { SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: SECRET });
  // The route, minus Next: the raw body and the two headers to the handler.
  portal = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const a = await handleSlackInteraction(
        { body: Buffer.concat(chunks).toString("utf8"), timestamp: (req.headers["x-slack-request-timestamp"] as string) ?? null, signature: (req.headers["x-slack-signature"] as string) ?? null },
        { gateways: { lambda: aws.lambda } },
      );
      res.writeHead(a.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: a.ok, text: a.text }));
    });
  });
  await new Promise<void>((r) => portal.listen(0, "127.0.0.1", () => r()));
  portalUrl = `http://127.0.0.1:${(portal.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const k of ["SLACK_BOT_TOKEN", "SLACK_API_URL", "SLACK_SIGNING_SECRET"]) delete process.env[k];
  await new Promise((r) => portal?.close(r));
  await slack?.close();
  aws?.destroy();
  await sandbox?.close();
});

let n = 0;
const slackUser = async (roles: Role[]) => {
  const u = await createUser(db, { roles });
  return db.user.update({ where: { id: u.id }, data: { slackUserId: `U${process.pid}${++n}` } });
};

async function submittedChange() {
  const requester = await slackUser(["ENGINEER", "CAB_MEMBER"]);
  const service = await createService(db, { onCallUserId: requester.id });
  const cr = await createChange(asActor(requester), changeFormValues({ serviceId: service.id, onCallUserId: requester.id }), { submit: true });
  return { requester, service, cr };
}
/** What a click may have written: votes and audit events on the change. */
const written = async (crId: string) => ({ votes: await db.approval.count({ where: { crId } }), audit: await db.auditEvent.count({ where: { crId } }) });
const messageTo = (channel: string) => slack.messages.filter((m) => m.channel === channel).at(-1);

describe("the Slack sender", () => {
  it("delivers outbox messages through @slack/web-api to a member's DM and the service's channel, with buttons", async () => {
    const cab = await slackUser(["CAB_MEMBER"]);
    const service = await createService(db);
    await db.service.update({ where: { id: service.id }, data: { slackChannel: "#payments-deploys" } });
    await db.$transaction((tx) =>
      notify(tx, { event: "change.submitted", key: `sender-${Date.now()}`, title: "CR-1 awaits your CAB vote", body: "payments-api v7", href: "/changes/x1", actorId: null, actions: [{ kind: "approve", crId: "x1" }] }),
    );
    await db.$transaction((tx) =>
      notify(tx, { event: "deployment.rolled-back", key: `sender-d-${Date.now()}`, title: "Rolled back", body: "Error rate 8 % ≥ 1 %", href: "/deployments/d9", actorId: null, serviceId: service.id }),
    );
    const r = await deliverDue({ SLACK: slackSender({ token: slack.token, apiUrl: slack.apiUrl }) });
    expect(r.failed).toBe(0);
    const dm = messageTo(cab.slackUserId!);
    expect(dm?.text).toContain("CR-1 awaits your CAB vote");
    expect(JSON.stringify(dm?.blocks)).toContain('"action_id":"cg:approve"');
    expect(messageTo("#payments-deploys")?.text).toContain("Error rate 8 % ≥ 1 %");
    expect(await db.outboxMessage.count({ where: { channel: "SLACK", deliveredAt: null } })).toBe(0);
  });

  it("a wrong token or Slack being down fails the attempt (the relay retries it later), quickly", async () => {
    const m = { id: 1n, channel: "SLACK" as const, recipient: "C1", payload: { event: "change.approved" as const, title: "t", body: "b", href: "/" } };
    await expect(slackSender({ token: "xoxb-wrong", apiUrl: slack.apiUrl })(m)).rejects.toThrow(/invalid_auth/);
    slack.down = true;
    const started = Date.now();
    try {
      await expect(slackSender({ token: slack.token, apiUrl: slack.apiUrl })(m)).rejects.toThrow();
    } finally {
      slack.down = false;
    }
    expect(Date.now() - started).toBeLessThan(scaled(5_000));
  });
});

describe("acting from a Slack message", () => {
  it("Approve runs the portal's vote for the mapped CAB member, audited via Slack, and the message says so", async () => {
    const { cr } = await submittedChange();
    const cab = await slackUser(["CAB_MEMBER"]);
    await slackSender({ token: slack.token, apiUrl: slack.apiUrl })({ id: 2n, channel: "SLACK", recipient: cab.slackUserId!, payload: { event: "change.submitted", title: `${cr.number} awaits your CAB vote`, body: cr.summary, href: `/changes/${cr.id}`, actions: [{ kind: "approve", crId: cr.id }] } });
    const message = messageTo(cab.slackUserId!)!;
    const approve = message.blocks.flatMap((b) => (b.elements as { action_id: string; value?: string }[] | undefined) ?? []).find((e) => e.action_id === "cg:approve")!;

    const click = await slack.click({ portalUrl, signingSecret: SECRET, userId: cab.slackUserId!, actionId: "cg:approve", value: approve.value, message });
    expect(click.status).toBe(200);
    expect(JSON.parse(click.body)).toMatchObject({ ok: true, text: `Approved by ${cab.name} via Slack.` });
    const vote = await db.approval.findFirstOrThrow({ where: { crId: cr.id, userId: cab.id } });
    expect(vote.decision).toBe("APPROVE");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { crId: cr.id, action: "approval.approve" } });
    expect(audit).toMatchObject({ actorId: cab.id, after: expect.objectContaining({ via: "Slack" }) });
    // The message now says who approved, and its Approve button is gone.
    expect(message.updates).toHaveLength(1);
    expect(JSON.stringify(message.blocks)).toContain(`Approved by ${cab.name} via Slack.`);
    expect(JSON.stringify(message.blocks)).not.toContain("cg:approve");

    // The same request again (a replay within the window): refused, nothing more written.
    const before = await written(cr.id);
    const replay = await slack.send(portalUrl, click.request);
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body).text).toMatch(/already received \(a replay\)/);
    expect(await written(cr.id)).toEqual(before);
  });

  it("forged, expired, unmapped: refused with a clear answer, nothing written", async () => {
    const { cr } = await submittedChange();
    const cab = await slackUser(["CAB_MEMBER"]);
    const value = JSON.stringify({ crId: cr.id });
    const before = await written(cr.id);

    const forged = await slack.click({ portalUrl, signingSecret: SECRET, forgeWith: "guessed-secret", userId: cab.slackUserId!, actionId: "cg:approve", value });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body).text).toMatch(/signature does not match/);

    const expired = await slack.click({ portalUrl, signingSecret: SECRET, userId: cab.slackUserId!, actionId: "cg:approve", value, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(expired.status).toBe(401);
    expect(JSON.parse(expired.body).text).toMatch(/expired/);

    const ephemeralBefore = slack.ephemeral.length;
    const stranger = await slack.click({ portalUrl, signingSecret: SECRET, userId: "U0NOBODY", actionId: "cg:approve", value });
    expect(JSON.parse(stranger.body)).toMatchObject({ ok: false, text: expect.stringContaining("U0NOBODY) is not linked to a Changegate user") });
    // Said to the clicker only.
    expect(slack.ephemeral.slice(ephemeralBefore).map((e) => e.text)).toEqual([expect.stringContaining("not linked")]);

    const disabled = await slackUser(["CAB_MEMBER"]);
    await db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const off = await slack.click({ portalUrl, signingSecret: SECRET, userId: disabled.slackUserId!, actionId: "cg:approve", value });
    expect(JSON.parse(off.body).text).toMatch(/account is disabled/);

    expect(await written(cr.id)).toEqual(before);
  });

  it("refuses what the portal refuses: a CR no longer awaiting a vote, one's own change, a reject without a reason", async () => {
    const { cr, requester } = await submittedChange();
    const cab = await slackUser(["CAB_MEMBER"]);
    const value = JSON.stringify({ crId: cr.id });
    const before = await written(cr.id);

    const own = await slack.click({ portalUrl, signingSecret: SECRET, userId: requester.slackUserId!, actionId: "cg:approve", value });
    expect(JSON.parse(own.body)).toMatchObject({ ok: false, text: `Not done for ${requester.name}: You cannot approve your own change` });

    const reject = await slack.click({ portalUrl, signingSecret: SECRET, userId: cab.slackUserId!, actionId: "cg:reject", value });
    expect(JSON.parse(reject.body).text).toMatch(/Say why you reject this change — reject on the change's page/);

    await db.changeRequest.update({ where: { id: cr.id }, data: { state: "APPROVED" } });
    const posted = slackMessage({ event: "change.submitted", title: "t", body: "b", href: `/changes/${cr.id}`, actions: [{ kind: "approve", crId: cr.id }] }, "http://x");
    const stale = await slack.click({ portalUrl, signingSecret: SECRET, userId: cab.slackUserId!, actionId: "cg:approve", value, message: { ts: "1.000001", channel: "C0STALE", ...posted } });
    expect(JSON.parse(stale.body)).toMatchObject({ ok: false, text: `Not done for ${cab.name}: This change is not awaiting a decision` });
    expect(await written(cr.id)).toEqual(before);
  });

  it("Roll back goes through the manual-rollback gate: the on-call engineer rolls back to the version replaced; a stranger cannot", async () => {
    const t = await deployTarget(sandbox.control);
    await sandbox.control.putAlias(t.name, "live", { functionVersion: "3", weights: {} });
    await db.changeRequest.update({ where: { id: t.cr.id }, data: { state: "DEPLOYED" } });
    const shipped = await db.deployment.create({
      data: { crId: t.cr.id, requesterId: t.requester.id, serviceId: t.service.id, awsRegion: "us-east-1", functionName: t.name, alias: "live", fromVersion: "2", toVersion: "3", strategy: "AllAtOnce", plan: [], state: "SUCCEEDED", outcome: "SUCCEEDED", finishedAt: new Date() },
    });
    const onCall = await slackUser(["ENGINEER"]);
    await db.service.update({ where: { id: t.service.id }, data: { onCallUserId: onCall.id } });
    const stranger = await slackUser(["ENGINEER"]);
    const value = JSON.stringify({ serviceId: t.service.id, deploymentId: shipped.id });

    const refused = await slack.click({ portalUrl, signingSecret: SECRET, userId: stranger.slackUserId!, actionId: "cg:rollback", value });
    expect(JSON.parse(refused.body).ok).toBe(false);
    expect(await db.deployment.count({ where: { serviceId: t.service.id, kind: "ROLLBACK" } })).toBe(0);
    expect((await aws.lambda.getAlias(t.name, "live")).functionVersion).toBe("3");

    const done = await slack.click({ portalUrl, signingSecret: SECRET, userId: onCall.slackUserId!, actionId: "cg:rollback", value });
    expect(JSON.parse(done.body)).toMatchObject({ ok: true, text: `Rolled back by ${onCall.name} via Slack: ${t.name}:live serves 2 again.` });
    expect((await aws.lambda.getAlias(t.name, "live")).functionVersion).toBe("2");
    const row = await db.deployment.findFirstOrThrow({ where: { serviceId: t.service.id, kind: "ROLLBACK" } });
    expect(row).toMatchObject({ startedById: onCall.id, toVersion: "2", reason: `Rolled back from Slack by ${onCall.name}`, state: "SUCCEEDED" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: row.id, action: "deployment.manual-rollback" } });
    expect(audit.after).toMatchObject({ via: "Slack" });

    // The button again: the deployment is no longer what the service serves.
    const again = await slack.click({ portalUrl, signingSecret: SECRET, userId: onCall.slackUserId!, actionId: "cg:rollback", value });
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, text: expect.stringContaining("no longer what the service serves") });
    expect(await db.deployment.count({ where: { serviceId: t.service.id, kind: "ROLLBACK" } })).toBe(1);
  });
});
