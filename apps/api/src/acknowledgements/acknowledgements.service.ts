import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ACKNOWLEDGED_SECTIONS,
  acknowledgementReminderDue,
  acknowledgementSections,
  isAcknowledgementOverdue,
  isoDay,
  mayAcknowledge,
  REMINDER_INTERVAL_DAYS,
  reminderWeek,
  requiresAcknowledgement,
  type Role,
  type SectionId,
  validateAcknowledgementRound,
} from '@steward/domain';
import type { Actor } from '../auth/actor.js';
import { scopeSql } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import { enqueueNotifications } from '../notifications/outbox.js';
import { apiError, badInput, forbidden, notFound } from '../server/errors.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import { countRows, type ListPage, listPage, query } from '../server/rows.js';
import {
  type Acknowledgement,
  type AcknowledgementRound,
  type AcknowledgementSection,
  type MyAcknowledgement,
  type PendingAcknowledgement,
  type SchoolCompletion,
} from './acknowledgements.types.js';
import { reminderMail } from './reminders.js';

type Row = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECTIONS: SectionId[] = [...ACKNOWLEDGED_SECTIONS];
const DISTRICT_OFFICE = 'District office';

/**
 * Who a round requires, as SQL over a round `r` and a staff row `s`: the domain's
 * `requiresAcknowledgement`, evaluated when read (joiners included, leavers out). The tests
 * compare the two over the whole roster.
 */
const REQUIRED = `s.active and 'STAFF' = any(s.roles) and (r.school_id is null or s.school_id = r.school_id)`;

/** The caller's acknowledgement.read scope over staff rows `s` (yourself, your staff, the district). */
function scopeOver(actor: Actor): { sql: string; params: unknown[] } {
  return scopeSql(actor, 'acknowledgement.read', { owner: 's.id', ownerSupervisor: 's.supervisor_id', school: 's.school_id' }) ?? { sql: 'true', params: [] };
}

const ROUND_COLUMNS = `r.id, to_char(r.revision_date, 'YYYY-MM-DD') as revision_date, to_char(r.due_date, 'YYYY-MM-DD') as due_date,
  r.school_id, sc.name as school_name, r.sections, r.opened_at, r.opened_by_id, r.superseded_at`;

