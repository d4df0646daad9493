import type { EntityManager } from '@mikro-orm/postgresql';
import {
  isoDate,
  type MediaReleaseFacts,
  type ReleaseStanding,
  type StudentFacts,
  studentReleaseStanding,
} from '@steward/domain';
import type { Actor } from '../auth/actor.js';
import { assertInScope, mayReadSubject, scopeSql } from '../auth/scope.js';
import { notFound } from '../server/errors.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import {  columns,
  containsPattern,
  countRows,
  instanceOf,
  type ListPage,
  listPage,
  ORGANIZATION_COLUMNS,
  organizationFrom,
  SqlWhere, query } from '../server/rows.js';
import { Student } from './sis.entities.js';

/** What the release rule (XIV) needs to know about one student. */
export interface ReleaseFacts extends StudentFacts {
  releases: MediaReleaseFacts[];
}

/**
 * The release facts of a student as two correlated sub-selects, so a list page computes every
 * student's standing in its one statement: the active releases, and the active guardians linked.
 */
export const RELEASE_FACTS_SQL = (s: string) => `
  ${s}.birth_date::text as facts_birth_date,
  (select coalesce(jsonb_agg(jsonb_build_object(
            'status', r.status, 'scopes', r.scopes, 'validFrom', r.valid_from, 'validUntil', r.valid_until,
            'schoolYear', r.school_year, 'signedByKind', r.signed_by_kind,
            'signedByGuardianId', r.signed_by_guardian_id, 'signedOn', r.signed_on, 'receivedOn', r.received_on)),
          '[]'::jsonb)
     from media_release r where r.student_id = ${s}.id and r.active) as facts_releases,
  (select coalesce(jsonb_agg(l.guardian_id), '[]'::jsonb)
     from student_guardian l join guardian g on g.id = l.guardian_id and g.active
    where l.student_id = ${s}.id) as facts_guardian_ids`;

interface FactsRow {
  facts_birth_date: string | null;
  facts_releases: {
    status: MediaReleaseFacts['status'];
    scopes: MediaReleaseFacts['scopes'];
    validFrom: string | null;
    validUntil: string | null;
    schoolYear: string | null;
    signedByKind: 'GUARDIAN' | 'STUDENT' | null;
    signedByGuardianId: string | null;
    signedOn: string | null;
    receivedOn: string | null;
  }[];
  facts_guardian_ids: string[];
}

export function factsFrom(row: FactsRow): ReleaseFacts {
  return {
    birthDate: row.facts_birth_date,
    guardianIds: row.facts_guardian_ids,
    releases: row.facts_releases.map((r) => ({
      status: r.status,
      scopes: r.scopes,
      validFrom: r.validFrom,
      validUntil: r.validUntil,
      schoolYear: r.schoolYear,
      signedBy:
        r.signedByKind === 'STUDENT'
          ? { kind: 'STUDENT' }
          : r.signedByKind === 'GUARDIAN' && r.signedByGuardianId
            ? { kind: 'GUARDIAN', guardianId: r.signedByGuardianId }
            : null,
      signedOn: r.signedOn,
      receivedOn: r.receivedOn,
    })),
  };
}

/** Release facts for many students, one statement (the loader behind single reads and checks). */
export async function loadReleaseFacts(em: EntityManager, ids: readonly string[]): Promise<Map<string, ReleaseFacts>> {
  const rows = await query<(FactsRow & { id: string })>(
      em,
    `select s.id, ${RELEASE_FACTS_SQL('s')} from student s
      where s.id in (select (jsonb_array_elements_text(?::jsonb))::uuid)`,
    [JSON.stringify(ids)],
  );
  return new Map(rows.map((row) => [row.id, factsFrom(row)]));
}

/** A student's standing for district social media today (what staff may see). */
export function standingToday(facts: ReleaseFacts, today = isoDate(new Date())): ReleaseStanding {
  return studentReleaseStanding(facts.releases, facts, 'DISTRICT_SOCIAL_MEDIA', today, today);
}

