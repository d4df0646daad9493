import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { ContentMessageKind, ContentQuestionStatus } from '@steward/domain';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { Staff } from '../staff/staff.entity.js';

/**
 * The tables of migration 10 (affiliated_obligations), written through these entities (unit of
 * work, optimistic `version`) and read by the lists as plain rows (obligations.rows.ts). The
 * GraphQL types are views (obligations.types.ts): what a person sees of a requirement depends on
 * the account's people now, not only on the row.
 */

/** Whom a school-affiliated account must interact with (XII); retired, never deleted. */
@Entity({ tableName: 'required_interaction' })
export class RequiredInteraction {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => SocialAccount, { deleteRule: 'restrict' })
  account!: SocialAccount;

  @Property({ type: 'text' })
  description!: string;

  /** A handle ("@district") or an address; null when the description says it all. */
  @Property({ type: 'text', nullable: true })
  target: string | null = null;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  requiredBy: Staff | null = null;

  @Property({ type: 'timestamptz' })
  requiredAt: Opt<Date> = new Date();

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  retiredBy: Staff | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  retireNote: string | null = null;

  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** One person's confirmation of a requirement; written once (the database refuses changes). */
@Entity({ tableName: 'required_interaction_confirmation' })
export class InteractionConfirmation {
  @ManyToOne(() => RequiredInteraction, { primary: true, deleteRule: 'restrict', fieldName: 'interaction_id' })
  interaction!: RequiredInteraction;

  @ManyToOne(() => Staff, { primary: true, deleteRule: 'restrict' })
  staff!: Staff;

  @Property({ type: 'timestamptz' })
  confirmedAt: Opt<Date> = new Date();
}

/** A staff member's question about a planned post, for their supervising administrator (XVIII). */
@Entity({ tableName: 'content_question' })
export class ContentQuestion {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Staff, { deleteRule: 'restrict' })
  asker!: Staff;

  /** The supervising administrator it went to (a district admin when the asker had none). */
  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  recipient: Staff | null = null;

  @ManyToOne(() => SocialAccount, { nullable: true, deleteRule: 'restrict' })
  account: SocialAccount | null = null;

  @Property({ type: 'text' })
  plannedText!: string;

  @Property({ type: 'text', nullable: true })
  mediaDescription: string | null = null;

  @Property({ type: 'text' })
  status: Opt<ContentQuestionStatus> = 'OPEN';

  @Property({ type: 'timestamptz' })
  askedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  lastMessageAt: Opt<Date> = new Date();

  /** The latest answer's author and time. */
  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  answeredBy: Staff | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** One message of a question's thread; written once (the database refuses changes). */
@Entity({ tableName: 'content_question_message' })
export class ContentQuestionMessage {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => ContentQuestion, { deleteRule: 'restrict', fieldName: 'question_id' })
  question!: ContentQuestion;

  @ManyToOne(() => Staff, { deleteRule: 'restrict' })
  author!: Staff;

  @Property({ type: 'text' })
  kind!: ContentMessageKind;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
