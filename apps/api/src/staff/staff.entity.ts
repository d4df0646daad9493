import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { Role } from '@steward/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { RoleEnum } from '../server/enums.js';
import { Organization } from '../organization/organization.entity.js';

/** A member of staff, as the SIS knows them, with the roles they hold in Steward. */
@ObjectType({ simpleResolvers: true, description: 'A member of staff, synced from the SIS.' })
@Entity({ tableName: 'staff' })
export class Staff {
  @Field(() => ID, { description: 'Steward identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => String, { description: 'The SIS identifier (OneRoster sourcedId).' })
  @Property({ type: 'text', unique: true })
  sourcedId!: string;

  @Field(() => String, { description: 'Work email (lower-case); also the sign-in name.' })
  /** Stored lower-case: sign-in matches it case-insensitively. */
  @Property({ type: 'text', unique: true })
  email!: string;

  @Field(() => String, { description: 'Given name.' })
  @Property({ type: 'text' })
  givenName!: string;

  @Field(() => String, { description: 'Family name.' })
  @Property({ type: 'text' })
  familyName!: string;

  @Field(() => String, { description: 'Job title, e.g. "Band Director".' })
  @Property({ type: 'text' })
  position!: string;

  @Index()
  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'restrict' })
  school: Organization | null = null;

  /** The supervising administrator: approves this person's requests (XIX, XXII, XXIX). */
  @Index()
  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  supervisor: Staff | null = null;

  @Field(() => [RoleEnum], { description: 'Roles held in Steward.' })
  @Property({ type: ArrayType })
  roles: Opt<Role[]> = ['STAFF'];

  @Field(() => Boolean, { description: 'False once the person has left the district.' })
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  /** The SIS's last change to this record; an older sync record never overwrites a newer one. */
  @Property({ type: 'timestamptz', nullable: true })
  dateLastModified: Date | null = null;

  /** The identity provider's subject, bound on first OIDC sign-in. */
  @Property({ type: 'text', nullable: true, unique: true })
  oidcSubject: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  @Field(() => Boolean, {
    description: 'Whether a sign-in identity (OIDC subject) is linked to this person.',
  })
  get signInLinked(): Opt<boolean> {
    return this.oidcSubject !== null;
  }

  @Field(() => String, { description: 'Given and family name.' })
  get fullName(): Opt<string> {
    return `${this.givenName} ${this.familyName}`;
  }
}
