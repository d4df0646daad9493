import { LockMode, OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import {
  CONTENT_QUESTION_TEXT_MAX,
  contentQuestionStatusAfter,
  mayPostContentMessage,
  routeContentQuestion,
  type ContentQuestionStatus,
} from '@steward/domain';
import { SocialAccount } from '../accounts/social-account.entity.js';
import type { Actor } from '../auth/actor.js';
import type { Config } from '../config.js';
import { mayReadSubject, requireActor, scopeSql, staffSubject } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { conflict, forbidden, fromRefusal, notFound, policyViolation } from '../server/errors.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import { countRows, listPage, type ListPage, query, SqlWhere, staffFrom } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { enqueueMessageMail } from './content-question-mail.js';
import { ContentQuestion, ContentQuestionMessage } from './obligations.entities.js';
import type { ContentQuestionMessageView, ContentQuestionView } from './obligations.types.js';
import { existingId, filterId, optionalText, requiredText, staffIdOf } from './text.js';

type Row = Record<string, unknown>;

const MEDIA_DESCRIPTION_MAX = 2000;

/**
 * One row per question, with the people it names as staff rows (to prime the staff loader):
 * the asker (`k`, whose supervisor and school decide scope), the recipient, the latest answerer.
 */
const QUESTION_SELECT = `select q.id, q.asker_id, q.recipient_id, q.account_id, q.planned_text, q.media_description, q.status,
       q.asked_at, q.last_message_at, q.answered_by_id, q.answered_at, q.version,
       k.supervisor_id as asker_supervisor_id, k.school_id as asker_school_id, a.handle as account_handle,
       (select m.body from content_question_message m where m.question_id = q.id and m.kind = 'QUESTION'
         order by m.created_at, m.id limit 1) as question,
       (select coalesce(json_agg(row_to_json(st)), '[]') from staff st
         where st.id in (q.asker_id, q.recipient_id, q.answered_by_id)) as people
  from content_question q
  join staff k on k.id = q.asker_id
  left join social_account a on a.id = q.account_id`;

function questionFrom(row: Row): ContentQuestionView {
  return {
    id: row.id as string,
    question: (row.question as string | null) ?? '',
    plannedText: row.planned_text as string,
    mediaDescription: (row.media_description as string | null) ?? null,
    status: row.status as ContentQuestionStatus,
    askedAt: new Date(row.asked_at as string),
    lastMessageAt: new Date(row.last_message_at as string),
    answeredAt: row.answered_at ? new Date(row.answered_at as string) : null,
    accountHandle: (row.account_handle as string | null) ?? null,
    version: row.version as number,
    askerId: row.asker_id as string,
    askerSupervisorId: (row.asker_supervisor_id as string | null) ?? null,
    askerSchoolId: (row.asker_school_id as string | null) ?? null,
    recipientId: (row.recipient_id as string | null) ?? null,
    accountId: (row.account_id as string | null) ?? null,
    answeredById: (row.answered_by_id as string | null) ?? null,
  };
}

/** The scope subject of a question: the asker's, as for their other records. */
function questionSubject(q: Pick<ContentQuestionView, 'askerId' | 'askerSupervisorId' | 'askerSchoolId'>) {
  return staffSubject({
    id: q.askerId,
    supervisor: q.askerSupervisorId ? { id: q.askerSupervisorId } : null,
    school: q.askerSchoolId ? { id: q.askerSchoolId } : null,
  });
}

export interface ContentQuestionListFilter {
  status?: ContentQuestionStatus | null;
  mine?: boolean | null;
  waitingForMe?: boolean | null;
  accountId?: string | null;
}

/**
 * Questions about planned content (XVIII): a staff member asks, their supervising administrator
 * (the district admin when there is none) answers, and the thread only grows. Each mutation is
 * one transaction with its audit event; the thread's text stays in the thread, the audit event
 * says who added what kind of message.
 */
export class ContentQuestionsService {
  constructor(private readonly config: Pick<Config, 'publicUrl'>) {}

  /**
   * Whether the caller may read the question: the asker's scope (the asker, their supervisor,
   * district roles), and always the person it was sent to (even a district admin who became the
   * recipient as the fallback keeps it after the asker gets a supervisor).
   */
  mayRead(actor: Actor | null, q: ContentQuestionView): boolean {
    if (actor?.kind === 'STAFF' && q.recipientId === actor.staffId) return true;
    return mayReadSubject(actor, 'contentQuestion.read', questionSubject(q));
  }

  async get(em: EntityManager, actor: Actor | null, id: string): Promise<ContentQuestionView> {
    const a = requireActor(actor);
    const [row] = await query<Row>(em, `${QUESTION_SELECT} where q.id = ?`, [existingId('Content question', id)]);
    if (!row) throw notFound('Content question', id);
    const view = questionFrom(row);
    if (!this.mayRead(a, view)) {
      throw forbidden(
        "You may not see this question: it is outside your scope (the asker, the supervising administrator it went to, district roles).",
        ['XVIII'],
      );
    }
    return view;
  }

  /** One page, one statement: newest activity first, in the caller's scope. */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: ContentQuestionListFilter | null | undefined,
    page: PageInput | null | undefined,
  ): Promise<ListPage<ContentQuestionView> & { staff: Staff[] }> {
    const { clause } = pageWindow(page);
    const where = new SqlWhere();
    const scope = scopeSql(actor, 'contentQuestion.read', {
      owner: 'q.asker_id',
      ownerSupervisor: 'k.supervisor_id',
      school: 'k.school_id',
    });
    const me = actor.kind === 'STAFF' ? actor.staffId : null;
    if (scope) {
      if (me) where.add(`${scope.sql} or q.recipient_id = ?`, ...scope.params, me);
      else where.add(scope.sql, ...scope.params);
    }
    if (filter?.status) where.add('q.status = ?', filter.status);
    if (filter?.mine) where.add('q.asker_id = ?', me);
    if (filter?.waitingForMe) where.add(`q.recipient_id = ? and q.status = 'OPEN'`, me);
    if (filter?.accountId) where.add('q.account_id = ?', filterId(filter.accountId, 'filter.accountId'));
    const rows = await query<Row>(
      em,
      `${QUESTION_SELECT} ${where} order by q.last_message_at desc, q.id desc ${clause.sql}`,
      [...where.params, ...clause.params],
    );
    const staff = rows.flatMap((row) => (row.people as Row[]).map((s) => staffFrom(s)));
    const result = listPage(rows.map(questionFrom), { staff }, () =>
      countRows(em, `select count(*)::int as total from content_question q join staff k on k.id = q.asker_id ${where}`, where.params),
    );
    return Object.assign(result, { staff });
  }

  /** The threads of some questions, oldest message first (a batch for the request's loader). */
  async messages(em: EntityManager, questionIds: readonly string[]): Promise<Map<string, ContentQuestionMessageView[]>> {
    const rows = await query<Row>(
      em,
      `select id, question_id, author_id, kind, body, created_at from content_question_message
        where question_id = any(?::uuid[]) order by created_at, id`,
      [[...questionIds]],
    );
    const threads = new Map<string, ContentQuestionMessageView[]>();
    for (const row of rows) {
      const key = row.question_id as string;
      threads.set(key, [
        ...(threads.get(key) ?? []),
        {
          id: row.id as string,
          kind: row.kind as ContentQuestionMessageView['kind'],
          body: row.body as string,
          createdAt: new Date(row.created_at as string),
          authorId: row.author_id as string,
        },
      ]);
    }
    return threads;
  }

  async ask(
    em: EntityManager,
    actor: Actor,
    input: { question: string; plannedText: string; mediaDescription?: string | null; accountId?: string | null },
    requestId: string,
  ): Promise<ContentQuestionView> {
    const me = staffIdOf(actor, 'Only people ask about content.');
    const question = requiredText(input.question, 'question', CONTENT_QUESTION_TEXT_MAX);
    const plannedText = requiredText(input.plannedText, 'plannedText', CONTENT_QUESTION_TEXT_MAX);
    const mediaDescription = optionalText(input.mediaDescription, 'mediaDescription', MEDIA_DESCRIPTION_MAX);
    const id = await em.transactional(async (tx) => {
      const asker = await tx.findOneOrFail(Staff, { id: me }, { populate: ['supervisor'] });
      let account: SocialAccount | null = null;
      if (input.accountId) {
        const [row] = await query<{ id: string; runs: boolean }>(
          tx,
          `select a.id, (a.owner_id = ? or exists (select 1 from social_account_administrator x
                   where x.social_account_id = a.id and x.staff_id = ?)) as runs
             from social_account a where a.id = ?`,
          [me, me, existingId('Social account', input.accountId)],
        );
        if (!row) throw notFound('Social account', input.accountId);
        if (!row.runs) throw forbidden('Name an account you own or administer, or none.');
        account = tx.getReference(SocialAccount, row.id);
      }
      const admins = await tx.find(
        Staff,
        { roles: { $contains: ['DISTRICT_ADMIN'] }, active: true },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      const { recipientId, fallback } = routeContentQuestion({
        askerId: me,
        // The domain decides whether the recorded supervisor can answer (active, with the role).
        askerSupervisor: asker.supervisor
          ? { id: asker.supervisor.id, active: asker.supervisor.active, roles: asker.supervisor.roles }
          : null,
        districtAdminIds: admins.map((a) => a.id),
      });
      if (!recipientId) {
        throw policyViolation(
          'You have no supervising administrator and the district has no active district admin to ' +
            'send the question to (XVIII). Ask district IT to record your supervisor.',
          ['XVIII'],
        );
      }
      const now = new Date();
      const q = tx.create(ContentQuestion, {
        asker,
        recipient: tx.getReference(Staff, recipientId),
        account,
        plannedText,
        mediaDescription,
        askedAt: now,
        lastMessageAt: now,
      });
      const message = tx.create(ContentQuestionMessage, {
        question: q,
        author: asker,
        kind: 'QUESTION',
        body: question,
        createdAt: now,
      });
      await tx.flush();
      const to = await tx.findOneOrFail(Staff, { id: recipientId });
      const notice = await enqueueMessageMail(tx, this.config, {
        questionId: q.id,
        kind: 'QUESTION',
        body: question,
        plannedText,
        mediaDescription,
        author: { name: asker.fullName },
        recipient: { staffId: to.id, email: to.email, name: to.fullName },
      });
      await recordAudit(tx, actor, requestId, {
        action: 'contentQuestion.ask',
        targetType: 'ContentQuestion',
        targetId: q.id,
        change: {
          recipient: recipientId,
          fallback,
          account: account?.id ?? null,
          message: message.id,
          notice,
          status: 'OPEN',
          sections: ['XVIII'],
        },
      });
      return q.id;
    });
    return this.get(em, actor, id);
  }

  /** Adds one message to a thread, as the asker (follow-up) or as the answerer (answer). */
  private async post(
    em: EntityManager,
    actor: Actor,
    id: string,
    body: string,
    as: 'ASKER' | 'ANSWERER',
    requestId: string,
  ): Promise<ContentQuestionView> {
    const me = staffIdOf(actor, 'Only people take part in a question thread.');
    const text = requiredText(body, as === 'ASKER' ? 'message' : 'answer', CONTENT_QUESTION_TEXT_MAX);
    try {
      await em.transactional(async (tx) => {
        const found = await tx.findOne(
          ContentQuestion,
          { id: existingId('Content question', id) },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        );
        if (!found) throw notFound('Content question', id);
        // Scope first: someone who may not read the question learns nothing else about it.
        const [row] = await query<Row>(tx, `${QUESTION_SELECT} where q.id = ?`, [found.id]);
        if (!row || !this.mayRead(actor, questionFrom(row))) {
          throw forbidden(
            as === 'ASKER'
              ? 'Only the person who asked can ask further in this thread.'
              : "You may not answer this question: it is outside your scope (the asker's supervising administrator, district admin).",
            ['XVIII'],
          );
        }
        const may = mayPostContentMessage({
          actorId: me,
          actorRoles: actor.roles,
          askerId: found.asker.id,
          recipientId: found.recipient?.id ?? null,
          as,
        });
        if (!may.ok) throw fromRefusal(may);
        const from = found.status;
        const now = new Date();
        const message = tx.create(ContentQuestionMessage, {
          question: found,
          author: tx.getReference(Staff, me),
          kind: may.kind,
          body: text,
          createdAt: now,
        });
        found.status = contentQuestionStatusAfter(may.kind);
        found.lastMessageAt = now;
        if (may.kind === 'ANSWER') {
          found.answeredAt = now;
          found.answeredBy = tx.getReference(Staff, me);
        }
        await tx.flush();
        // An answer is mailed to the asker; the asker's follow-up to the recipient of record.
        const toId = may.kind === 'ANSWER' ? found.asker.id : (found.recipient?.id ?? null);
        const recipientId = found.recipient?.id ?? null;
        // An answer by a district admin other than the recipient names both in the mail.
        const byRecipient = me === recipientId;
        const [author, to, sentTo] = await Promise.all([
          tx.findOneOrFail(Staff, { id: me }),
          toId ? tx.findOne(Staff, { id: toId }) : Promise.resolve(null),
          may.kind === 'ANSWER' && !byRecipient && recipientId ? tx.findOne(Staff, { id: recipientId }) : Promise.resolve(null),
        ]);
        const notice = to
          ? await enqueueMessageMail(tx, this.config, {
              questionId: found.id,
              kind: may.kind,
              body: text,
              plannedText: found.plannedText,
              mediaDescription: found.mediaDescription,
              author: { name: author.fullName },
              recipient: { staffId: to.id, email: to.email, name: to.fullName },
              answer: may.kind === 'ANSWER' ? { byRecipient, sentToName: sentTo?.fullName ?? null } : undefined,
            })
          : null;
        await recordAudit(tx, actor, requestId, {
          action: may.kind === 'ANSWER' ? 'contentQuestion.answer' : 'contentQuestion.followUp',
          targetType: 'ContentQuestion',
          targetId: found.id,
          change: { message: message.id, kind: may.kind, from, to: found.status, notice, sections: ['XVIII'] },
        });
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) throw conflict('Someone else wrote in this thread at the same moment; reload it.');
      throw error;
    }
    return this.get(em, actor, id);
  }

  answer(em: EntityManager, actor: Actor, id: string, answer: string, requestId: string) {
    return this.post(em, actor, id, answer, 'ANSWERER', requestId);
  }

  followUp(em: EntityManager, actor: Actor, id: string, message: string, requestId: string) {
    return this.post(em, actor, id, message, 'ASKER', requestId);
  }
}
