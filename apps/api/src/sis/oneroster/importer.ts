import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { Actor } from '../../auth/actor.js';
import { MAX_SYNC_BATCH, type SisSyncService, type SyncKind } from '../sync.service.js';
import { BundleRefused, openBundle } from './bundle.js';
import { readCsv, type CsvTable } from './csv.js';
import { readManifest, type OneRosterVersion } from './manifest.js';
import {
  bundleOrgKinds,
  countSupportingFailures,
  type ImportError,
  KINDS,
  type Location,
  type OrgKind,
  type Planned,
  planImport,
  referencedOrgIds,
  type Tables,
  type Tally,
} from './mapper.js';

/**
 * `import:oneroster`: reads a OneRoster 1.1 or 1.2 CSV bundle (zip or folder), refuses it whole
 * when it cannot be mapped (before the database is touched), then syncs organizations, staff,
 * students, guardians and media releases through `SisSyncService` (the same validation and
 * upserts as the GraphQL sync, source `oneroster`) in batches of at most 5,000 records, and
 * reports every refused row with its file, line and column.
 */

export interface Progress {
  phase: 'reading' | 'importing';
  /** The file being read, or the summary line being imported. */
  label: string;
  done: number;
  total: number;
}

export interface OneRosterBundle {
  path: string;
  kind: 'zip' | 'folder';
  version: OneRosterVersion;
  tables: Tables;
  /** How the manifest lists each file read (`users.csv bulk`). */
  modes: string[];
  notes: string[];
}

export type ReadResult = { bundle: OneRosterBundle; refused?: undefined } | { refused: string[]; bundle?: undefined };

export interface ImportReport {
  bundle: OneRosterBundle;
  tallies: Tally[];
  errors: ImportError[];
  notes: string[];
  /** Rows read, failed and skipped, over all files. */
  rows: number;
  failed: number;
  skipped: number;
}

/** The files mapped, by lower-case name, and the table each fills. */
const MAPPED: Record<string, keyof Tables> = {
  'orgs.csv': 'orgs',
  'users.csv': 'users',
  'roles.csv': 'roles',
  'demographics.csv': 'demographics',
  'enrollments.csv': 'enrollments',
  'mediareleases.csv': 'mediaReleases',
};

/** Reads and checks a bundle. Nothing here touches the database. */
export async function readOneRoster(target: string, onProgress?: (p: Progress) => void): Promise<ReadResult> {
  let bundle: Awaited<ReturnType<typeof openBundle>>;
  try {
    bundle = await openBundle(target);
  } catch (error) {
    if (error instanceof BundleRefused) return { refused: error.reasons };
    throw error;
  }
  try {
    const manifestSource = bundle.files.get('manifest.csv');
    if (!manifestSource) {
      return {
        refused: [
          `manifest.csv is missing from ${target}: OneRoster 1.1 and 1.2 bundles start with one (OneRoster 1.0 bundles have none and are not supported)`,
        ],
      };
    }
    const manifest = readManifest(await readCsv(manifestSource));
    if ('refused' in manifest) return { refused: manifest.refused };

    const refused: string[] = [];
    const notes: string[] = [];
    const modes: string[] = [];
    const toRead: [keyof Tables, string][] = [];
    for (const [name, key] of Object.entries(MAPPED)) {
      const listed = manifest.files.get(name);
      const source = bundle.files.get(name);
      const spelled = source?.name ?? (key === 'mediaReleases' ? 'mediaReleases.csv' : name);
      if (key === 'roles' && manifest.version === '1.1') {
        if (source) notes.push(`${spelled} is not a OneRoster 1.1 file; it was not read (1.1 users.csv holds the roles)`);
        continue;
      }
      if (listed && listed.mode !== 'absent' && !source) {
        refused.push(`${spelled} is missing from the bundle: manifest.csv line ${listed.line} lists ${listed.property} as ${listed.mode}`);
        continue;
      }
      if (!source) continue;
      if (listed?.mode === 'absent') {
        notes.push(`${spelled} is in the bundle but manifest.csv line ${listed.line} marks it absent; it was not read`);
        continue;
      }
      if (!listed && key !== 'mediaReleases') notes.push(`${spelled} is not listed in manifest.csv; it was read anyway`);
      modes.push(`${spelled} ${listed?.mode ?? 'unlisted'}`);
      toRead.push([key, name]);
    }
    const users = manifest.files.get('users.csv');
    if (!bundle.files.has('users.csv') && !refused.some((r) => r.startsWith('users.csv')) && users?.mode !== 'absent') {
      refused.push(
        `users.csv is missing from the bundle${users ? '' : ', and manifest.csv does not mark file.users absent'}: without it no staff, student or guardian can be imported`,
      );
    }
    if (
      manifest.version === '1.2' &&
      toRead.some(([key]) => key === 'users') &&
      !toRead.some(([key]) => key === 'roles') &&
      !refused.some((r) => r.startsWith('roles.csv'))
    ) {
      refused.push('roles.csv is missing from the bundle: OneRoster 1.2 keeps each user\'s role in roles.csv, so users.csv cannot be mapped without it');
    }
    if (refused.length > 0) return { refused };

    const unmapped = [...bundle.files.entries()].filter(([name]) => name !== 'manifest.csv' && !(name in MAPPED)).map(([, s]) => s.name);
    if (unmapped.length > 0) {
      notes.push(`${unmapped.join(', ')}: not mapped (Steward keeps schools, staff, students, guardians and media releases; not classes, courses or results)`);
    }

    const tables: Tables = {};
    const sources = toRead.map(([key, name]) => [key, bundle.files.get(name)!] as const);
    const total = sources.reduce((sum, [, s]) => sum + (s.size ?? 0), 0);
    let done = 0;
    for (const [key, source] of sources) {
      let table: CsvTable;
      try {
        table = await readCsv(source, (bytes) => {
          done += bytes;
          onProgress?.({ phase: 'reading', label: source.name, done: Math.min(done, total), total });
        });
      } catch (error) {
        return { refused: [`${source.name} cannot be read: ${(error as Error).message}`] };
      }
      tables[key] = table;
    }
    return { bundle: { path: target, kind: bundle.kind, version: manifest.version, tables, modes, notes } };
  } finally {
    bundle.close();
  }
}

