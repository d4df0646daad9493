import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Logger } from '../logger.js';

/** One message as the catcher received it: the SMTP envelope and the parsed mail. */
export interface CaughtMessage {
  /** MAIL FROM / RCPT TO as the client sent them (what a real server routes on). */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  from: string;
  /** Addresses in the To header. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  headers: Map<string, unknown>;
  receivedAt: Date;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`, ready for nodemailer (no TLS, no auth: loopback only). */
  url: string;
  port: number;
  /** Received messages, oldest first (bounded: the oldest are dropped past `maxMessages`). */
  messages: CaughtMessage[];
  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor(predicate: (m: CaughtMessage) => boolean, timeoutMs?: number): Promise<CaughtMessage>;
  /**
   * Down: the listening socket is closed, so clients get "connection refused" (a real outage,
   * not an SMTP error). Up: listens again on the same port.
   */
  setDown(down: boolean): Promise<void>;
  /**
   * Answers every RCPT TO with this SMTP code (e.g. 550 permanent, 451 temporary) until cleared
   * with null. For the failure paths.
   */
  failWith(code: number | null, message?: string): void;
  /** Holds every message this long before answering "250 OK" (a slow server; 0 to clear). */
  setDelay(ms: number): void;
  stop(): Promise<void>;
}

export interface CatcherOptions {
  /** 0: any free port. */
  port?: number;
  host?: string;
  /** When `port` is taken, listen on a free port instead of failing (the dev catcher does). */
  fallbackToFreePort?: boolean;
  maxMessages?: number;
  /** One line per message: recipients and subject, never the body (it may hold student data). */
  logger?: Logger | null;
}

/**
 * A small SMTP server on loopback that keeps what it receives in memory, built on `smtp-server`
 * (the server half of nodemailer) and `mailparser`. The API starts one in development when no
 * SMTP_URL is set, so `npm start` delivers mail without any setup; tests start their own.
 * It accepts any sender and recipient without authentication, which is why it only ever listens
 * on loopback and is never started in production.
 */
export async function startSmtpCatcher(options: CatcherOptions = {}): Promise<SmtpCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxMessages = options.maxMessages ?? 500;
  const logger = options.logger ?? null;
  const messages: CaughtMessage[] = [];
  const waiters = new Set<(m: CaughtMessage) => void>();
  let failure: { code: number; message: string } | null = null;
  let delayMs = 0;

  const server = new SMTPServer({
    // No STARTTLS: it would present smtp-server's built-in test certificate, which nodemailer
    // rightly refuses. Plain SMTP on loopback never leaves the machine.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 25 * 1024 * 1024,
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      if (failure) {
        const error = Object.assign(new Error(failure.message), { responseCode: failure.code });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
          const toHeader = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
          const message: CaughtMessage = {
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            messageId: parsed.messageId ?? null,
            from: parsed.from?.text ?? '',
            to: toHeader.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? '',
              contentType: a.contentType,
              content: a.content,
            })),
            headers: parsed.headers as Map<string, unknown>,
            receivedAt: new Date(),
          };
          messages.push(message);
          if (messages.length > maxMessages) messages.splice(0, messages.length - maxMessages);
          logger?.info({ to: message.envelope.to, subject: message.subject }, 'mail caught (development SMTP)');
          for (const waiter of [...waiters]) waiter(message);
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  // A client dropping the connection mid-session is not the catcher's failure.
  server.on('error', (error) => logger?.debug({ err: error }, 'development SMTP connection error'));

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => {
        server.server.off('listening', onListening);
        reject(error);
      };
      const onListening = () => {
        server.server.off('error', onError);
        resolve((server.server.address() as AddressInfo).port);
      };
      server.server.once('error', onError);
      server.server.once('listening', onListening);
      server.listen(port, host);
    });

  let port: number;
  const wanted = options.port ?? 0;
  try {
    port = await listen(wanted);
  } catch (error) {
    if (!options.fallbackToFreePort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    port = await listen(0);
    logger?.warn({ wanted, port }, 'development SMTP port was taken; the catcher listens on a free port instead');
  }
  let down = false;

  return {
    url: `smtp://${host}:${port}`,
    port,
    messages,
    waitFor(predicate, timeoutMs = 10_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail within ${timeoutMs} ms (received ${messages.length})`));
        }, timeoutMs);
        const waiter = (m: CaughtMessage) => {
          if (!predicate(m)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(m);
        };
        waiters.add(waiter);
      });
    },
    async setDown(next) {
      if (next === down) return;
      down = next;
      if (next) {
        // Stops accepting at once; a session already in progress may finish.
        server.server.close();
      } else {
        await listen(port);
      }
    },
    setDelay(ms) {
      delayMs = ms;
    },
    failWith(code, message) {
      failure = code === null ? null : { code, message: message ?? `Refused by the test server (${code})` };
    },
    stop() {
      return new Promise<void>((resolve) => {
        for (const waiter of waiters) waiters.delete(waiter);
        if (down) {
          resolve();
          return;
        }
        // smtp-server closes idle sessions and forcibly ends the rest after its close timeout.
        server.close(() => resolve());
      });
    },
  };
}
