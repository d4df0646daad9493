import type { EntityManager } from '@mikro-orm/postgresql';
import { checkPublication, isoDate, type MediaKind } from '@steward/domain';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { accountSubject } from '../accounts/accounts.service.js';
import { SocialAccount } from '../accounts/social-account.entity.js';
import type { Actor } from '../auth/actor.js';
import { assertInScope, mayReadSubject, requireActor, scopeSql } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Context } from '../server/context.js';
import { badInput, forbidden, notFound } from '../server/errors.js';
import { PageInput, PageOf, pageWindow } from '../server/pagination.js';
import {  ACCOUNT_COLUMNS,
  accountFrom,
  columns,
  countRows,
  instanceOf,
  type ListPage,
  listPage,
  primeLoaders,
  SqlWhere,
  STAFF_COLUMNS,
  staffFrom, query } from '../server/rows.js';
import { Student } from '../sis/sis.entities.js';
import { loadReleaseFacts, studentFrom, studentSubject } from '../sis/students.service.js';
import { Staff } from '../staff/staff.entity.js';

/**
 * The publication check (IV, XIV): before a post shows students, staff ask whether it may, and
 * the answer is recorded (who, when, which account and students, the result with a reason per
 * student), so a post's compliance can be shown later.
 */

export enum MediaKindEnum {
  PHOTO = 'PHOTO',
  VIDEO = 'VIDEO',
  NAME_ONLY = 'NAME_ONLY',
}
registerEnumType(MediaKindEnum, { name: 'MediaKind', description: 'How students appear in a post.' });

@InputType({ description: 'A planned post: where, which students, how, when.' })
export class CheckPublicationInput {
  @Field(() => ID, { description: 'The account the post goes on.' })
  accountId!: string;

  @Field(() => [ID], { description: 'The students shown: Steward ids or SIS sourcedIds (at most 200).' })
  students!: string[];

  @Field(() => MediaKindEnum, { description: 'Photo, video, or name only.' })
  mediaKind!: MediaKind;

  @Field(() => String, { nullable: true, description: 'Planned date (YYYY-MM-DD); today if absent.' })
  plannedOn?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The answer for one student of a publication check.' })
export class StudentVerdictView {
  studentId!: string;

  @Field(() => Boolean, { description: 'Whether this student may be shown.' })
  allowed!: boolean;

  @Field(() => String, { nullable: true, description: 'Why not, as a code (e.g. EXPIRED, PERSONAL_ACCOUNT).' })
  problem!: string | null;

  @Field(() => String, { description: 'In words.' })
  message!: string;

  @Field(() => [String], { description: 'Policy sections.' })
  sections!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A recorded publication check (IV, XIV).' })
export class PublicationCheck {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  accountId!: string;
  checkedById!: string | null;

  @Field(() => MediaKindEnum, { description: 'How students appear.' })
  mediaKind!: MediaKind;

  @Field(() => String, { description: 'The planned date (YYYY-MM-DD).' })
  plannedOn!: string;

  @Field(() => String, { description: 'ALLOWED or BLOCKED.' })
  result!: 'ALLOWED' | 'BLOCKED';

  @Field(() => [StudentVerdictView], { description: 'The answer for each student.' })
  students!: StudentVerdictView[];

