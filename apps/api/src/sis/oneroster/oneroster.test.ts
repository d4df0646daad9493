import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { SisSyncService } from '../sync.service.js';
import { type ImportReport, importOneRoster, readOneRoster } from './importer.js';
import { exitCode, formatReport } from './report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../../test/fixtures/oneroster');
const CLEAN = path.join(FIXTURES, 'clean-1.1');
const MESSY = path.join(FIXTURES, 'messy-1.2');
const CLI = path.resolve(here, '../../../dist/cli/oneroster.js');

let t: TestApp;
const temp = mkdtempSync(path.join(os.tmpdir(), 'steward-oneroster-'));

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
  rmSync(temp, { recursive: true, force: true });
});

async function importBundle(target: string): Promise<ImportReport> {
  const read = await readOneRoster(target);
  if (read.refused) throw new Error(read.refused.join('\n'));
  return importOneRoster(t.orm.em.fork(), new SisSyncService(), read.bundle);
}

/** Counts of one summary line, as [rows, created, updated, unchanged, deactivated, skipped, failed]. */
function counts(report: ImportReport, label: string) {
  const x = report.tallies.find((l) => l.label === label);
  if (!x) throw new Error(`no line ${label}: ${report.tallies.map((l) => l.label).join(', ')}`);
  return [x.rows, x.created, x.updated, x.unchanged, x.deactivated, x.skipped, x.failed];
}

const written = async () =>
  (
    await t.sql<{ runs: number; audits: number }>(
      'select (select count(*)::int from sync_run) as runs, (select count(*)::int from audit_event) as audits',
    )
  )[0];

