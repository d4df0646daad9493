import DataLoader from 'dataloader';
import {
  mayConfirmInteraction,
  mayPostContentMessage,
  mayRequireInteraction,
  mayRetireInteraction,
  type ScopeSubject,
} from '@steward/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accountSubject } from '../accounts/accounts.service.js';
import { actorMayAttempt } from '../auth/auth-checker.js';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { mayReadSubject, requireActor } from '../auth/scope.js';
import type { Actor } from '../auth/actor.js';
import type { Context } from '../server/context.js';
import type { Loaders } from '../server/loaders.js';
import { PageInput } from '../server/pagination.js';
import { primeLoaders } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { mayOnAccount } from './interactions.service.js';
import {
  AskAboutContentInput,
  ContentQuestionFilter,
  ContentQuestionMessageView,
  ContentQuestionPage,
  ContentQuestionView,
  InteractionConfirmationView,
  RequiredInteractionFilter,
  RequiredInteractionPage,
  RequiredInteractionView,
  RequireInteractionInput,
} from './obligations.types.js';

/**
 * The request's batch loaders for this feature (an account's requirements, a question's thread):
 * one statement per relation for a whole page. Tied to the request's shared loaders, so they live
 * and die with the request.
 */
function createObligationLoaders(ctx: Context) {
  return {
    interactionsByAccount: new DataLoader<string, RequiredInteractionView[]>(async (ids) => {
      const { views, staff } = await ctx.services.interactions.forAccounts(ctx.em, ids);
      primeLoaders(ctx.loaders, { staff });
      return ids.map((id) => views.filter((v) => v.accountId === id));
    }),
    thread: new DataLoader<string, ContentQuestionMessageView[]>(async (ids) => {
      const threads = await ctx.services.contentQuestions.messages(ctx.em, ids);
      return ids.map((id) => threads.get(id) ?? []);
    }),
  };
}

const perRequest = new WeakMap<Loaders, ReturnType<typeof createObligationLoaders>>();

function obligationLoaders(ctx: Context) {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    loaders = createObligationLoaders(ctx);
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}

/**
 * Whether the viewer may read an account directly, as AccountsService.get decides: in their
 * socialAccount.read scope, or as one of its administrators, who run it with its owner (XXIX)
 * and read it as the owner would.
 */
function mayReadAccount(actor: Actor | null, subject: ScopeSubject, administratorIds: readonly string[]): boolean {
  if (mayReadSubject(actor, 'socialAccount.read', subject)) return true;
  return (
    actor?.kind === 'STAFF' &&
    administratorIds.includes(actor.staffId) &&
    mayReadSubject(actor, 'socialAccount.read', { ...subject, ownerId: actor.staffId })
  );
}

/**
 * The account, when the viewer may read it directly; null otherwise (no record through another).
 * `administratorIds` when the caller has them (a requirement's people); otherwise loaded in batch.
 */
async function readableAccount(
  ctx: Context,
  accountId: string | null,
  administratorIds?: readonly string[],
): Promise<SocialAccount | null> {
  if (!accountId) return null;
  const account = await ctx.loaders.account.load(accountId);
  if (!account) return null;
  const owner = await ctx.loaders.staff.load(account.owner.id);
  if (!owner) return null;
  const subject = accountSubject({ owner, school: account.school });
  if (mayReadSubject(ctx.actor, 'socialAccount.read', subject)) return account;
  const admins = administratorIds ?? (await ctx.loaders.administratorsByAccount.load(accountId)).map((row) => row.s.id);
  return mayReadAccount(ctx.actor, subject, admins) ? account : null;
}

async function staffOf(ctx: Context, ids: readonly string[]): Promise<Staff[]> {
  const found = await ctx.loaders.staff.loadMany([...ids]);
  return found.filter((s): s is Staff => !!s && !(s instanceof Error));
}

