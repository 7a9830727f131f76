import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  /** Defaults to the mailer's configured sender. */
  from?: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Files sent with the message (a PDF report, say). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** Sends mail. Routes and jobs get one from the AppContext; tests point it at a local SMTP server. */
export interface Mailer {
  send(message: OutgoingMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

export interface MailerOptions {
  /** An SMTP URL such as `smtp://127.0.0.1:2525` or `smtps://user:pass@host:465`. */
  url: string;
  from: string;
  /** Most messages handed to the SMTP server per second (0 or absent: no limit). */
  ratePerSecond?: number;
}

/**
 * A Mailer over nodemailer's pooled SMTP transport. The pool keeps connections open between
 * messages and, with a rate, holds back what exceeds it, so a burst of invitations reaches the
 * relay at a pace it accepts. Nothing connects until the first message is sent.
 */
export function createMailer(options: MailerOptions): Mailer {
  const rate = options.ratePerSecond ?? 0;
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: 2,
    ...(rate > 0 ? { rateLimit: rate, rateDelta: 1000 } : {}),
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: message.from ?? options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        attachments: message.attachments,
      });
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}
