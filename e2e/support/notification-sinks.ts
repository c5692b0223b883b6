// Where the e2e run's notifications land: a local SMTP server and the fake Slack, in one process the
// test runner starts. Specs read what arrived over HTTP: GET /mail on the mail port lists received
// email; GET /_fake/messages on the Slack port lists posted messages (fake-slack.ts).
//   tsx e2e/support/notification-sinks.ts --smtp 4691 --mail 4692 --slack 4693
import http from "node:http";
import { startFakeSlack } from "@/lib/notify/fake-slack";
import { startSmtpSink } from "@/lib/notify/smtp-sink";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) throw new Error(`--${name} <port> is required`);
  return Number(process.argv[i + 1]);
};
const smtp = await startSmtpSink({ port: arg("smtp") });
await startFakeSlack({ port: arg("slack"), token: process.env.SLACK_BOT_TOKEN });
http
  .createServer((req, res) => {
    res.writeHead(req.url === "/mail" ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(req.url === "/mail" ? smtp.messages : { error: "GET /mail" }));
  })
  .listen(arg("mail"), "127.0.0.1", () => console.log(`notification sinks: ${smtp.url}, mail list on :${arg("mail")}/mail`));