@Resolver(() => RequiredInteractionView)
export class RequiredInteractionResolver {
  @Authorized('interaction.read')
  @Query(() => RequiredInteractionPage, {
    description:
      'Required interactions (XII) of the accounts you may see: those not retired first (standing or ' +
      'LAPSED, see state), newest first. awaitingMyConfirmation lists those you still have to confirm.',
  })
  async requiredInteractions(
    @Ctx() ctx: Context,
    @Arg('filter', () => RequiredInteractionFilter, { nullable: true }) filter?: RequiredInteractionFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    const result = await ctx.services.interactions.list(ctx.em, requireActor(ctx.actor), filter, page);
    primeLoaders(ctx.loaders, result.related);
    return result;
  }

  @Authorized('interaction.require')
  @Mutation(() => RequiredInteractionView, {
    description:
      "Sets a required interaction on a school-affiliated account (XII): the owner's supervising " +
      'administrator or a district admin. Refused on a personal account (VIII, IX, XII) and on a retired one.',
  })
  requireInteraction(@Arg('input', () => RequireInteractionInput) input: RequireInteractionInput, @Ctx() ctx: Context) {
    return ctx.services.interactions.require(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('interaction.confirm')
  @Mutation(() => RequiredInteractionView, {
    description: "Confirms a required interaction, for yourself: the account's owner or one of its administrators (XII).",
  })
  confirmRequiredInteraction(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.interactions.confirm(ctx.em, requireActor(ctx.actor), id, ctx.requestId);
  }

  @Authorized('interaction.require')
  @Mutation(() => RequiredInteractionView, {
    description: 'Retires a required interaction (kept in the history), with an optional note (XII).',
  })
  retireRequiredInteraction(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true, description: 'Why it no longer applies.' }) note?: string | null,
  ) {
    return ctx.services.interactions.retire(ctx.em, requireActor(ctx.actor), id, note, ctx.requestId);
  }

  @FieldResolver(() => SocialAccount, {
    nullable: true,
    description:
      'The account, when you may read it directly (its owner, its administrators, and those whose scope covers it); ' +
      'otherwise null, and accountHandle names it.',
  })
  account(@Root() i: RequiredInteractionView, @Ctx() ctx: Context) {
    return readableAccount(ctx, i.accountId, i.people.administratorIds);
  }

  @FieldResolver(() => Boolean, {
    description: "Whether you may open the account's page (as for account: its owner, its administrators, your scope).",
  })
  canOpenAccount(@Root() i: RequiredInteractionView, @Ctx() ctx: Context) {
    const { ownerId, ownerSupervisorId, schoolId, administratorIds } = i.people;
    return mayReadAccount(ctx.actor, { ownerId, ownerSupervisorId, schoolId }, administratorIds);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who set it.' })
  requiredBy(@Root() i: RequiredInteractionView, @Ctx() ctx: Context) {
    return i.requiredById ? ctx.loaders.staff.load(i.requiredById) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who retired it.' })
  retiredBy(@Root() i: RequiredInteractionView, @Ctx() ctx: Context) {
    return i.retiredById ? ctx.loaders.staff.load(i.retiredById) : null;
  }

  @FieldResolver(() => [InteractionConfirmationView], { description: 'Who confirmed it and when, oldest first (former administrators included).' })
  confirmations(@Root() i: RequiredInteractionView) {
    return i.confirmationRows;
  }

  @FieldResolver(() => [Staff], { description: 'Who of the account\'s people (owner, administrators) has not confirmed it yet.' })
  awaitingConfirmationFrom(@Root() i: RequiredInteractionView, @Ctx() ctx: Context) {
    return staffOf(ctx, i.awaitingIds);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether you may confirm it now (you run the account, it stands, and you have not confirmed).',
  })
  canConfirm(@Root() i: RequiredInteractionView, @Ctx() ctx: Context) {
    const actor = ctx.actor;
    if (actor?.kind !== 'STAFF' || !mayOnAccount(actor, 'interaction.confirm', i.people)) return false;
    return mayConfirmInteraction({
      classification: i.classification,
      accountState: i.accountState,
      requiredAt: i.requiredAt,
      reclassifiedAt: i.reclassifiedAt,
      actorId: actor.staffId,
      ownerId: i.people.ownerId,
      administratorIds: i.people.administratorIds,
      retired: i.retiredAt !== null,
      confirmedByIds: i.confirmationRows.map((c) => c.staffId),
    }).ok;
  }

  @FieldResolver(() => Boolean, { description: "Whether you may retire it (the owner's supervising administrator, district admin)." })
  canRetire(@Root() i: RequiredInteractionView, @Ctx() ctx: Context) {
    const actor = ctx.actor;
    if (actor?.kind !== 'STAFF' || !mayOnAccount(actor, 'interaction.require', i.people)) return false;
    return mayRetireInteraction({
      actorId: actor.staffId,
      actorRoles: actor.roles,
      ownerId: i.people.ownerId,
      ownerSupervisorId: i.people.ownerSupervisorId,
      classification: i.classification,
      accountState: i.accountState,
      retired: i.retiredAt !== null,
    }).ok;
  }
}

@Resolver(() => InteractionConfirmationView)
export class InteractionConfirmationResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who confirmed it.' })
  confirmedBy(@Root() c: InteractionConfirmationView, @Ctx() ctx: Context) {
    return ctx.loaders.staff.load(c.staffId);
  }
}

