import { classifyAccount, mayAttempt, mayReviewAffiliation, SIGNAL_INFO } from '@steward/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApprovalRequest } from '../approvals/approval-request.entity.js';
import { actorMayAttempt } from '../auth/auth-checker.js';
import { CredentialMetadata, toCredentialMetadata } from '../credentials/credentials.types.js';
import { Organization } from '../organization/organization.entity.js';
import { mayReadSubject, requireActor } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { andThen } from '../server/loaders.js';
import { joinedOr, selectionWithin } from '../server/projection.js';
import { ACCOUNT_LIST_SHAPE, primeLoaders, selectsTotal } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { AttentionReasonEnum } from './accounts.enums.js';
import { accountAttention, accountSubject } from './accounts.service.js';
import {
  AffiliationReview,
  ClassificationPreview,
  ClassificationReasonView,
  ClassifyAccountInput,
  ResolveAffiliationReviewInput,
  SetAccountAdministratorsInput,
  SignalSuggestionView,
  RegisterSocialAccountInput,
  SocialAccountFilter,
  SocialAccountPage,
  SocialAccountSort,
  UpdateSocialAccountInput,
} from './accounts.types.js';
import { SocialAccount } from './social-account.entity.js';

@Resolver(() => SocialAccount)
export class AccountsResolver {
  @Authorized('socialAccount.read')
  @Query(() => SocialAccount, { description: 'One registered account, if inside your scope.' })
  socialAccount(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.accounts.get(ctx.em, ctx.actor, id);
  }

  @Authorized('socialAccount.read')
  @Query(() => SocialAccountPage, {
    description:
      'Accounts you may see: staff their own, supervisors their staff\'s, district roles all.',
  })
  async socialAccounts(
    @Ctx() ctx: Context,
    @Arg('filter', () => SocialAccountFilter, { nullable: true }) filter?: SocialAccountFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
    @Arg('sort', () => SocialAccountSort, { nullable: true }) sort?: SocialAccountSort,
    @Info() info?: GraphQLResolveInfo,
  ) {
    const result = await ctx.services.accounts.list(ctx.em, requireActor(ctx.actor), filter, page, sort, {
      total: selectsTotal(info),
      projected: selectionWithin(info, 'items', ACCOUNT_LIST_SHAPE),
    });
    primeLoaders(ctx.loaders, result.related);
    return result;
  }

  @Authorized('socialAccount.classify')
  @Query(() => ClassificationPreview, {
    description: 'The classification an account would get, and suggested signals; saves nothing.',
  })
  classifyAccountPreview(
    @Arg('input', () => ClassifyAccountInput) input: ClassifyAccountInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.accounts.preview(ctx.em, input);
  }

