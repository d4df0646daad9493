// Database commands: migrate, seed, reset (development only), rotate-credential-key.
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { initOrm, migrate, openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';
import { seedDemo } from '../seed/demo.js';

const command = process.argv[2];
const config = loadConfig();
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const database = await openDatabase(config, logger);
const orm = await initOrm(database.url, logger);
let exitCode = 0;
try {
  switch (command) {
    case 'migrate': {
      const applied = await migrate(orm, logger);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
      const sealed = await new CredentialsService(config).sealPlaintextUsernames(orm.em.fork());
      if (sealed > 0) console.log(`sealed ${sealed} escrowed username(s)`);
      break;
    }
    case 'rotate-credential-key': {
      await migrate(orm, logger);
      const credentials = new CredentialsService(config);
      await credentials.sealPlaintextUsernames(orm.em.fork());
      const moved = await credentials.rotate(orm.em.fork());
      console.log(
        `${moved} credential(s) re-wrapped under key ${config.credentialKeys.current.id}` +
          (moved > 0 ? '; the previous keys can now be dropped' : ''),
      );
      break;
    }
    case 'seed': {
      await migrate(orm, logger);
      const result = await seedDemo(orm.em.fork(), { moderationRemoval: true, acknowledgementRound: true, config });
      console.log(result.seeded ? 'demo district seeded' : 'a district exists already; nothing seeded');
      if (result.sisKey) console.log(`SIS API key (shown once): ${result.sisKey}`);
      break;
    }
    case 'reset': {
      if (config.isProduction) {
        console.error('db:reset refuses to run with NODE_ENV=production.');
        exitCode = 2;
        break;
      }
      // Drops everything, including the append-only audit trail: development databases only.
      await orm.em.getConnection().execute('drop schema public cascade; create schema public;');
      await migrate(orm, logger);
      const result = await seedDemo(orm.em.fork(), { moderationRemoval: true, acknowledgementRound: true, config });
      console.log('database reset, migrated and seeded');
      if (result.sisKey) console.log(`SIS API key (shown once): ${result.sisKey}`);
      break;
    }
    default:
      console.error('usage: db.js migrate|seed|reset|rotate-credential-key');
      exitCode = 2;
  }
} catch (error) {
  console.error(`${command} failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  await orm.close();
  await database.embedded?.stop();
}
process.exit(exitCode);
