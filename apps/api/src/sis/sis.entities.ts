import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { MediaScope, ReleaseStatus } from '@steward/domain';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organization/organization.entity.js';

export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  WITHDRAWN = 'WITHDRAWN',
  GRADUATED = 'GRADUATED',
}
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus', description: 'Where a student stands.' });

export enum MediaScopeEnum {
  DISTRICT_SOCIAL_MEDIA = 'DISTRICT_SOCIAL_MEDIA',
  WEBSITE = 'WEBSITE',
  PRINT = 'PRINT',
  NEWS_MEDIA = 'NEWS_MEDIA',
}
registerEnumType(MediaScopeEnum, { name: 'MediaScope', description: 'Where a release lets a student be shown.' });

export enum MediaReleaseStatusEnum {
  GRANTED = 'GRANTED',
  DENIED = 'DENIED',
  REVOKED = 'REVOKED',
}
registerEnumType(MediaReleaseStatusEnum, {
  name: 'MediaReleaseStatus',
  description: "The family's decision on a media release.",
});

/** A student, as the SIS knows them (XIV). Guardians' details are never part of this type. */
@ObjectType({ simpleResolvers: true, description: 'A student, synced from the SIS.' })
@Entity({ tableName: 'student' })
export class Student {
  @Field(() => ID, { description: 'Steward identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => String, { description: 'The SIS identifier (OneRoster sourcedId).' })
  @Property({ type: 'text', unique: true })
  sourcedId!: string;

  @Field(() => String, { description: 'Given name.' })
  @Property({ type: 'text' })
  givenName!: string;

  @Field(() => String, { description: 'Family name.' })
  @Property({ type: 'text' })
  familyName!: string;

  @Field(() => String, { nullable: true, description: 'The name the student goes by, if different.' })
  @Property({ type: 'text', nullable: true })
  preferredName: string | null = null;

  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'restrict' })
  school: Organization | null = null;

  @Field(() => String, { nullable: true, description: 'Grade level, e.g. "09".' })
  @Property({ type: 'text', nullable: true })
  grade: string | null = null;

  @Field(() => EnrollmentStatus, { description: 'Enrollment status.' })
  @Property({ type: 'text' })
  enrollmentStatus: Opt<EnrollmentStatus> = EnrollmentStatus.ENROLLED;

  /** Kept for the release rule (a student signs their own release at 18); never exposed. */
  @Property({ type: 'date', nullable: true })
  birthDate: string | null = null;

  @Field(() => String, { nullable: true, description: 'Expected graduation date (YYYY-MM-DD).' })
  @Property({ type: 'date', nullable: true })
  expectedGraduation: string | null = null;

  @Field(() => Boolean, { description: 'Whether the student has graduated (VI).' })
  @Property({ type: 'boolean' })
  graduated: Opt<boolean> = false;

  @Field(() => Boolean, { description: 'False once the SIS has removed the student.' })
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'timestamptz', nullable: true })
  dateLastModified: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'Last change.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}

/** A student's parent or guardian (VI, XIV): signs media releases. Contact details are private. */
@ObjectType({ simpleResolvers: true, description: "A student's parent or guardian (contact details: district admin only)." })
@Entity({ tableName: 'guardian' })
export class Guardian {
  @Field(() => ID, { description: 'Steward identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => String, { description: 'The SIS identifier.' })
  @Property({ type: 'text', unique: true })
  sourcedId!: string;

  @Field(() => String, { description: 'Given name.' })
  @Property({ type: 'text' })
  givenName!: string;

  @Field(() => String, { description: 'Family name.' })
  @Property({ type: 'text' })
  familyName!: string;

  /** Exposed only through a field resolver that checks `guardian.read`. */
  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  @Field(() => Boolean, { description: 'False once the SIS has removed the guardian.' })
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'timestamptz', nullable: true })
  dateLastModified: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}

