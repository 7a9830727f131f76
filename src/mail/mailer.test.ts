import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtpServer.ts';
import { createMailer } from './mailer.ts';

describe('mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('delivers a message with its headers, text and html to the SMTP server', async () => {
    const mailer = createMailer({ url: smtp.url, from: 'Rapport <surveys@rapport.test>' });
    const { messageId } = await mailer.send({
      to: 'anna@customer.test',
      subject: 'Come è andata? ✓',
      text: 'Ciao Anna,\nhttps://rapport.test/s/abc?x=1\n',
      html: '<p>Ciao Anna</p>',
      headers: { 'List-Unsubscribe': '<https://rapport.test/u/1>' },
    });
    await mailer.close();
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(['anna@customer.test']);
    expect(mail.from).toBe('surveys@rapport.test');
    expect(mail.parsed.subject).toBe('Come è andata? ✓');
    expect(mail.parsed.messageId).toBe(messageId);
    expect(mail.header('list-unsubscribe')).toBe('<https://rapport.test/u/1>');
    expect(mail.links()).toEqual(['https://rapport.test/s/abc?x=1']);
    expect(mail.parsed.html).toContain('<p>Ciao Anna</p>');
  });

  it('holds a burst back to the configured rate', async () => {
    const before = smtp.received.length;
    const mailer = createMailer({ url: smtp.url, from: 'surveys@rapport.test', ratePerSecond: 2 });
    const started = Date.now();
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) => mailer.send({ to: `p${n}@customer.test`, subject: `n${n}`, text: 'x' })),
    );
    const elapsed = Date.now() - started;
    await mailer.close();
    expect(smtp.received.length - before).toBe(5);
    // Five messages at two per second need at least two full rate windows.
    expect(elapsed).toBeGreaterThanOrEqual(1900);
  });
});
