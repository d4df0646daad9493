import {
  Arg,
  Authorized,
  createParameterDecorator,
  Ctx,
  FieldResolver,
  ID,
  type MiddlewareFn,
  Mutation,
  Query,
  Resolver,
  Root,
  UseMiddleware,
} from 'type-graphql';
import { mayReadSubject, requireActor } from '../auth/scope.js';
import { Organization } from '../organization/organization.entity.js';
import type { Context } from '../server/context.js';
import { PageInput, pageWindow } from '../server/pagination.js';
import { countRows, instanceOf, listPage, primeLoaders, query } from '../server/rows.js';
import { Guardian, MediaRelease, Student, SyncRun } from './sis.entities.js';
import {
  GuardianSyncRecord,
  MediaReleaseSyncRecord,
  OrganizationSyncRecord,
  ReleaseStandingView,
  StaffSyncRecord,
  StudentFilter,
  StudentPage,
  StudentSyncRecord,
  SyncResultView,
  SyncRunPage,
} from './sis.types.js';
import { standingToday, studentSubject } from './students.service.js';

const BATCH = 'Up to 5,000 records, upserted by sourcedId; idempotent. Returns counts and every refused record.';

/*
 * The records reach the service as GraphQL coerced them. type-graphql would otherwise copy each
 * of up to 5,000 records into an instance of its input class before the resolver runs (for every
 * record, it rebuilds the class's field list and looks each field's type up in its metadata:
 * ~1.6 µs a record, plus the garbage), which the service does not need: it validates every record
 * itself. `KeepRecords` runs after the @Authorized check, sets the coerced list aside and leaves
 * type-graphql an empty one to convert; `@Records()` hands the list set aside to the resolver. The
 * `@Arg` stays, so the schema is unchanged.
 */
const coercedRecords = new WeakMap<object, unknown[]>();
const KeepRecords: MiddlewareFn<Context> = ({ args }, next) => {
  coercedRecords.set(args, (args.records as unknown[] | undefined) ?? []);
  args.records = [];
  return next();
};
function Records() {
  return createParameterDecorator<Context>(({ args }) => coercedRecords.get(args) ?? []);
}

