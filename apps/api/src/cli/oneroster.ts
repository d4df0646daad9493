// `npm run import:oneroster -- <zip or folder>`: imports a OneRoster 1.1 or 1.2 CSV bundle.
// Exit code 0 when every row was imported, 1 when some were not (or the import stopped on an
// error), 2 when the bundle was refused (nothing written).
import 'reflect-metadata';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { initOrm, migrate, openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';
import { importOneRoster, type Progress, readOneRoster } from '../sis/oneroster/importer.js';
import { EXIT, exitCode, formatRefusal, formatReport } from '../sis/oneroster/report.js';
import { SisSyncService } from '../sis/sync.service.js';

const USAGE = 'usage: npm run import:oneroster -- <bundle.zip | bundle folder>';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return EXIT.imported;
  }
  if (args.length !== 1 || !args[0]) {
    console.error(USAGE);
    return EXIT.refused;
  }
  // npm runs the script in apps/api; a relative path means where the command was typed.
  const target = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);

  // A bar on a terminal only; nothing but the summary otherwise (cron, CI, a pipe).
  const bar = process.stdout.isTTY
    ? new cliProgress.SingleBar(
        { format: '{phase} {label} |{bar}| {percentage}% {value}/{total}', stream: process.stdout, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let phase: string | null = null;
  const onProgress = (p: Progress) => {
    if (!bar) return;
    if (phase !== p.phase) {
      if (phase) bar.stop();
      phase = p.phase;
      bar.start(p.total, p.done, { phase: p.phase, label: p.label });
      return;
    }
    bar.update(p.done, { label: p.label });
  };
  const stopBar = () => {
    if (phase) bar?.stop();
    phase = null;
  };

  const config = loadConfig();
  const read = await readOneRoster(target, onProgress);
  stopBar();
  if (read.refused) {
    console.error(formatRefusal(target, read.refused));
    return EXIT.refused;
  }

  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openDatabase(config, logger);
  const orm = await initOrm(database.url, logger);
  try {
    await migrate(orm, logger);
    const report = await importOneRoster(orm.em.fork(), new SisSyncService(), read.bundle, { actor: null, onProgress });
    stopBar();
    console.log(formatReport(report));
    return exitCode(report);
  } finally {
    stopBar();
    await orm.close();
    await database.embedded?.stop();
  }
}

let code: number;
try {
  code = await main();
} catch (error) {
  console.error(`import:oneroster failed: ${error instanceof Error ? error.message : error}`);
  code = EXIT.rowsFailed;
}
process.exit(code);
