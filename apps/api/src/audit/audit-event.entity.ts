import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One line of the append-only audit trail. Each event stores the hash of the previous one, so
 * editing or deleting a row breaks the chain (`verifyAuditChain`). The database refuses UPDATE
 * and DELETE on this table with a trigger (see the foundation migration).
 */
@ObjectType({ simpleResolvers: true, description: 'One event of the append-only, hash-chained audit trail.' })
@Entity({ tableName: 'audit_event' })
export class AuditEvent {
  @Field(() => ID, { description: 'Position in the chain (ascending).' })
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field(() => Date, { description: 'When it happened.' })
  @Index()
  @Property({ type: 'timestamptz' })
  occurredAt!: Date;

  @Field(() => String, { description: 'STAFF, SIS or SYSTEM.' })
  @Property({ type: 'text' })
  actorType!: string;

  @Field(() => ID, { nullable: true, description: 'Staff id or SIS key id of the actor.' })
  @Index()
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Field(() => String, { description: 'Email of the person, or the SIS key name.' })
  @Property({ type: 'text' })
  actorLabel!: string;

  @Field(() => [String], { description: 'Roles the actor held at the time.' })
  @Property({ type: ArrayType })
  actorRoles: string[] = [];

  @Field(() => String, { description: 'What was done, e.g. "approval.decide".' })
  @Index()
  @Property({ type: 'text' })
  action!: string;

  @Field(() => String, { description: 'Kind of record acted on.' })
  @Property({ type: 'text' })
  targetType!: string;

  @Field(() => String, { nullable: true, description: 'Id of the record acted on.' })
  @Index()
  @Property({ type: 'text', nullable: true })
  targetId: string | null = null;

  @Field(() => String, { nullable: true, description: 'Request id (also in the logs).' })
  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What changed; secrets redacted.' })
  @Property({ type: 'json', nullable: true })
  change: Record<string, unknown> | null = null;

  @Field(() => String, { description: 'SHA-256 of the previous event.' })
  @Property({ type: 'text' })
  prevHash!: string;

  @Field(() => String, { description: 'SHA-256 of this event and the previous hash.' })
  @Property({ type: 'text' })
  hash!: string;
}
