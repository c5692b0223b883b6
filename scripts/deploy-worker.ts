// The deploy worker process: `tsx --conditions=react-server scripts/deploy-worker.ts`. Needs
// DATABASE_URL; AWS from the standard chain, or the sandbox via AWS_ENDPOINT_URL and
// CHANGEGATE_SANDBOX_URL (whose simulated clock it then follows). Run as many as you like. It also
// relays notifications: email when SMTP_URL is set, Slack when SLACK_BOT_TOKEN is (SLACK_API_URL
// points elsewhere than slack.com); relays share the outbox, so every worker may run one.
import { createAwsGateways } from "@/lib/aws";
import { clockFromEnv } from "@/lib/deploy/clock";
import { startDeployWorker } from "@/lib/deploy/worker";
import { deploymentOutcomes } from "@/lib/server/deployment-outcomes";
import { emailSender } from "@/lib/notify/email";
import { slackSenderFromEnv } from "@/lib/notify/slack";
import { startReminderSchedule } from "@/lib/server/cab-reminders";
import { startOutboxRelay } from "@/lib/server/outbox-relay";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set.");
  process.exit(1);
}
console.log("deploy worker starting");
const aws = createAwsGateways({ endpoint: process.env.CHANGEGATE_SANDBOX_URL || undefined });
const worker = await startDeployWorker({ databaseUrl, deps: { lambda: aws.lambda, metrics: aws.metrics, ssm: aws.ssm, ecs: aws.ecs, alarms: aws.alarms, clock: clockFromEnv(), outcomes: deploymentOutcomes } });
const email = process.env.SMTP_URL ? emailSender(process.env.SMTP_URL) : undefined;
const relay = await startOutboxRelay({ databaseUrl, senders: { EMAIL: email, SLACK: slackSenderFromEnv() }, log: (m) => console.warn(m) });
// The CAB's reminders (agenda ready, retrospectives due) the day before each meeting; once per meeting however many workers run.
const reminders = startReminderSchedule({ log: (m) => console.warn(m) });
console.log(`deploy worker ready (notifications: email ${email ? "on" : "off (SMTP_URL unset)"}, Slack ${process.env.SLACK_BOT_TOKEN ? "on" : "off (SLACK_BOT_TOKEN unset)"})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void Promise.allSettled([worker.stop(), relay.stop(), reminders.stop()]).finally(() => {
      email?.close();
      aws.destroy();
      process.exit(0);
    });
  });
}
