import type { EntityManager } from '@mikro-orm/postgresql';
import { POLICY, type Role } from '@steward/domain';
import { recordAudit } from '../audit/audit.service.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { AcknowledgementsService } from '../acknowledgements/acknowledgements.service.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { staffActor } from '../auth/authenticate.js';
import { issueSisKey } from '../auth/sis-keys.js';
import { ModerationService, type ModerationConfig } from '../moderation/moderation.service.js';
import { Organization, OrganizationKind } from '../organization/organization.entity.js';
import { Staff } from '../staff/staff.entity.js';

/**
 * A fictional demo district for `npm start`, the tests and the dashboard. The district's words
 * (names, abbreviation, mascot) are those the policy itself uses, so the classification examples
 * read naturally; every person and school here is invented.
 */
export const DEMO_DOMAIN = 'demo.k12.example';

interface PersonSeed {
  key: string;
  givenName: string;
  familyName: string;
  position: string;
  school: 'north' | 'south' | 'high' | null;
  supervisor: string | null;
  roles: Role[];
}

const SCHOOLS = {
  north: { sourcedId: 'org-north', name: 'Ralston North Elementary', shortName: 'North' },
  south: { sourcedId: 'org-south', name: 'Ralston South Middle School', shortName: 'South' },
  high: { sourcedId: 'org-high', name: 'Ralston High School', shortName: 'Ralston High' },
} as const;

/** Email local parts are stable: README lists them, tests and the browser test sign in with them. */
export const DEMO_PEOPLE: PersonSeed[] = [
  { key: 'superintendent', givenName: 'Dana', familyName: 'Whitfield', position: 'Superintendent', school: null, supervisor: null, roles: ['STAFF', 'SUPERINTENDENT', 'SUPERVISOR'] },
  { key: 'external.relations', givenName: 'Marcus', familyName: 'Oyelaran', position: 'Director of External Relations', school: null, supervisor: 'superintendent', roles: ['STAFF', 'EXTERNAL_RELATIONS'] },
  { key: 'admin', givenName: 'Priya', familyName: 'Raman', position: 'District IT Administrator', school: null, supervisor: 'superintendent', roles: ['STAFF', 'DISTRICT_ADMIN'] },
  { key: 'auditor', givenName: 'Helen', familyName: 'Kowalczyk', position: 'Records Auditor', school: null, supervisor: 'superintendent', roles: ['AUDITOR'] },
  { key: 'principal.north', givenName: 'Grace', familyName: 'Abernathy', position: 'Principal', school: 'north', supervisor: 'superintendent', roles: ['STAFF', 'SUPERVISOR'] },
  { key: 'principal.south', givenName: 'Luis', familyName: 'Santoro', position: 'Principal', school: 'south', supervisor: 'superintendent', roles: ['STAFF', 'SUPERVISOR'] },
  { key: 'principal.high', givenName: 'Nadia', familyName: 'Brennan', position: 'Principal', school: 'high', supervisor: 'superintendent', roles: ['STAFF', 'SUPERVISOR'] },
  { key: 'teacher.north', givenName: 'Tom', familyName: 'Lindqvist', position: '3rd Grade Teacher', school: 'north', supervisor: 'principal.north', roles: ['STAFF'] },
  { key: 'teacher2.north', givenName: 'Amara', familyName: 'Okafor', position: '1st Grade Teacher', school: 'north', supervisor: 'principal.north', roles: ['STAFF'] },
  { key: 'music.north', givenName: 'Jon', familyName: 'Halvorsen', position: 'Music Teacher', school: 'north', supervisor: 'principal.north', roles: ['STAFF'] },
  { key: 'librarian.north', givenName: 'Rosa', familyName: 'Delgado', position: 'Librarian', school: 'north', supervisor: 'principal.north', roles: ['STAFF'] },
  { key: 'teacher.south', givenName: 'Sam', familyName: 'Whitaker', position: 'Science Teacher', school: 'south', supervisor: 'principal.south', roles: ['STAFF'] },
  { key: 'teacher2.south', givenName: 'Mei', familyName: 'Tanaka', position: 'English Teacher', school: 'south', supervisor: 'principal.south', roles: ['STAFF'] },
  { key: 'counselor.south', givenName: 'Ibrahim', familyName: 'Haddad', position: 'School Counselor', school: 'south', supervisor: 'principal.south', roles: ['STAFF'] },
  { key: 'coach.south', givenName: 'Kelly', familyName: 'Brandt', position: 'Volleyball Coach', school: 'south', supervisor: 'principal.south', roles: ['STAFF'] },
  { key: 'teacher.high', givenName: 'Olivia', familyName: 'Park', position: 'History Teacher', school: 'high', supervisor: 'principal.high', roles: ['STAFF'] },
  { key: 'coach.high', givenName: 'Derek', familyName: 'Mbeki', position: 'Head Football Coach', school: 'high', supervisor: 'principal.high', roles: ['STAFF'] },
  { key: 'band.high', givenName: 'Ellen', familyName: 'Fischer', position: 'Band Director', school: 'high', supervisor: 'principal.high', roles: ['STAFF'] },
  { key: 'journalism.high', givenName: 'Victor', familyName: 'Nguyen', position: 'Journalism Teacher', school: 'high', supervisor: 'principal.high', roles: ['STAFF'] },
  { key: 'art.high', givenName: 'Chloe', familyName: 'Dubois', position: 'Art Teacher', school: 'high', supervisor: 'principal.high', roles: ['STAFF'] },
  { key: 'former.high', givenName: 'Peter', familyName: 'Vance', position: 'Chemistry Teacher (left 2026)', school: 'high', supervisor: 'principal.high', roles: ['STAFF'] },
];