  @Field(() => Date, { description: 'When it was checked.' })
  createdAt!: Date;
}

export const PublicationCheckPage = PageOf(PublicationCheck, 'PublicationCheck');

@InputType({ description: 'Narrows the list of publication checks.' })
export class PublicationCheckFilter {
  @Field(() => ID, { nullable: true, description: 'Only checks for this account.' })
  accountId?: string | null;
}

const MAX_STUDENTS = 200;

function checkFrom(row: Record<string, unknown>): PublicationCheck {
  return instanceOf(PublicationCheck, {
    id: row.id,
    accountId: row.account_id,
    checkedById: row.checked_by_id,
    mediaKind: row.media_kind,
    plannedOn: row.planned_on,
    result: row.result,
    students: (row.verdicts as StudentVerdictView[]).map((v) => instanceOf(StudentVerdictView, { ...v })),
    createdAt: new Date(row.created_at as string),
  });
}

export class PublicationService {
  async check(
    em: EntityManager,
    actor: Actor,
    input: CheckPublicationInput,
    requestId: string,
  ): Promise<PublicationCheck> {
    if (actor.kind !== 'STAFF') throw forbidden('Only people check posts.');
    const wanted = [...new Set(input.students.map((s) => s.trim()).filter(Boolean))];
    if (wanted.length > MAX_STUDENTS) throw badInput(`At most ${MAX_STUDENTS} students per check.`, 'students');
    let plannedOn: string;
    try {
      plannedOn = isoDate(input.plannedOn?.trim() || new Date());
    } catch {
      throw badInput('plannedOn must be a date (YYYY-MM-DD).', 'plannedOn');
    }
    return em.transactional(async (tx) => {
      const account = await tx.findOne(SocialAccount, { id: input.accountId }, { populate: ['owner'] });
      if (!account) throw notFound('Social account', input.accountId);
      assertInScope(actor, 'publication.check', accountSubject(account), 'a post on this account');
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      const students = await tx.find(Student, {
        $or: [{ id: { $in: wanted.filter((w) => uuid.test(w)) } }, { sourcedId: { $in: wanted } }],
      });
      const found = new Set(students.flatMap((s) => [s.id, s.sourcedId]));
      const missing = wanted.filter((w) => !found.has(w));
      if (missing.length > 0) throw notFound('Student', missing.join(', '));
      const outside = students.filter((s) => !mayReadSubject(actor, 'student.read', studentSubject(s)));
      if (outside.length > 0) throw forbidden('Some of these students are outside your scope.');
      const facts = await loadReleaseFacts(tx, students.map((s) => s.id));
      const today = isoDate(new Date());
      const verdict = checkPublication({
        classification: account.classification,
        mediaKind: input.mediaKind,
        on: plannedOn,
        today,
        students: students.map((s) => ({
          id: s.id,
          ...(facts.get(s.id) ?? { releases: [], guardianIds: [], birthDate: null }),
        })),
      });
      const [row] = await tx.execute<Record<string, unknown>[]>(
        `insert into publication_check (account_id, checked_by_id, media_kind, planned_on, result, verdicts, student_ids)
         values (?, ?, ?, ?, ?, ?::jsonb, (select array_agg(x::uuid) from jsonb_array_elements_text(?::jsonb) x))
         returning id, account_id, checked_by_id, media_kind, planned_on::text, result, verdicts, created_at`,
        [
          account.id,
          actor.staffId,
          input.mediaKind,
          plannedOn,
          verdict.result,
          JSON.stringify(verdict.students),
          JSON.stringify(students.map((s) => s.id)),
        ],
      );
      await recordAudit(tx, actor, requestId, {
        action: 'publication.check',
        targetType: 'SocialAccount',
        targetId: account.id,
        change: {
          result: verdict.result,
          mediaKind: input.mediaKind,
          plannedOn,
          students: verdict.students.map((s) => ({ id: s.studentId, allowed: s.allowed, problem: s.problem })),
        },
      });
      return checkFrom(row as Record<string, unknown>);
    });
  }