/** A query with its JSON parameter bound by the driver (as the sync service does), not inlined. */
async function query<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await em.getConnection().getKnex().raw(sql, params as Knex.RawBinding[])) as { rows: T[] };
  return result.rows;
}

/** The kinds of the orgs the bundle refers to: its own orgs.csv first, then what Steward has. */
async function orgKinds(em: EntityManager, tables: Tables): Promise<Map<string, OrgKind>> {
  const kinds = bundleOrgKinds(tables);
  const wanted = [...referencedOrgIds(tables)].filter((id) => !kinds.has(id));
  if (wanted.length > 0) {
    const rows = await query<{ sourced_id: string; kind: string }>(
      em,
      'select sourced_id, kind from organization where sourced_id in (select jsonb_array_elements_text(?::jsonb))',
      [JSON.stringify(wanted)],
    );
    for (const row of rows) kinds.set(row.sourced_id, row.kind.toLowerCase() === 'school' ? 'school' : 'district');
  }
  return kinds;
}

/** Steward's current values of the fields a OneRoster row does not carry. */
const KEPT_COLUMNS: Partial<Record<SyncKind, { table: string; columns: string }>> = {
  students: {
    table: 'student',
    columns: `preferred_name as "preferredName", grade, to_char(birth_date, 'YYYY-MM-DD') as "birthDate",
      to_char(expected_graduation, 'YYYY-MM-DD') as "expectedGraduation", enrollment_status as "enrollmentStatus", graduated`,
  },
  guardians: { table: 'guardian', columns: 'email, phone' },
};