export const demoEmail = (key: string) => `${key}@${DEMO_DOMAIN}`;

export interface SeedResult {
  seeded: boolean;
  sisKey: string | null;
}

export interface SeedOptions {
  /**
   * Also record a removal on the band's page, whose two notices the outbox then delivers
   * (`npm start`, `db:seed`). Off for the tests' template database, whose every copy starts a
   * dispatcher: queued notices there would reach every test's SMTP server.
   */
  moderationRemoval?: boolean;
  /** The moderation settings (response time, retention, dashboard address) for those cases. */
  config?: ModerationConfig;
  /**
   * Also open an acknowledgement round for the policy's current revision, due in 30 days, so the
   * Acknowledgements page has something to acknowledge (`npm start`, `db:seed`). Off for the
   * tests' template database: the tests open their own rounds with their own dates.
   */
  acknowledgementRound?: boolean;
}

const DEMO_MODERATION: ModerationConfig = {
  publicUrl: 'http://localhost:4000',
  moderation: { responseHours: 24, retentionDays: 3 * 365, dismissedRetentionDays: 365 },
};

/** Seeds the demo district once; does nothing if a district already exists. */
export async function seedDemo(em: EntityManager, options: SeedOptions = {}): Promise<SeedResult> {
  const result = await seedPeople(em);
  if (result.seeded) await seedActivity(em.fork(), options);
  return result;
}

/**
 * A few accounts and requests, made through the same services a user goes through (so they are
 * classified, routed and audited for real), to give the dashboard something to show.
 */
