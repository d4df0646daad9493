/**
 * The process that dies (src/notifications/crash.test.ts). It runs the built API's own outbox
 * code: it commits three notices, then starts delivering them the way the API does, to an SMTP
 * server that accepts the connection and never answers, so two notices are claimed and hang
 * mid-send (a short lease: 2 s) and one is still waiting, when the parent kills it with SIGKILL.
 *
 *   node test/outbox-crash-child.mjs <databaseUrl> <smtpUrl> <dataDir>
 */
import 'reflect-metadata';

const dist = new URL('../dist/', import.meta.url);
const { loadConfig } = await import(new URL('config.js', dist).href);
const { initOrm } = await import(new URL('db/database.js', dist).href);
const { createLogger } = await import(new URL('logger.js', dist).href);
const { enqueueNotifications } = await import(new URL('notifications/outbox.js', dist).href);
const { startMail } = await import(new URL('notifications/mail.js', dist).href);

const [databaseUrl, smtpUrl, dataDir] = process.argv.slice(2);
const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: databaseUrl,
  DATA_DIR: dataDir,
  SMTP_URL: smtpUrl,
  OUTBOX_POLL_MS: '100',
  LOG_LEVEL: 'silent',
});
const logger = createLogger('silent');
const orm = await initOrm(databaseUrl, logger);
const ids = await orm.em.fork().transactional((tx) =>
  enqueueNotifications(
    tx,
    [1, 2, 3].map((n) => ({
      purpose: 'CRASH_TEST',
      subjectType: 'crash_test',
      subjectId: `crash-${n}`,
      recipientEmail: `crash${n}@district.example`,
      subject: `Crash test notice ${n}`,
      text: `Body ${n}`,
    })),
  ),
);
process.stdout.write(`${JSON.stringify({ committed: ids })}\n`);
await startMail(config, orm, logger, { leaseMs: 2_000, concurrency: 2 });
process.stdout.write(`${JSON.stringify({ dispatching: true })}\n`);
setInterval(() => undefined, 60_000); // wait to be killed
