/**
 * A real SMTP server on loopback for tests (the same catcher the API starts in development):
 *
 *   const smtp = await startSmtpCatcher();
 *   const t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
 *   const mail = await smtp.waitFor((m) => m.envelope.to.includes('x@example.org'), 10_000);
 *   expect(mail.subject).toBe('...'); expect(mail.attachments[0].filename).toBe('...');
 *   await smtp.setDown(true);   // connection refused until setDown(false)
 *   smtp.failWith(550);         // every recipient refused (permanent); failWith(null) clears
 *   smtp.setDelay(2000);        // a slow server: "250 OK" after 2 s
 *   await smtp.stop();
 *
 * Messages are parsed with mailparser's simpleParser: `subject`, `text`, `html`, `attachments`
 * (`filename`, `contentType`, `content` Buffer), `envelope` (`from`, `to`), `messageId`.
 */
import { startSmtpCatcher as start, type CaughtMessage, type SmtpCatcher } from '../src/notifications/catcher.js';

export type { CaughtMessage, SmtpCatcher };

export function startSmtpCatcher(options: { port?: number } = {}): Promise<SmtpCatcher> {
  return start({ port: options.port ?? 0, host: '127.0.0.1', maxMessages: 10_000 });
}
