import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageOf } from '../server/pagination.js';
import { MediaScopeEnum, Student, SyncRecordError, SyncRun } from './sis.entities.js';

/*
 * Sync records are typed loosely on purpose (strings, most fields optional): each record is
 * validated on its own by the sync service, and a bad record is reported in `errors` while the
 * rest of the batch is saved. A strict GraphQL type would refuse the whole batch instead.
 */

const STATUS = 'OneRoster record status: "active" (default) or "tobedeleted" (deactivates; never deletes).';
const MODIFIED = "The SIS's last change (ISO 8601). An older record never overwrites a newer one.";

@InputType({ description: 'The district or a school, as the SIS sends it.' })
export class OrganizationSyncRecord {
  @Field(() => String, { nullable: true, description: 'The SIS identifier (required).' })
  sourcedId?: string | null;
  @Field(() => String, { nullable: true, description: STATUS })
  status?: string | null;
  @Field(() => String, { nullable: true, description: MODIFIED })
  dateLastModified?: string | null;
  @Field(() => String, { nullable: true, description: 'Full name (required).' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: '"district" or "school" (required).' })
  type?: string | null;
  @Field(() => String, { nullable: true, description: 'Short name or code.' })
  identifier?: string | null;
  @Field(() => String, { nullable: true, description: "A school's district (sourcedId)." })
  parentSourcedId?: string | null;
}

@InputType({ description: 'A member of staff, as the SIS sends them. Roles are granted in Steward.' })
export class StaffSyncRecord {
  @Field(() => String, { nullable: true, description: 'The SIS identifier (required).' })
  sourcedId?: string | null;
  @Field(() => String, { nullable: true, description: STATUS })
  status?: string | null;
  @Field(() => String, { nullable: true, description: MODIFIED })
  dateLastModified?: string | null;
  @Field(() => String, { nullable: true, description: 'Work email, the sign-in name (required).' })
  email?: string | null;
  @Field(() => String, { nullable: true, description: 'Given name (required).' })
  givenName?: string | null;
  @Field(() => String, { nullable: true, description: 'Family name (required).' })
  familyName?: string | null;
  @Field(() => String, { nullable: true, description: 'Job title; Steward keeps its own when absent.' })
  position?: string | null;
  @Field(() => String, { nullable: true, description: 'School (sourcedId); none for district staff.' })
  schoolSourcedId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Supervising administrator (sourcedId); Steward keeps its own when absent.',
  })
  supervisorSourcedId?: string | null;
}

@InputType({ description: 'A student, as the SIS sends them.' })
export class StudentSyncRecord {
  @Field(() => String, { nullable: true, description: 'The SIS identifier (required).' })
  sourcedId?: string | null;
  @Field(() => String, { nullable: true, description: STATUS })
  status?: string | null;
  @Field(() => String, { nullable: true, description: MODIFIED })
  dateLastModified?: string | null;
  @Field(() => String, { nullable: true, description: 'Given name (required).' })
  givenName?: string | null;
  @Field(() => String, { nullable: true, description: 'Family name (required).' })
  familyName?: string | null;
  @Field(() => String, { nullable: true, description: 'The name the student goes by.' })
  preferredName?: string | null;
  @Field(() => String, { nullable: true, description: 'School (sourcedId).' })
  schoolSourcedId?: string | null;
  @Field(() => String, { nullable: true, description: 'Grade level, e.g. "09".' })
  grade?: string | null;
  @Field(() => String, { nullable: true, description: 'ENROLLED (default), WITHDRAWN or GRADUATED.' })
  enrollmentStatus?: string | null;
  @Field(() => String, { nullable: true, description: 'Birth date (YYYY-MM-DD); never shown, used for XIV.' })
  birthDate?: string | null;
  @Field(() => String, { nullable: true, description: 'Expected graduation date (YYYY-MM-DD).' })
  expectedGraduation?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the student has graduated.' })
  graduated?: boolean | null;
}

@InputType({ description: 'A link from a guardian to one of their students.' })
export class GuardianStudentLink {
  @Field(() => String, { nullable: true, description: 'The student (sourcedId).' })
  studentSourcedId?: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. "parent", "guardian", "relative".' })
  relationship?: string | null;
}

