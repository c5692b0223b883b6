// A local SMTP server for one test file (started before its tests, closed after), set as SMTP_URL so
// the portal's mail goes there, with an email sender that delivers to it.
import { afterAll, beforeAll } from "vitest";
import { emailSender } from "@/lib/notify/email";
import { startSmtpSink, type SmtpSink } from "@/lib/notify/smtp-sink";

export function smtpSinkForFile(): { sink: SmtpSink; send: ReturnType<typeof emailSender> } {
  const smtp = {} as { sink: SmtpSink; send: ReturnType<typeof emailSender> };
  beforeAll(async () => {
    smtp.sink = await startSmtpSink();
    process.env.SMTP_URL = smtp.sink.url;
    smtp.send = emailSender(smtp.sink.url);
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    smtp.send?.close();
    await smtp.sink?.close();
  });
  return smtp;
}
