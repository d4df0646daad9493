import { OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import {
  APPROVAL_KIND_INFO,
  accountStateOnApproval,
  mayDecideApproval,
  canActAsSupervisor,
  resolveApprover,
  transitionApproval,
  type ApprovalAction,
  type ApprovalKind,
  type ApprovalState,
} from '@steward/domain';
import { SocialAccount } from '../accounts/social-account.entity.js';
import type { Actor } from '../auth/actor.js';
import { actorMayAttempt } from '../auth/auth-checker.js';
import { assertInScope, mayReadSubject, scopeSql } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { badInput, conflict, forbidden, fromRefusal, notFound } from '../server/errors.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import {  ACCOUNT_COLUMNS,
  accountFrom,
  columns,
  countRows,
  type ListPage,
  listPage,
  pageTotal,
  totalColumn,
  REQUEST_COLUMNS,
  requestFrom,
  SqlWhere,
  STAFF_COLUMNS,
  staffFrom, query } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import type { ApprovalMail } from './approval-mail.js';
import { ApprovalHistoryEntry, ApprovalRequest } from './approval-request.entity.js';

export interface SubmitInput {
  kind: ApprovalKind;
  accountId?: string | null;
  activity?: string | null;
  justification: string;
  expiresAt?: Date | null;
}

export interface ApprovalListFilter {
  state?: ApprovalState | null;
  kind?: ApprovalKind | null;
  waitingForMe?: boolean | null;
  requesterId?: string | null;
  accountId?: string | null;
}

function requestSubject(request: ApprovalRequest) {
  return {
    ownerId: request.requester.id,
    ownerSupervisorId: request.requester.supervisor?.id ?? null,
    schoolId: request.requester.school?.id ?? null,
  };
}

function staffId(actor: Actor): string {
  if (actor.kind !== 'STAFF') throw forbidden('Only people take part in approvals.');
  return actor.staffId;
}

export class ApprovalsService {
  /** Without `mail` (the demo seed), decisions mail nobody. */
  constructor(private readonly mail: ApprovalMail | null = null) {}

  async get(em: EntityManager, actor: Actor | null, id: string): Promise<ApprovalRequest> {
    const request = await em.findOne(ApprovalRequest, { id }, { populate: ['requester'] });
    if (!request) throw notFound('Approval request', id);
    if (this.isApproverOfRecord(actor, request)) return request;
    assertInScope(actor, 'approval.read', requestSubject(request), 'this request');
    return request;
  }

  /** The approver of record can always see the request, even as the fallback district admin. */
  private isApproverOfRecord(actor: Actor | null, request: ApprovalRequest): boolean {
    return actor?.kind === 'STAFF' && request.approver?.id === actor.staffId;
  }

  /** The single-read rule as a boolean (request.requester must be loaded), for nested lists. */
  mayRead(actor: Actor | null, request: ApprovalRequest): boolean {
    return (
      this.isApproverOfRecord(actor, request) ||
      mayReadSubject(actor, 'approval.read', requestSubject(request))
    );
  }

