import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Collection,
  Entity,
  Index,
  ManyToMany,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
} from '@mikro-orm/core';
import type {
  AccountState,
  AffiliatedContentKind,
  AffiliationReviewStatus,
  AffiliationSignal,
  Classification,
  Platform,
  SectionId,
  SignalSuggestion,
} from '@steward/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Organization } from '../organization/organization.entity.js';
import {
  AccountStateEnum,
  AffiliatedContentKindEnum,
  AffiliationSignalEnum,
  ClassificationEnum,
  PlatformEnum,
} from './accounts.enums.js';
import { Staff } from '../staff/staff.entity.js';

/**
 * A staff social-media account in the register. Its classification is always computed on the
 * server from its signals with the domain's `classifyAccount` (VIII, IX), never taken from a
 * client, and the deciding sections are stored with it.
 */
@ObjectType({ simpleResolvers: true, description: 'A staff social-media account in the register (VIII, IX).' })
@Entity({ tableName: 'social_account' })
@Index({
  name: 'social_account_platform_handle_unique',
  expression:
    'create unique index "social_account_platform_handle_unique" on "social_account" ("platform", lower("handle"))',
})
export class SocialAccount {
  @Field(() => ID, { description: 'Steward identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => AffiliatedContentKindEnum, {
    description: 'What the entry is: an account, a page, a microblog, a handle, a web page or other content (XXIX).',
  })
  @Index()
  @Property({ type: 'text', default: 'SOCIAL_ACCOUNT' })
  contentKind: Opt<AffiliatedContentKind> = 'SOCIAL_ACCOUNT';

  @Field(() => PlatformEnum, { description: 'The platform (WEB for a web page).' })
  @Property({ type: 'text' })
  platform!: Platform;

  @Field(() => String, {
    description: 'Handle, without a leading @; for a web page or other content, its address without the scheme unless given.',
  })
  /** Stored without a leading "@". */
  @Property({ type: 'text' })
  handle!: string;

  @Field(() => String, { nullable: true, description: 'Profile address.' })
  @Property({ type: 'text', nullable: true })
  url: string | null = null;

  @Field(() => String, { nullable: true, description: 'Display name on the platform.' })
  @Property({ type: 'text', nullable: true })
  displayName: string | null = null;

  @Field(() => String, { nullable: true, description: 'Profile text (bio).' })
  @Property({ type: 'text', nullable: true })
  bio: string | null = null;

  @Index()
  @ManyToOne(() => Staff, { deleteRule: 'restrict' })
  owner!: Staff;

  @ManyToMany(() => Staff, undefined, { pivotTable: 'social_account_administrator' })
  administrators = new Collection<Staff>(this);

  @Index()
  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'restrict' })
  school: Organization | null = null;

  @Field(() => [AffiliationSignalEnum], { description: 'Affiliation signals present.' })
  @Property({ type: ArrayType })
  signals: Opt<AffiliationSignal[]> = [];

  @Field(() => ClassificationEnum, { description: 'Computed by the server (VIII, IX).' })
  @Property({ type: 'text' })
  classification!: Classification;

  @Field(() => [String], { description: 'Policy sections that decided the classification.' })
  @Property({ type: ArrayType })
  classificationSections: Opt<SectionId[]> = [];

  @Field(() => String, { description: 'Why it is classified so, in one sentence.' })
  @Property({ type: 'text' })
  classificationExplanation!: string;

  @Field(() => AccountStateEnum, { description: 'Lifecycle state.' })
  @Index()
  @Property({ type: 'text' })
  state!: AccountState;

  @Field(() => Date, { nullable: true, description: 'When the classification last changed.' })
  @Property({ type: 'timestamptz', nullable: true })
  reclassifiedAt: Date | null = null;

  /**
   * What `suggestAffiliationSignals` found in the handle, display name and bio at the last save
   * (IX, XIX, XXIX), with reasons and strength; shown as `signalSuggestions`.
   */
  @Property({ type: 'json' })
  suggestions: Opt<SignalSuggestion[]> = [];

  /** When the suggestions were computed; null for an account not scanned since the review came. */
  @Property({ type: 'timestamptz', nullable: true })
  suggestedAt: Date | null = null;

  /** The affiliation review (domain `affiliationReviewAfterSave`); shown as `affiliationReview`. */
  @Property({ type: 'text', nullable: true })
  reviewStatus: AffiliationReviewStatus | null = null;

  /** PENDING: the undeclared STRONG signals that raised it; otherwise confirmed or applied ones. */
  @Property({ type: ArrayType })
  reviewSignals: Opt<AffiliationSignal[]> = [];

  @Property({ type: 'timestamptz', nullable: true })
  reviewFlaggedAt: Date | null = null;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  reviewedBy: Staff | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  reviewNote: string | null = null;

  @Field(() => Int, { description: 'Version for optimistic locking; send it back on update.' })
  /** Optimistic locking: two edits of the same version, the second gets CONFLICT. */
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Field(() => Date, { description: 'When it was registered.' })
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'Last change.' })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