  /** Checks you may see (on accounts in your scope, or made by you), newest first. */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: PublicationCheckFilter | null | undefined,
    page: PageInput | null | undefined,
  ): Promise<ListPage<PublicationCheck>> {
    const { clause } = pageWindow(page);
    const where = new SqlWhere();
    const scope = scopeSql(actor, 'publication.check', {
      owner: 'a.owner_id',
      ownerSupervisor: 'o.supervisor_id',
      school: 'coalesce(a.school_id, o.school_id)',
    });
    const me = actor.kind === 'STAFF' ? actor.staffId : null;
    if (scope) where.add(me ? `${scope.sql} or c.checked_by_id = ?` : scope.sql, ...scope.params, ...(me ? [me] : []));
    if (filter?.accountId) where.add('c.account_id = ?', filter.accountId);
    const from = 'from publication_check c join social_account a on a.id = c.account_id join staff o on o.id = a.owner_id';
    // The account, its owner, who checked and the students are joined once and prime the loaders.
    const rows = await query<Record<string, unknown>>(
      em,
      `select c.id, c.account_id, c.checked_by_id, c.media_kind, c.planned_on::text, c.result, c.verdicts, c.created_at,
              ${columns('a', ACCOUNT_COLUMNS, 'a_')}, ${columns('o', STAFF_COLUMNS, 'o_')},
              ${columns('ck', STAFF_COLUMNS, 'ck_')},
              (select coalesce(jsonb_agg(to_jsonb(s)), '[]'::jsonb) from student s where s.id = any(c.student_ids)) as students_json
         ${from} left join staff ck on ck.id = c.checked_by_id ${where}
        order by c.created_at desc, c.id desc ${clause.sql}`,
      [...where.params, ...clause.params],
    );
    return listPage(
      rows.map(checkFrom),
      {
        accounts: rows.map((row) => accountFrom(row, 'a_')),
        staff: [
          ...rows.map((row) => staffFrom(row, 'o_')),
          ...rows.filter((row) => row.ck_id).map((row) => staffFrom(row, 'ck_')),
        ],
        students: rows.flatMap((row) => (row.students_json as Record<string, unknown>[]).map((s) => studentFrom(s))),
      },
      () => countRows(em, `select count(*)::int as total ${from} ${where}`, where.params),
    );
  }
}

@Resolver(() => PublicationCheck)
export class PublicationResolver {
  @Authorized('publication.check')
  @Mutation(() => PublicationCheck, {
    description:
      'May these students be shown in this post? On a personal account no (IV); on an affiliated ' +
      'one each needs a current, properly completed media release (XIV). The check is recorded.',
  })
  checkPublication(@Arg('input', () => CheckPublicationInput) input: CheckPublicationInput, @Ctx() ctx: Context) {
    return ctx.services.publication.check(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('publication.check')
  @Query(() => PublicationCheckPage, { description: 'Recorded publication checks you may see, newest first.' })
  async publicationChecks(
    @Ctx() ctx: Context,
    @Arg('filter', () => PublicationCheckFilter, { nullable: true }) filter?: PublicationCheckFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    const result = await ctx.services.publication.list(ctx.em, requireActor(ctx.actor), filter, page);
    primeLoaders(ctx.loaders, result.related);
    return result;
  }

  @FieldResolver(() => SocialAccount, {
    nullable: true,
    description: 'The account (null when you may no longer read it).',
  })
  async account(@Root() check: PublicationCheck, @Ctx() ctx: Context) {
    const account = await ctx.loaders.account.load(check.accountId);
    const owner = account ? await ctx.loaders.staff.load(account.owner.id) : null;
    if (!account || !owner) return null;
    return mayReadSubject(ctx.actor, 'socialAccount.read', accountSubject({ owner, school: account.school }))
      ? account
      : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who checked.' })
  checkedBy(@Root() check: PublicationCheck, @Ctx() ctx: Context) {
    return check.checkedById ? ctx.loaders.staff.load(check.checkedById) : null;
  }
}

@Resolver(() => StudentVerdictView)
export class StudentVerdictResolver {
  @FieldResolver(() => Student, { nullable: true, description: 'The student (null when outside your scope).' })
  async student(@Root() verdict: StudentVerdictView, @Ctx() ctx: Context) {
    const student = await ctx.loaders.student.load(verdict.studentId);
    return student && mayReadSubject(ctx.actor, 'student.read', studentSubject(student)) ? student : null;
  }
}