/** A media release on file (XIV): whether and where a student may be shown. */
@ObjectType({ simpleResolvers: true, description: 'A media release on file for a student (XIV).' })
@Entity({ tableName: 'media_release' })
export class MediaRelease {
  @Field(() => ID, { description: 'Steward identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => String, { description: 'The SIS identifier.' })
  @Property({ type: 'text', unique: true })
  sourcedId!: string;

  @ManyToOne(() => Student, { deleteRule: 'restrict' })
  student!: Student;

  @Field(() => MediaReleaseStatusEnum, { description: 'Granted, denied or revoked.' })
  @Property({ type: 'text' })
  status!: ReleaseStatus;

  @Field(() => [MediaScopeEnum], { description: 'Where the student may be shown.' })
  @Property({ type: ArrayType })
  scopes!: MediaScope[];

  @Field(() => String, { nullable: true, description: 'First day it applies (YYYY-MM-DD).' })
  @Property({ type: 'date', nullable: true })
  validFrom: string | null = null;

  @Field(() => String, { nullable: true, description: 'Last day it applies (YYYY-MM-DD).' })
  @Property({ type: 'date', nullable: true })
  validUntil: string | null = null;

  @Field(() => String, { nullable: true, description: 'School year it covers, e.g. 2026-2027.' })
  @Property({ type: 'text', nullable: true })
  schoolYear: string | null = null;

  @Field(() => String, { nullable: true, description: 'GUARDIAN or STUDENT.' })
  @Property({ type: 'text', nullable: true })
  signedByKind: 'GUARDIAN' | 'STUDENT' | null = null;

  @ManyToOne(() => Guardian, { nullable: true, deleteRule: 'set null' })
  signedByGuardian: Guardian | null = null;

  @Field(() => String, { nullable: true, description: 'Date signed (YYYY-MM-DD).' })
  @Property({ type: 'date', nullable: true })
  signedOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'Date the district received it.' })
  @Property({ type: 'date', nullable: true })
  receivedOn: string | null = null;

  @Field(() => String, { nullable: true, description: 'Where the signed document is kept.' })
  @Property({ type: 'text', nullable: true })
  documentRef: string | null = null;

  @Field(() => Boolean, { description: 'False once the SIS has removed the record.' })
  @Property({ type: 'boolean' })
  active: Opt<boolean> = true;

  @Property({ type: 'timestamptz', nullable: true })
  dateLastModified: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Field(() => Date, { description: 'Last change.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}

/** Why one record of a sync batch was refused; the rest of the batch is saved regardless. */
@ObjectType({ simpleResolvers: true, description: 'A record of a sync batch that was refused, and why.' })
export class SyncRecordError {
  @Field(() => Int, { description: 'Position of the record in the batch (0-based).' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'Its sourcedId, if it had one.' })
  sourcedId!: string | null;

  @Field(() => String, { nullable: true, description: 'The field at fault, e.g. "schoolSourcedId".' })
  field!: string | null;

  @Field(() => String, { description: 'What is wrong, in words.' })
  message!: string;
}

/** One call of a sync (GraphQL or the OneRoster import): what came in and what it changed. */
@ObjectType({ simpleResolvers: true, description: 'One SIS sync call: what came in and what it changed.' })
@Entity({ tableName: 'sync_run' })
export class SyncRun {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => String, { description: 'organizations, staff, students, guardians or mediaReleases.' })
  @Property({ type: 'text' })
  kind!: string;

  @Field(() => String, { description: 'graphql or oneroster.' })
  @Property({ type: 'text' })
  source!: string;

  @Field(() => String, { description: 'Who ran it (SIS key name or person).' })
  @Property({ type: 'text' })
  actorLabel!: string;

  @Field(() => ID, { nullable: true, description: 'The SIS key used, if any.' })
  @Property({ type: 'uuid', nullable: true })
  sisKeyId: string | null = null;

  @Field(() => Date, { description: 'Start.' })
  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => Date, { description: 'End.' })
  @Property({ type: 'timestamptz' })
  finishedAt!: Date;

  @Field(() => Int, { description: 'Duration in milliseconds.' })
  @Property({ type: 'integer' })
  durationMs!: number;

  @Field(() => Int, { description: 'Records received.' })
  @Property({ type: 'integer' })
  received!: number;

  @Field(() => Int, { description: 'Records created.' })
  @Property({ type: 'integer' })
  created!: number;

  @Field(() => Int, { description: 'Records changed.' })
  @Property({ type: 'integer' })
  updated!: number;

  @Field(() => Int, { description: 'Records already up to date (or older than what is stored).' })
  @Property({ type: 'integer' })
  unchanged!: number;

  @Field(() => Int, { description: 'Records deactivated (status tobedeleted).' })
  @Property({ type: 'integer' })
  deactivated!: number;

  @Field(() => Int, { description: 'Records refused (see errors).' })
  @Property({ type: 'integer' })
  failed!: number;

  @Field(() => [SyncRecordError], { description: 'The first 100 record errors.' })
  @Property({ type: 'json' })
  errors: Opt<SyncRecordError[]> = [];
}
