import type { SyncKind } from '../sync.service.js';
import { Columns, type CsvRow, type CsvTable } from './csv.js';
import type { OneRosterVersion } from './manifest.js';

/**
 * Pure mapping from OneRoster CSV rows to the records `SisSyncService` takes, each with where
 * its fields came from (file, line, column) so a refusal is reported against the CSV.
 *
 * - Columns by header name (any order, any case); other columns are ignored.
 * - An empty `dateLastModified` (bulk files leave it empty) is the time of the import; a date
 *   without a time is midnight UTC; a time without a zone is UTC (OneRoster times are UTC).
 * - Booleans in any case; lists separated by `,` `;` or `|`.
 * - A row that cannot be mapped (too many or too few fields, an unknown role, a value that is
 *   not what the column holds) is reported and left out; the others go on.
 */

export interface Location {
  file: string;
  line: number;
  column: string | null;
  /** The file has no such column (the value was taken as empty). */
  absent?: boolean;
}

export interface ImportError extends Location {
  sourcedId: string | null;
  message: string;
}

export type OrgKind = 'district' | 'school' | 'other';
export type PersonKind = 'staff' | 'students' | 'guardians';

export interface Planned {
  kind: SyncKind;
  record: Record<string, unknown>;
  file: string;
  line: number;
  sourcedId: string;
  /** Where each record field came from; `students:<id>` for a guardian's link to one student. */
  fields: Map<string, Location>;
  /** Fields OneRoster does not carry here: the importer sends back what Steward has. */
  keep: string[];
}

export interface Tables {
  orgs?: CsvTable;
  users?: CsvTable;
  roles?: CsvTable;
  demographics?: CsvTable;
  enrollments?: CsvTable;
  mediaReleases?: CsvTable;
}

/** One line of the summary: a file, or the part of users.csv that became one kind. */
export interface Tally {
  label: string;
  file: string;
  kind: SyncKind | null;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  skipped: number;
  failed: number;
  /** Why rows were skipped, with counts. */
  skipReasons: Map<string, number>;
}

export interface Plan {
  version: OneRosterVersion;
  records: Record<SyncKind, Planned[]>;
  errors: ImportError[];
  tallies: Tally[];
  notes: string[];
}

export const KINDS: SyncKind[] = ['organizations', 'staff', 'students', 'guardians', 'mediaReleases'];

const ORG_TYPES = ['district', 'school', 'department', 'local', 'state', 'national'];

/** OneRoster 1.1 and 1.2 roles, and what Steward keeps of them (null: not kept). */
const ROLE_KINDS: Record<string, PersonKind | null> = {
  student: 'students',
  teacher: 'staff',
  aide: 'staff',
  administrator: 'staff',
  districtadministrator: 'staff',
  siteadministrator: 'staff',
  principal: 'staff',
  counselor: 'staff',
  systemadministrator: 'staff',
  guardian: 'guardians',
  parent: 'guardians',
  relative: 'guardians',
  proctor: null,
};
const ROLE_NAMES =
  'student, teacher, aide, administrator, districtAdministrator, siteAdministrator, principal, counselor, systemAdministrator, guardian, parent, relative, proctor';

const USER_ALIASES = {
  preferredfirstname: 'preferredGivenName',
  primaryorg: 'primaryOrgSourcedId',
  agents: 'agentSourcedIds',
};

