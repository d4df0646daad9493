import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { mayReadSubject, requireActor, staffSubject } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import { badInput } from '../server/errors.js';
import { PageInput } from '../server/pagination.js';
import { Staff } from '../staff/staff.entity.js';
import {
  Acknowledgement,
  AcknowledgementRound,
  AcknowledgementRoundPage,
  MyAcknowledgement,
  OpenAcknowledgementRoundInput,
  PendingAcknowledgementPage,
  SchoolCompletion,
} from './acknowledgements.types.js';

/**
 * completionBySchool and pending take a statement each per round: in the rounds list they would
 * run once per item (N+1), so they are read one round at a time and refused in the list before
 * any statement runs. The list's requiredCount and acknowledgedCount come with its one statement.
 */
function oneRoundOnly(round: AcknowledgementRound, field: 'completionBySchool' | 'pending'): void {
  if (round.listed) {
    throw badInput(
      `${field} is read one round at a time: ask acknowledgementRound(id) for it. In acknowledgementRounds, ` +
        "each round's requiredCount and acknowledgedCount give its totals.",
      field,
    );
  }
}

/**
 * Acknowledgement rounds (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII). Every count and list is read
 * in the caller's acknowledgement.read scope: staff see themselves, supervisors their own staff,
 * the superintendent, the Director of External Relations, district IT and auditors the district.
 */
@Resolver(() => AcknowledgementRound)
export class AcknowledgementsResolver {
  @Authorized('acknowledgement.read')
  @Query(() => AcknowledgementRoundPage, {
    description: 'Acknowledgement rounds, newest revision first, each with its counts inside your scope.',
  })
  acknowledgementRounds(@Ctx() ctx: Context, @Arg('page', () => PageInput, { nullable: true }) page?: PageInput) {
    return ctx.services.acknowledgements.list(ctx.em, requireActor(ctx.actor), page);
  }

  @Authorized('acknowledgement.read')
  @Query(() => AcknowledgementRound, {
    description: 'One round, with completion per school and who has not acknowledged, inside your scope.',
  })
  acknowledgementRound(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.acknowledgements.get(ctx.em, requireActor(ctx.actor), id);
  }

  @Authorized('acknowledgement.read')
  @Query(() => MyAcknowledgement, {
    description: 'The round that asks you to acknowledge now (if any), its sections, and whether and when you acknowledged.',
  })
  myAcknowledgement(@Ctx() ctx: Context) {
    return ctx.services.acknowledgements.mine(ctx.em, requireActor(ctx.actor));
  }

  @Authorized('acknowledgement.manage')
  @Mutation(() => AcknowledgementRound, {
    description:
      'Opens a round for a newer revision of the policy (district admin): all active staff, or those of one ' +
      'school, acknowledge by the due date. Supersedes the current round. BAD_USER_INPUT for a revision not ' +
      'newer than the latest round\'s, or a due date before the revision or already past.',
  })
  openAcknowledgementRound(
    @Arg('input', () => OpenAcknowledgementRoundInput) input: OpenAcknowledgementRoundInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.acknowledgements.open(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('acknowledgement.submit')
  @Mutation(() => Acknowledgement, {
    description:
      'Records that you have read the round\'s sections: once (CONFLICT after), while the round is current ' +
      '(CONFLICT once superseded), if it requires you (FORBIDDEN otherwise).',
  })
  acknowledgePolicy(@Arg('roundId', () => ID) roundId: string, @Ctx() ctx: Context) {
    return ctx.services.acknowledgements.acknowledge(ctx.em, requireActor(ctx.actor), roundId, ctx.requestId);
  }

  @FieldResolver(() => [SchoolCompletion], {
    description:
      'Required and acknowledged per school, inside your scope (yourself, your staff, or the district). ' +
      'Read on acknowledgementRound(id) or myAcknowledgement; refused (BAD_USER_INPUT) inside acknowledgementRounds, ' +
      "where each round's requiredCount and acknowledgedCount give its totals.",
  })
  completionBySchool(@Root() round: AcknowledgementRound, @Ctx() ctx: Context) {
    oneRoundOnly(round, 'completionBySchool');
    return ctx.services.acknowledgements.completionBySchool(ctx.em, requireActor(ctx.actor), round.id);
  }

  @FieldResolver(() => PendingAcknowledgementPage, {
    description:
      'Who the round requires and has not acknowledged, inside your scope, by school and name. Read on ' +
      'acknowledgementRound(id) or myAcknowledgement; refused (BAD_USER_INPUT) inside acknowledgementRounds.',
  })
  pending(
    @Root() round: AcknowledgementRound,
    @Ctx() ctx: Context,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page of the pending list.' }) page?: PageInput,
  ) {
    oneRoundOnly(round, 'pending');
    return ctx.services.acknowledgements.pending(ctx.em, requireActor(ctx.actor), round.id, page);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who opened the round, when you may read their record.' })
  async openedBy(@Root() round: AcknowledgementRound, @Ctx() ctx: Context) {
    if (!round.openedById) return null;
    const staff = await ctx.loaders.staff.load(round.openedById);
    return staff && mayReadSubject(ctx.actor, 'staff.read', staffSubject(staff)) ? staff : null;
  }
}