@InputType({ description: "A parent or guardian, as the SIS sends them, with their students." })
export class GuardianSyncRecord {
  @Field(() => String, { nullable: true, description: 'The SIS identifier (required).' })
  sourcedId?: string | null;
  @Field(() => String, { nullable: true, description: STATUS })
  status?: string | null;
  @Field(() => String, { nullable: true, description: MODIFIED })
  dateLastModified?: string | null;
  @Field(() => String, { nullable: true, description: 'Given name (required).' })
  givenName?: string | null;
  @Field(() => String, { nullable: true, description: 'Family name (required).' })
  familyName?: string | null;
  @Field(() => String, { nullable: true, description: 'Email (district admin only).' })
  email?: string | null;
  @Field(() => String, { nullable: true, description: 'Phone (district admin only).' })
  phone?: string | null;
  @Field(() => [GuardianStudentLink], {
    nullable: true,
    description: 'All of their students; links not listed are removed.',
  })
  students?: GuardianStudentLink[] | null;
}

@InputType({ description: 'A media release on file, as the SIS sends it (XIV).' })
export class MediaReleaseSyncRecord {
  @Field(() => String, { nullable: true, description: 'The SIS identifier of the release (required).' })
  sourcedId?: string | null;
  @Field(() => String, { nullable: true, description: STATUS })
  status?: string | null;
  @Field(() => String, { nullable: true, description: MODIFIED })
  dateLastModified?: string | null;
  @Field(() => String, { nullable: true, description: 'The student (sourcedId, required).' })
  studentSourcedId?: string | null;
  @Field(() => String, { nullable: true, description: 'GRANTED, DENIED or REVOKED (required).' })
  releaseStatus?: string | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Where the student may be shown: DISTRICT_SOCIAL_MEDIA, WEBSITE, PRINT, NEWS_MEDIA.',
  })
  scopes?: string[] | null;
  @Field(() => String, { nullable: true, description: 'First day it applies (YYYY-MM-DD).' })
  validFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'Last day it applies (YYYY-MM-DD).' })
  validUntil?: string | null;
  @Field(() => String, { nullable: true, description: 'Or a school year, e.g. 2026-2027 (1 July to 30 June).' })
  schoolYear?: string | null;
  @Field(() => String, { nullable: true, description: 'The guardian who signed (sourcedId).' })
  signedByGuardianSourcedId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'True when the student signed (18 or older).' })
  signedByStudent?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Date signed (YYYY-MM-DD).' })
  signedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Date the district received it.' })
  receivedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Where the signed document is kept.' })
  documentRef?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What a sync call did. Valid records are saved even when others fail.' })
export class SyncResultView {
  @Field(() => ID, { description: 'The sync run recorded for this call.' })
  runId!: string;
  @Field(() => String, { description: 'What was synced.' })
  kind!: string;
  @Field(() => Int, { description: 'Records received.' })
  received!: number;
  @Field(() => Int, { description: 'Records created.' })
  created!: number;
  @Field(() => Int, { description: 'Records changed.' })
  updated!: number;
  @Field(() => Int, { description: 'Records already up to date, or older than what is stored.' })
  unchanged!: number;
  @Field(() => Int, { description: 'Records deactivated (tobedeleted).' })
  deactivated!: number;
  @Field(() => Int, { description: 'Records refused; see errors.' })
  failed!: number;
  @Field(() => Int, { description: 'How long the call took, in milliseconds.' })
  durationMs!: number;
  @Field(() => [SyncRecordError], { description: 'Every refused record, with why.' })
  errors!: SyncRecordError[];
}

@InputType({ description: 'Narrows the student list; fields combine with AND.' })
export class StudentFilter {
  @Field(() => String, { nullable: true, description: 'Matches given, family or preferred name.' })
  q?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only students of this school.' })
  schoolId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only this grade.' })
  grade?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Include students the SIS has removed.' })
  includeInactive?: boolean | null;
}

@ObjectType({ simpleResolvers: true, description: 'Whether a student may be shown on district social media today (XIV).' })
export class ReleaseStandingView {
  @Field(() => Boolean, { description: 'True when a current, properly completed release is on file.' })
  current!: boolean;
  @Field(() => String, { nullable: true, description: 'Why not, as a code (e.g. EXPIRED).' })
  problem!: string | null;
  @Field(() => String, { description: 'In words.' })
  message!: string;
  @Field(() => [String], { description: 'Policy sections.' })
  sections!: string[];
}

export const StudentPage = PageOf(Student, 'Student');
export const SyncRunPage = PageOf(SyncRun, 'SyncRun');

export { MediaScopeEnum };
