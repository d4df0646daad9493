// Moderation commands: purge (the retention purge of XIV / XXX; README "Moderation: retention").
import 'reflect-metadata';
import { loadConfig } from '../config.js';
import { initOrm, migrate, openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';
import { ModerationService } from '../moderation/moderation.service.js';

const [command, ...flags] = process.argv.slice(2);
const dryRun = flags.includes('--dry-run');
const unknown = flags.filter((f) => f !== '--dry-run');
if (command !== 'purge' || unknown.length > 0) {
  console.error('usage: moderation.js purge [--dry-run]');
  process.exit(2);
}
const config = loadConfig();
const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
const database = await openDatabase(config, logger);
const orm = await initOrm(database.url, logger);
let exitCode = 0;
try {
  await migrate(orm, logger);
  const schedule =
    `retention ${config.moderation.retentionDays} days after a removal is reported, closed or restored, ` +
    `${config.moderation.dismissedRetentionDays} days after a dismissal`;
  console.log(`moderation purge${dryRun ? ' (dry run: nothing is deleted)' : ''}: ${schedule}; legal holds are kept`);
  const result = await new ModerationService(config, { reportDeliveries: false }).purge(orm.em.fork(), {
    dryRun,
    onProgress: (done, total) => console.log(`  purged ${done}/${total}`),
  });
  if (result.due === 0) {
    console.log('no case is past its retention date without a legal hold: nothing to purge');
  } else if (dryRun) {
    console.log(`${result.due} case(s) would be purged:`);
    for (const id of result.caseIds) console.log(`  ${id}`);
  } else {
    console.log(
      `purged the snapshot of ${result.purged} case(s); each keeps its evidence digest as a tombstone ` +
        '(one audit event: moderation.purge)',
    );
  }
} catch (error) {
  console.error(`purge failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  await orm.close();
  await database.embedded?.stop();
}
process.exit(exitCode);
