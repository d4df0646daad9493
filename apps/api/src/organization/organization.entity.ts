import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum OrganizationKind {
  DISTRICT = 'DISTRICT',
  SCHOOL = 'SCHOOL',
}
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'Whether an organization is the district or one of its schools.',
});

/** The words that tie an account to the district (IX, XIX, XXIX): kept on the district row. */
export interface DistrictProfileData {
  names: string[];
  abbreviations: string[];
  mascots: string[];
}

/** The district or one of its schools, as the SIS knows it (`sourcedId`). */
@ObjectType({ simpleResolvers: true, description: 'The district or one of its schools.' })
@Entity({ tableName: 'organization' })
export class Organization {
  @Field(() => ID, { description: 'Steward identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => String, { description: 'The SIS identifier (OneRoster sourcedId).' })
  @Property({ type: 'text', unique: true })
  sourcedId!: string;

  @Field(() => OrganizationKind, { description: 'District or school.' })
  @Enum({ items: () => OrganizationKind, nativeEnumName: 'organization_kind' })
  kind!: OrganizationKind;

  @Field(() => String, { description: 'Full name, e.g. "Ralston High School".' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short name used in conversation.' })
  @Property({ type: 'text', nullable: true })
  shortName: string | null = null;

  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'restrict' })
  parent: Organization | null = null;

  @Field(() => Boolean, { description: 'False once the SIS has retired the organization.' })
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  /** The SIS's last change to this record. */
  @Property({ type: 'timestamptz', nullable: true })
  dateLastModified: Date | null = null;

  /** Only the district row has a profile. */
  @Property({ type: 'json', nullable: true })
  profile: DistrictProfileData | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
