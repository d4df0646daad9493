import type { ImportReport } from './importer.js';
import type { ImportError } from './mapper.js';

/** Errors printed per file; the count of the rest is given. */
export const ERRORS_SHOWN_PER_FILE = 50;

export const EXIT = { imported: 0, rowsFailed: 1, refused: 2 } as const;

export function exitCode(report: ImportReport): number {
  return report.errors.length === 0 ? EXIT.imported : EXIT.rowsFailed;
}

export function formatError(e: ImportError): string {
  const where = `${e.file} line ${e.line}${e.column ? `, column ${e.column}` : ''}`;
  return `${where}${e.sourcedId ? ` (${e.sourcedId})` : ''}: ${e.message}`;
}

export function formatRefusal(target: string, reasons: string[]): string {
  return [`Refused ${target}:`, ...reasons.map((r) => `  - ${r}`), 'Nothing was imported.'].join('\n');
}

/** The final summary: a line per file (users.csv per kind), then what was skipped and refused. */
export function formatReport(report: ImportReport): string {
  const { bundle } = report;
  const out: string[] = [`OneRoster ${bundle.version} ${bundle.kind}: ${bundle.path}`];
  if (bundle.modes.length > 0) out.push(`files: ${bundle.modes.join(', ')}`);
  out.push('');
  const head = ['file', 'rows', 'created', 'updated', 'unchanged', 'deactivated', 'skipped', 'failed'];
  const body = report.tallies.map((t) =>
    t.kind === null && t.label === t.file
      ? // A file that completes users.csv: its rows are not records of their own.
        [t.label, String(t.rows), '-', '-', '-', '-', '-', String(t.failed)]
      : [t.label, t.rows, t.created, t.updated, t.unchanged, t.deactivated, t.skipped, t.failed].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  out.push(line(head), ...body.map(line));

  const skipped = report.tallies.flatMap((t) => [...t.skipReasons].map(([reason, n]) => `  ${t.file}: ${n} row${n === 1 ? '' : 's'} skipped (${reason})`));
  if (skipped.length > 0) out.push('', 'Skipped:', ...skipped);
  if (report.notes.length > 0) out.push('', 'Notes:', ...report.notes.map((n) => `  ${n}`));
  if (report.errors.length > 0) {
    out.push('', `Not imported (${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}):`);
    const byFile = new Map<string, ImportError[]>();
    for (const e of report.errors) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    for (const [file, errors] of byFile) {
      out.push(...errors.slice(0, ERRORS_SHOWN_PER_FILE).map((e) => `  ${formatError(e)}`));
      if (errors.length > ERRORS_SHOWN_PER_FILE) out.push(`  ... and ${errors.length - ERRORS_SHOWN_PER_FILE} more in ${file}`);
    }
  }
  out.push(
    '',
    report.errors.length === 0
      ? `Every row was imported (${report.rows} rows read${report.skipped ? `, ${report.skipped} skipped` : ''}).`
      : `Not every row was imported: ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} above; the other rows were imported (${report.rows} rows read${report.skipped ? `, ${report.skipped} skipped` : ''}).`,
  );
  return out.join('\n');
}
