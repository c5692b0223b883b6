// Issue 14 bench: (a) events to delivered messages per second through the outbox, with the real
// nodemailer → local SMTP sink and @slack/web-api → fake Slack, beside the same senders called
// directly (the channels' own ceiling, measured in the same run); (b) the added latency on the
// deploy path, notifications on vs off (CHANGEGATE_NOTIFY=off): starting a deployment and the tick
// that ends it, interleaved on/off so the machine's noise falls on both. Target: no measurable difference.
import type { BenchContext, BenchModule } from "./context";
import { pctl, urlOf } from "./deploy";

const EVENTS = 2_000;
const WRITERS = 8;
const DIRECT = 400;
const DEPLOYS = 40; // per mode

async function run(ctx: BenchContext) {
  process.env.DATABASE_URL = urlOf(ctx.sql);
  const { startSandbox, SandboxControlClient } = await import("@/lib/sandbox");
  const { startSmtpSink } = await import("@/lib/notify/smtp-sink");
  const { startFakeSlack } = await import("@/lib/notify/fake-slack");
  const { emailSender } = await import("@/lib/notify/email");
  const { slackSender } = await import("@/lib/notify/slack");
  const sandbox = await startSandbox({ port: 0, timeScale: 0, seed: 14 });
  const sink = await startSmtpSink();
  const slack = await startFakeSlack();
  const ENV = ["CHANGEGATE_SANDBOX_URL", "SMTP_URL", "SLACK_BOT_TOKEN", "SLACK_API_URL"] as const;
  const saved = ENV.map((k) => [k, process.env[k]] as const);
  // Both channels available to notify() (it writes outbox rows only for those) and the portal's AWS reads on this sandbox.
  Object.assign(process.env, { CHANGEGATE_SANDBOX_URL: sandbox.url, SMTP_URL: sink.url, SLACK_BOT_TOKEN: slack.token, SLACK_API_URL: slack.apiUrl });
  const senders = { EMAIL: emailSender(sink.url), SLACK: slackSender({ token: slack.token, apiUrl: slack.apiUrl }) };
  const { db, endReadPool } = await import("@/lib/db");
  const { stopSenderBoss } = await import("@/lib/deploy/queue");
  try {
    await throughput();
    await deployPath();
  } finally {
    for (const [k, v] of saved) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    senders.EMAIL.close();
    await stopSenderBoss();
    await db.$disconnect();
    await endReadPool();
    await Promise.all([sink.close(), slack.close(), sandbox.close()]);
  }

  async function throughput() {
    const { notify } = await import("@/lib/server/notify");
    const { startOutboxRelay } = await import("@/lib/server/outbox-relay");
    const { createUser } = await import("@/prisma/factories");
    const tag = Date.now().toString(36);
    const people = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const u = await createUser(db, { roles: ["ENGINEER"] });
        return db.user.update({ where: { id: u.id }, data: { slackUserId: `UB${tag}${i}`.toUpperCase() } });
      }),
    );

    // Reference: the same two senders called directly, as many at once as the relay's batch (25).
    const t0 = performance.now();
    for (let i = 0; i < DIRECT; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, j) => {
          const p = people[(i + j) % people.length]!;
          const m = { id: BigInt(i + j), payload: { event: "change.approved" as const, title: "Bench direct", body: "Direct send", href: "/" } };
          return (i + j) % 2 ? senders.SLACK({ ...m, channel: "SLACK", recipient: p.slackUserId! }) : senders.EMAIL({ ...m, channel: "EMAIL", recipient: p.email });
        }),
      );
    }
    const directRate = DIRECT / ((performance.now() - t0) / 1000);

    // Messages an earlier run's deploy-path part left undelivered would be sent in this count.
    await ctx.sql.query(`DELETE FROM "OutboxMessage" WHERE "deliveredAt" IS NULL AND "failedAt" IS NULL`);
    // Outbox: events written by WRITERS concurrent transactions while one relay (LISTEN-woken) delivers.
    const relay = await startOutboxRelay({ databaseUrl: process.env.DATABASE_URL!, senders, pollMs: 1_000, log: ctx.log });
    const prefix = `change.approved:bench-${tag}-`;
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        for (let i = next++; i < EVENTS; i = next++) {
          const p = people[i % people.length]!;
          await db.$transaction((tx) =>
            notify(tx, { event: "change.approved", key: `bench-${tag}-${i}`, title: `CR-BENCH-${i} was approved`, body: "Bench change", href: "/", actorId: null, requesterId: p.id, actions: [{ kind: "open" }] }),
          );
        }
      }),
    );
    const written = performance.now();
    const expected = EVENTS * 2;
    for (;;) {
      const { rows } = await ctx.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE "eventKey" LIKE $1 AND "deliveredAt" IS NOT NULL`, [`${prefix}%`]);
      if (Number(rows[0]!.n) >= expected) break;
      if (performance.now() - start > 600_000) throw new Error(`only ${rows[0]!.n}/${expected} delivered after 10 minutes`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = performance.now();
    await relay.stop();
    const s = (done - start) / 1000;
    ctx.log(`outbox throughput: ${EVENTS} events (each an inbox entry, an email and a Slack DM) written by ${WRITERS} concurrent transactions, one relay:`);
    ctx.log(`  written: ${(EVENTS / ((written - start) / 1000)).toFixed(0)} events/s; all ${expected} messages delivered in ${s.toFixed(1)} s`);
    ctx.log(`  end to end: ${(EVENTS / s).toFixed(0)} events/s, ${(expected / s).toFixed(0)} messages/s (SMTP sink ${sink.messages.length - DIRECT / 2}, fake Slack ${slack.messages.length - DIRECT / 2})`);
    ctx.log(`  reference, the same senders called directly 25 at a time: ${directRate.toFixed(0)} messages/s → outbox at ${((expected / s / directRate) * 100).toFixed(0)} % of it`);
  }

  async function deployPath() {
    const { createAwsGateways } = await import("@/lib/aws");
    const { advanceDeployment } = await import("@/lib/deploy/advance");
    const { deploymentOutcomes } = await import("@/lib/server/deployment-outcomes");
    const { sandboxClock } = await import("@/lib/deploy/clock");
    const { startDeployment } = await import("@/lib/server/start-deployment");
    const { createUser } = await import("@/prisma/factories");
    const { deployTarget, TERMINAL } = await import("@/test/deploy-support");
    const control = new SandboxControlClient(sandbox.url);
    const aws = createAwsGateways({ endpoint: sandbox.url, retryBaseDelayMs: 1, retryMaxDelayMs: 2 });
    const deps = { lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, clock: sandboxClock(sandbox.url, 0), outcomes: deploymentOutcomes };
    const onCall = await createUser(db, { roles: ["SRE"] });
    await db.user.update({ where: { id: onCall.id }, data: { slackUserId: `UONCALL${Date.now().toString(36)}`.toUpperCase() } });
    const times = { on: { start: [] as number[], end: [] as number[] }, off: { start: [] as number[], end: [] as number[] } };
    try {
      // Two warm-up rounds, then on and off alternately.
      for (let i = -2; i < 2 * DEPLOYS; i++) {
        const mode = i % 2 === 0 ? "on" : "off";
        const t = await deployTarget(control, { strategy: "AllAtOnce", validationMinutes: 1 });
        // With notifications on, starting tells the on-call engineer (inbox, email, Slack) and the service's channel.
        await db.service.update({ where: { id: t.service.id }, data: { onCallUserId: onCall.id, slackChannel: "#bench-deploys" } });
        if (mode === "off") process.env.CHANGEGATE_NOTIFY = "off";
        else delete process.env.CHANGEGATE_NOTIFY;
        const a = performance.now();
        const d = await startDeployment(t.requester, t.cr.id, { lambda: aws.lambda, enqueue: false });
        const startMs = performance.now() - a;
        let endMs = NaN;
        for (let k = 0; k < 60; k++) {
          const b = performance.now();
          await advanceDeployment(deps, d.id);
          const ms = performance.now() - b;
          const { state } = await db.deployment.findUniqueOrThrow({ where: { id: d.id }, select: { state: true } });
          if (TERMINAL.includes(state)) {
            endMs = ms; // the tick that ended it: where deployment.succeeded is written
            break;
          }
          await control.advance(30);
        }
        if (i >= 0) {
          times[mode].start.push(startMs);
          if (!Number.isNaN(endMs)) times[mode].end.push(endMs);
        }
      }
    } finally {
      delete process.env.CHANGEGATE_NOTIFY;
      aws.destroy();
    }
    const row = (what: string, on: number[], off: number[]) => {
      const f = (xs: number[]) => `p50 ${pctl(xs, 50).toFixed(1)} ms, p95 ${pctl(xs, 95).toFixed(1)} ms`;
      ctx.log(`  ${what}: on ${f(on)} | off ${f(off)} | on/off p50 ×${(pctl(on, 50) / pctl(off, 50)).toFixed(2)}, p95 ×${(pctl(on, 95) / pctl(off, 95)).toFixed(2)}`);
    };
    ctx.log(`deploy path, notifications on vs off (CHANGEGATE_NOTIFY=off), ${DEPLOYS} AllAtOnce deployments each, interleaved:   (target: no measurable difference)`);
    row("startDeployment", times.on.start, times.off.start);
    row(`ending tick (${times.on.end.length}/${times.off.end.length} ended)`, times.on.end, times.off.end);
  }
}

export const notifyBench: BenchModule = { name: "notify: outbox throughput, deploy path with notifications on vs off (issue 14)", run };
