import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../auth/actor.js';
import { assertInScope, scopeSql } from '../auth/scope.js';
import { notFound } from '../server/errors.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import {  columns,
  containsPattern,
  countRows,
  type ListPage,
  listPage,
  ORGANIZATION_COLUMNS,
  organizationFrom,
  SqlWhere,
  STAFF_COLUMNS,
  staffFrom, query } from '../server/rows.js';
import { Staff } from './staff.entity.js';
import type { StaffFilter, StaffSort } from './staff.types.js';

/** The sort keys the staff list offers, each backed by a `(column, id)` index. */
const STAFF_SORT_COLUMNS: Record<string, string> = {
  familyName: 'family_name',
  givenName: 'given_name',
  email: 'email',
  position: 'position',
  createdAt: 'created_at',
};

/** The people register. A person's record is in scope as their own ("owner" is themself). */
export class StaffService {
  async get(em: EntityManager, actor: Actor | null, id: string): Promise<Staff> {
    const staff = await em.findOne(Staff, { id });
    if (!staff) throw notFound('Staff member', id);
    assertInScope(
      actor,
      'staff.read',
      {
        ownerId: staff.id,
        ownerSupervisorId: staff.supervisor?.id ?? null,
        schoolId: staff.school?.id ?? null,
      },
      'this staff member',
    );
    return staff;
  }

  /** One page of people: one statement (school and supervisor joined), plus a count only if `total` is read. */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: StaffFilter | null | undefined,
    page: PageInput | null | undefined,
    sort: StaffSort | null | undefined,
  ): Promise<ListPage<Staff>> {
    const { clause } = pageWindow(page);
    const where = new SqlWhere();
    const scope = scopeSql(actor, 'staff.read', {
      owner: 'p.id',
      ownerSupervisor: 'p.supervisor_id',
      school: 'p.school_id',
    });
    if (scope) where.add(scope.sql, ...scope.params);
    if (filter?.q?.trim()) {
      const like = containsPattern(filter.q.trim());
      // One expression, backed by the trigram index `staff_name_trgm` (a full name matches too).
      where.add(`(p.given_name || ' ' || p.family_name || ' ' || p.email || ' ' || p.position) ilike ?`, like);
    }
    if (filter?.schoolId) where.add('p.school_id = ?', filter.schoolId);
    if (filter?.supervisorId) where.add('p.supervisor_id = ?', filter.supervisorId);
    if (filter?.role) where.add('p.roles @> array[?]::text[]', filter.role);
    if (filter?.active !== undefined && filter?.active !== null) where.add('p.active = ?', filter.active);
    const column = STAFF_SORT_COLUMNS[sort?.field ?? 'familyName'] ?? 'family_name';
    const direction = sort?.direction === 'DESC' ? 'desc' : 'asc';
    const rows = await query<Record<string, unknown>>(
      em,
      `select ${columns('p', STAFF_COLUMNS)}, ${columns('s', ORGANIZATION_COLUMNS, 's_')},
              ${columns('sup', STAFF_COLUMNS, 'sup_')}
         from staff p
         left join organization s on s.id = p.school_id
         left join staff sup on sup.id = p.supervisor_id
         ${where}
        order by p.${column} ${direction}, p.id ${direction}
        ${clause.sql}`,
      [...where.params, ...clause.params],
    );
    return listPage(
      rows.map((row) => staffFrom(row)),
      {
        organizations: rows.map((row) => organizationFrom(row, 's_')),
        staff: rows.filter((row) => row.sup_id).map((row) => staffFrom(row, 'sup_')),
      },
      () => countRows(em, `select count(*)::int as total from staff p ${where}`, where.params),
    );
  }
}
