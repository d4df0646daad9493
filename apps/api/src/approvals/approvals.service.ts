import { OptimisticLockError, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  APPROVAL_KIND_INFO,
  accountStateOnApproval,
  mayDecideApproval,
  resolveApprover,
  transitionApproval,
  type ApprovalAction,
  type ApprovalKind,
  type ApprovalState,
} from '@steward/domain';
import { SocialAccount } from '../accounts/social-account.entity.js';
import type { Actor } from '../auth/actor.js';
import { actorMayAttempt } from '../auth/auth-checker.js';
import { assertInScope, mayReadSubject, scopeFilter } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { badInput, conflict, forbidden, fromRefusal, notFound } from '../server/errors.js';
import { pageWindow, type Page, type PageInput } from '../server/pagination.js';
import { Staff } from '../staff/staff.entity.js';
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

  async list(
    em: EntityManager,
    actor: Actor,
    filter: ApprovalListFilter | null | undefined,
    page: PageInput | null | undefined,
  ): Promise<Page<ApprovalRequest>> {
    await this.expireDue(em);
    const { limit, offset } = pageWindow(page);
    const where: FilterQuery<ApprovalRequest>[] = [];
    const scope = scopeFilter(actor, 'approval.read', {
      owner: 'requester',
      ownerSupervisor: 'requester.supervisor',
      school: 'requester.school',
    });
    const me = actor.kind === 'STAFF' ? actor.staffId : null;
    if (scope) where.push(me ? { $or: [scope, { approver: me }] } : (scope as FilterQuery<ApprovalRequest>));
    if (filter?.waitingForMe) where.push({ approver: me, state: 'PENDING' });
    if (filter?.state) where.push({ state: filter.state });
    if (filter?.kind) where.push({ kind: filter.kind });
    if (filter?.requesterId) where.push({ requester: filter.requesterId });
    if (filter?.accountId) where.push({ account: filter.accountId });
    const [items, total] = await em.findAndCount(
      ApprovalRequest,
      { $and: where },
      { limit, offset, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], populate: ['requester'] },
    );
    return { items, total };
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
        requesterSupervisorId: requester.supervisor?.active ? requester.supervisor.id : null,
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
        await tx.flush();
        await recordAudit(tx, actor, requestId, {
          action: `approval.${action.toLowerCase()}`,
          targetType: 'ApprovalRequest',
          targetId: request.id,
          change: { from, to: next.state, note: note?.trim() || null, ...accountChange },
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