export const STUDENT_COLUMNS = [
  'id',
  'sourced_id',
  'given_name',
  'family_name',
  'preferred_name',
  'school_id',
  'grade',
  'enrollment_status',
  'graduated',
  'active',
  'created_at',
  'updated_at',
] as const;

export function studentFrom(row: Record<string, unknown>, p = ''): Student {
  return instanceOf(Student, {
    id: row[`${p}id`],
    sourcedId: row[`${p}sourced_id`],
    givenName: row[`${p}given_name`],
    familyName: row[`${p}family_name`],
    preferredName: row[`${p}preferred_name`],
    school: row[`${p}school_id`] ? { id: row[`${p}school_id`] } : null,
    grade: row[`${p}grade`],
    enrollmentStatus: row[`${p}enrollment_status`],
    expectedGraduation: row[`${p}expected_graduation`] ?? null,
    graduated: row[`${p}graduated`],
    active: row[`${p}active`],
    createdAt: new Date(row[`${p}created_at`] as string),
    updatedAt: new Date(row[`${p}updated_at`] as string),
  });
}

/** Students are in scope by school (student.read): staff see their school's, the district all. */
export function studentSubject(student: { school?: { id: string } | null }) {
  return { ownerId: null, ownerSupervisorId: null, schoolId: student.school?.id ?? null };
}

export interface StudentListFilter {
  q?: string | null;
  schoolId?: string | null;
  grade?: string | null;
  includeInactive?: boolean | null;
}

export class StudentsService {
  async get(em: EntityManager, actor: Actor | null, id: string): Promise<Student> {
    const student = await em.findOne(Student, { id });
    if (!student) throw notFound('Student', id);
    assertInScope(actor, 'student.read', studentSubject(student), 'this student');
    return student;
  }

  mayRead(actor: Actor | null, student: Student): boolean {
    return mayReadSubject(actor, 'student.read', studentSubject(student));
  }

  /** One page: the student, their school and their release facts, in one statement. */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: StudentListFilter | null | undefined,
    page: PageInput | null | undefined,
  ): Promise<ListPage<Student> & { facts: Map<string, ReleaseFacts> }> {
    const { clause } = pageWindow(page);
    const where = new SqlWhere();
    const scope = scopeSql(actor, 'student.read', {
      owner: 'null::uuid',
      ownerSupervisor: 'null::uuid',
      school: 's.school_id',
    });
    if (scope) where.add(scope.sql, ...scope.params);
    if (!filter?.includeInactive) where.add('s.active');
    if (filter?.q?.trim()) {
      where.add(
        `(s.given_name || ' ' || s.family_name || ' ' || coalesce(s.preferred_name, '')) ilike ?`,
        containsPattern(filter.q.trim()),
      );
    }
    if (filter?.schoolId) where.add('s.school_id = ?', filter.schoolId);
    if (filter?.grade) where.add('s.grade = ?', filter.grade);
    const rows = await query<(Record<string, unknown> & FactsRow)>(
      em,
      `select ${columns('s', STUDENT_COLUMNS)}, s.expected_graduation::text as expected_graduation,
              ${columns('o', ORGANIZATION_COLUMNS, 'o_')}, ${RELEASE_FACTS_SQL('s')}
         from student s
         left join organization o on o.id = s.school_id
         ${where}
        order by s.family_name, s.given_name, s.id
        ${clause.sql}`,
      [...where.params, ...clause.params],
    );
    const page_ = listPage(
      rows.map((row) => studentFrom(row)),
      { organizations: rows.map((row) => organizationFrom(row, 'o_')) },
      () => countRows(em, `select count(*)::int as total from student s ${where}`, where.params),
    );
    return Object.assign(page_, { facts: new Map(rows.map((row) => [row.id as string, factsFrom(row)])) });
  }
}