async function fillKept(em: EntityManager, kind: SyncKind, batch: Planned[]) {
  const source = KEPT_COLUMNS[kind];
  const need = batch.filter((p) => p.keep.length > 0);
  if (!source || need.length === 0) return;
  const rows = await query<Record<string, unknown>>(
    em,
    `select sourced_id as "sourcedId", ${source.columns} from ${source.table}
      where sourced_id in (select jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(need.map((p) => p.sourcedId))],
  );
  const current = new Map(rows.map((r) => [r.sourcedId as string, r]));
  for (const p of need) {
    const row = current.get(p.sourcedId);
    if (row) for (const field of p.keep) p.record[field] = row[field];
  }
}

/** The CSV location of a field the sync refused. */
function locate(p: Planned, field: string | null, message: string): Location {
  const parts = field ? field.split('.') : [];
  if (parts[0] === 'students') {
    const links = p.record.students as { studentSourcedId: string }[] | undefined;
    const byIndex = parts[1] !== undefined ? links?.[Number(parts[1])]?.studentSourcedId : undefined;
    const byMessage = /student "([^"]+)"/.exec(message)?.[1];
    const at = p.fields.get(`students:${byIndex ?? byMessage}`);
    if (at) return at;
  }
  for (let n = parts.length; n > 0; n--) {
    const at = p.fields.get(parts.slice(0, n).join('.'));
    if (at) return at;
  }
  return { file: p.file, line: p.line, column: null };
}

/** The value at a field path of a record, for the message. */
function valueAt(record: Record<string, unknown>, field: string | null): unknown {
  let value: unknown = record;
  for (const part of field ? field.split('.') : []) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** The sync's message, said of the CSV: the field name dropped, the value quoted. */
function describe(p: Planned, field: string | null, message: string, at: Location, failedHere: Map<string, ImportError>): string {
  let text = message;
  if (field && text.startsWith(`${field} `)) {
    text = text.slice(field.length + 1);
    const value = valueAt(p.record, field);
    if (typeof value === 'string' && value !== '') text = `${quote(value)}: ${text}`;
  }
  const unknown = /^(school|student|guardian|organization|supervisor) "([^"]+)" is not known; sync (?:it|students) first$/.exec(text);
  if (unknown) {
    const [, what, id] = unknown;
    const failed = id ? failedHere.get(id) : undefined;
    text = failed
      ? `${what} "${id}" was not imported (${failed.file} line ${failed.line})`
      : `${what} "${id}" is neither in this bundle nor in Steward`;
  }
  if (at.absent && at.column) text += ` (${at.file} has no ${at.column} column)`;
  return text;
}

export interface ImportOptions {
  /** Recorded on every sync run and audit event; null records "system". */
  actor?: Actor | null;
  /** Stands for an empty dateLastModified; the start of the import by default. */
  now?: Date;
  onProgress?: (p: Progress) => void;
}

/** Syncs a bundle read by `readOneRoster`: organizations, staff, students, guardians, media releases. */
export async function importOneRoster(
  em: EntityManager,
  sync: SisSyncService,
  bundle: OneRosterBundle,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const plan = planImport(bundle.version, bundle.tables, await orgKinds(em.fork(), bundle.tables), now);
  const errors = plan.errors;
  const total = KINDS.reduce((sum, kind) => sum + plan.records[kind].length, 0);
  let done = 0;
  const call: Record<SyncKind, (em: EntityManager, records: unknown[]) => ReturnType<SisSyncService['syncStaff']>> = {
    organizations: (tx, r) => sync.syncOrganizations(tx, options.actor ?? null, r, 'oneroster'),
    staff: (tx, r) => sync.syncStaff(tx, options.actor ?? null, r, 'oneroster'),
    students: (tx, r) => sync.syncStudents(tx, options.actor ?? null, r, 'oneroster'),
    guardians: (tx, r) => sync.syncGuardians(tx, options.actor ?? null, r, 'oneroster'),
    mediaReleases: (tx, r) => sync.syncMediaReleases(tx, options.actor ?? null, r, 'oneroster'),
  };
  for (const kind of KINDS) {
    const planned = plan.records[kind];
    const tally = plan.tallies.find((t) => t.kind === kind);
    // Rows of this import that were not imported, by sourcedId, to say why a reference fails.
    const failedHere = new Map<string, ImportError>();
    for (const e of errors) if (e.sourcedId && !failedHere.has(e.sourcedId)) failedHere.set(e.sourcedId, e);
    for (let i = 0; i < planned.length; i += MAX_SYNC_BATCH) {
      const batch = planned.slice(i, i + MAX_SYNC_BATCH);
      await fillKept(em.fork(), kind, batch);
      const result = await call[kind](
        em.fork(),
        batch.map((p) => p.record),
      );
      if (tally) {
        tally.created += result.created;
        tally.updated += result.updated;
        tally.unchanged += result.unchanged;
        tally.deactivated += result.deactivated;
        tally.failed += result.failed;
      }
      for (const e of result.errors) {
        const p = batch[e.index];
        if (!p) continue;
        const at = locate(p, e.field, e.message);
        errors.push({
          file: at.file,
          line: at.line,
          column: at.column,
          sourcedId: e.sourcedId ?? p.sourcedId,
          message: describe(p, e.field, e.message, at, failedHere),
        });
      }
      done += batch.length;
      options.onProgress?.({ phase: 'importing', label: tally?.label ?? kind, done, total });
    }
  }
  countSupportingFailures(plan.tallies, errors);
  const order = (file: string) => {
    const i = ['orgs.csv', 'users.csv', 'roles.csv', 'demographics.csv', 'enrollments.csv', 'mediareleases.csv'].indexOf(file.toLowerCase());
    return i < 0 ? 99 : i;
  };
  errors.sort((a, b) => order(a.file) - order(b.file) || a.line - b.line);
  // "users.csv: not mapped" only when some row was not.
  const tallies = plan.tallies.filter((t) => t.rows > 0 || t.kind !== null || t.label === t.file);
  return {
    bundle,
    tallies,
    errors,
    notes: [...bundle.notes, ...plan.notes],
    rows: Object.values(bundle.tables).reduce((sum, t) => sum + t.rows.length + t.problems.length, 0),
    failed: tallies.reduce((sum, t) => sum + t.failed, 0),
    skipped: tallies.reduce((sum, t) => sum + t.skipped, 0),
  };
}
