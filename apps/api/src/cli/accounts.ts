// Account commands: review-scan (flag accounts registered before suggestions were stored).
import 'reflect-metadata';
import { AccountsService } from '../accounts/accounts.service.js';
import { loadConfig } from '../config.js';
import { initOrm, migrate, openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';

const command = process.argv[2];
const config = loadConfig();
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const database = await openDatabase(config, logger);
const orm = await initOrm(database.url, logger);
let exitCode = 0;
try {
  switch (command) {
    case 'review-scan': {
      // The scan needs the columns of Migration20261125050000_affiliation_review.
      await migrate(orm, logger);
      const { scanned, flagged } = await new AccountsService().reviewScan(orm.em.fork(), null);
      if (scanned === 0) {
        console.log('no account left to scan: every account has its suggestions');
        break;
      }
      console.log(`scanned ${scanned} account(s); ${flagged.length} flagged for review`);
      for (const f of flagged) console.log(`  @${f.handle} (${f.id}): ${f.signals.join(', ')}`);
      break;
    }
    default:
      console.error('usage: accounts.js review-scan');
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
