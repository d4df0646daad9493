import {
  CONTENT_MESSAGE_KINDS,
  CONTENT_QUESTION_STATUSES,
  INTERACTION_STATES,
  type AccountState,
  type Classification,
  type ContentMessageKind,
  type ContentQuestionStatus,
  type InteractionState,
  type Platform,
} from '@steward/domain';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PlatformEnum } from '../accounts/accounts.enums.js';
import { enumFrom } from '../server/enums.js';
import { PageOf } from '../server/pagination.js';
import type { AccountPeople } from '../auth/scope.js';

export const InteractionStateEnum = enumFrom<InteractionState>(INTERACTION_STATES);
registerEnumType(InteractionStateEnum, {
  name: 'InteractionState',
  description: 'Where a required interaction stands (XII).',
  valuesConfig: {
    AWAITING_CONFIRMATION: { description: 'Someone who runs the account (owner or administrator) has not confirmed it yet.' },
    CONFIRMED: { description: 'Everyone who runs the account now has confirmed it.' },
    RETIRED: { description: 'Withdrawn by the supervising administrator; kept in the history.' },
    LAPSED: {
      description:
        'Nobody withdrew it, but the account no longer takes instructions: it became personal (VIII, IX), ' +
        'or is retired. Kept in the history; nobody confirms it. It does not come back if the account is ' +
        'affiliated again.',
    },
  },
});

export const ContentQuestionStatusEnum = enumFrom<ContentQuestionStatus>(CONTENT_QUESTION_STATUSES);
registerEnumType(ContentQuestionStatusEnum, {
  name: 'ContentQuestionStatus',
  description: 'Where a question about planned content stands (XVIII).',
  valuesConfig: {
    OPEN: { description: 'Waiting for the supervising administrator (new, or asked further after an answer).' },
    ANSWERED: { description: 'The supervising administrator answered; the asker may ask further.' },
  },
});

export const ContentMessageKindEnum = enumFrom<ContentMessageKind>(CONTENT_MESSAGE_KINDS);
registerEnumType(ContentMessageKindEnum, {
  name: 'ContentMessageKind',
  description: 'Who wrote a message of a question thread, and why (XVIII).',
  valuesConfig: {
    QUESTION: { description: 'The question that opened the thread (the asker).' },
    ANSWER: { description: 'An answer (the supervising administrator, or a district admin).' },
    FOLLOW_UP: { description: 'The asker asking further, which reopens the question.' },
  },
});

/** What decides who may see and act on an account's requirements: its people now. */
export type { AccountPeople };

@ObjectType('InteractionConfirmation', { simpleResolvers: true, description: 'A confirmation of a required interaction: who, and when (XII).' })
export class InteractionConfirmationView {
  /** Resolved to `confirmedBy` by a field resolver. */
  staffId!: string;

  @Field(() => Date, { description: 'When they confirmed it.' })
  confirmedAt!: Date;
}

@ObjectType('RequiredInteraction', {
  simpleResolvers: true,
  description:
    'Whom a school-affiliated account must interact with, as its owner\'s supervising administrator ' +
    'set it (XII), and who of the account\'s people confirmed it.',
})
export class RequiredInteractionView {
  @Field(() => ID, { description: 'Steward identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The account it applies to.' })
  accountId!: string;

  @Field(() => String, { description: "The account's handle." })
  accountHandle!: string;

  @Field(() => PlatformEnum, { description: "The account's platform." })
  accountPlatform!: Platform;