/** A zip of a folder's files under `prefix`, deflated: what zipping an export folder gives (test only). */
function zipFolder(folder: string, prefix: string): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of readdirSync(folder).sort()) {
    const data = readFileSync(path.join(folder, name));
    const body = deflateRawSync(data);
    const fileName = Buffer.from(prefix + name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, body);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A copy of the clean bundle, changed by `edit`, in a temporary folder. */
function variant(name: string, edit: (dir: string) => void): string {
  const dir = path.join(temp, name);
  cpSync(CLEAN, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe('OneRoster import (a clean 1.1 folder)', () => {
  it('imports every row, in order, through the sync service', async () => {
    const report = await importBundle(CLEAN);
    expect(report.errors).toEqual([]);
    expect(report.bundle.version).toBe('1.1');
    expect(counts(report, 'orgs.csv')).toEqual([3, 2, 0, 1, 0, 0, 0]); // the district is the seeded one
    expect(counts(report, 'users.csv: staff')).toEqual([3, 3, 0, 0, 0, 0, 0]);
    expect(counts(report, 'users.csv: students')).toEqual([3, 3, 0, 0, 0, 0, 0]);
    expect(counts(report, 'users.csv: guardians')).toEqual([2, 2, 0, 0, 0, 0, 0]);
    expect(counts(report, 'mediaReleases.csv')).toEqual([2, 2, 0, 0, 0, 0, 0]);
    expect(counts(report, 'demographics.csv')[0]).toBe(4);
    expect(counts(report, 'enrollments.csv')[0]).toBe(3);
    expect(exitCode(report)).toBe(0);

    const runs = await t.sql<{ kind: string; source: string; actor_label: string }>(
      "select kind, source, actor_label from sync_run where source = 'oneroster' order by started_at",
    );
    expect(runs.map((r) => r.kind)).toEqual(['organizations', 'staff', 'students', 'guardians', 'mediaReleases']);
    expect(runs.every((r) => r.actor_label === 'system')).toBe(true);
  });

  it('takes birth dates from demographics.csv, schools from orgSourcedIds or enrollments, and links guardians both ways', async () => {
    const students = await t.sql<{ sourced_id: string; birth_date: string; school: string; grade: string }>(
      `select s.sourced_id, to_char(s.birth_date, 'YYYY-MM-DD') as birth_date, o.sourced_id as school, s.grade
         from student s join organization o on o.id = s.school_id where s.sourced_id like 'or-s-%' order by 1`,
    );
    expect(students).toEqual([
      { sourced_id: 'or-s-1', birth_date: '2017-03-14', school: 'or-east', grade: '03' },
      { sourced_id: 'or-s-2', birth_date: '2016-05-02', school: 'or-east', grade: '04' },
      // orgSourcedIds names only the district: the school comes from enrollments.csv.
      { sourced_id: 'or-s-3', birth_date: '2013-11-30', school: 'or-west', grade: '07' },
    ]);
    const links = await t.sql<{ guardian: string; student: string; relationship: string }>(
      `select g.sourced_id as guardian, s.sourced_id as student, l.relationship
         from student_guardian l join guardian g on g.id = l.guardian_id join student s on s.id = l.student_id
        where g.sourced_id like 'or-g-%' order by 1, 2`,
    );
    expect(links).toEqual([
      { guardian: 'or-g-1', student: 'or-s-1', relationship: 'parent' },
      { guardian: 'or-g-1', student: 'or-s-2', relationship: 'parent' },
      // Named only by the student's agentSourcedIds.
      { guardian: 'or-g-2', student: 'or-s-3', relationship: 'relative' },
    ]);
    const staff = await t.sql<{ sourced_id: string; school: string | null; roles: string[] }>(
      `select st.sourced_id, o.sourced_id as school, st.roles from staff st left join organization o on o.id = st.school_id
        where st.sourced_id like 'or-%' order by 1`,
    );
    expect(staff).toEqual([
      { sourced_id: 'or-a-1', school: null, roles: ['STAFF'] },
      { sourced_id: 'or-t-1', school: 'or-east', roles: ['STAFF'] },
      { sourced_id: 'or-t-2', school: 'or-west', roles: ['STAFF'] },
    ]);
    const [release] = await t.sql<{ scopes: string[]; signed_by_kind: string }>(
      "select scopes, signed_by_kind from media_release where sourced_id = 'or-r-1'",
    );
    expect(release).toEqual({ scopes: ['DISTRICT_SOCIAL_MEDIA', 'WEBSITE'], signed_by_kind: 'GUARDIAN' });
  });

  it('the same bundle again, as a zip with its files in a folder: every row unchanged, no audit event', async () => {
    const before = await written();
    const zip = path.join(temp, 'clean.zip');
    writeFileSync(zip, zipFolder(CLEAN, 'export-2026-09-01/'));
    const report = await importBundle(zip);
    expect(report.bundle.kind).toBe('zip');
    expect(report.errors).toEqual([]);
    for (const line of ['orgs.csv', 'users.csv: staff', 'users.csv: students', 'users.csv: guardians', 'mediaReleases.csv']) {
      const [rows, created, updated, unchanged] = counts(report, line);
      expect({ line, created, updated, unchanged }).toEqual({ line, created: 0, updated: 0, unchanged: rows });
    }
    const after = await written();
    expect(after?.audits).toBe(before?.audits);
    expect(after?.runs).toBe((before?.runs ?? 0) + 5);
  });

  it('keeps what OneRoster does not carry (expected graduation, enrollment status) on a re-import', async () => {
    await t.sql("update student set expected_graduation = '2031-06-01', enrollment_status = 'WITHDRAWN' where sourced_id = 'or-s-1'");
    const report = await importBundle(CLEAN);
    expect(counts(report, 'users.csv: students')).toEqual([3, 0, 0, 3, 0, 0, 0]);
    const [row] = await t.sql<{ g: string; e: string }>(
      "select to_char(expected_graduation, 'YYYY-MM-DD') as g, enrollment_status as e from student where sourced_id = 'or-s-1'",
    );
    expect(row).toEqual({ g: '2031-06-01', e: 'WITHDRAWN' });
  });
});

describe('OneRoster import (a messy 1.2 export)', () => {
  let report: ImportReport;
  beforeAll(async () => {
    report = await importBundle(MESSY);
  });

  it('maps by header name: shuffled columns, ext_* and metadata.* columns, empty status, any-case booleans, dates with and without a time', () => {
    expect(report.bundle.version).toBe('1.2');
    expect(counts(report, 'orgs.csv')).toEqual([5, 2, 0, 1, 0, 1, 1]);
    expect(counts(report, 'users.csv: staff')).toEqual([3, 2, 0, 0, 0, 0, 1]);
    expect(counts(report, 'users.csv: students')).toEqual([4, 2, 0, 0, 0, 0, 2]);
    expect(counts(report, 'users.csv: guardians')).toEqual([1, 1, 0, 0, 0, 0, 0]);
    expect(counts(report, 'users.csv: not mapped')).toEqual([3, 0, 0, 0, 0, 1, 2]);
    expect(counts(report, 'mediaReleases.csv')).toEqual([4, 2, 0, 0, 0, 0, 2]);
    expect(counts(report, 'roles.csv')).toEqual([11, 0, 0, 0, 0, 0, 1]);
    expect(counts(report, 'demographics.csv')).toEqual([4, 0, 0, 0, 0, 0, 1]);
    expect(counts(report, 'enrollments.csv')).toEqual([4, 0, 0, 0, 0, 0, 2]);
    expect(exitCode(report)).toBe(1);
  });

  it('reports every malformed row with its file, line and column, and imports the rest', () => {
    const where = report.errors.map((e) => [e.file, e.line, e.column, e.sourcedId]);
    expect(where).toEqual([
      ['orgs.csv', 6, 'dateLastModified', 'mx-oak'],
      ['users.csv', 4, 'email', 'mx-t-3'],
      // Lines count the two lines of the quoted, multi-line metadata.nickname above.
      ['users.csv', 9, 'enabledUser', 'mx-s-4'],
      ['users.csv', 11, null, null],
      ['users.csv', 13, null, 'mx-u-1'],
      ['roles.csv', 12, 'role', 'mx-role-11'],
      ['demographics.csv', 4, 'birthDate', 'mx-s-3'],
      ['enrollments.csv', 3, 'userSourcedId', null],
      ['enrollments.csv', 5, 'primary', 'mx-e-4'],
      ['mediaReleases.csv', 4, 'scopes', 'mx-r-3'],
      ['mediaReleases.csv', 5, 'studentSourcedId', 'mx-r-4'],
    ]);
    const messages = report.errors.map((e) => e.message);
    expect(messages[0]).toMatch(/"31\/12\/2026" is not a date/);
    expect(messages[1]).toMatch(/"not-an-email": must be an email address/);
    expect(messages[2]).toMatch(/"maybe" is not true or false/);
    expect(messages[3]).toMatch(/26 fields but the header has 25/);
    expect(messages[4]).toBe('user "mx-u-1" has no usable role: its roles.csv line 12 was refused');
    expect(messages[5]).toMatch(/"wizard" is not a OneRoster role/);
    expect(messages[6]).toMatch(/"2011-13-45": is not a real date/);
    expect(messages[7]).toMatch(/closing quote/);
    expect(messages[9]).toMatch(/"BILLBOARD": must be one of/);
    expect(messages[10]).toBe('student "mx-s-3" was not imported (demographics.csv line 4)');
  });

  it('imports the good rows: a school under a department hangs from the district, schools from roles or enrollments, guardians linked', async () => {
    const orgs = await t.sql<{ sourced_id: string; parent: string }>(
      `select o.sourced_id, p.sourced_id as parent from organization o join organization p on p.id = o.parent_id
        where o.sourced_id like 'mx-%' order by 1`,
    );
    expect(orgs).toEqual([
      { sourced_id: 'mx-lake', parent: 'org-district' },
      { sourced_id: 'mx-pine', parent: 'org-district' },
    ]);
    const students = await t.sql<{ sourced_id: string; school: string; birth_date: string; preferred_name: string | null }>(
      `select s.sourced_id, o.sourced_id as school, to_char(s.birth_date, 'YYYY-MM-DD') as birth_date, s.preferred_name
         from student s join organization o on o.id = s.school_id where s.sourced_id like 'mx-%' order by 1`,
    );
    expect(students).toEqual([
      { sourced_id: 'mx-s-1', school: 'mx-lake', birth_date: '2011-02-03', preferred_name: 'Ally' },
      { sourced_id: 'mx-s-2', school: 'mx-pine', birth_date: '2012-06-07', preferred_name: null },
    ]);
    const staff = await t.sql<{ sourced_id: string; email: string; active: boolean }>(
      "select sourced_id, email, active from staff where sourced_id like 'mx-%' order by 1",
    );
    expect(staff).toEqual([
      { sourced_id: 'mx-t-1', email: 'iris.nakamura@lake.example.org', active: true },
      { sourced_id: 'mx-t-2', email: 'omar.haddad@pine.example.org', active: true },
    ]);
    const links = await t.sql<{ student: string }>(
      `select s.sourced_id as student from student_guardian l join guardian g on g.id = l.guardian_id
         join student s on s.id = l.student_id where g.sourced_id = 'mx-g-1' order by 1`,
    );
    expect(links.map((l) => l.student)).toEqual(['mx-s-1', 'mx-s-2']);
    const [release] = await t.sql<{ status: string; scopes: string[]; signed_on: string }>(
      "select status, scopes, to_char(signed_on, 'YYYY-MM-DD') as signed_on from media_release where sourced_id = 'mx-r-1'",
    );
    expect(release).toEqual({ status: 'GRANTED', scopes: ['DISTRICT_SOCIAL_MEDIA', 'WEBSITE'], signed_on: '2026-08-25' });
  });

  it('prints a summary per file, what was skipped and each problem', () => {
    const text = formatReport(report);
    expect(text).toMatch(/^OneRoster 1\.2 folder: /);
    expect(text).toMatch(/orgs\.csv: 1 row skipped \(type department: Steward keeps districts and schools\)/);
    expect(text).toMatch(/users\.csv: 1 row skipped \(role proctor: not kept by Steward\)/);
    expect(text).toContain('users.csv line 4, column email (mx-t-3): "not-an-email": must be an email address');
    expect(text).toContain('enrollments.csv line 3, column userSourcedId: text follows a closing quote');
    expect(text).toMatch(/Not every row was imported: 11 problems above/);
  });

  it('the same export again, zipped: the imported rows are unchanged, the same rows are refused at the same lines', async () => {
    const zip = path.join(temp, 'messy.zip');
    writeFileSync(zip, zipFolder(MESSY, ''));
    const again = await importBundle(zip);
    expect(counts(again, 'orgs.csv')).toEqual([5, 0, 0, 3, 0, 1, 1]);
    expect(counts(again, 'users.csv: students')).toEqual([4, 0, 0, 2, 0, 0, 2]);
    expect(counts(again, 'users.csv: guardians')).toEqual([1, 0, 0, 1, 0, 0, 0]);
    expect(counts(again, 'mediaReleases.csv')).toEqual([4, 0, 0, 2, 0, 0, 2]);
    expect(again.errors.map((e) => [e.file, e.line, e.column])).toEqual(report.errors.map((e) => [e.file, e.line, e.column]));
  });
});

describe('OneRoster removals', () => {
  it('a user and their roles set tobedeleted: the staff member is deactivated, not deleted', async () => {
    const dir = path.join(temp, 'removed');
    cpSync(MESSY, dir, { recursive: true });
    const edit = (file: string, from: string, to: string) => {
      const full = path.join(dir, file);
      const text = readFileSync(full, 'utf8');
      expect(text).toContain(from);
      writeFileSync(full, text.replace(from, to));
    };
    edit('users.csv', ',active,Haddad,True,2026-09-02,', ',tobedeleted,Haddad,True,2026-10-01,');
    edit('roles.csv', 'mx-role-2,,', 'mx-role-2,tobedeleted,');
    const report = await importBundle(dir);
    expect(counts(report, 'users.csv: staff')).toEqual([3, 0, 1, 1, 1, 0, 1]);
    const [row] = await t.sql<{ active: boolean }>("select active from staff where sourced_id = 'mx-t-2'");
    expect(row?.active).toBe(false);
  });
});

describe('OneRoster bundles that are refused', () => {
  it('an unknown OneRoster version, naming it; nothing is written', async () => {
    const dir = variant('version-2.0', (d) => {
      const manifest = path.join(d, 'manifest.csv');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('oneroster.version,1.1', 'oneroster.version,2.0'));
    });
    const before = await written();
    const read = await readOneRoster(dir);
    expect(read.refused).toEqual([
      'manifest.csv line 3: oneroster.version is "2.0"; this importer maps OneRoster 1.1 and 1.2 bundles only',
    ]);
    expect(await written()).toEqual(before);
  });

  it('a missing users.csv, naming it and the manifest line that lists it', async () => {
    const dir = variant('no-users', (d) => rmSync(path.join(d, 'users.csv')));
    const read = await readOneRoster(dir);
    expect(read.refused).toEqual(['users.csv is missing from the bundle: manifest.csv line 16 lists file.users as bulk']);
  });

  it('a 1.2 bundle without roles.csv, a bundle without a manifest, a bad file mode, a path that is no bundle', async () => {
    const noRoles = path.join(temp, 'no-roles');
    cpSync(MESSY, noRoles, { recursive: true });
    rmSync(path.join(noRoles, 'roles.csv'));
    expect((await readOneRoster(noRoles)).refused).toEqual([
      'roles.csv is missing from the bundle: manifest.csv line 11 lists file.roles as bulk',
    ]);
    const noManifest = variant('no-manifest', (d) => rmSync(path.join(d, 'manifest.csv')));
    expect((await readOneRoster(noManifest)).refused?.[0]).toMatch(/^manifest\.csv is missing from .*OneRoster 1\.0 bundles have none/);
    const badMode = variant('bad-mode', (d) => {
      const manifest = path.join(d, 'manifest.csv');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('file.orgs,bulk', 'file.orgs,full'));
    });
    expect((await readOneRoster(badMode)).refused).toEqual(['manifest.csv line 13: file.orgs is "full"; it must be bulk, delta or absent']);
    const notZip = path.join(temp, 'not-a-zip.zip');
    writeFileSync(notZip, 'hello');
    expect((await readOneRoster(notZip)).refused?.[0]).toMatch(/not-a-zip\.zip is neither a folder nor a readable zip file/);
    expect((await readOneRoster(path.join(temp, 'nowhere'))).refused?.[0]).toMatch(/nowhere: no such file or folder/);
  });
});

describe('npm run import:oneroster (the built CLI)', () => {
  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.databaseUrl,
      DATA_DIR: temp,
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
      CREDENTIAL_MASTER_KEY: `test1:${Buffer.alloc(32, 7).toString('base64')}`,
      // Where `npm run` was typed: relative paths are resolved against it.
      INIT_CWD: FIXTURES,
    };
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('exits 0 on the clean bundle, 1 on the messy one, 2 on a refused one; a summary, no progress bar off a terminal', async () => {
    expect(existsSync(CLI), 'build the API first (npx tsc -p tsconfig.build.json)').toBe(true);
    const clean = await cli(['clean-1.1']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^OneRoster 1\.1 folder: .*clean-1\.1$/m);
    expect(clean.stdout).toMatch(/^file\s+rows\s+created\s+updated\s+unchanged\s+deactivated\s+skipped\s+failed$/m);
    expect(clean.stdout).toMatch(/^users\.csv: students\s+3\s+0\s+0\s+3\s+0\s+0\s+0$/m);
    expect(clean.stdout).toMatch(/Every row was imported/);
    // No progress bar when stdout is not a terminal: no bar characters, no cursor control.
    const output = clean.stdout + clean.stderr;
    for (const mark of ['░', '█', '\u001b[', '\r']) expect(output).not.toContain(mark);

    const messy = await cli(['--', MESSY]);
    expect(messy.code, messy.stdout + messy.stderr).toBe(1);
    expect(messy.stdout).toContain('demographics.csv line 4, column birthDate (mx-s-3): "2011-13-45": is not a real date');

    const before = await written();
    const refused = await cli([path.join(temp, 'version-2.0')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('oneroster.version is "2.0"');
    expect(refused.stderr).toContain('Nothing was imported.');
    expect(await written()).toEqual(before);

    expect((await cli([])).code).toBe(2);
  }, 60_000);
});
