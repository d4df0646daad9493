import { isModerationOverdue, REMOVAL_REASON_INFO, type CaseNoteVisibility, type RemovalReason } from '@steward/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PlatformEnum } from '../accounts/accounts.enums.js';
import { accountSubject } from '../accounts/accounts.service.js';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { mayReadSubject, requireActor } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { instanceOf, primeLoaders } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { moderationLoaders } from './moderation.loaders.js';
import { ModerationCase, ModerationCaseNote, ModerationSnapshot, RemovalQuestion } from './moderation.entities.js';
import { CaseNoteVisibilityEnum, RemovalReasonEnum } from './moderation.enums.js';
import { mayOnCase, type CaseScopeFacts } from './moderation.service.js';
import {
  EvidenceVerification,
  LegalHold,
  ModerationCaseFilter,
  ModerationCasePage,
  ModerationNotice,
  ModerationStateCount,
  OpenModerationCaseInput,
  RemovalQuestionInput,
  RemovalReasonInfo,
  TriageFlag,
} from './moderation.types.js';

/** The case's scope facts from the request's loaders (primed by the queue's page statement). */
async function facts(c: ModerationCase, ctx: Context): Promise<CaseScopeFacts | null> {
  const account = await ctx.loaders.account.load(c.account.id);
  if (!account) return null;
  const owner = await ctx.loaders.staff.load(account.owner.id);
  if (!owner) return null;
  const administrators = await ctx.loaders.administratorsByAccount.load(account.id);
  return {
    ownerId: owner.id,
    ownerSupervisorId: owner.supervisor?.id ?? null,
    schoolId: account.school?.id ?? owner.school?.id ?? null,
    administratorIds: administrators.map((row) => row.s.id),
  };
}

/** Questions carry whether their asker's contact may be shown to this viewer. */
type QuestionView = RemovalQuestion & { contactVisible?: boolean };

@Resolver(() => ModerationCase)
export class ModerationResolver {
  @Authorized('moderation.read')
  @Query(() => ModerationCasePage, { description: 'Cases you may see: unassigned and overdue first, then newest.' })
  async moderationCases(
    @Ctx() ctx: Context,
    @Arg('filter', () => ModerationCaseFilter, { nullable: true }) filter?: ModerationCaseFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    const result = await ctx.services.moderation.list(ctx.em, requireActor(ctx.actor), filter, page);
    primeLoaders(ctx.loaders, result.related);
    for (const [accountId, staff] of result.administrators) {
      ctx.loaders.administratorsByAccount.prime(accountId, staff.map((s) => ({ a: accountId, s })) as never);
    }
    const loaders = moderationLoaders(ctx);
    result.items.forEach((c, i) => {
      loaders.snapshot.prime(c.id, result.snapshots[i] ?? null);
      loaders.notices.prime(c.id, result.notices.filter((n) => n.case_id === c.id));
    });
    return result;
  }

  @Authorized('moderation.read')
  @Query(() => [ModerationStateCount], {
    description: 'How many cases you may see are in each state (the queue\'s counts), same filter without state.',
  })
  moderationCaseCounts(
    @Ctx() ctx: Context,
    @Arg('filter', () => ModerationCaseFilter, { nullable: true }) filter?: ModerationCaseFilter,
  ) {
    return ctx.services.moderation.counts(ctx.em, requireActor(ctx.actor), filter);
  }

  @Authorized('moderation.read')
  @Query(() => ModerationCase, { description: 'One case, if its account is inside your scope.' })
  moderationCase(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.moderation.get(ctx.em, ctx.actor, id);
  }

  @Authorized('moderation.read')
  @Query(() => EvidenceVerification, {
    description: 'Recomputes the snapshot\'s digest from its stored fields and says whether it is intact.',
  })
  verifyEvidence(@Arg('caseId', () => ID) caseId: string, @Ctx() ctx: Context) {
    return ctx.services.moderation.verify(ctx.em, ctx.actor, caseId);
  }