  @Field(() => String, { description: 'What the account must do, e.g. "Follow the district\'s main account".' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Whom: a handle (e.g. @district) or an address; null when the description says it.' })
  target!: string | null;

  @Field(() => Date, { description: 'When it was set.' })
  requiredAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was retired, if it was.' })
  retiredAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was retired, if a note was given.' })
  retireNote!: string | null;

  @Field(() => InteractionStateEnum, {
    description: 'Awaiting confirmation, confirmed by everyone who runs the account, retired, or lapsed (the account became personal or was retired).',
  })
  state!: InteractionState;

  @Field(() => Int, { description: 'Version (optimistic locking).' })
  version!: number;

  requiredById!: string | null;
  retiredById!: string | null;
  classification!: Classification;
  accountState!: AccountState;
  /** When the account last changed classification (a later one ends the requirement: LAPSED). */
  reclassifiedAt!: Date | null;
  people!: AccountPeople;
  confirmationRows!: InteractionConfirmationView[];
  awaitingIds!: string[];
}

export const RequiredInteractionPage = PageOf(RequiredInteractionView, 'RequiredInteraction');

@InputType({ description: 'A required interaction to set on a school-affiliated account (XII).' })
export class RequireInteractionInput {
  @Field(() => ID, { description: 'The school-affiliated account.' })
  accountId!: string;

  @Field(() => String, { description: 'What the account must do, 10 to 1,000 characters.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Whom: a handle (@name) or an http(s) address, at most 300 characters.' })
  target?: string | null;
}

@InputType({ description: 'Which required interactions to list.' })
export class RequiredInteractionFilter {
  @Field(() => ID, { nullable: true, description: 'Only this account\'s.' })
  accountId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only those you still have to confirm (you run the account, it stands, you have not confirmed).',
  })
  awaitingMyConfirmation?: boolean | null;

  @Field(() => InteractionStateEnum, { nullable: true, description: 'Only those in this state.' })
  state?: InteractionState | null;
}

@ObjectType('ContentQuestionMessage', { simpleResolvers: true, description: 'One message of a question thread (XVIII); never edited or deleted.' })
export class ContentQuestionMessageView {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => ContentMessageKindEnum, { description: 'The question, an answer, or the asker asking further.' })
  kind!: ContentMessageKind;

  @Field(() => String, { description: 'What was said.' })
  body!: string;

  @Field(() => Date, { description: 'When.' })
  createdAt!: Date;

  authorId!: string;
}

@ObjectType('ContentQuestion', {
  simpleResolvers: true,
  description:
    "A staff member's question about a planned post, referred to their supervising administrator " +
    '(XVIII), with its whole thread.',
})
export class ContentQuestionView {
  @Field(() => ID, { description: 'Steward identifier.' })
  id!: string;

  @Field(() => String, { description: 'The question that opened the thread.' })
  question!: string;

  @Field(() => String, { description: 'The text of the planned post.' })
  plannedText!: string;

  @Field(() => String, { nullable: true, description: 'What media the post would carry (photos, video, music), described.' })
  mediaDescription!: string | null;

  @Field(() => ContentQuestionStatusEnum, { description: 'OPEN (waiting for an answer) or ANSWERED.' })
  status!: ContentQuestionStatus;

  @Field(() => Date, { description: 'When it was asked.' })
  askedAt!: Date;

  @Field(() => Date, { description: 'When the thread last grew.' })
  lastMessageAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the latest answer was given.' })
  answeredAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The account the post is planned for: its handle (null if none was named)." })
  accountHandle!: string | null;

  @Field(() => Int, { description: 'Version (optimistic locking).' })
  version!: number;

  askerId!: string;
  askerSupervisorId!: string | null;
  askerSchoolId!: string | null;
  recipientId!: string | null;
  accountId!: string | null;
  answeredById!: string | null;
}

export const ContentQuestionPage = PageOf(ContentQuestionView, 'ContentQuestion');

@InputType({ description: 'A question about a planned post, for your supervising administrator (XVIII).' })
export class AskAboutContentInput {
  @Field(() => String, { description: 'What you want to know, e.g. "May I use this song in the video?" (at most 5,000 characters).' })
  question!: string;

  @Field(() => String, { description: 'The text of the planned post (at most 5,000 characters).' })
  plannedText!: string;

  @Field(() => String, { nullable: true, description: 'The media the post would carry, described (at most 2,000 characters).' })
  mediaDescription?: string | null;

  @Field(() => ID, { nullable: true, description: 'The account the post is planned for: one you own or administer.' })
  accountId?: string | null;
}

@InputType({ description: 'Which questions about content to list.' })
export class ContentQuestionFilter {
  @Field(() => ContentQuestionStatusEnum, { nullable: true, description: 'Only questions in this status.' })
  status?: ContentQuestionStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'Only the questions you asked.' })
  mine?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only OPEN questions that were sent to you.' })
  waitingForMe?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only questions about posts planned for this account.' })
  accountId?: string | null;
}
