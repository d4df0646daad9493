import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AuditEvent } from './audit-event.entity.js';
import { PageOf } from '../server/pagination.js';

@InputType({ description: 'Narrows the audit trail; fields combine with AND.' })
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Exact action, e.g. "credential.reveal".' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Kind of record, e.g. "SocialAccount".' })
  targetType?: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the record.' })
  targetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Staff id or SIS key id of the actor.' })
  actorId?: string | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  to?: Date | null;
}

export const AuditEventPage = PageOf(AuditEvent, 'AuditEvent');

@ObjectType({ simpleResolvers: true, description: 'The result of re-computing the whole audit chain.' })
export class AuditChainReport {
  @Field(() => Boolean, { description: 'True when every event matches its hash and link.' })
  ok!: boolean;

  @Field(() => Int, { description: 'Events checked before stopping.' })
  checkedEvents!: number;

  @Field(() => ID, { nullable: true, description: 'The first event that fails, if any.' })
  firstBrokenEventId!: string | null;

  @Field(() => String, { nullable: true, description: 'What is wrong with that event.' })
  problem!: string | null;
}
