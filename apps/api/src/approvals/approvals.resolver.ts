import { APPROVAL_KIND_INFO } from '@steward/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApprovalDecision } from '../accounts/accounts.enums.js';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { mayReadSubject, requireActor } from '../auth/scope.js';
import { accountSubject } from '../accounts/accounts.service.js';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { andThen } from '../server/loaders.js';
import { primeLoaders, selectsTotal } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { ApprovalHistoryEntry, ApprovalRequest } from './approval-request.entity.js';
import { ApprovalRequestFilter, ApprovalRequestPage, SubmitApprovalRequestInput } from './approvals.types.js';

@Resolver(() => ApprovalRequest)
export class ApprovalsResolver {
  @Authorized('approval.read')
  @Query(() => ApprovalRequest, { description: 'One approval request, if inside your scope.' })
  approvalRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.approvals.get(ctx.em, ctx.actor, id);
  }

  @Authorized('approval.read')
  @Query(() => ApprovalRequestPage, {
    description: 'Requests you may see, newest first; `waitingForMe` is an approver\'s inbox.',
  })
  async approvalRequests(
    @Ctx() ctx: Context,
    @Arg('filter', () => ApprovalRequestFilter, { nullable: true }) filter?: ApprovalRequestFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
    @Info() info?: GraphQLResolveInfo,
  ) {
    const result = await ctx.services.approvals.list(ctx.em, requireActor(ctx.actor), filter, page, {
      total: selectsTotal(info),
    });
    primeLoaders(ctx.loaders, result.related);
    return result;
  }

  @Authorized('approval.submit')
  @Mutation(() => ApprovalRequest, {
    description: "Submits a request to your supervising administrator (district admin if none).",
  })
  submitApprovalRequest(
    @Arg('input', () => SubmitApprovalRequestInput) input: SubmitApprovalRequestInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.approvals.submit(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('approval.decide')
  @Mutation(() => ApprovalRequest, {
    description:
      'Approves or denies a pending request (note required to deny). Approving an ' +
      'AFFILIATED_ACCOUNT request activates its account. A concurrent decision gets CONFLICT.',
  })
  decideApprovalRequest(
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => ApprovalDecision) decision: ApprovalDecision,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ) {
    return ctx.services.approvals.act(ctx.em, requireActor(ctx.actor), id, decision, note, ctx.requestId);
  }

  @Authorized('approval.withdraw')
  @Mutation(() => ApprovalRequest, { description: 'The requester withdraws a pending request.' })
  withdrawApprovalRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.approvals.act(ctx.em, requireActor(ctx.actor), id, 'WITHDRAW', null, ctx.requestId);
  }

  @Authorized('approval.revoke')
  @Mutation(() => ApprovalRequest, {
    description: 'Revokes an approval (note required); an affiliated account is suspended.',
  })
  revokeApproval(
    @Arg('id', () => ID) id: string,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.approvals.act(ctx.em, requireActor(ctx.actor), id, 'REVOKE', note, ctx.requestId);
  }

  @FieldResolver(() => SocialAccount, {
    nullable: true,
    description:
      'The account, if any. Null when you may not read the account itself, e.g. when you are ' +
      'the approver of record but its owner has since moved to another supervisor.',
  })
  account(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    if (!request.account) return null;
    return andThen(ctx.loaders.account.loadNow(request.account.id), (account) =>
      account
        ? andThen(ctx.loaders.staff.loadNow(account.owner.id), (owner) => {
            if (!owner) return null;
            const subject = accountSubject({ owner, school: account.school });
            return mayReadSubject(ctx.actor, 'socialAccount.read', subject) ? account : null;
          })
        : null,
    );
  }

  @FieldResolver(() => Staff, { description: 'Who asked.' })
  requester(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    return ctx.loaders.staff.loadNow(request.requester.id);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who is to decide.' })
  approver(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    return request.approver ? ctx.loaders.staff.loadNow(request.approver.id) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who decided last.' })
  decidedBy(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    return request.decidedBy ? ctx.loaders.staff.load(request.decidedBy.id) : null;
  }

  @FieldResolver(() => [String], { description: 'Policy sections that require this approval.' })
  sections(@Root() request: ApprovalRequest) {
    return APPROVAL_KIND_INFO[request.kind].sections;
  }

  @FieldResolver(() => [ApprovalHistoryEntry], { description: 'Every step, oldest first.' })
  history(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    return ctx.loaders.historyByRequest.load(request.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may approve or deny it now.' })
  canDecide(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    return andThen(this.withRequester(request, ctx), (r) => ctx.services.approvals.capabilities(ctx.actor, r).canDecide);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may withdraw it now.' })
  canWithdraw(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    return andThen(this.withRequester(request, ctx), (r) => ctx.services.approvals.capabilities(ctx.actor, r).canWithdraw);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may revoke it now.' })
  canRevoke(@Root() request: ApprovalRequest, @Ctx() ctx: Context) {
    return andThen(this.withRequester(request, ctx), (r) => ctx.services.approvals.capabilities(ctx.actor, r).canRevoke);
  }

  /**
   * The request with its requester's full record (the capabilities read their supervisor). At
   * hand synchronously when the page joined them, so a page of 25 rows makes no promise per
   * row and capability (the inbox's three buttons per row).
   */
  private withRequester(request: ApprovalRequest, ctx: Context): ApprovalRequest | Promise<ApprovalRequest> {
    return andThen(ctx.loaders.staff.loadNow(request.requester.id), (requester) => {
      if (requester) request.requester = requester;
      return request;
    });
  }
}

@Resolver(() => ApprovalHistoryEntry)
export class ApprovalHistoryResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who took the step.' })
  actor(@Root() entry: ApprovalHistoryEntry, @Ctx() ctx: Context) {
    return entry.actor ? ctx.loaders.staff.load(entry.actor.id) : null;
  }
}
