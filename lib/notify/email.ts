// Email over SMTP (nodemailer): the only module that speaks SMTP. SMTP_URL names the server
// (smtp://user:pass@host:port); `npm start` and the tests point it at a local sink.
import nodemailer from "nodemailer";
import { publicUrl, type ChannelSender } from "./types";

export function emailSender(smtpUrl: string, from = process.env.CHANGEGATE_MAIL_FROM ?? "Changegate <changegate@localhost>"): ChannelSender & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  const send: ChannelSender = async (m) => {
    const link = `${publicUrl()}${m.payload.href}`;
    await transport.sendMail({
      from,
      to: m.recipient,
      subject: m.payload.title,
      // The outbox row's id: a message sent again after a crash carries the same Message-ID.
      messageId: `<outbox-${m.id}@changegate>`,
      text: `${m.payload.body}\n\nOpen in Changegate: ${link}\n`,
      html: `<p>${escapeHtml(m.payload.body)}</p><p><a href="${escapeHtml(link)}">Open in Changegate</a></p>`,
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