  @Authorized('moderation.record')
  @Mutation(() => ModerationCase, {
    description:
      'Opens a case on a school-affiliated account with an immutable snapshot of the content and its ' +
      'digest; triage suggestions are stored with it. Refused for a personal account (VIII, IX, XXX).',
  })
  openModerationCase(@Arg('input', () => OpenModerationCaseInput) input: OpenModerationCaseInput, @Ctx() ctx: Context) {
    return ctx.services.moderation.open(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('moderation.record')
  @Mutation(() => ModerationCase, {
    description:
      'Records the removal: at least one reason of XXXI-XXXV and a written explanation. Writes the copy ' +
      'to the superintendent and the reason to the Director of External Relations in the same ' +
      'transaction (XXX); the case becomes REPORTED once both are delivered.',
  })
  removeModeratedContent(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('reasons', () => [RemovalReasonEnum]) reasons: RemovalReason[],
    @Arg('explanation', () => String) explanation: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.moderation.remove(ctx.em, requireActor(ctx.actor), caseId, reasons, explanation, ctx.requestId);
  }

  @Authorized('moderation.record')
  @Mutation(() => ModerationCase, { description: 'Keeps the content (nothing removed), with a note.' })
  dismissModerationCase(@Arg('caseId', () => ID) caseId: string, @Arg('note', () => String) note: string, @Ctx() ctx: Context) {
    return ctx.services.moderation.dismiss(ctx.em, requireActor(ctx.actor), caseId, note, ctx.requestId);
  }

  @Authorized('moderation.record')
  @Mutation(() => ModerationCase, {
    description: "Assigns the case to an administrator or the owner of the account, or the Director; null unassigns.",
  })
  assignModerationCase(
    @Arg('caseId', () => ID) caseId: string,
    @Ctx() ctx: Context,
    @Arg('assigneeId', () => ID, { nullable: true }) assigneeId?: string | null,
  ) {
    return ctx.services.moderation.assign(ctx.em, requireActor(ctx.actor), caseId, assigneeId, ctx.requestId);
  }

  @Authorized('moderation.record')
  @Mutation(() => ModerationCase, { description: 'Adds a note: INTERNAL, or RECORD (sent with the notices).' })
  addCaseNote(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('body', () => String) body: string,
    @Arg('visibility', () => CaseNoteVisibilityEnum) visibility: CaseNoteVisibility,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.moderation.addNote(ctx.em, requireActor(ctx.actor), caseId, body, visibility, ctx.requestId);
  }

  @Authorized('moderation.record')
  @Mutation(() => ModerationCase, { description: 'Records a question about a removal for the Director of External Relations (XXX).' })
  askAboutRemoval(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('input', () => RemovalQuestionInput) input: RemovalQuestionInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.moderation.ask(ctx.em, requireActor(ctx.actor), caseId, input, ctx.requestId);
  }

  @Authorized('moderation.answer')
  @Mutation(() => ModerationCase, { description: 'The Director of External Relations answers a question (XXX).' })
  answerRemovalQuestion(
    @Arg('questionId', () => ID) questionId: string,
    @Arg('answer', () => String) answer: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.moderation.answer(ctx.em, requireActor(ctx.actor), questionId, answer, ctx.requestId);
  }

  @Authorized('moderation.answer')
  @Mutation(() => ModerationCase, { description: 'The Director of External Relations orders the content back, with a note (XXX).' })
  restoreModeratedContent(@Arg('caseId', () => ID) caseId: string, @Arg('note', () => String) note: string, @Ctx() ctx: Context) {
    return ctx.services.moderation.restore(ctx.em, requireActor(ctx.actor), caseId, note, ctx.requestId);
  }

  @Authorized('moderation.record')
  @Mutation(() => ModerationCase, { description: 'Closes a REPORTED case.' })
  closeModerationCase(
    @Arg('caseId', () => ID) caseId: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ) {
    return ctx.services.moderation.close(ctx.em, requireActor(ctx.actor), caseId, note, ctx.requestId);
  }

  @Authorized('moderation.hold')
  @Mutation(() => ModerationCase, { description: 'Places a legal hold (district admin, with a reason): the purge keeps the evidence.' })
  placeLegalHold(@Arg('caseId', () => ID) caseId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    return ctx.services.moderation.placeHold(ctx.em, requireActor(ctx.actor), caseId, reason, ctx.requestId);
  }

  @Authorized('moderation.hold')
  @Mutation(() => ModerationCase, { description: 'Releases a legal hold (district admin, with a reason).' })
  releaseLegalHold(@Arg('caseId', () => ID) caseId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    return ctx.services.moderation.releaseHold(ctx.em, requireActor(ctx.actor), caseId, reason, ctx.requestId);
  }

  @FieldResolver(() => SocialAccount, {
    nullable: true,
    description: 'The account, when you may read it directly (an administrator who is not its owner sees accountHandle instead).',
  })
  async account(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    const account = await ctx.loaders.account.load(c.account.id);
    if (!account) return null;
    const owner = await ctx.loaders.staff.load(account.owner.id);
    if (!owner) return null;
    return mayReadSubject(ctx.actor, 'socialAccount.read', accountSubject({ owner, school: account.school })) ? account : null;
  }

  @FieldResolver(() => String, { description: "The account's handle (shown to everyone who may see the case)." })
  async accountHandle(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    return (await ctx.loaders.account.load(c.account.id))?.handle ?? '';
  }

  @FieldResolver(() => PlatformEnum, { description: "The account's platform." })
  async accountPlatform(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    return (await ctx.loaders.account.load(c.account.id))?.platform;
  }

  @FieldResolver(() => ModerationSnapshot, { nullable: true, description: 'The captured content; null once purged (the digest stays).' })
  snapshot(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    return moderationLoaders(ctx).snapshot.load(c.id);
  }

  @FieldResolver(() => [RemovalReasonInfo], { description: 'The reasons given at removal, with their sections.' })
  reasons(@Root() c: ModerationCase): RemovalReasonInfo[] {
    return (c.reasonCodes ?? []).map((reason) => ({ reason, ...REMOVAL_REASON_INFO[reason] }));
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who works the case.' })
  assignee(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    return c.assignee ? ctx.loaders.staff.load(c.assignee.id) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who opened it.' })
  openedBy(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    return c.openedBy ? ctx.loaders.staff.load(c.openedBy.id) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who removed the content.' })
  removedBy(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    return c.removedBy ? ctx.loaders.staff.load(c.removedBy.id) : null;
  }

  @FieldResolver(() => Boolean, { description: 'OPEN, or REMOVED and not yet REPORTED, past dueAt.' })
  overdue(@Root() c: ModerationCase) {
    return isModerationOverdue(c.state, c.dueAt, new Date());
  }

  @FieldResolver(() => [ModerationNotice], { description: 'The two notices of XXX and their delivery state (empty before removal).' })
  async notices(@Root() c: ModerationCase, @Ctx() ctx: Context): Promise<ModerationNotice[]> {
    const rows = await moderationLoaders(ctx).notices.load(c.id);
    return rows.map((n) => ({
      purpose: n.purpose,
      recipientEmail: n.recipient_email,
      status: n.status as ModerationNotice['status'],
      attempts: n.attempts,
      lastError: n.last_error,
      deliveredAt: n.delivered_at ? new Date(n.delivered_at) : null,
    }));
  }

  @FieldResolver(() => [RemovalQuestion], { description: 'Questions about the removal and their answers, oldest first.' })
  async questions(@Root() c: ModerationCase, @Ctx() ctx: Context): Promise<QuestionView[]> {
    const [rows, f] = await Promise.all([moderationLoaders(ctx).questions.load(c.id), facts(c, ctx)]);
    const contactVisible = !!f && (mayOnCase(ctx.actor, 'moderation.record', f) || mayOnCase(ctx.actor, 'moderation.answer', f));
    // A view per viewer (never the loader's shared entity), so one viewer's right to see the
    // contact cannot leak into another's answer.
    return rows.map((q) =>
      instanceOf(RemovalQuestion, {
        id: q.id,
        askerName: q.askerName,
        askerContact: q.askerContact,
        question: q.question,
        askedAt: q.askedAt,
        recordedBy: q.recordedBy,
        answer: q.answer,
        answeredBy: q.answeredBy,
        answeredAt: q.answeredAt,
        contactVisible,
      }) as QuestionView,
    );
  }

  @FieldResolver(() => [ModerationCaseNote], { description: 'Notes, oldest first; INTERNAL ones only for those who may work the case.' })
  async notes(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    const [rows, f] = await Promise.all([moderationLoaders(ctx).notes.load(c.id), facts(c, ctx)]);
    const internal = !!f && mayOnCase(ctx.actor, 'moderation.record', f);
    return rows.filter((n) => internal || n.visibility === 'RECORD');
  }

  @FieldResolver(() => [TriageFlag], { description: 'Suggestions raised at opening, each with why (a person decides).' })
  triage(@Root() c: ModerationCase) {
    return c.triageFlags ?? [];
  }

  @FieldResolver(() => LegalHold, {
    nullable: true,
    description:
      'The legal hold, if one stands. Its reason is shown to the district admin and the Director of ' +
      'External Relations only (the account owner may be the subject of the matter); others see "withheld".',
  })
  async legalHold(@Root() c: ModerationCase, @Ctx() ctx: Context): Promise<LegalHold | null> {
    if (!c.legalHoldAt || !c.legalHoldReason) return null;
    const f = await facts(c, ctx);
    const mayKnow = !!f && (mayOnCase(ctx.actor, 'moderation.hold', f) || mayOnCase(ctx.actor, 'moderation.answer', f));
    return {
      reason: mayKnow ? c.legalHoldReason : 'withheld',
      placedAt: c.legalHoldAt,
      placedById: c.legalHoldBy?.id ?? null,
    };
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may work this case (remove, dismiss, assign, note, record questions, close).' })
  async canRecord(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    const f = await facts(c, ctx);
    return !!f && ctx.actor?.kind === 'STAFF' && mayOnCase(ctx.actor, 'moderation.record', f);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may answer questions and restore the content (the Director, XXX).' })
  async canAnswer(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    const f = await facts(c, ctx);
    return !!f && mayOnCase(ctx.actor, 'moderation.answer', f);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may place or release a legal hold (district admin).' })
  async canHold(@Root() c: ModerationCase, @Ctx() ctx: Context) {
    const f = await facts(c, ctx);
    return !!f && mayOnCase(ctx.actor, 'moderation.hold', f);
  }
}

@Resolver(() => ModerationSnapshot)
export class ContentSnapshotResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who captured it.' })
  capturedBy(@Root() s: ModerationSnapshot, @Ctx() ctx: Context) {
    return s.capturedBy ? ctx.loaders.staff.load(s.capturedBy.id) : null;
  }
}

@Resolver(() => ModerationCaseNote)
export class CaseNoteResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who wrote it.' })
  author(@Root() n: ModerationCaseNote, @Ctx() ctx: Context) {
    return n.author ? ctx.loaders.staff.load(n.author.id) : null;
  }
}

@Resolver(() => RemovalQuestion)
export class RemovalQuestionResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'How to reach the asker (null unless you work the case or answer for it).',
  })
  askerContact(@Root() q: QuestionView) {
    return q.contactVisible ? q.askerContact : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who recorded the question.' })
  recordedBy(@Root() q: RemovalQuestion, @Ctx() ctx: Context) {
    return q.recordedBy ? ctx.loaders.staff.load(q.recordedBy.id) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who answered.' })
  answeredBy(@Root() q: RemovalQuestion, @Ctx() ctx: Context) {
    return q.answeredBy ? ctx.loaders.staff.load(q.answeredBy.id) : null;
  }
}

@Resolver(() => LegalHold)
export class LegalHoldResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who placed it.' })
  placedBy(@Root() h: LegalHold, @Ctx() ctx: Context) {
    return h.placedById ? ctx.loaders.staff.load(h.placedById) : null;
  }
}
