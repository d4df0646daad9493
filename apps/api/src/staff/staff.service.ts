import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Actor } from '../auth/actor.js';
import { assertInScope, scopeFilter } from '../auth/scope.js';
import { notFound } from '../server/errors.js';
import { pageWindow, type Page, type PageInput } from '../server/pagination.js';
import { Staff } from './staff.entity.js';
import type { StaffFilter, StaffSort } from './staff.types.js';

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

  async list(
    em: EntityManager,
    actor: Actor,
    filter: StaffFilter | null | undefined,
    page: PageInput | null | undefined,
    sort: StaffSort | null | undefined,
  ): Promise<Page<Staff>> {
    const { limit, offset } = pageWindow(page);
    const where: FilterQuery<Staff>[] = [];
    const scope = scopeFilter(actor, 'staff.read', {
      owner: 'id',
      ownerSupervisor: 'supervisor',
      school: 'school',
    });
    if (scope) where.push(scope as FilterQuery<Staff>);
    if (filter?.q?.trim()) {
      const like = `%${filter.q.trim().replace(/[%_\\]/g, '\\$&')}%`;
      where.push({
        $or: [
          { givenName: { $ilike: like } },
          { familyName: { $ilike: like } },
          { email: { $ilike: like } },
          { position: { $ilike: like } },
        ],
      });
    }
    if (filter?.schoolId) where.push({ school: filter.schoolId });
    if (filter?.supervisorId) where.push({ supervisor: filter.supervisorId });
    if (filter?.role) where.push({ roles: { $contains: [filter.role] } });
    if (filter?.active !== undefined && filter?.active !== null) {
      where.push({ active: filter.active });
    }
    const field = sort?.field ?? 'familyName';
    const direction = sort?.direction === 'DESC' ? 'desc' : 'asc';
    const [items, total] = await em.findAndCount(
      Staff,
      { $and: where },
      { limit, offset, orderBy: [{ [field]: direction }, { id: 'asc' }] },
    );
    return { items, total };
  }
}
