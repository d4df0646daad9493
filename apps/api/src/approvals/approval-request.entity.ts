import { randomUUID } from 'node:crypto';
import { Collection, Entity, Index, ManyToOne, OneToMany, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { ApprovalKind, ApprovalState } from '@steward/domain';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ApprovalKindEnum, ApprovalStateEnum } from '../accounts/accounts.enums.js';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { Staff } from '../staff/staff.entity.js';

/**
 * A request for the permission the policy requires: school-affiliated accounts and content
 * (XXIX), use of the district's name, mascot or image (XIX), instructional use (XXII).
 * Decided by the requester's supervising administrator.
 */
@ObjectType({ simpleResolvers: true, description: 'A request for the permission the policy requires (XIX, XXII, XXIX).' })
@Entity({ tableName: 'approval_request' })
export class ApprovalRequest {
  @Field(() => ID, { description: 'Steward identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => ApprovalKindEnum, { description: 'What permission is asked for.' })
  @Index()
  @Property({ type: 'text' })
  kind!: ApprovalKind;

  @Field(() => ApprovalStateEnum, { description: 'Where the request stands.' })
  @Index()
  @Property({ type: 'text' })
  state: Opt<ApprovalState> = 'PENDING';

  /** The account the request is about, when it is about one. */
  @Index()
  @ManyToOne(() => SocialAccount, { nullable: true, deleteRule: 'restrict' })
  account: SocialAccount | null = null;

  @Field(() => String, { nullable: true, description: 'Described activity, when not an account.' })
  /** A described activity, when the subject is not an account (e.g. a class project). */
  @Property({ type: 'text', nullable: true })
  activity: string | null = null;

  @Field(() => String, { description: 'Why the requester asks.' })
  @Property({ type: 'text' })
  justification!: string;

  @Index()
  @ManyToOne(() => Staff, { deleteRule: 'restrict' })
  requester!: Staff;

  /** Fixed at submission: the requester's supervisor, or the district admin as fallback. */
  @Index()
  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  approver: Staff | null = null;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  decidedBy: Staff | null = null;

  @Field(() => String, { nullable: true, description: 'The decider\'s note (required to deny or revoke).' })
  @Property({ type: 'text', nullable: true })
  decisionNote: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was last decided.' })
  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When an approval lapses (EXPIRED).' })
  @Index()
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @OneToMany(() => ApprovalHistoryEntry, (h) => h.request, { orderBy: { at: 'asc' } })
  history = new Collection<ApprovalHistoryEntry>(this);

  @Field(() => Int, { description: 'Version (optimistic locking).' })
  /** Concurrent decisions: exactly one wins; the other gets CONFLICT. */
  @Property({ type: 'integer', version: true })
  version!: Opt<number>;

  @Field(() => Date, { description: 'When it was submitted.' })
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** One step of a request's life, kept forever (the request's full history). */
@ObjectType({ simpleResolvers: true, description: 'One step in the life of an approval request.' })
@Entity({ tableName: 'approval_history' })
export class ApprovalHistoryEntry {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => ApprovalRequest, { deleteRule: 'cascade' })
  request!: ApprovalRequest;

  @Field(() => String, { description: 'SUBMIT, APPROVE, DENY, WITHDRAW, REVOKE or EXPIRE.' })
  @Property({ type: 'text' })
  action!: string;

  @Field(() => ApprovalStateEnum, { nullable: true, description: 'State before.' })
  @Property({ type: 'text', nullable: true })
  fromState: ApprovalState | null = null;

  @Field(() => ApprovalStateEnum, { description: 'State after.' })
  @Property({ type: 'text' })
  toState!: ApprovalState;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  actor: Staff | null = null;

  @Field(() => String, { nullable: true, description: 'Note given with the step.' })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Field(() => Date, { description: 'When.' })
  @Property({ type: 'timestamptz' })
  at: Opt<Date> = new Date();
}
