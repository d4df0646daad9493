import type { MikroORM } from '@mikro-orm/postgresql';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startSmtpCatcher, type SmtpCatcher } from './catcher.js';
import { Dispatcher, TRANSPORT_TIMEOUTS, type DispatcherOptions } from './dispatcher.js';

export interface MailService {
  /** Null in production without SMTP_URL: notices then stay QUEUED until it is set. */
  dispatcher: Dispatcher | null;
  /** The development catcher, when the API started one (no SMTP_URL outside production). */
  catcher: SmtpCatcher | null;
  /** Stops the dispatcher (waiting for a send in flight), then the catcher. */
  stop(): Promise<void>;
}

/** host:port of an SMTP URL, for logs: the URL itself may carry a password. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    return 'SMTP_URL';
  }
}

/**
 * Starts mail delivery for this API process (README "Mail"):
 * - SMTP_URL set: the dispatcher delivers to the district's server.
 * - No SMTP_URL outside production: a catcher on loopback (SMTP_DEV_PORT, or a free port if that
 *   one is taken) receives everything, so `npm start` needs nothing more.
 * - No SMTP_URL in production: a clear warning and no dispatcher; notices wait in the outbox.
 *   Starting anyway is deliberate: CLIs and tests load the same configuration.
 */
export async function startMail(
  config: Config,
  orm: MikroORM,
  logger: Logger,
  overrides: Partial<DispatcherOptions> = {},
): Promise<MailService> {
  let catcher: SmtpCatcher | null = null;
  let url = config.mail.smtpUrl;
  if (!url && config.isProduction) {
    logger.warn('SMTP_URL is not set: notices (moderation reports) stay queued in the outbox until it is');
    return { dispatcher: null, catcher: null, stop: async () => undefined };
  }
  if (!url) {
    catcher = await startSmtpCatcher({
      port: config.mail.devPort,
      host: '127.0.0.1',
      fallbackToFreePort: true,
      logger,
    });
    url = catcher.url;
    logger.info({ smtp: url }, 'development SMTP catcher started (no SMTP_URL): mail stays on this machine');
  } else {
    logger.info({ smtp: describe(url) }, 'mail is delivered through SMTP_URL');
  }
  const transport = nodemailer.createTransport({ url, ...TRANSPORT_TIMEOUTS });
  const dispatcher = new Dispatcher({
    orm,
    transport,
    from: config.mail.from,
    logger: logger.child({ component: 'outbox' }),
    pollMs: config.mail.pollMs,
    maxAttempts: config.mail.maxAttempts,
    ...overrides,
  });
  dispatcher.start();
  return {
    dispatcher,
    catcher,
    async stop() {
      await dispatcher.stop();
      transport.close();
      await catcher?.stop();
    },
  };
}
