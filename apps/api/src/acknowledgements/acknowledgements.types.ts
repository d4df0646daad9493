import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageOf } from '../server/pagination.js';

/**
 * The GraphQL shapes of acknowledgement rounds (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII). They
 * are read as plain rows (server/rows.ts) and are not ORM entities: a round, an acknowledgement
 * and a reminder are each written once, by one statement, and never edited through the API.
 */

@ObjectType({ simpleResolvers: true, description: 'A section of Policy 4051 that a round asks staff to read, with its summary.' })
export class AcknowledgementSection {
  @Field(() => String, { description: 'The section number as the policy writes it, e.g. "XIII".' })
  id!: string;

  @Field(() => String, { description: 'Its title, in a few words.' })
  title!: string;

  @Field(() => String, { description: 'What it says, summarized in our words (the policy text is the source of truth).' })
  summary!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'An acknowledgement round: a revision of Policy 4051 that active staff (of one school, or of the ' +
    'whole district) acknowledge once, by the due date. Opening a round for a newer revision supersedes it.',
})
export class AcknowledgementRound {
  @Field(() => ID, { description: 'Steward identifier.' })
  id!: string;

  @Field(() => String, { description: 'The revision of the policy this round is for (YYYY-MM-DD).' })
  revisionDate!: string;

  @Field(() => String, { description: 'When staff should have acknowledged (YYYY-MM-DD).' })
  dueDate!: string;

  @Field(() => ID, { nullable: true, description: 'The school whose active staff must acknowledge; null for all active staff.' })
  schoolId!: string | null;

  @Field(() => String, { nullable: true, description: "The school's name; null for a district-wide round." })
  schoolName!: string | null;

  @Field(() => [AcknowledgementSection], { description: 'The sections staff read and acknowledge, in the policy order.' })
  sections!: AcknowledgementSection[];

  @Field(() => Date, { description: 'When the round was opened.' })
  openedAt!: Date;

  /** Exposed by a field resolver that checks scope (staff.read). */
  openedById!: string | null;

  @Field(() => Date, { nullable: true, description: 'When a round for a newer revision replaced this one; null while it is current.' })
  supersededAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether this is the current round (the one staff acknowledge now).' })
  current!: boolean;

  @Field(() => Int, {
    description:
      'How many people inside your scope this round requires now (active staff of its school, or all): ' +
      'yourself, your staff, or the district.',
  })
  requiredCount!: number;

  @Field(() => Int, { description: 'How many of them have acknowledged.' })
  acknowledgedCount!: number;

  /**
   * Set on the rounds of the acknowledgementRounds list: their per-round fields that take a
   * statement each (completionBySchool, pending) are refused there rather than run once per round.
   */
  listed?: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A school's completion of a round, within your scope." })
export class SchoolCompletion {
  @Field(() => ID, { nullable: true, description: 'The school; null for staff of the district office (no school).' })
  schoolId!: string | null;

  @Field(() => String, { description: 'The school\'s name, or "District office".' })
  schoolName!: string;

  @Field(() => Int, { description: 'Active staff the round requires there (inside your scope).' })
  required!: number;

  @Field(() => Int, { description: 'How many of them have acknowledged.' })
  acknowledged!: number;

  @Field(() => Int, { description: 'How many have not (required - acknowledged).' })
  pending!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A person a round requires who has not acknowledged yet.' })
export class PendingAcknowledgement {
  @Field(() => ID, { description: "The person's Steward identifier." })
  staffId!: string;

  @Field(() => String, { description: 'Given and family name.' })
  fullName!: string;

  @Field(() => String, { description: 'Work email, to follow up.' })
  email!: string;

  @Field(() => String, { description: 'Job title.' })
  position!: string;

  @Field(() => String, { description: 'Their school, or "District office".' })
  schoolName!: string;

  @Field(() => Int, { description: 'Reminders mailed to them for this round.' })
  remindersSent!: number;

  @Field(() => Date, { nullable: true, description: 'When the last reminder for this round was mailed; null if none yet.' })
  lastRemindedAt!: Date | null;
}

export const PendingAcknowledgementPage = PageOf(PendingAcknowledgement, 'PendingAcknowledgement');
export const AcknowledgementRoundPage = PageOf(AcknowledgementRound, 'AcknowledgementRound');

@ObjectType({ simpleResolvers: true, description: 'A recorded acknowledgement: who, when, and which revision.' })
export class Acknowledgement {
  @Field(() => ID, { description: 'Steward identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The round acknowledged.' })
  roundId!: string;

  @Field(() => ID, { description: 'Who acknowledged.' })
  staffId!: string;

  @Field(() => String, { description: 'The revision acknowledged (YYYY-MM-DD).' })
  revisionDate!: string;

  @Field(() => Date, { description: 'When.' })
  acknowledgedAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: 'Where you stand: the round that asks you to acknowledge now, if any, and what you have acknowledged.' })
export class MyAcknowledgement {
  @Field(() => AcknowledgementRound, { nullable: true, description: 'The current round; null when none is open.' })
  round!: AcknowledgementRound | null;

  @Field(() => Boolean, { description: 'Whether the current round requires you (active staff, of its school if it has one).' })
  required!: boolean;

  @Field(() => Date, { nullable: true, description: 'When you acknowledged the current round; null if you have not.' })
  acknowledgedAt!: Date | null;

  @Field(() => Boolean, { description: 'Whether you are required, have not acknowledged, and the due date has passed.' })
  overdue!: boolean;

  @Field(() => [AcknowledgementSection], {
    description: "The sections to read: the current round's, or the seven every round covers when none is open.",
  })
  sections!: AcknowledgementSection[];

  @Field(() => [Acknowledgement], { description: 'Everything you have acknowledged, newest first.' })
  history!: Acknowledgement[];
}

@InputType({ description: 'A new acknowledgement round for a revision of the policy.' })
export class OpenAcknowledgementRoundInput {
  @Field(() => String, { description: 'The revision date (YYYY-MM-DD); later than the latest round\'s.' })
  revisionDate!: string;

  @Field(() => String, { description: 'The due date (YYYY-MM-DD): not before the revision date, not already past.' })
  dueDate!: string;

  @Field(() => ID, { nullable: true, description: 'One school whose active staff must acknowledge; omit for all active staff.' })
  schoolId?: string | null;
}