/** The account page's view of XII, without touching the accounts feature. */
@Resolver(() => SocialAccount)
export class SocialAccountInteractionsResolver {
  @FieldResolver(() => [RequiredInteractionView], {
    description:
      'Whom this account must interact with (XII), standing ones first, retired and lapsed ones kept ' +
      '(a personal account takes no new ones; those set while it was affiliated are LAPSED); empty for ' +
      'viewers outside the account\'s scope.',
  })
  async requiredInteractions(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    const views = await obligationLoaders(ctx).interactionsByAccount.load(account.id);
    return views.filter((v) => mayOnAccount(ctx.actor, 'interaction.read', v.people));
  }

  @FieldResolver(() => Boolean, {
    description: "Whether you may set required interactions on this account (its owner's supervising administrator, district admin; XII).",
  })
  async canRequireInteraction(@Root() account: SocialAccount, @Ctx() ctx: Context) {
    const actor = ctx.actor;
    if (actor?.kind !== 'STAFF') return false;
    const owner = await ctx.loaders.staff.load(account.owner.id);
    if (!owner) return false;
    const people = {
      ownerId: owner.id,
      ownerSupervisorId: owner.supervisor?.id ?? null,
      schoolId: account.school?.id ?? owner.school?.id ?? null,
      administratorIds: (await ctx.loaders.administratorsByAccount.load(account.id)).map((row) => row.s.id),
    };
    if (!mayOnAccount(actor, 'interaction.require', people)) return false;
    return mayRequireInteraction({
      actorId: actor.staffId,
      actorRoles: actor.roles,
      ownerId: owner.id,
      ownerSupervisorId: people.ownerSupervisorId,
      classification: account.classification,
      accountState: account.state,
    }).ok;
  }
}

@Resolver(() => ContentQuestionView)
export class ContentQuestionResolver {
  @Authorized('contentQuestion.read')
  @Query(() => ContentQuestionPage, {
    description:
      'Questions about planned content (XVIII) you may see, latest activity first: yours, those sent ' +
      'to you, your staff\'s; all for district roles.',
  })
  async contentQuestions(
    @Ctx() ctx: Context,
    @Arg('filter', () => ContentQuestionFilter, { nullable: true }) filter?: ContentQuestionFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    const result = await ctx.services.contentQuestions.list(ctx.em, requireActor(ctx.actor), filter, page);
    primeLoaders(ctx.loaders, result.related);
    return result;
  }

  @Authorized('contentQuestion.read')
  @Query(() => ContentQuestionView, { description: 'One question with its thread, if you may see it.' })
  contentQuestion(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.contentQuestions.get(ctx.em, ctx.actor, id);
  }

