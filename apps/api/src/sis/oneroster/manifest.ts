import { Columns, type CsvTable } from './csv.js';

/** The OneRoster versions whose CSV binding this importer maps. */
export const SUPPORTED_VERSIONS = ['1.1', '1.2'] as const;
export type OneRosterVersion = (typeof SUPPORTED_VERSIONS)[number];

export type FileMode = 'bulk' | 'delta' | 'absent';

export interface Manifest {
  version: OneRosterVersion;
  /** `file.users` -> mode, with the manifest line, by lower-case file name (`users.csv`). */
  files: Map<string, { property: string; mode: FileMode; line: number }>;
}

/**
 * Reads `manifest.csv` (`propertyName,value` rows). Returns the manifest, or the reasons the
 * bundle is refused: an unreadable manifest, no or an unsupported OneRoster version, a file
 * mode other than bulk, delta or absent.
 */
export function readManifest(table: CsvTable): Manifest | { refused: string[] } {
  const refused: string[] = [];
  const file = table.file;
  for (const problem of table.problems) refused.push(`${file} line ${problem.line}: ${problem.message}`);
  const columns = new Columns(table.header);
  for (const needed of ['propertyName', 'value']) {
    if (!columns.has(needed)) refused.push(`${file} has no ${needed} column (its header is: ${table.header.join(',') || 'empty'})`);
  }
  if (refused.length > 0) return { refused };

  const properties = new Map<string, { property: string; value: string; line: number }>();
  for (const row of table.rows) {
    const property = columns.get(row, 'propertyName') ?? '';
    if (property) properties.set(property.toLowerCase(), { property, value: columns.get(row, 'value') ?? '', line: row.line });
  }

  const manifestVersion = properties.get('manifest.version');
  if (manifestVersion && manifestVersion.value !== '1.0') {
    refused.push(`${file} line ${manifestVersion.line}: manifest.version is "${manifestVersion.value}"; only manifest version 1.0 is known`);
  }
  const version = properties.get('oneroster.version');
  if (!version) {
    refused.push(`${file} has no oneroster.version row, so the OneRoster version cannot be told; this importer maps OneRoster 1.1 and 1.2`);
  } else if (!(SUPPORTED_VERSIONS as readonly string[]).includes(version.value)) {
    const hint =
      version.value === '1.0'
        ? ' (OneRoster 1.0 files differ: no demographics birth dates, agents instead of agentSourcedIds, an inactive status); export the bundle as 1.1 or 1.2'
        : '';
    refused.push(
      `${file} line ${version.line}: oneroster.version is "${version.value || '(empty)'}"; this importer maps OneRoster 1.1 and 1.2 bundles only${hint}`,
    );
  }

  const files = new Map<string, { property: string; mode: FileMode; line: number }>();
  for (const [name, { property, value, line }] of properties) {
    if (!name.startsWith('file.')) continue;
    const mode = value.toLowerCase();
    if (mode !== 'bulk' && mode !== 'delta' && mode !== 'absent') {
      refused.push(`${file} line ${line}: ${property} is "${value}"; it must be bulk, delta or absent`);
      continue;
    }
    files.set(`${name.slice('file.'.length)}.csv`, { property, mode, line });
  }
  if (refused.length > 0 || !version) return { refused };
  return { version: version.value as OneRosterVersion, files };
}
