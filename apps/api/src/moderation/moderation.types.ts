import type { CaseNoteVisibility, ContentKind, ModerationState, RemovalReason } from '@steward/domain';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { NotificationStatus } from '../notifications/notification.entity.js';
import { PageOf } from '../server/pagination.js';
import { ModerationCase } from './moderation.entities.js';
import {
  ContentKindEnum,
  ModerationStateEnum,
  RemovalNoticePurposeEnum,
  RemovalReasonEnum,
} from './moderation.enums.js';

@ObjectType({ simpleResolvers: true, description: 'A removal reason with its policy section and label (XXXI-XXXV).' })
export class RemovalReasonInfo {
  @Field(() => RemovalReasonEnum, { description: 'The reason.' })
  reason!: RemovalReason;

  @Field(() => String, { description: 'The policy section, e.g. "XXXI".' })
  section!: string;

  @Field(() => String, { description: 'What the section says, in a few words.' })
  label!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A triage suggestion raised at opening (a person decides).' })
export class TriageFlag {
  @Field(() => RemovalReasonEnum, { description: 'The reason it points to.' })
  reason!: RemovalReason;

  @Field(() => String, { description: 'Its policy section.' })
  section!: string;

  @Field(() => String, { description: 'Why it was raised: the matched word or name.' })
  why!: string;

  @Field(() => String, { description: 'The words in context.' })
  excerpt!: string;
}

@ObjectType({ simpleResolvers: true, description: 'One of the two notices of XXX and its delivery state.' })
export class ModerationNotice {
  @Field(() => RemovalNoticePurposeEnum, { description: 'Which notice.' })
  purpose!: string;

  @Field(() => String, { description: 'Who it goes to.' })
  recipientEmail!: string;

  @Field(() => NotificationStatus, { description: 'Delivery state.' })
  status!: NotificationStatus;

  @Field(() => Int, { description: 'Tries so far.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: "The last try's error." })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the mail server accepted it.' })
  deliveredAt!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'A legal hold: the evidence is kept whatever the retention schedule says.' })
export class LegalHold {
  @Field(() => String, { description: 'Why the hold was placed.' })
  reason!: string;

  @Field(() => Date, { description: 'When.' })
  placedAt!: Date;

  /** Resolved to `placedBy` by the resolver. */
  placedById!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "The result of recomputing a case's evidence digest." })
export class EvidenceVerification {
  @Field(() => ID, { description: 'The case.' })
  caseId!: string;

  @Field(() => Boolean, {
    description: 'True when the digest recomputed from the stored snapshot fields equals the digest recorded at capture.',
  })
  intact!: boolean;

  @Field(() => Boolean, { description: 'True when the retention purge removed the snapshot (only the digest remains).' })
  purged!: boolean;

  @Field(() => String, { description: 'How the digest is computed.' })
  algorithm!: string;

  @Field(() => String, { description: 'The digest recorded when the content was captured.' })
  storedDigest!: string;

  @Field(() => String, { nullable: true, description: 'The digest recomputed now (null once purged).' })
  computedDigest!: string | null;

  @Field(() => Date, { description: 'When the check ran.' })
  checkedAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: 'How many cases are in one state.' })
export class ModerationStateCount {
  @Field(() => ModerationStateEnum, { description: 'The state.' })
  state!: ModerationState;

  @Field(() => Int, { description: 'How many cases.' })
  count!: number;
}

@InputType({ description: 'The third-party content as captured (it cannot be edited afterwards).' })
export class ContentSnapshotInput {
  @Field(() => ContentKindEnum, { description: 'Post, comment, reply or message.' })
  kind!: ContentKind;

  @Field(() => String, { description: "The platform's id of the content." })
  platformContentId!: string;

  @Field(() => String, { nullable: true, description: "The author's display name." })
  authorName?: string | null;

  @Field(() => String, { nullable: true, description: "The author's handle." })
  authorHandle?: string | null;

  @Field(() => String, { description: 'The text, exactly as it appears.' })
  text!: string;

  @Field(() => [String], { nullable: true, description: 'Addresses of attached media (http or https).' })
  mediaUrls?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Address of the content on the platform.' })
  permalink?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the author posted it.' })
  postedAt?: Date | null;
}

@InputType({ description: 'Opens a case on a school-affiliated account.' })
export class OpenModerationCaseInput {
  @Field(() => ID, { description: 'The account the content is on.' })
  accountId!: string;

  @Field(() => ContentSnapshotInput, { description: 'The content as captured.' })
  snapshot!: ContentSnapshotInput;
}

@InputType({ description: 'A question about a removal, recorded for the Director of External Relations (XXX).' })
export class RemovalQuestionInput {
  @Field(() => String, { description: 'Who asks.' })
  askerName!: string;

  @Field(() => String, { nullable: true, description: 'How to reach them (shown only to those who work or answer the case).' })
  askerContact?: string | null;

  @Field(() => String, { description: 'The question.' })
  question!: string;
}

@InputType({ description: 'Narrows the moderation queue; fields combine with AND.' })
export class ModerationCaseFilter {
  @Field(() => ModerationStateEnum, { nullable: true, description: 'State.' })
  state?: ModerationState | null;

  @Field(() => ID, { nullable: true, description: 'Account.' })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: "The account's school (or its owner's)." })
  schoolId?: string | null;

  @Field(() => RemovalReasonEnum, { nullable: true, description: 'Cases removed for this reason.' })
  reason?: RemovalReason | null;

  @Field(() => Boolean, { nullable: true, description: 'Only cases assigned to you.' })
  assignedToMe?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only cases nobody is assigned to.' })
  unassigned?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only overdue cases (true) or only the others (false).' })
  overdue?: boolean | null;
}

export const ModerationCasePage = PageOf(ModerationCase, 'ModerationCase');

export type { CaseNoteVisibility };