async function seedActivity(em: EntityManager, options: SeedOptions): Promise<void> {
  const accounts = new AccountsService();
  const approvals = new ApprovalsService();
  const people = new Map((await em.find(Staff, {})).map((s) => [s.email.split('@')[0], s]));
  const actor = (key: string) => staffActor(people.get(key) as Staff);

  await accounts.register(em, actor('teacher.north'), {
    platform: 'INSTAGRAM',
    handle: 'tom.kitchen.notes',
    displayName: 'Tom bakes bread',
    bio: 'Sourdough every weekend.',
    signals: [],
  }, 'seed');
  const football = await accounts.register(em, actor('coach.high'), {
    platform: 'X',
    handle: 'RalstonFootball',
    displayName: 'Ralston Rams Football',
    bio: 'Schedules, scores and news for Rams football families.',
    signals: ['PURPORTS_OFFICIAL', 'SHARES_SCHOOL_UPDATES', 'USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
  }, 'seed');
  await approvals.submit(em, actor('coach.high'), {
    kind: 'AFFILIATED_ACCOUNT',
    accountId: football.account.id,
    justification: 'Game-day updates and schedules for players and their families.',
  }, 'seed');
  const band = await accounts.register(em, actor('band.high'), {
    platform: 'INSTAGRAM',
    handle: 'RPS_band',
    displayName: 'Ralston High Band',
    bio: 'Concert dates and photos of the Ralston High band.',
    signals: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
  }, 'seed');
  const bandRequest = await approvals.submit(em, actor('band.high'), {
    kind: 'AFFILIATED_ACCOUNT',
    accountId: band.account.id,
    justification: 'Concert announcements for band families, run with the booster club.',
  }, 'seed');
  await approvals.act(em, actor('principal.high'), bandRequest.id, 'APPROVE', 'Approved for this school year.', 'seed');
  // Moderation (XXX-XXXV): a comment on the band's page waiting in the queue, and (for the
  // running app) one removed for XXXIII whose copy and notice go out when the API starts.
  const moderation = new ModerationService(options.config ?? DEMO_MODERATION, { reportDeliveries: false });
  await moderation.open(em, actor('band.high'), {
    accountId: band.account.id,
    snapshot: {
      kind: 'COMMENT',
      platformContentId: 'demo-comment-1',
      authorName: 'Concert Goer',
      authorHandle: 'concert_goer_22',
      text: 'The trumpets were off all night. Maybe practice before charging admission?',
      permalink: 'https://www.instagram.com/p/demo1/c/1',
      postedAt: new Date(Date.now() - 3 * 3_600_000),
    },
  }, 'seed');
  if (options.moderationRemoval) {
    const removed = await moderation.open(em, actor('band.high'), {
      accountId: band.account.id,
      snapshot: {
        kind: 'REPLY',
        platformContentId: 'demo-reply-2',
        authorName: 'Anonymous Fan',
        authorHandle: 'rams_truth_2026',
        text: 'The drum major is a loser and everyone should tell him so at school tomorrow.',
        permalink: 'https://www.instagram.com/p/demo1/c/2',
        postedAt: new Date(Date.now() - 2 * 3_600_000),
      },
    }, 'seed');
    await moderation.remove(
      em,
      actor('band.high'),
      removed.id,
      ['THREATENING_HARASSING_DISCRIMINATORY'],
      'Harasses a student by role and calls on others to do the same at school.',
      'seed',
    );
  }
  await approvals.submit(em, actor('teacher.south'), {
    kind: 'INSTRUCTIONAL_USE',
    activity: 'A class YouTube channel for 7th grade science lab videos',
    justification: 'Students publish short lab-report videos as part of the science unit.',
  }, 'seed');
  if (options.acknowledgementRound) {
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await new AcknowledgementsService({ publicUrl: (options.config ?? DEMO_MODERATION).publicUrl }).open(
      em,
      actor('admin'),
      { revisionDate: POLICY.reviewed, dueDate: due },
      'seed',
    );
  }
}

async function seedPeople(em: EntityManager): Promise<SeedResult> {
  return em.transactional(async (tx) => {
    const existing = await tx.count(Organization, { kind: OrganizationKind.DISTRICT });
    if (existing > 0) return { seeded: false, sisKey: null };

    const district = tx.create(Organization, {
      sourcedId: 'org-district',
      kind: OrganizationKind.DISTRICT,
      name: 'Ralston Public Schools',
      shortName: 'RPS',
      profile: {
        names: ['Ralston Public Schools', 'Ralston Schools', 'Ralston'],
        abbreviations: ['RPS'],
        mascots: ['Rams'],
      },
    });
    const schools = Object.fromEntries(
      Object.entries(SCHOOLS).map(([key, s]) => [
        key,
        tx.create(Organization, { ...s, kind: OrganizationKind.SCHOOL, parent: district }),
      ]),
    ) as Record<keyof typeof SCHOOLS, Organization>;

    const people = new Map<string, Staff>();
    for (const [index, p] of DEMO_PEOPLE.entries()) {
      const staff = tx.create(Staff, {
        sourcedId: `staff-${String(index + 1).padStart(3, '0')}`,
        email: demoEmail(p.key),
        givenName: p.givenName,
        familyName: p.familyName,
        position: p.position,
        school: p.school ? schools[p.school] : null,
        supervisor: p.supervisor ? (people.get(p.supervisor) ?? null) : null,
        roles: p.roles,
        active: p.key !== 'former.high',
      });
      people.set(p.key, staff);
    }
    const { key } = await issueSisKey(tx, 'Demo SIS (seeded)');
    await tx.flush();
    await recordAudit(tx, null, null, {
      action: 'seed.demo',
      targetType: 'Organization',
      targetId: district.id,
      change: { schools: Object.keys(SCHOOLS).length, staff: DEMO_PEOPLE.length },
    });
    return { seeded: true, sisKey: key };
  });
}