function date(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

function sectionsOf(ids: readonly string[]): AcknowledgementSection[] {
  return acknowledgementSections(ids).map((s) => ({ id: s.id, title: s.title, summary: s.summary }));
}

function roundFrom(row: Row): AcknowledgementRound {
  return {
    id: row.id as string,
    revisionDate: row.revision_date as string,
    dueDate: row.due_date as string,
    schoolId: (row.school_id as string | null) ?? null,
    schoolName: (row.school_name as string | null) ?? null,
    sections: sectionsOf(row.sections as string[]),
    openedAt: date(row.opened_at) as Date,
    openedById: (row.opened_by_id as string | null) ?? null,
    supersededAt: date(row.superseded_at),
    current: row.superseded_at === null || row.superseded_at === undefined,
    requiredCount: (row.required_count as number | undefined) ?? 0,
    acknowledgedCount: (row.acknowledged_count as number | undefined) ?? 0,
  };
}

function acknowledgementFrom(row: Row): Acknowledgement {
  return {
    id: row.id as string,
    roundId: row.round_id as string,
    staffId: row.staff_id as string,
    revisionDate: row.revision_date as string,
    acknowledgedAt: date(row.acknowledged_at) as Date,
  };
}

function staffId(actor: Actor): string {
  if (actor.kind !== 'STAFF') throw forbidden('Only people open rounds and acknowledge the policy.');
  return actor.staffId;
}

// Any constants work; they name the locks that serialize opening rounds and sending reminders.
const ROUND_LOCK = 4051_1301;
const REMINDER_LOCK = 4051_1302;

/** How many reminders one sweep sends at most (the next minute's sweep sends the rest). */
const REMINDER_BATCH = 500;

/** The settings acknowledgements read: the dashboard's address for the mail's link. */
export type AcknowledgementsConfig = Pick<Config, 'publicUrl'>;

/**
 * Acknowledgement rounds (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII): the use cases behind the
 * GraphQL operations, and the reminder sweep. Mutations run in one transaction with their audit
 * event; reminders are written to the outbox in the transaction that records them.
 */
export class AcknowledgementsService {
  constructor(private readonly config: AcknowledgementsConfig) {}

  /** Rounds with their counts in the caller's scope, newest revision first; one statement. */
  private async roundRows(em: EntityManager, actor: Actor, where: string, params: unknown[], tail = '', tailParams: unknown[] = []) {
    const scope = scopeOver(actor);
    return query<Row>(
      em,
      `select ${ROUND_COLUMNS}, c.required_count, c.acknowledged_count
         from acknowledgement_round r
         left join organization sc on sc.id = r.school_id
         cross join lateral (
           select count(*)::int as required_count, count(a.id)::int as acknowledged_count
             from staff s left join acknowledgement a on a.round_id = r.id and a.staff_id = s.id
            where ${REQUIRED} and (${scope.sql})) c
        ${where}
        order by r.revision_date desc ${tail}`,
      [...scope.params, ...params, ...tailParams],
    );
  }

  async list(em: EntityManager, actor: Actor, page: PageInput | null | undefined): Promise<ListPage<AcknowledgementRound>> {
    const { clause } = pageWindow(page);
    const rows = await this.roundRows(em, actor, '', [], clause.sql, clause.params);
    return listPage(
      rows.map((row) => ({ ...roundFrom(row), listed: true })),
      {},
      () => countRows(em, 'select count(*)::int as total from acknowledgement_round', []),
    );
  }

  async get(em: EntityManager, actor: Actor, id: string): Promise<AcknowledgementRound> {
    if (!UUID.test(id)) throw notFound('Acknowledgement round', id);
    const [row] = await this.roundRows(em, actor, 'where r.id = ?', [id]);
    if (!row) throw notFound('Acknowledgement round', id);
    return roundFrom(row);
  }

  /** Required and acknowledged per school, inside the caller's scope; one statement. */
  async completionBySchool(em: EntityManager, actor: Actor, roundId: string): Promise<SchoolCompletion[]> {
    const scope = scopeOver(actor);
    const rows = await query<Row>(
      em,
      `select s.school_id, o.name as school_name, count(*)::int as required, count(a.id)::int as acknowledged
         from acknowledgement_round r
         join staff s on ${REQUIRED}
         left join organization o on o.id = s.school_id
         left join acknowledgement a on a.round_id = r.id and a.staff_id = s.id
        where r.id = ? and (${scope.sql})
        group by s.school_id, o.name
        order by o.name nulls first`,
      [roundId, ...scope.params],
    );
    return rows.map((row) => ({
      schoolId: (row.school_id as string | null) ?? null,
      schoolName: (row.school_name as string | null) ?? DISTRICT_OFFICE,
      required: row.required as number,
      acknowledged: row.acknowledged as number,
      pending: (row.required as number) - (row.acknowledged as number),
    }));
  }

  /** Who the round requires and has not acknowledged, inside the caller's scope; one statement per page. */
  async pending(
    em: EntityManager,
    actor: Actor,
    roundId: string,
    page: PageInput | null | undefined,
  ): Promise<ListPage<PendingAcknowledgement>> {
    const { clause } = pageWindow(page);
    const scope = scopeOver(actor);
    const from = `from acknowledgement_round r
         join staff s on ${REQUIRED}
        where r.id = ? and (${scope.sql})
          and not exists (select 1 from acknowledgement a where a.round_id = r.id and a.staff_id = s.id)`;
    const rows = await query<Row>(
      em,
      `select s.id, s.given_name, s.family_name, s.email, s.position, o.name as school_name, m.sent, m.last_sent_at
         from (select s.* ${from}) s
         left join organization o on o.id = s.school_id
         left join lateral (select count(*)::int as sent, max(x.sent_at) as last_sent_at
                              from acknowledgement_reminder x where x.round_id = ? and x.staff_id = s.id) m on true
        order by o.name nulls first, s.family_name, s.given_name, s.id
        ${clause.sql}`,
      [roundId, ...scope.params, roundId, ...clause.params],
    );
    const items = rows.map(
      (row): PendingAcknowledgement => ({
        staffId: row.id as string,
        fullName: `${row.given_name as string} ${row.family_name as string}`,
        email: row.email as string,
        position: row.position as string,
        schoolName: (row.school_name as string | null) ?? DISTRICT_OFFICE,
        remindersSent: (row.sent as number | null) ?? 0,
        lastRemindedAt: date(row.last_sent_at),
      }),
    );
    return listPage(items, {}, () => countRows(em, `select count(*)::int as total ${from}`, [roundId, ...scope.params]));
  }

  /** The caller's own standing: the current round, whether it requires them, what they acknowledged. */
  async mine(em: EntityManager, actor: Actor, now = new Date()): Promise<MyAcknowledgement> {
    const me = actor.kind === 'STAFF' ? actor.staffId : null;
    const [current] = await query<{ id: string }>(em, 'select id from acknowledgement_round where superseded_at is null');
    const round = current ? await this.get(em, actor, current.id) : null;
    const [person] = me
      ? await query<{ active: boolean; roles: Role[]; school_id: string | null }>(
          em,
          'select active, roles, school_id from staff where id = ?',
          [me],
        )
      : [];
    const history = me
      ? (
          await query<Row>(
            em,
            `select id, round_id, staff_id, to_char(revision_date, 'YYYY-MM-DD') as revision_date, acknowledged_at
               from acknowledgement where staff_id = ? order by acknowledged_at desc`,
            [me],
          )
        ).map(acknowledgementFrom)
      : [];
    const required =
      !!round && !!person && requiresAcknowledgement({ active: person.active, roles: person.roles, schoolId: person.school_id }, round);
    const acknowledgedAt = round ? (history.find((h) => h.roundId === round.id)?.acknowledgedAt ?? null) : null;
    return {
      round,
      required,
      acknowledgedAt,
      overdue: !!round && required && isAcknowledgementOverdue({ dueDate: round.dueDate, acknowledged: !!acknowledgedAt, today: isoDay(now) }),
      sections: round ? round.sections : sectionsOf(ACKNOWLEDGED_SECTIONS),
      history,
    };
  }

  /**
   * Opens a round for a newer revision, superseding the current one, with one audit event. A
   * transaction-level lock orders two admins opening at once: the second sees the first's round
   * as the latest and its own date is judged against it.
   */
  async open(
    em: EntityManager,
    actor: Actor,
    input: { revisionDate: string; dueDate: string; schoolId?: string | null },
    requestId: string,
    now = new Date(),
  ): Promise<AcknowledgementRound> {
    const me = staffId(actor);
    const revisionDate = (input.revisionDate ?? '').trim();
    const dueDate = (input.dueDate ?? '').trim();
    const schoolId = input.schoolId?.trim() || null;
    if (schoolId !== null && !UUID.test(schoolId)) throw badInput('schoolId is not an id.', 'schoolId');
    const id = await em.transactional(async (tx) => {
      await query(tx, 'select pg_advisory_xact_lock(?)', [ROUND_LOCK]);
      const [latest] = await query<{ id: string; revision_date: string; superseded_at: string | null }>(
        tx,
        `select id, to_char(revision_date, 'YYYY-MM-DD') as revision_date, superseded_at
           from acknowledgement_round order by revision_date desc limit 1`,
      );
      const check = validateAcknowledgementRound({
        revisionDate,
        dueDate,
        latestRevisionDate: latest?.revision_date ?? null,
        today: isoDay(now),
      });
      if (!check.ok) throw apiError('BAD_USER_INPUT', check.message, { field: check.field, sections: check.sections });
      if (schoolId !== null) {
        const [school] = await query<{ kind: string }>(tx, 'select kind from organization where id = ?', [schoolId]);
        if (school?.kind !== 'SCHOOL') throw badInput('schoolId is not one of the district\'s schools.', 'schoolId');
      }
      const [previous] = await query<{ id: string }>(
        tx,
        'update acknowledgement_round set superseded_at = ? where superseded_at is null returning id',
        [now],
      );
      const roundId = randomUUID();
      await query(
        tx,
        `insert into acknowledgement_round (id, revision_date, due_date, school_id, sections, opened_by_id, opened_at)
         values (?, ?::date, ?::date, ?, ?::text[], ?, ?)`,
        [roundId, revisionDate, dueDate, schoolId, SECTIONS, me, now],
      );
      if (previous) {
        await query(tx, 'update acknowledgement_round set superseded_by_id = ? where id = ?', [roundId, previous.id]);
      }
      await recordAudit(tx, actor, requestId, {
        action: 'acknowledgement.openRound',
        targetType: 'AcknowledgementRound',
        targetId: roundId,
        change: { revisionDate, dueDate, schoolId, supersedes: previous?.id ?? null, sections: SECTIONS },
      });
      return roundId;
    });
    return this.get(em, actor, id);
  }

  /** Records the caller's acknowledgement of a round, once, with one audit event. */
  async acknowledge(em: EntityManager, actor: Actor, roundId: string, requestId: string): Promise<Acknowledgement> {
    const me = staffId(actor);
    if (!UUID.test(roundId)) throw notFound('Acknowledgement round', roundId);
    return em.transactional(async (tx) => {
      // FOR SHARE: a round being superseded at this moment (open() updates the row) waits for
      // this acknowledgement, or this one sees it superseded; never an acknowledgement of a
      // round that was replaced while it was being recorded.
      const [round] = await query<{ id: string; revision_date: string; school_id: string | null; superseded_at: string | null }>(
        tx,
        `select id, to_char(revision_date, 'YYYY-MM-DD') as revision_date, school_id, superseded_at
           from acknowledgement_round where id = ? for share`,
        [roundId],
      );
      if (!round) throw notFound('Acknowledgement round', roundId);
      const [person] = await query<{ active: boolean; roles: Role[]; school_id: string | null; acknowledged_at: string | null }>(
        tx,
        `select s.active, s.roles, s.school_id, a.acknowledged_at
           from staff s left join acknowledgement a on a.round_id = ? and a.staff_id = s.id
          where s.id = ?`,
        [roundId, me],
      );
      if (!person) throw forbidden('Your staff record is gone; sign in again.');
      const check = mayAcknowledge({
        required: requiresAcknowledgement({ active: person.active, roles: person.roles, schoolId: person.school_id }, { schoolId: round.school_id }),
        acknowledgedAt: date(person.acknowledged_at),
        superseded: round.superseded_at !== null,
      });
      if (!check.ok) {
        const code = check.code === 'NOT_REQUIRED' ? 'FORBIDDEN' : 'CONFLICT';
        throw apiError(code, check.message, { sections: check.sections, reason: check.code });
      }
      const [inserted] = await query<Row>(
        tx,
        `insert into acknowledgement (id, round_id, staff_id, revision_date) values (?, ?, ?, ?::date)
         on conflict (round_id, staff_id) do nothing
         returning id, round_id, staff_id, to_char(revision_date, 'YYYY-MM-DD') as revision_date, acknowledged_at`,
        [randomUUID(), roundId, me, round.revision_date],
      );
      // A second request of the same person that committed between our read and our insert.
      if (!inserted) {
        throw apiError('CONFLICT', 'You have just acknowledged this revision; once is enough.', { sections: SECTIONS, reason: 'ALREADY_ACKNOWLEDGED' });
      }
      const acknowledgement = acknowledgementFrom(inserted);
      await recordAudit(tx, actor, requestId, {
        action: 'acknowledgement.acknowledge',
        targetType: 'AcknowledgementRound',
        targetId: roundId,
        change: { acknowledgement: acknowledgement.id, revisionDate: acknowledgement.revisionDate, sections: SECTIONS },
      });
      return acknowledgement;
    });
  }

  /**
   * The reminder sweep (the API's minute interval; tests call it with their own `now`): mails
   * everyone the current round requires who has not acknowledged and had no reminder for a week
   * (`acknowledgementReminderDue`), through the outbox, in one transaction with one audit event.
   * The query narrows to candidates, the domain decides; an advisory lock runs one sweep at a
   * time across processes, and the (person, week) key refuses a second reminder in the same week
   * even without it.
   */
  async sendReminders(em: EntityManager, now = new Date(), batch = REMINDER_BATCH): Promise<{ roundId: string | null; sent: number }> {
    return em.fork().transactional(async (tx) => {
      await query(tx, 'select pg_advisory_xact_lock(?)', [REMINDER_LOCK]);
      const [round] = await query<Row>(
        tx,
        `select r.id, to_char(r.revision_date, 'YYYY-MM-DD') as revision_date, to_char(r.due_date, 'YYYY-MM-DD') as due_date,
                r.school_id, r.sections
           from acknowledgement_round r where r.superseded_at is null`,
      );
      if (!round) return { roundId: null, sent: 0 };
      const roundId = round.id as string;
      const cutoff = new Date(now.getTime() - REMINDER_INTERVAL_DAYS * 24 * 60 * 60 * 1000);
      const candidates = await query<{
        id: string;
        email: string;
        given_name: string;
        family_name: string;
        active: boolean;
        roles: Role[];
        school_id: string | null;
        last_sent_at: string | null;
        round_sent: number;
      }>(
        tx,
        `select s.id, s.email, s.given_name, s.family_name, s.active, s.roles, s.school_id, m.last_sent_at, m.round_sent
           from acknowledgement_round r
           join staff s on ${REQUIRED}
           left join lateral (select max(x.sent_at) as last_sent_at, count(*) filter (where x.round_id = r.id)::int as round_sent
                                from acknowledgement_reminder x where x.staff_id = s.id) m on true
          where r.id = ?
            and not exists (select 1 from acknowledgement a where a.round_id = r.id and a.staff_id = s.id)
            and (m.last_sent_at is null or m.last_sent_at <= ?)
          order by s.id
          limit ?`,
        [roundId, cutoff, batch],
      );
      const due = candidates.filter(
        (c) =>
          acknowledgementReminderDue({
            required: requiresAcknowledgement({ active: c.active, roles: c.roles, schoolId: c.school_id }, { schoolId: round.school_id as string | null }),
            acknowledged: false,
            lastReminderAt: date(c.last_sent_at),
            now,
          }),
      );
      if (due.length === 0) return { roundId, sent: 0 };
      const week = reminderWeek(now);
      const kept = await query<{ staff_id: string }>(
        tx,
        `insert into acknowledgement_reminder (staff_id, week, round_id, sent_at)
         select x, ?::date, ?, ? from unnest(?::uuid[]) as x
         on conflict (staff_id, week) do nothing
         returning staff_id`,
        [week, roundId, now, due.map((c) => c.id)],
      );
      const keptIds = new Set(kept.map((k) => k.staff_id));
      const recipients = due.filter((c) => keptIds.has(c.id));
      const sections = acknowledgementSections(round.sections as string[]);
      const overdue = isAcknowledgementOverdue({ dueDate: round.due_date as string, acknowledged: false, today: isoDay(now) });
      const drafts = recipients.map((c) =>
        reminderMail(
          {
            roundId,
            revisionDate: round.revision_date as string,
            dueDate: round.due_date as string,
            sections,
            recipient: { staffId: c.id, email: c.email, name: `${c.given_name} ${c.family_name}` },
            first: c.round_sent === 0,
            overdue,
          },
          this.config.publicUrl,
        ),
      );
      const notificationIds = await enqueueNotifications(tx, drafts);
      if (recipients.length > 0) {
        await query(
          tx,
          `update acknowledgement_reminder m set notification_id = x.n
             from unnest(?::uuid[], ?::uuid[]) as x(s, n) where m.staff_id = x.s and m.week = ?::date`,
          [recipients.map((c) => c.id), notificationIds, week],
        );
        await recordAudit(tx, null, null, {
          action: 'acknowledgement.remind',
          targetType: 'AcknowledgementRound',
          targetId: roundId,
          change: { week, staff: recipients.map((c) => c.id), notifications: notificationIds, sections: SECTIONS },
        });
      }
      return { roundId, sent: recipients.length };
    });
  }
}