  @Authorized('contentQuestion.ask')
  @Mutation(() => ContentQuestionView, {
    description:
      'Asks your supervising administrator about a planned post (XVIII); a district admin receives it ' +
      'when you have no supervisor who can answer (none recorded, inactive, or without the SUPERVISOR or ' +
      'DISTRICT_ADMIN role).',
  })
  askAboutContent(@Arg('input', () => AskAboutContentInput) input: AskAboutContentInput, @Ctx() ctx: Context) {
    return ctx.services.contentQuestions.ask(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('contentQuestion.answer')
  @Mutation(() => ContentQuestionView, {
    description:
      'Answers a question (or adds to an answer): the supervising administrator it went to, or a ' +
      'district admin (XVIII). The question becomes ANSWERED.',
  })
  answerContentQuestion(
    @Arg('questionId', () => ID) questionId: string,
    @Arg('answer', () => String, { description: 'The answer, at most 5,000 characters.' }) answer: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.contentQuestions.answer(ctx.em, requireActor(ctx.actor), questionId, answer, ctx.requestId);
  }

  @Authorized('contentQuestion.ask')
  @Mutation(() => ContentQuestionView, {
    description: 'The asker asks further (XVIII); an answered question becomes OPEN again. The thread keeps every message.',
  })
  followUpContentQuestion(
    @Arg('questionId', () => ID) questionId: string,
    @Arg('message', () => String, { description: 'What you add or ask, at most 5,000 characters.' }) message: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.contentQuestions.followUp(ctx.em, requireActor(ctx.actor), questionId, message, ctx.requestId);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who asked.' })
  asker(@Root() q: ContentQuestionView, @Ctx() ctx: Context) {
    return ctx.loaders.staff.load(q.askerId);
  }

  @FieldResolver(() => Staff, {
    nullable: true,
    description: 'The supervising administrator it was sent to (a district admin when the asker had none who could answer).',
  })
  recipient(@Root() q: ContentQuestionView, @Ctx() ctx: Context) {
    return q.recipientId ? ctx.loaders.staff.load(q.recipientId) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who gave the latest answer.' })
  answeredBy(@Root() q: ContentQuestionView, @Ctx() ctx: Context) {
    return q.answeredById ? ctx.loaders.staff.load(q.answeredById) : null;
  }

  @FieldResolver(() => SocialAccount, {
    nullable: true,
    description: 'The account the post is planned for, when you may read it directly (its owner, its administrators, your scope).',
  })
  account(@Root() q: ContentQuestionView, @Ctx() ctx: Context) {
    return readableAccount(ctx, q.accountId);
  }

  @FieldResolver(() => [ContentQuestionMessageView], { description: 'The whole thread, oldest first: the question, answers, follow-ups.' })
  messages(@Root() q: ContentQuestionView, @Ctx() ctx: Context) {
    return obligationLoaders(ctx).thread.load(q.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may answer it (the recipient, or a district admin; never the asker).' })
  canAnswer(@Root() q: ContentQuestionView, @Ctx() ctx: Context) {
    const actor = ctx.actor;
    if (actor?.kind !== 'STAFF' || !actorMayAttempt(actor, 'contentQuestion.answer')) return false;
    return mayPostContentMessage({ actorId: actor.staffId, actorRoles: actor.roles, askerId: q.askerId, recipientId: q.recipientId, as: 'ANSWERER' }).ok;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may ask further (the asker).' })
  canFollowUp(@Root() q: ContentQuestionView, @Ctx() ctx: Context) {
    return ctx.actor?.kind === 'STAFF' && ctx.actor.staffId === q.askerId;
  }
}

@Resolver(() => ContentQuestionMessageView)
export class ContentQuestionMessageResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who wrote it.' })
  author(@Root() m: ContentQuestionMessageView, @Ctx() ctx: Context) {
    return ctx.loaders.staff.load(m.authorId);
  }
}