/** Columns without which no row of a file can be mapped. */
const REQUIRED: Record<keyof Tables, (v: OneRosterVersion) => string[]> = {
  orgs: () => ['sourcedId', 'name', 'type'],
  users: (v) => (v === '1.1' ? ['sourcedId', 'role', 'givenName', 'familyName'] : ['sourcedId', 'givenName', 'familyName']),
  roles: () => ['userSourcedId', 'role'],
  demographics: () => ['sourcedId'],
  enrollments: () => ['userSourcedId', 'schoolSourcedId'],
  mediaReleases: () => ['sourcedId', 'studentSourcedId', 'releaseStatus', 'scopes'],
};

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** `dateLastModified` as an ISO timestamp; empty is `now`. */
export function parseModified(value: string | undefined, now: string): { value: string } | { error: string } {
  if (!value) return { value: now };
  const m = ISO_DATE_TIME.exec(value);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m ?? [];
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (!m || day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) {
    return { error: `"${value}" is not a date or a date and time (e.g. 2026-09-01 or 2026-09-01T08:00:00Z)` };
  }
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${offset}`);
  if (Number.isNaN(time)) return { error: `"${value}" is not a real date and time` };
  return { value: new Date(time).toISOString() };
}

/** `true`/`false` in any case; empty is `undefined`. */
export function parseBoolean(value: string | undefined): { value: boolean | undefined } | { error: string } {
  if (!value) return { value: undefined };
  const v = value.toLowerCase();
  if (v === 'true') return { value: true };
  if (v === 'false') return { value: false };
  return { error: `"${value}" is not true or false` };
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,;|]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const emptyToNull = (v: string | undefined) => (v ? v : null);

interface Sheet {
  table: CsvTable;
  cols: Columns;
  /** False when a required column is missing: no row is mapped. */
  usable: boolean;
}

interface Ref {
  id: string;
  at: Location;
}

class Planner {
  readonly errors: ImportError[] = [];
  readonly notes: string[] = [];
  readonly records: Record<SyncKind, Planned[]> = {
    organizations: [],
    staff: [],
    students: [],
    guardians: [],
    mediaReleases: [],
  };
  private readonly tallies = new Map<string, Tally>();
  private readonly sheets: Partial<Record<keyof Tables, Sheet>> = {};

  constructor(
    readonly version: OneRosterVersion,
    readonly tables: Tables,
    readonly orgKinds: ReadonlyMap<string, OrgKind>,
    readonly now: string,
  ) {
    for (const key of Object.keys(tables) as (keyof Tables)[]) {
      const table = tables[key];
      if (!table) continue;
      const cols = new Columns(table.header, key === 'users' ? USER_ALIASES : {});
      const unreadable = table.header.length === 0;
      if (unreadable && table.problems.length === 0) this.error({ file: table.file, line: 1, column: null }, null, 'the file is empty: it has no header row');
      const missing = unreadable ? [] : REQUIRED[key](version).filter((c) => !cols.has(c));
      for (const column of missing) {
        this.error(
          { file: table.file, line: 1, column },
          null,
          `the header has no ${column} column, so none of the ${table.rows.length} rows of ${table.file} can be mapped`,
        );
      }
      if (cols.duplicates.length > 0) {
        this.notes.push(`${table.file}: ${cols.duplicates.map((d) => `"${d}"`).join(', ')} appear more than once in the header; the first of each is used`);
      }
      for (const problem of table.problems) this.error({ file: table.file, line: problem.line, column: problem.column }, null, problem.message);
      this.sheets[key] = { table, cols, usable: !unreadable && missing.length === 0 };
    }
  }

  tally(label: string, file: string, kind: SyncKind | null): Tally {
    let t = this.tallies.get(label);
    if (!t) {
      t = { label, file, kind, rows: 0, created: 0, updated: 0, unchanged: 0, deactivated: 0, skipped: 0, failed: 0, skipReasons: new Map() };
      this.tallies.set(label, t);
    }
    return t;
  }

  allTallies(): Tally[] {
    return [...this.tallies.values()];
  }

  error(at: Location, sourcedId: string | null, message: string) {
    this.errors.push({ ...at, sourcedId, message });
  }

  at(sheet: Sheet, row: CsvRow, column: string | null): Location {
    if (column === null) return { file: sheet.table.file, line: row.line, column: null };
    const at: Location = { file: sheet.table.file, line: row.line, column: sheet.cols.nameOf(column) };
    if (!sheet.cols.has(column)) at.absent = true;
    return at;
  }

  /** Rows that are readable as rows: the right number of fields. Others are reported. */
  rows(key: keyof Tables, onBad: (row: CsvRow) => void = () => {}): { sheet: Sheet; row: CsvRow }[] {
    const sheet = this.sheets[key];
    if (!sheet) return [];
    if (!sheet.usable) {
      for (const row of sheet.table.rows) onBad(row);
      return [];
    }
    const width = sheet.table.header.length;
    const good: { sheet: Sheet; row: CsvRow }[] = [];
    for (const row of sheet.table.rows) {
      if (row.fields.length !== width) {
        this.error(
          this.at(sheet, row, null),
          null,
          `the row has ${row.fields.length} fields but the header has ${width} (an unquoted comma?); it was not mapped`,
        );
        onBad(row);
        continue;
      }
      good.push({ sheet, row });
    }
    return good;
  }

  /** The common fields; null (with the error reported) when one is malformed. */
  base(sheet: Sheet, row: CsvRow): { sourcedId: string; status: string | undefined; dateLastModified: string } | null {
    const sourcedId = sheet.cols.get(row, 'sourcedId') ?? '';
    if (!sourcedId) {
      this.error(this.at(sheet, row, 'sourcedId'), null, 'sourcedId must not be empty');
      return null;
    }
    const modified = parseModified(sheet.cols.get(row, 'dateLastModified'), this.now);
    if ('error' in modified) {
      this.error(this.at(sheet, row, 'dateLastModified'), sourcedId, modified.error);
      return null;
    }
    return { sourcedId, status: sheet.cols.get(row, 'status'), dateLastModified: modified.value };
  }

  /** Locations of the plain columns of a record. */
  fieldsOf(sheet: Sheet, row: CsvRow, names: string[]): Map<string, Location> {
    return new Map(names.map((n) => [n, this.at(sheet, row, n)]));
  }

  plan(kind: SyncKind, sheet: Sheet, row: CsvRow, sourcedId: string, record: Record<string, unknown>, fields: Map<string, Location>, keep: string[] = []) {
    this.records[kind].push({ kind, record, file: sheet.table.file, line: row.line, sourcedId, fields, keep });
  }

  // --- orgs.csv -------------------------------------------------------------------------------

  orgs() {
    const sheet = this.sheets.orgs;
    if (!sheet) return;
    const t = this.tally(sheet.table.file, sheet.table.file, 'organizations');
    t.rows = sheet.table.rows.length + sheet.table.problems.length;
    const rows = this.rows('orgs', () => t.failed++);
    t.failed += sheet.table.problems.length;
    // Kept types, and the parent of every org, to skip over orgs Steward does not keep.
    const parentOf = new Map<string, string>();
    const typeOf = new Map<string, string>();
    for (const { row } of rows) {
      const id = sheet.cols.get(row, 'sourcedId') ?? '';
      typeOf.set(id, (sheet.cols.get(row, 'type') ?? '').toLowerCase());
      parentOf.set(id, sheet.cols.get(row, 'parentSourcedId') ?? '');
    }
    const kept = (id: string) => {
      const type = typeOf.get(id);
      return type === undefined || type === 'district' || type === 'school';
    };
    const planned: { type: string; sheet: Sheet; row: CsvRow; sourcedId: string; record: Record<string, unknown>; fields: Map<string, Location> }[] = [];
    for (const { row } of rows) {
      const base = this.base(sheet, row);
      if (!base) {
        t.failed++;
        continue;
      }
      const type = (sheet.cols.get(row, 'type') ?? '').toLowerCase();
      if (!ORG_TYPES.includes(type)) {
        this.error(
          this.at(sheet, row, 'type'),
          base.sourcedId,
          type ? `"${sheet.cols.get(row, 'type')}" is not a OneRoster org type (${ORG_TYPES.join(', ')})` : 'type must not be empty',
        );
        t.failed++;
        continue;
      }
      if (type !== 'district' && type !== 'school') {
        this.skip(t, `type ${type}: Steward keeps districts and schools`);
        continue;
      }
      // A school under a department (or another org Steward does not keep) hangs from the
      // nearest district or school above it.
      let parent = sheet.cols.get(row, 'parentSourcedId') ?? '';
      const seen = new Set<string>();
      while (parent && !kept(parent) && !seen.has(parent)) {
        seen.add(parent);
        parent = parentOf.get(parent) ?? '';
      }
      planned.push({
        type,
        sheet,
        row,
        sourcedId: base.sourcedId,
        record: {
          ...base,
          name: sheet.cols.get(row, 'name') ?? '',
          type,
          identifier: emptyToNull(sheet.cols.get(row, 'identifier')),
          parentSourcedId: emptyToNull(parent),
        },
        fields: this.fieldsOf(sheet, row, ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId']),
      });
    }
    // Districts first, so a school's district is written before it in every batch.
    planned.sort((a, b) => (a.type === b.type ? 0 : a.type === 'district' ? -1 : 1));
    for (const p of planned) this.plan('organizations', p.sheet, p.row, p.sourcedId, p.record, p.fields);
  }

  skip(t: Tally, reason: string) {
    t.skipped++;
    t.skipReasons.set(reason, (t.skipReasons.get(reason) ?? 0) + 1);
  }

  /** The kind of an org: from this bundle's orgs.csv, else from what Steward has. */
  orgKind(id: string): OrgKind | undefined {
    return this.orgKinds.get(id);
  }

  /** The first school among the candidates; else an unknown org (the sync will report it). */
  school(candidates: Ref[]): Ref | null {
    return (
      candidates.find((c) => this.orgKind(c.id) === 'school') ?? candidates.find((c) => this.orgKind(c.id) === undefined) ?? null
    );
  }

  // --- supporting files -------------------------------------------------------------------------

  /** demographics.csv: birth dates by user sourcedId. */
  demographics(): Map<string, { birthDate: string | null; at: Location }> {
    const out = new Map<string, { birthDate: string | null; at: Location }>();
    const sheet = this.sheets.demographics;
    if (!sheet) return out;
    this.supporting(sheet);
    for (const { row } of this.rows('demographics')) {
      const base = this.base(sheet, row);
      if (!base) continue;
      const earlier = out.get(base.sourcedId);
      if (earlier) {
        this.error({ ...earlier.at, column: sheet.cols.nameOf('sourcedId') }, base.sourcedId, `sourcedId "${base.sourcedId}" is also on line ${row.line}, which was used`);
      }
      const removed = (base.status ?? '').toLowerCase() === 'tobedeleted';
      out.set(base.sourcedId, {
        birthDate: removed ? null : emptyToNull(sheet.cols.get(row, 'birthDate')),
        at: this.at(sheet, row, 'birthDate'),
      });
    }
    return out;
  }

  /** A file that only completes users.csv: its failed rows are counted from the errors. */
  supporting(sheet: Sheet) {
    const t = this.tally(sheet.table.file, sheet.table.file, null);
    t.rows = sheet.table.rows.length + sheet.table.problems.length;
  }

  /** enrollments.csv: the schools of each user, primary enrollments first. */
  enrollments(): Map<string, Ref[]> {
    const out = new Map<string, Ref[]>();
    const sheet = this.sheets.enrollments;
    if (!sheet) return out;
    this.supporting(sheet);
    const primary = new Map<string, Ref[]>();
    for (const { row } of this.rows('enrollments')) {
      const user = sheet.cols.get(row, 'userSourcedId') ?? '';
      const school = sheet.cols.get(row, 'schoolSourcedId') ?? '';
      const sourcedId = emptyToNull(sheet.cols.get(row, 'sourcedId'));
      const isPrimary = parseBoolean(sheet.cols.get(row, 'primary'));
      const modified = parseModified(sheet.cols.get(row, 'dateLastModified'), this.now);
      const problem: [string, string] | null = !user
        ? ['userSourcedId', 'userSourcedId must not be empty']
        : !school
          ? ['schoolSourcedId', 'schoolSourcedId must not be empty']
          : 'error' in isPrimary
            ? ['primary', isPrimary.error]
            : 'error' in modified
              ? ['dateLastModified', modified.error]
              : null;
      if (problem) {
        this.error(this.at(sheet, row, problem[0]), sourcedId, problem[1]);
        continue;
      }
      if ((sheet.cols.get(row, 'status') ?? '').toLowerCase() === 'tobedeleted') continue;
      const ref = { id: school, at: this.at(sheet, row, 'schoolSourcedId') };
      const target = 'value' in isPrimary && isPrimary.value ? primary : out;
      target.set(user, [...(target.get(user) ?? []), ref]);
    }
    for (const [user, refs] of primary) out.set(user, [...refs, ...(out.get(user) ?? [])]);
    return out;
  }

  /** The roles.csv lines refused, by user, to say why a user has no role. */
  readonly refusedRoles = new Map<string, number[]>();

  /** roles.csv (1.2): each user's roles, primary first. */
  roles(): Map<string, { role: string; kind: PersonKind | null; org: Ref | null }[]> {
    const out = new Map<string, { role: string; kind: PersonKind | null; org: Ref | null; primary: boolean; ended: boolean }[]>();
    const sheet = this.sheets.roles;
    if (!sheet) return out;
    this.supporting(sheet);
    for (const { row } of this.rows('roles')) {
      const user = sheet.cols.get(row, 'userSourcedId') ?? '';
      const role = sheet.cols.get(row, 'role') ?? '';
      const roleType = (sheet.cols.get(row, 'roleType') ?? '').toLowerCase();
      const sourcedId = emptyToNull(sheet.cols.get(row, 'sourcedId'));
      const modified = parseModified(sheet.cols.get(row, 'dateLastModified'), this.now);
      const problem: [string, string] | null = !user
        ? ['userSourcedId', 'userSourcedId must not be empty']
        : !role
          ? ['role', 'role must not be empty']
          : !(role.toLowerCase() in ROLE_KINDS)
            ? ['role', `"${role}" is not a OneRoster role (${ROLE_NAMES})`]
            : roleType && roleType !== 'primary' && roleType !== 'secondary'
              ? ['roleType', `"${sheet.cols.get(row, 'roleType')}" is not primary or secondary`]
              : 'error' in modified
                ? ['dateLastModified', modified.error]
                : null;
      if (problem) {
        this.error(this.at(sheet, row, problem[0]), sourcedId, problem[1]);
        if (user) this.refusedRoles.set(user, [...(this.refusedRoles.get(user) ?? []), row.line]);
        continue;
      }
      const org = sheet.cols.get(row, 'orgSourcedId');
      out.set(user, [
        ...(out.get(user) ?? []),
        {
          role,
          kind: ROLE_KINDS[role.toLowerCase()] ?? null,
          org: org ? { id: org, at: this.at(sheet, row, 'orgSourcedId') } : null,
          primary: roleType === 'primary',
          ended: (sheet.cols.get(row, 'status') ?? '').toLowerCase() === 'tobedeleted',
        },
      ]);
    }
    // Active roles, primary first; a user whose roles all ended (being removed) keeps them, so
    // their record can still be deactivated.
    for (const [user, roles] of out) {
      const live = roles.some((r) => !r.ended) ? roles.filter((r) => !r.ended) : roles;
      out.set(user, [...live.filter((r) => r.primary), ...live.filter((r) => !r.primary)]);
    }
    return out;
  }

  // --- users.csv ------------------------------------------------------------------------------

  users() {
    const sheet = this.sheets.users;
    if (!sheet) return;
    const file = sheet.table.file;
    const byKind: Record<PersonKind, Tally> = {
      staff: this.tally(`${file}: staff`, file, 'staff'),
      students: this.tally(`${file}: students`, file, 'students'),
      guardians: this.tally(`${file}: guardians`, file, 'guardians'),
    };
    const other = this.tally(`${file}: not mapped`, file, null);
    other.rows += sheet.table.problems.length;
    other.failed += sheet.table.problems.length;
    const failUnmapped = () => {
      other.rows++;
      other.failed++;
    };
    const demographics = this.demographics();
    const enrollments = this.enrollments();
    const roles = this.version === '1.2' ? this.roles() : new Map<string, { role: string; kind: PersonKind | null; org: Ref | null }[]>();
    const cols = sheet.cols;

    interface User {
      row: CsvRow;
      sourcedId: string;
      base: { sourcedId: string; status: string | undefined; dateLastModified: string };
      kinds: Map<PersonKind, string>;
      orgs: Ref[];
      agents: Ref[];
    }
    const users: User[] = [];
    for (const { row } of this.rows('users', failUnmapped)) {
      const sourcedId = cols.get(row, 'sourcedId') ?? '';
      // What the user is: 1.1 says it in users.csv, 1.2 in roles.csv.
      const kinds = new Map<PersonKind, string>();
      const orgs: Ref[] = [];
      let roleProblem: [string | null, string] | null = null;
      let notKept: string | null = null;
      if (this.version === '1.1') {
        const role = cols.get(row, 'role') ?? '';
        const kind = ROLE_KINDS[role.toLowerCase()];
        if (!role) roleProblem = ['role', 'role must not be empty'];
        else if (kind === undefined) roleProblem = ['role', `"${role}" is not a OneRoster role (${ROLE_NAMES})`];
        else if (kind === null) notKept = role;
        else kinds.set(kind, role);
        for (const id of splitList(cols.get(row, 'orgSourcedIds'))) orgs.push({ id, at: this.at(sheet, row, 'orgSourcedIds') });
      } else {
        const primaryOrg = cols.get(row, 'primaryOrgSourcedId');
        if (primaryOrg) orgs.push({ id: primaryOrg, at: this.at(sheet, row, 'primaryOrgSourcedId') });
        const own = roles.get(sourcedId) ?? [];
        for (const r of own) {
          if (r.kind && !kinds.has(r.kind)) kinds.set(r.kind, r.role);
          if (r.org) orgs.push(r.org);
        }
        if (own.length === 0) {
          const refused = this.refusedRoles.get(sourcedId) ?? [];
          const rolesFile = this.sheets.roles?.table.file ?? 'roles.csv';
          roleProblem = [
            null,
            refused.length > 0
              ? `user "${sourcedId}" has no usable role: its ${rolesFile} line${refused.length > 1 ? 's' : ''} ${refused.join(', ')} ${refused.length > 1 ? 'were' : 'was'} refused`
              : `user "${sourcedId}" has no role in ${rolesFile}`,
          ];
        } else if (kinds.size === 0) notKept = own.map((r) => r.role).join(', ');
      }
      if (roleProblem || !sourcedId) {
        if (!sourcedId) this.error(this.at(sheet, row, 'sourcedId'), null, 'sourcedId must not be empty');
        else if (roleProblem) this.error(this.at(sheet, row, roleProblem[0]), sourcedId, roleProblem[1]);
        failUnmapped();
        continue;
      }
      if (notKept !== null) {
        other.rows++;
        this.skip(other, `role ${notKept}: not kept by Steward`);
        continue;
      }
      const fail = () => {
        for (const kind of kinds.keys()) {
          byKind[kind].rows++;
          byKind[kind].failed++;
        }
      };
      const enabled = parseBoolean(cols.get(row, 'enabledUser'));
      if ('error' in enabled) {
        this.error(this.at(sheet, row, 'enabledUser'), sourcedId, enabled.error);
        fail();
        continue;
      }
      const base = this.base(sheet, row);
      if (!base) {
        fail();
        continue;
      }
      for (const e of enrollments.get(sourcedId) ?? []) orgs.push(e);
      const agents = splitList(cols.get(row, 'agentSourcedIds')).map((id) => ({ id, at: this.at(sheet, row, 'agentSourcedIds') }));
      users.push({ row, sourcedId, base, kinds, orgs, agents });
    }

    const kindOf = new Map<string, Map<PersonKind, string>>(users.map((u) => [u.sourcedId, u.kinds]));
    // Links from students to their guardians (a student's agents), by guardian.
    const studentsOfGuardian = new Map<string, Ref[]>();
    for (const u of users) {
      if (!u.kinds.has('students')) continue;
      for (const agent of u.agents) {
        if (!kindOf.get(agent.id)?.has('guardians')) continue;
        studentsOfGuardian.set(agent.id, [...(studentsOfGuardian.get(agent.id) ?? []), { id: u.sourcedId, at: agent.at }]);
      }
    }

    const common = ['sourcedId', 'status', 'dateLastModified', 'givenName', 'familyName'];
    for (const u of users) {
      const { row, base, sourcedId } = u;
      const names = { givenName: cols.get(row, 'givenName') ?? '', familyName: cols.get(row, 'familyName') ?? '' };
      for (const [kind, role] of u.kinds) {
        byKind[kind].rows++;
        const fields = this.fieldsOf(sheet, row, common);
        const keep: string[] = [];
        if (kind === 'staff') {
          const school = this.school(u.orgs);
          if (school) fields.set('schoolSourcedId', school.at);
          fields.set('email', this.at(sheet, row, 'email'));
          this.plan('staff', sheet, row, sourcedId, { ...base, ...names, email: cols.get(row, 'email') ?? '', schoolSourcedId: school?.id ?? null }, fields);
        } else if (kind === 'students') {
          const school = this.school(u.orgs);
          if (school) fields.set('schoolSourcedId', school.at);
          const record: Record<string, unknown> = { ...base, ...names, schoolSourcedId: school?.id ?? null };
          if (cols.has('preferredGivenName')) {
            record.preferredName = emptyToNull(cols.get(row, 'preferredGivenName'));
            fields.set('preferredName', this.at(sheet, row, 'preferredGivenName'));
          } else keep.push('preferredName');
          if (cols.has('grades')) {
            record.grade = splitList(cols.get(row, 'grades'))[0] ?? null;
            fields.set('grade', this.at(sheet, row, 'grades'));
          } else keep.push('grade');
          const demo = demographics.get(sourcedId);
          if (demo) {
            record.birthDate = demo.birthDate;
            fields.set('birthDate', demo.at);
          } else keep.push('birthDate');
          keep.push('expectedGraduation', 'enrollmentStatus', 'graduated');
          this.plan('students', sheet, row, sourcedId, record, fields, keep);
        } else {
          // A guardian's students: its own agents that are students (or not in this bundle:
          // students Steward may already have), and the students that name it as an agent.
          const links = new Map<string, Ref>();
          for (const agent of u.agents) {
            const k = kindOf.get(agent.id);
            if (!k || k.has('students')) links.set(agent.id, agent);
          }
          for (const s of studentsOfGuardian.get(sourcedId) ?? []) if (!links.has(s.id)) links.set(s.id, s);
          fields.set('students', this.at(sheet, row, 'agentSourcedIds'));
          for (const [id, link] of links) fields.set(`students:${id}`, link.at);
          const record: Record<string, unknown> = {
            ...base,
            ...names,
            students: [...links.keys()].map((studentSourcedId) => ({ studentSourcedId, relationship: role.toLowerCase() })),
          };
          for (const [field, column] of [
            ['email', 'email'],
            ['phone', 'phone'],
          ] as const) {
            if (cols.has(column)) {
              record[field] = emptyToNull(cols.get(row, column));
              fields.set(field, this.at(sheet, row, column));
            } else keep.push(field);
          }
          this.plan('guardians', sheet, row, sourcedId, record, fields, keep);
        }
      }
    }
  }

  // --- mediaReleases.csv ----------------------------------------------------------------------

  mediaReleases() {
    const sheet = this.sheets.mediaReleases;
    if (!sheet) return;
    const t = this.tally(sheet.table.file, sheet.table.file, 'mediaReleases');
    t.rows = sheet.table.rows.length + sheet.table.problems.length;
    t.failed += sheet.table.problems.length;
    const { cols } = sheet;
    const columns = ['sourcedId', 'status', 'dateLastModified', 'studentSourcedId', 'releaseStatus', 'scopes', 'validFrom', 'validUntil', 'schoolYear', 'signedByGuardianSourcedId', 'signedByStudent', 'signedOn', 'receivedOn', 'documentRef'];
    for (const { row } of this.rows('mediaReleases', () => t.failed++)) {
      const base = this.base(sheet, row);
      if (!base) {
        t.failed++;
        continue;
      }
      const byStudent = parseBoolean(cols.get(row, 'signedByStudent'));
      if ('error' in byStudent) {
        this.error(this.at(sheet, row, 'signedByStudent'), base.sourcedId, byStudent.error);
        t.failed++;
        continue;
      }
      this.plan(
        'mediaReleases',
        sheet,
        row,
        base.sourcedId,
        {
          ...base,
          studentSourcedId: cols.get(row, 'studentSourcedId') ?? '',
          releaseStatus: cols.get(row, 'releaseStatus') ?? '',
          // "District social media", "district-social-media" and DISTRICT_SOCIAL_MEDIA alike.
          scopes: splitList(cols.get(row, 'scopes')).map((s) => s.replace(/[\s-]+/g, '_')),
          validFrom: emptyToNull(cols.get(row, 'validFrom')),
          validUntil: emptyToNull(cols.get(row, 'validUntil')),
          schoolYear: emptyToNull(cols.get(row, 'schoolYear')),
          signedByGuardianSourcedId: emptyToNull(cols.get(row, 'signedByGuardianSourcedId')),
          signedByStudent: byStudent.value ?? null,
          signedOn: emptyToNull(cols.get(row, 'signedOn')),
          receivedOn: emptyToNull(cols.get(row, 'receivedOn')),
          documentRef: emptyToNull(cols.get(row, 'documentRef')),
        },
        this.fieldsOf(sheet, row, columns),
      );
    }
  }

  /**
   * The same sourcedId twice for one kind: the newer row (then the later one) is used, the
   * others are reported against the one used.
   */
  dedupe() {
    for (const kind of KINDS) {
      const byId = new Map<string, Planned>();
      const dropped = new Set<Planned>();
      for (const p of this.records[kind]) {
        const other = byId.get(p.sourcedId);
        if (!other) {
          byId.set(p.sourcedId, p);
          continue;
        }
        const newer = String(p.record.dateLastModified) >= String(other.record.dateLastModified);
        const [used, loser] = newer ? [p, other] : [other, p];
        byId.set(p.sourcedId, used);
        dropped.add(loser);
        this.error(
          { file: loser.file, line: loser.line, column: loser.fields.get('sourcedId')?.column ?? 'sourcedId' },
          loser.sourcedId,
          `sourcedId "${loser.sourcedId}" is also on line ${used.line}, which was used (${newer ? 'later' : 'newer'})`,
        );
        const t = this.allTallies().find((x) => x.kind === kind);
        if (t) t.failed++;
      }
      this.records[kind] = this.records[kind].filter((p) => !dropped.has(p));
    }
  }
}

/**
 * The failed rows of the files that only complete users.csv (demographics, enrollments, roles):
 * the lines with an error located in them, from the mapping or from the sync; all rows when
 * the header lacks a required column.
 */
export function countSupportingFailures(tallies: Tally[], errors: ImportError[]) {
  for (const t of tallies) {
    if (t.kind !== null || t.label !== t.file) continue;
    const lines = new Set(errors.filter((e) => e.file === t.file).map((e) => e.line));
    t.failed = lines.has(1) ? t.rows : lines.size;
  }
}

/**
 * The kinds of the orgs referenced by the bundle: from its orgs.csv. The importer adds what
 * Steward has for the others.
 */
export function bundleOrgKinds(tables: Tables): Map<string, OrgKind> {
  const kinds = new Map<string, OrgKind>();
  const table = tables.orgs;
  if (!table) return kinds;
  const cols = new Columns(table.header);
  for (const row of table.rows) {
    const id = cols.get(row, 'sourcedId');
    const type = (cols.get(row, 'type') ?? '').toLowerCase();
    if (id) kinds.set(id, type === 'district' || type === 'school' ? type : 'other');
  }
  return kinds;
}

/** Every org sourcedId the users, roles and enrollments refer to. */
export function referencedOrgIds(tables: Tables): Set<string> {
  const ids = new Set<string>();
  const add = (table: CsvTable | undefined, columns: string[], aliases: Record<string, string> = {}) => {
    if (!table) return;
    const cols = new Columns(table.header, aliases);
    for (const row of table.rows) for (const c of columns) for (const id of splitList(cols.get(row, c))) ids.add(id);
  };
  add(tables.users, ['orgSourcedIds', 'primaryOrgSourcedId'], USER_ALIASES);
  add(tables.roles, ['orgSourcedId']);
  add(tables.enrollments, ['schoolSourcedId']);
  return ids;
}

/** Maps a bundle's tables to sync records, in the order they are synced. */
export function planImport(version: OneRosterVersion, tables: Tables, orgKinds: ReadonlyMap<string, OrgKind>, now: Date): Plan {
  const planner = new Planner(version, tables, orgKinds, now.toISOString());
  planner.orgs();
  planner.users();
  planner.mediaReleases();
  planner.dedupe();
  return { version, records: planner.records, errors: planner.errors, tallies: planner.allTallies(), notes: planner.notes };
}