  @Authorized('socialAccount.register')
  @Mutation(() => SocialAccount, {
    description:
      'Registers an account. The server classifies it; a school-affiliated one starts ' +
      'PENDING_APPROVAL until an AFFILIATED_ACCOUNT request is approved (XXIX).',
  })
  async registerSocialAccount(
    @Arg('input', () => RegisterSocialAccountInput) input: RegisterSocialAccountInput,
    @Ctx() ctx: Context,
  ) {
    const { account } = await ctx.services.accounts.register(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
    return account;
  }

  @Authorized('socialAccount.update')
  @Mutation(() => SocialAccount, {
    description: 'Changes an account; new signals re-classify it (audited, flagged to the supervisor).',
  })
  updateSocialAccount(
    @Arg('input', () => UpdateSocialAccountInput) input: UpdateSocialAccountInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.accounts.update(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('socialAccount.update')
  @Mutation(() => SocialAccount, {
    description:
      "Replaces a school-affiliated account's administrators (besides its owner), as its owner or " +
      'a district admin. Each must be an active member of staff: a student, a volunteer, an ' +
      'outside email or a former staff member is refused with the section (XXIX), and nothing ' +
      'changes. Audited with the list before and after.',
  })
  setAccountAdministrators(
    @Arg('input', () => SetAccountAdministratorsInput) input: SetAccountAdministratorsInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.accounts.setAdministrators(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('socialAccount.review')
  @Mutation(() => SocialAccount, {
    description:
      "Resolves a flagged account's affiliation review, as the owner's supervising " +
      'administrator (or a district admin): APPLY_SIGNALS reclassifies it as school-affiliated ' +
      '(PENDING_APPROVAL until the owner\'s request is approved, XXIX); CONFIRM_PERSONAL keeps ' +
      'it personal, with a note. Audited with the suggestions that were on the screen.',
  })
  resolveAffiliationReview(
    @Arg('input', () => ResolveAffiliationReviewInput) input: ResolveAffiliationReviewInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.accounts.resolveReview(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @FieldResolver(() => [SignalSuggestionView], {
    description:
      'Signals suggested from the handle, display name and bio at the last save (IX, XIX, XXIX), ' +
      'with their reasons and strength.',
  })
  signalSuggestions(@Root() account: SocialAccount) {
    return account.suggestions ?? [];
  }

  @FieldResolver(() => AffiliationReview, {
    nullable: true,
    description:
      'The affiliation review, when the profile text strongly suggested signals the owner did ' +
      'not declare (null when it never did, and for an administrator of the account outside its ' +
      "owner's scope: XXIX).",
  })
  async affiliationReview(
    @Root() account: SocialAccount,
    @Ctx() ctx: Context,
  ): Promise<AffiliationReview | null> {
    if (!account.reviewStatus) return null;
    const owner = await ctx.loaders.staff.load(account.owner.id);
    if (!owner) return null;
    // The review is between the owner and their supervising administrator (the note says why an
    // account was confirmed personal): an administrator reads the account only to help run it
    // (XXIX), so they see no review unless their own scope reaches the account anyway.
    if (!mayReadSubject(ctx.actor, 'socialAccount.read', accountSubject({ owner, school: account.school }))) {
      return null;
    }
    return Object.assign(new AffiliationReview(), {
      status: account.reviewStatus,
      signals: account.reviewSignals,
      flaggedAt: account.reviewFlaggedAt,
      reviewedAt: account.reviewedAt,
      note: account.reviewNote,
      accountId: account.id,
      ownerId: account.owner.id,
      ownerSupervisorId: owner.supervisor?.id ?? null,
      reviewedById: account.reviewedBy?.id ?? null,
    });
  }

  @FieldResolver(() => Staff, { description: 'The staff member who owns the account.' })
  owner(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    return joinedOr(account.owner, ctx.loaders.staff);
  }

  @FieldResolver(() => [Staff], {
    description: 'Other staff who administer the account (active staff only, XXIX).',
  })
  async administrators(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    return (await ctx.loaders.administratorsByAccount.load(account.id)).map((row) => row.s);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'School or program.' })
  school(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    return account.school ? joinedOr(account.school, ctx.loaders.organization) : null;
  }

  @FieldResolver(() => [ClassificationReasonView], {
    description: 'The reasons behind the classification, each with its sections.',
  })
  classificationReasons(@Root() account: SocialAccount) {
    return classifyAccount(account.signals).reasons;
  }

  @FieldResolver(() => [AttentionReasonEnum], {
    description: 'Why the account needs attention (empty when it does not).',
  })
  attention(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    return andThen(joinedOr(account.owner, ctx.loaders.staff), (owner) => {
      if (owner) account.owner = owner;
      return accountAttention(account);
    });
  }

  @FieldResolver(() => CredentialMetadata, {
    nullable: true,
    description: 'Whether credentials are escrowed (never the secret; XI).',
  })
  async credential(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    if (!ctx.actor || !actorMayAttempt(ctx.actor, 'credential.readMetadata')) return null;
    const owner = await ctx.loaders.staff.load(account.owner.id);
    if (!owner) return null;
    const subject = accountSubject({ owner, school: account.school });
    if (!mayReadSubject(ctx.actor, 'credential.readMetadata', subject)) return null;
    const [credential] = await ctx.loaders.credentialByAccount.load(account.id);
    return credential ? toCredentialMetadata(credential, ctx.loaders) : null;
  }

  @FieldResolver(() => [ApprovalRequest], {
    description:
      'Approval requests about this account that you may read (a former owner\'s requests ' +
      'are left out when their requester is outside your scope).',
  })
  async approvalRequests(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    const requests = await ctx.loaders.requestsByAccount.load(account.id);
    return requests.filter((request) => ctx.services.approvals.mayRead(ctx.actor, request));
  }
}

/** Signal labels joined for a sentence. */
function labels(signals: readonly (keyof typeof SIGNAL_INFO)[]): string {
  return signals.map((s) => `"${SIGNAL_INFO[s].label}"`).join(', ');
}

@Resolver(() => AffiliationReview)
export class AffiliationReviewResolver {
  @FieldResolver(() => Staff, {
    nullable: true,
    description:
      "Who is asked to review: the owner's active supervising administrator; null when the owner " +
      'has none, and a district administrator reviews instead.',
  })
  async reviewer(@Root() review: AffiliationReview, @Ctx() ctx: Context) {
    if (!review.ownerSupervisorId) return null;
    const supervisor = await ctx.loaders.staff.load(review.ownerSupervisorId);
    return supervisor?.active && supervisor.id !== review.ownerId ? supervisor : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who resolved it.' })
  reviewedBy(@Root() review: AffiliationReview, @Ctx() ctx: Context) {
    return review.reviewedById ? ctx.loaders.staff.load(review.reviewedById) : null;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether you may resolve it now (drives the dashboard\'s buttons).',
  })
  canResolve(@Root() review: AffiliationReview, @Ctx() ctx: Context): boolean {
    const actor = ctx.actor;
    if (review.status !== 'PENDING' || actor?.kind !== 'STAFF') return false;
    if (!mayAttempt(actor.roles, 'socialAccount.review')) return false;
    return mayReviewAffiliation({
      reviewerId: actor.staffId,
      reviewerRoles: actor.roles,
      ownerId: review.ownerId,
      ownerSupervisorId: review.ownerSupervisorId,
    }).ok;
  }

  @FieldResolver(() => String, {
    description:
      'What the review means and what happens next, in words for the person reading it (the ' +
      'owner is told at save time who will review the account).',
  })
  async message(@Root() review: AffiliationReview, @Ctx() ctx: Context): Promise<string> {
    const yours = ctx.actor?.kind === 'STAFF' && ctx.actor.staffId === review.ownerId;
    const reviewer = await this.reviewer(review, ctx);
    const who = reviewer
      ? `${yours ? 'Your' : "The owner's"} supervising administrator, ${reviewer.fullName},`
      : `A district administrator (${yours ? 'you have' : 'the owner has'} no active supervising administrator)`;
    const by = review.reviewedById ? await ctx.loaders.staff.load(review.reviewedById) : null;
    const byName = by?.fullName ?? 'A reviewer';
    switch (review.status) {
      case 'PENDING':
        return (
          `The profile text strongly suggests ${labels(review.signals)}, which ` +
          `${yours ? 'you did' : 'the owner did'} not tick, so the account may be ` +
          `school-affiliated (IX). ${who} will review it: apply the signals (the account then ` +
          'needs an approved request before use, XXIX) or confirm it as personal with a note.'
        );
      case 'CONFIRMED_PERSONAL':
        return (
          `${byName} confirmed the account as personal despite ${labels(review.signals)}` +
          `${review.note ? `: "${review.note}"` : ''}. It is flagged again only if its profile ` +
          'text comes to suggest another signal strongly.'
        );
      default:
        return (
          `${byName} applied ${labels(review.signals)}: the account is school-affiliated (IX) ` +
          'and may be used only once an AFFILIATED_ACCOUNT request is approved (XXIX)' +
          (yours ? '. Submit that request from this page.' : '; the owner submits it.')
        );
    }
  }
}
