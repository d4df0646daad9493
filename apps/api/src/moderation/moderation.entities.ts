import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type {
  CaseNoteVisibility,
  ContentKind,
  ModerationState,
  RemovalReason,
  TriageFlag as TriageFlagFacts,
} from '@steward/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { Staff } from '../staff/staff.entity.js';
import { CaseNoteVisibilityEnum, ContentKindEnum, ModerationStateEnum } from './moderation.enums.js';

/**
 * A piece of third-party content on a school-affiliated account that someone thinks may have to
 * come down (XXX-XXXV). The snapshot is kept apart (`ModerationSnapshot`) so the retention purge
 * can remove it while the case, with the digest, stays as the tombstone.
 *
 * Relations (account, people) are exposed by field resolvers that check scope; the table is
 * written through this entity (unit of work, optimistic `version`) and read by lists as rows.
 */
@ObjectType({ simpleResolvers: true, description: 'A moderation case: third-party content on a district page (XXX-XXXV).' })
@Entity({ tableName: 'moderation_case' })
export class ModerationCase {
  @Field(() => ID, { description: 'Steward identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => SocialAccount, { deleteRule: 'restrict' })
  account!: SocialAccount;

  @Field(() => ModerationStateEnum, { description: 'Where the case stands.' })
  @Property({ type: 'text' })
  state: Opt<ModerationState> = 'OPEN';

  @Field(() => String, {
    description:
      'SHA-256 (hex) of the snapshot\'s RFC 8785 canonical JSON; kept after the purge as the tombstone.',
  })
  @Property({ type: 'text' })
  evidenceDigest!: string;

  /** The reasons of XXXI-XXXV given at removal; exposed as `reasons` with sections and labels. */
  @Property({ type: ArrayType, fieldName: 'reasons' })
  reasonCodes: Opt<RemovalReason[]> = [];

  @Field(() => String, { nullable: true, description: 'The written explanation of the removal (XXX).' })
  @Property({ type: 'text', nullable: true })
  explanation: string | null = null;

  @Field(() => String, { nullable: true, description: 'The dismissal, restoration or closing note.' })
  @Property({ type: 'text', nullable: true })
  decisionNote: string | null = null;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  assignee: Staff | null = null;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  openedBy: Staff | null = null;

  @Field(() => Date, { description: 'When the case was opened.' })
  @Property({ type: 'timestamptz' })
  openedAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'When it should be decided (and, once removed, reported): opening + MODERATION_RESPONSE_HOURS.' })
  @Property({ type: 'timestamptz' })
  dueAt!: Date;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  removedBy: Staff | null = null;

  @Field(() => Date, { nullable: true, description: 'When the content was removed.' })
  @Property({ type: 'timestamptz', nullable: true })
  removedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When both notices of XXX had been delivered.' })
  @Property({ type: 'timestamptz', nullable: true })
  reportedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was closed, dismissed or restored.' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  /** Suggestions stored at opening (exposed as `triage`); emptied by the purge (they quote the content). */
  @Property({ type: 'json', fieldName: 'triage' })
  triageFlags: Opt<TriageFlagFacts[]> = [];

  @Field(() => Date, { nullable: true, description: 'Kept at least until then; set when the case reaches a final state.' })
  @Property({ type: 'timestamptz', nullable: true })
  retentionUntil: Date | null = null;

  @Property({ type: 'text', nullable: true })
  legalHoldReason: string | null = null;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  legalHoldBy: Staff | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  legalHoldAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the retention purge removed the snapshot (the digest stays).' })
  @Property({ type: 'timestamptz', nullable: true })
  purgedAt: Date | null = null;

  @Field(() => Int, { description: 'Version (optimistic locking).' })
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'Last change.' })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/**
 * The evidence: what the content said when it was captured. Written once; the database refuses
 * any UPDATE and allows a DELETE only to the retention purge (migration 07_moderation).
 */
@ObjectType('ContentSnapshot', { simpleResolvers: true, description: 'The captured third-party content (immutable).' })
@Entity({ tableName: 'moderation_snapshot' })
export class ModerationSnapshot {
  @PrimaryKey({ type: 'uuid' })
  caseId!: string;

  @Field(() => ContentKindEnum, { description: 'Post, comment, reply or message.' })
  @Property({ type: 'text' })
  kind!: ContentKind;

  @Field(() => String, { description: "The platform's id of the content." })
  @Property({ type: 'text' })
  platformContentId!: string;

  @Field(() => String, { nullable: true, description: "The author's display name." })
  @Property({ type: 'text', nullable: true })
  authorName: string | null = null;

  @Field(() => String, { nullable: true, description: "The author's handle." })
  @Property({ type: 'text', nullable: true })
  authorHandle: string | null = null;

  @Field(() => String, { description: 'The text, exactly as captured.' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => [String], { description: 'Addresses of attached media.' })
  @Property({ type: ArrayType })
  mediaUrls: Opt<string[]> = [];

  @Field(() => String, { nullable: true, description: 'Address of the content on the platform.' })
  @Property({ type: 'text', nullable: true })
  permalink: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the author posted it.' })
  @Property({ type: 'timestamptz', nullable: true })
  postedAt: Date | null = null;

  @Field(() => Date, { description: 'When it was captured.' })
  @Property({ type: 'timestamptz' })
  capturedAt!: Date;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'restrict' })
  capturedBy: Staff | null = null;

  /** The RFC 8785 canonical JSON the digest was computed over (also the superintendent's copy). */
  @Property({ type: 'text' })
  canonical!: string;

  @Property({ type: 'text' })
  digest!: string;
}

/** A note on a case: INTERNAL for those who work it, RECORD to go out with the notices (XXX). */
@ObjectType('CaseNote', { simpleResolvers: true, description: 'A note on a moderation case.' })
@Entity({ tableName: 'moderation_case_note' })
export class ModerationCaseNote {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => ModerationCase, { deleteRule: 'restrict', fieldName: 'case_id' })
  moderationCase!: ModerationCase;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  author: Staff | null = null;

  @Field(() => String, { description: 'What the note says.' })
  @Property({ type: 'text' })
  body!: string;

  @Field(() => CaseNoteVisibilityEnum, { description: 'INTERNAL or RECORD.' })
  @Property({ type: 'text' })
  visibility!: CaseNoteVisibility;

  @Field(() => Date, { description: 'When it was written.' })
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}

/** A question about a removal, from its author or anyone; the Director answers (XXX). */
@ObjectType('RemovalQuestion', { simpleResolvers: true, description: 'A question about a removal, answered by the Director of External Relations (XXX).' })
@Entity({ tableName: 'removal_question' })
export class RemovalQuestion {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => ModerationCase, { deleteRule: 'restrict', fieldName: 'case_id' })
  moderationCase!: ModerationCase;

  @Field(() => String, { description: 'Who asked.' })
  @Property({ type: 'text' })
  askerName!: string;

  /** How to reach the asker; shown only to those who work the case or answer it. */
  @Property({ type: 'text', nullable: true })
  askerContact: string | null = null;

  @Field(() => String, { description: 'The question.' })
  @Property({ type: 'text' })
  question!: string;

  @Field(() => Date, { description: 'When it was asked (recorded).' })
  @Property({ type: 'timestamptz' })
  askedAt: Opt<Date> = new Date();

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  recordedBy: Staff | null = null;

  @Field(() => String, { nullable: true, description: "The Director's answer." })
  @Property({ type: 'text', nullable: true })
  answer: string | null = null;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  answeredBy: Staff | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was answered.' })
  @Property({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;
}