  /**
   * One page of requests: one statement (the request with its requester, approver, account and
   * the account's owner joined), plus a count only if `total` is read. Approvals lapse through
   * the minute sweep (main.ts); a page that shows one already past its expiry sweeps first, so
   * no list ever shows a lapsed approval as current.
   */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: ApprovalListFilter | null | undefined,
    page: PageInput | null | undefined,
    { total = true, swept = false }: { total?: boolean; swept?: boolean } = {},
  ): Promise<ListPage<ApprovalRequest>> {
    const { clause } = pageWindow(page);
    const where = new SqlWhere();
    const scope = scopeSql(actor, 'approval.read', {
      owner: 'q.requester_id',
      ownerSupervisor: 'r.supervisor_id',
      school: 'r.school_id',
    });
    const me = actor.kind === 'STAFF' ? actor.staffId : null;
    if (scope) {
      // The approver of record always sees the request (as in `get`).
      if (me) where.add(`${scope.sql} or q.approver_id = ?`, ...scope.params, me);
      else where.add(scope.sql, ...scope.params);
    }
    if (filter?.waitingForMe) where.add(`q.approver_id = ? and q.state = 'PENDING'`, me);
    if (filter?.state) where.add('q.state = ?', filter.state);
    if (filter?.kind) where.add('q.kind = ?', filter.kind);
    if (filter?.requesterId) where.add('q.requester_id = ?', filter.requesterId);
    if (filter?.accountId) where.add('q.account_id = ?', filter.accountId);
    const countSql = `select count(*)::int as total from approval_request q join staff r on r.id = q.requester_id ${where}`;
    const rows = await query<Record<string, unknown>>(
      em,
      `select ${columns('q', REQUEST_COLUMNS)}, ${columns('r', STAFF_COLUMNS, 'r_')},
              ${columns('ap', STAFF_COLUMNS, 'ap_')}, ${columns('a', ACCOUNT_COLUMNS, 'a_')},
              ${columns('ao', STAFF_COLUMNS, 'ao_')}${totalColumn(total ? countSql : null)}
         from approval_request q
         join staff r on r.id = q.requester_id
         left join staff ap on ap.id = q.approver_id
         left join social_account a on a.id = q.account_id
         left join staff ao on ao.id = a.owner_id
         ${where}
        order by q.created_at desc, q.id desc
        ${clause.sql}`,
      [...(total ? where.params : []), ...where.params, ...clause.params],
    );
    const items = rows.map((row) => requestFrom(row));
    const now = Date.now();
    const lapsed = items.some(
      (r) => (r.state === 'PENDING' || r.state === 'APPROVED') && r.expiresAt && r.expiresAt.getTime() <= now,
    );
    if (lapsed && !swept && (await this.expireDue(em)) > 0) {
      return this.list(em, actor, filter, page, { total, swept: true });
    }
    return listPage(
      items,
      {
        staff: [
          ...rows.map((row) => staffFrom(row, 'r_')),
          ...rows.filter((row) => row.ap_id).map((row) => staffFrom(row, 'ap_')),
          ...rows.filter((row) => row.ao_id).map((row) => staffFrom(row, 'ao_')),
        ],
        accounts: rows.map((row) => accountFrom(row, 'a_')),
      },
      () => countRows(em, countSql, where.params),
      pageTotal(rows),
    );
  }

  async submit(em: EntityManager, actor: Actor, input: SubmitInput, requestId: string) {
    const me = staffId(actor);
    const justification = input.justification?.trim() ?? '';
    if (justification.length < 10) {
      throw badInput('Explain the request in at least 10 characters.', 'justification');
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw badInput('expiresAt must be in the future.', 'expiresAt');
    }
    return em.transactional(async (tx) => {
      const requester = await tx.findOneOrFail(Staff, { id: me }, { populate: ['supervisor'] });
      let account: SocialAccount | null = null;
      if (input.accountId) {
        account = await tx.findOne(SocialAccount, { id: input.accountId }, { populate: ['owner'] });
        if (!account) throw notFound('Social account', input.accountId);
        if (account.owner.id !== me) {
          throw forbidden('You can only request approval for an account you own.');
        }
      } else if (!input.activity?.trim()) {
        throw badInput('Say what the request is about: an account or a described activity.', 'activity');
      }
      if (input.kind === 'AFFILIATED_ACCOUNT') {
        if (!account) throw badInput('An AFFILIATED_ACCOUNT request needs accountId.', 'accountId');
        if (account.classification !== 'SCHOOL_AFFILIATED') {
          throw badInput(
            'This account is personal: it needs no affiliation approval (VIII, IX).',
            'accountId',
          );
        }
      }
      const open = account
        ? await tx.count(ApprovalRequest, { account, kind: input.kind, state: 'PENDING' })
        : 0;
      if (open > 0) throw conflict('A request of this kind for this account is already pending.');

      const admins = await tx.find(
        Staff,
        { roles: { $contains: ['DISTRICT_ADMIN'] }, active: true },
        { orderBy: { createdAt: 'asc' } },
      );
      const { approverId } = resolveApprover({
        requesterId: me,
        requesterSupervisorId: canActAsSupervisor(requester.supervisor) ? (requester.supervisor?.id ?? null) : null,
        districtAdminIds: admins.map((a) => a.id),
      });
      const request = tx.create(ApprovalRequest, {
        kind: input.kind,
        account,
        activity: input.activity?.trim() || null,
        justification,
        requester,
        approver: approverId ? tx.getReference(Staff, approverId) : null,
        expiresAt: input.expiresAt ?? null,
      });
      tx.create(ApprovalHistoryEntry, {
        request,
        action: 'SUBMIT',
        toState: 'PENDING',
        actor: requester,
        note: justification,
      });
      await tx.flush();
      await recordAudit(tx, actor, requestId, {
        action: 'approval.submit',
        targetType: 'ApprovalRequest',
        targetId: request.id,
        change: {
          kind: request.kind,
          account: account?.id ?? null,
          approver: approverId,
          sections: APPROVAL_KIND_INFO[request.kind].sections,
        },
      });
      return request;
    });
  }

  /** Applies one action of the state machine; the loser of a race gets CONFLICT. */
  async act(
    em: EntityManager,
    actor: Actor,
    id: string,
    action: ApprovalAction,
    note: string | null | undefined,
    requestId: string,
  ): Promise<ApprovalRequest> {
    const me = staffId(actor);
    // A request past its expiry lapses before anyone acts on it (the sweep may not have run).
    await this.expireDue(em);
    try {
      return await em.transactional(async (tx) => {
        const request = await tx.findOne(
          ApprovalRequest,
          { id },
          { populate: ['requester', 'account'] },
        );
        if (!request) throw notFound('Approval request', id);

        if (action === 'WITHDRAW') {
          if (request.requester.id !== me) throw forbidden('Only the requester can withdraw a request.');
        } else {
          const operation = action === 'REVOKE' ? 'approval.revoke' : 'approval.decide';
          if (!actorMayAttempt(actor, operation)) {
            throw forbidden('Only a supervising administrator decides requests.', ['XIX', 'XXII', 'XXIX']);
          }
          const allowed = mayDecideApproval({
            deciderId: me,
            deciderRoles: actor.roles,
            requesterId: request.requester.id,
            requesterSupervisorId: request.requester.supervisor?.id ?? null,
          });
          if (!allowed.ok) throw fromRefusal(allowed);
        }

        const from = request.state;
        const next = transitionApproval(from, action, note);
        if (!next.ok) throw fromRefusal(next);
        request.state = next.state;
        if (action !== 'WITHDRAW') {
          request.decidedBy = tx.getReference(Staff, me);
          request.decidedAt = new Date();
          request.decisionNote = note?.trim() || null;
        }
        tx.create(ApprovalHistoryEntry, {
          request,
          action,
          fromState: from,
          toState: next.state,
          actor: tx.getReference(Staff, me),
          note: note?.trim() || null,
        });
        const accountChange = this.applyToAccount(request);
        // The requester's mail, written before the flush that may still lose the race: a
        // decision that rolls back takes its mail with it.
        const notice = (await this.mail?.enqueueDecision(tx, request, action, me)) ?? null;
        await tx.flush();
        await recordAudit(tx, actor, requestId, {
          action: `approval.${action.toLowerCase()}`,
          targetType: 'ApprovalRequest',
          targetId: request.id,
          change: { from, to: next.state, note: note?.trim() || null, ...accountChange, ...(notice ? { notice } : {}) },
        });
        return request;
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        throw conflict('Someone else decided this request at the same moment; reload it.');
      }
      throw error;
    }
  }

  /** Approving an affiliated-account request activates the account; revoking suspends it. */
  private applyToAccount(request: ApprovalRequest): Record<string, unknown> {
    const account = request.account;
    if (!account || request.kind !== 'AFFILIATED_ACCOUNT') return {};
    const outcome =
      request.state === 'APPROVED' || request.state === 'REVOKED' || request.state === 'EXPIRED'
        ? request.state
        : null;
    if (!outcome) return {};
    const before = account.state;
    account.state = accountStateOnApproval(outcome, account.state);
    return before === account.state ? {} : { accountState: { from: before, to: account.state } };
  }

  /** Moves requests past their expiry to EXPIRED (and suspends their accounts). */
  async expireDue(em: EntityManager): Promise<number> {
    const due = await em.count(ApprovalRequest, {
      state: { $in: ['PENDING', 'APPROVED'] },
      expiresAt: { $lte: new Date() },
    });
    if (due === 0) return 0;
    return em.fork().transactional(async (tx) => {
      const requests = await tx.find(
        ApprovalRequest,
        { state: { $in: ['PENDING', 'APPROVED'] }, expiresAt: { $lte: new Date() } },
        { populate: ['account'] },
      );
      for (const request of requests) {
        const from = request.state;
        const next = transitionApproval(from, 'EXPIRE', null);
        if (!next.ok) continue;
        request.state = next.state;
        tx.create(ApprovalHistoryEntry, { request, action: 'EXPIRE', fromState: from, toState: next.state });
        const accountChange = this.applyToAccount(request);
        await recordAudit(tx, null, null, {
          action: 'approval.expire',
          targetType: 'ApprovalRequest',
          targetId: request.id,
          change: { from, to: next.state, ...accountChange },
        });
      }
      await tx.flush();
      return requests.length;
    });
  }

  /** What the viewer may do with a request (drives the dashboard's buttons). */
  capabilities(actor: Actor | null, request: ApprovalRequest) {
    if (actor?.kind !== 'STAFF') return { canDecide: false, canWithdraw: false, canRevoke: false };
    const may = mayDecideApproval({
      deciderId: actor.staffId,
      deciderRoles: actor.roles,
      requesterId: request.requester.id,
      requesterSupervisorId: request.requester.supervisor?.id ?? null,
    }).ok;
    return {
      canDecide: may && actorMayAttempt(actor, 'approval.decide') && request.state === 'PENDING',
      canRevoke: may && actorMayAttempt(actor, 'approval.revoke') && request.state === 'APPROVED',
      canWithdraw: request.requester.id === actor.staffId && request.state === 'PENDING',
    };
  }
}

