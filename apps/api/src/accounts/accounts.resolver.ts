import { classifyAccount } from '@steward/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApprovalRequest } from '../approvals/approval-request.entity.js';
import { actorMayAttempt } from '../auth/auth-checker.js';
import { CredentialMetadata, toCredentialMetadata } from '../credentials/credentials.types.js';
import { Organization } from '../organization/organization.entity.js';
import { mayReadSubject, requireActor } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { primeLoaders } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { AttentionReasonEnum } from './accounts.enums.js';
import { accountAttention, accountSubject } from './accounts.service.js';
import {
  ClassificationPreview,
  ClassificationReasonView,
  ClassifyAccountInput,
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
  ) {
    const result = await ctx.services.accounts.list(ctx.em, requireActor(ctx.actor), filter, page, sort);
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

  @FieldResolver(() => Staff, { description: 'The staff member who owns the account.' })
  owner(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    return ctx.loaders.staff.load(account.owner.id);
  }

  @FieldResolver(() => [Staff], { description: 'Other staff who administer the account.' })
  async administrators(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    return (await ctx.loaders.administratorsByAccount.load(account.id)).map((row) => row.s);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'School or program.' })
  school(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    return account.school ? ctx.loaders.organization.load(account.school.id) : null;
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
  async attention(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    const owner = await ctx.loaders.staff.load(account.owner.id);
    if (owner) account.owner = owner;
    return accountAttention(account);
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