@Resolver()
export class SisSyncResolver {
  @Authorized('organization.sync')
  @UseMiddleware(KeepRecords)
  @Mutation(() => SyncResultView, { description: `Syncs the district and its schools. ${BATCH}` })
  syncOrganizations(
    @Arg('records', () => [OrganizationSyncRecord]) _records: OrganizationSyncRecord[],
    @Records() records: unknown[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.sync.syncOrganizations(ctx.em, requireActor(ctx.actor), records);
  }

  @Authorized('staff.sync')
  @UseMiddleware(KeepRecords)
  @Mutation(() => SyncResultView, {
    description: `Syncs staff. A person set tobedeleted is deactivated and their affiliated accounts need a new owner. ${BATCH}`,
  })
  syncStaff(
    @Arg('records', () => [StaffSyncRecord]) _records: StaffSyncRecord[],
    @Records() records: unknown[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.sync.syncStaff(ctx.em, requireActor(ctx.actor), records);
  }

  @Authorized('student.sync')
  @UseMiddleware(KeepRecords)
  @Mutation(() => SyncResultView, { description: `Syncs students. ${BATCH}` })
  syncStudents(
    @Arg('records', () => [StudentSyncRecord]) _records: StudentSyncRecord[],
    @Records() records: unknown[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.sync.syncStudents(ctx.em, requireActor(ctx.actor), records);
  }

  @Authorized('student.sync')
  @UseMiddleware(KeepRecords)
  @Mutation(() => SyncResultView, { description: `Syncs parents and guardians with their students. ${BATCH}` })
  syncGuardians(
    @Arg('records', () => [GuardianSyncRecord]) _records: GuardianSyncRecord[],
    @Records() records: unknown[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.sync.syncGuardians(ctx.em, requireActor(ctx.actor), records);
  }

  @Authorized('mediaRelease.sync')
  @UseMiddleware(KeepRecords)
  @Mutation(() => SyncResultView, { description: `Syncs media releases (XIV). ${BATCH}` })
  syncMediaReleases(
    @Arg('records', () => [MediaReleaseSyncRecord]) _records: MediaReleaseSyncRecord[],
    @Records() records: unknown[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.sync.syncMediaReleases(ctx.em, requireActor(ctx.actor), records);
  }

  @Authorized('audit.read')
  @Query(() => SyncRunPage, { description: 'SIS sync runs, newest first (district admin, auditor).' })
  async syncRuns(@Ctx() ctx: Context, @Arg('page', () => PageInput, { nullable: true }) page?: PageInput) {
    const { clause } = pageWindow(page);
    const rows = await query<Record<string, unknown>>(
      ctx.em,
      `select * from sync_run order by started_at desc, id desc ${clause.sql}`,
      [...clause.params],
    );
    const items = rows.map((r) =>
      instanceOf(SyncRun, {
        id: r.id,
        kind: r.kind,
        source: r.source,
        actorLabel: r.actor_label,
        sisKeyId: r.sis_key_id,
        startedAt: new Date(r.started_at as string),
        finishedAt: new Date(r.finished_at as string),
        durationMs: r.duration_ms,
        received: r.received,
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        deactivated: r.deactivated,
        failed: r.failed,
        errors: r.errors,
      }),
    );
    return listPage(items, {}, () => countRows(ctx.em, 'select count(*)::int as total from sync_run', []));
  }
}

@Resolver(() => Student)
export class StudentsResolver {
  @Authorized('student.read')
  @Query(() => StudentPage, {
    description: "Students you may see (staff: their school's; district roles: all), by family name.",
  })
  async students(
    @Ctx() ctx: Context,
    @Arg('filter', () => StudentFilter, { nullable: true }) filter?: StudentFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    const result = await ctx.services.students.list(ctx.em, requireActor(ctx.actor), filter, page);
    primeLoaders(ctx.loaders, result.related);
    for (const [id, facts] of result.facts) ctx.loaders.releaseFacts.prime(id, facts);
    return result;
  }

  @Authorized('student.read')
  @Query(() => Student, { description: 'One student, if inside your scope.' })
  student(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.students.get(ctx.em, ctx.actor, id);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Their school.' })
  school(@Root() student: Student, @Ctx() ctx: Context) {
    return student.school ? ctx.loaders.organization.load(student.school.id) : null;
  }

  @FieldResolver(() => ReleaseStandingView, {
    description: 'Whether a current, properly completed release covers district social media today (XIV).',
  })
  async mediaReleaseStanding(@Root() student: Student, @Ctx() ctx: Context): Promise<ReleaseStandingView> {
    const facts = await ctx.loaders.releaseFacts.load(student.id);
    const standing = standingToday(facts ?? { releases: [], guardianIds: [], birthDate: null });
    return standing.current
      ? { current: true, problem: null, message: 'A current media release is on file.', sections: standing.sections }
      : { current: false, problem: standing.problem, message: standing.message, sections: standing.sections };
  }

  @FieldResolver(() => [MediaRelease], {
    nullable: true,
    description: 'Every release on file, newest first: supervisors and district roles only (null for staff).',
  })
  mediaReleases(@Root() student: Student, @Ctx() ctx: Context) {
    if (!mayReadSubject(ctx.actor, 'mediaRelease.read', studentSubject(student))) return null;
    return ctx.loaders.releasesByStudent.load(student.id);
  }

  @FieldResolver(() => [Guardian], {
    nullable: true,
    description: "The student's parents and guardians: district admin and the SIS only (null otherwise).",
  })
  async guardians(@Root() student: Student, @Ctx() ctx: Context) {
    if (!mayReadSubject(ctx.actor, 'guardian.read', studentSubject(student))) return null;
    const links = await ctx.loaders.guardiansByStudent.load(student.id);
    return (await Promise.all(links.map((l) => ctx.loaders.guardian.load(l.id)))).filter((g) => g !== null);
  }
}

@Resolver(() => Guardian)
export class GuardianResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Email: district admin and the SIS only.' })
  email(@Root() guardian: Guardian, @Ctx() ctx: Context) {
    return mayReadSubject(ctx.actor, 'guardian.read', { ownerId: null, ownerSupervisorId: null, schoolId: null })
      ? guardian.email
      : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Phone: district admin and the SIS only.' })
  phone(@Root() guardian: Guardian, @Ctx() ctx: Context) {
    return mayReadSubject(ctx.actor, 'guardian.read', { ownerId: null, ownerSupervisorId: null, schoolId: null })
      ? guardian.phone
      : null;
  }
}

@Resolver(() => MediaRelease)
export class MediaReleaseResolver {
  @FieldResolver(() => Guardian, { nullable: true, description: 'The guardian who signed, if a guardian did.' })
  signedByGuardian(@Root() release: MediaRelease, @Ctx() ctx: Context) {
    return release.signedByGuardian ? ctx.loaders.guardian.load(release.signedByGuardian.id) : null;
  }
}
