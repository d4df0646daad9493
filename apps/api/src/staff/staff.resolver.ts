import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Authorized } from 'type-graphql';
import { Organization } from '../organization/organization.entity.js';
import { mayReadSubject, requireActor, staffSubject } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { primeLoaders } from '../server/rows.js';
import { Staff } from './staff.entity.js';
import { StaffFilter, StaffPage, StaffSort } from './staff.types.js';

@Resolver(() => Staff)
export class StaffResolver {
  @Authorized()
  @Query(() => Staff, {
    nullable: true,
    description: 'The signed-in person (null for a machine caller such as the SIS).',
  })
  async me(@Ctx() ctx: Context): Promise<Staff | null> {
    if (ctx.actor?.kind !== 'STAFF') return null;
    return ctx.services.staff.get(ctx.em, ctx.actor, ctx.actor.staffId);
  }

  @Authorized('staff.read')
  @Query(() => Staff, { description: 'One staff member, if inside your scope.' })
  staff(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Staff> {
    return ctx.services.staff.get(ctx.em, ctx.actor, id);
  }

  @Authorized('staff.read')
  @Query(() => StaffPage, {
    description:
      'Staff you may see (staff: yourself; supervisors: their staff; district roles: everyone).',
  })
  async staffMembers(
    @Ctx() ctx: Context,
    @Arg('filter', () => StaffFilter, { nullable: true }) filter?: StaffFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
    @Arg('sort', () => StaffSort, { nullable: true }) sort?: StaffSort,
  ) {
    const result = await ctx.services.staff.list(ctx.em, requireActor(ctx.actor), filter, page, sort);
    primeLoaders(ctx.loaders, result.related);
    return result;
  }

  // A person named by a record you may see (an account's owner, a request's approver...) is shown
  // with their own fields; their relations only when you may read that person directly, so that
  // nobody's school or reporting line is reachable by walking from record to record.
  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The school they work at (null when this person is outside your scope).',
  })
  school(@Root() staff: Staff, @Ctx() ctx: Context) {
    if (!staff.school || !mayReadSubject(ctx.actor, 'staff.read', staffSubject(staff))) return null;
    return ctx.loaders.organization.load(staff.school.id);
  }

  @FieldResolver(() => Staff, {
    nullable: true,
    description:
      'Their supervising administrator, who decides their approval requests (null when this ' +
      'person is outside your scope).',
  })
  supervisor(@Root() staff: Staff, @Ctx() ctx: Context) {
    if (!staff.supervisor || !mayReadSubject(ctx.actor, 'staff.read', staffSubject(staff))) {
      return null;
    }
    return ctx.loaders.staff.load(staff.supervisor.id);
  }
}
