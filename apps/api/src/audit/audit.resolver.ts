import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { PageInput, pageWindow } from '../server/pagination.js';
import { AuditEvent } from './audit-event.entity.js';
import { verifyChain } from './audit.service.js';
import { AuditChainReport, AuditEventFilter, AuditEventPage } from './audit.types.js';

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized('audit.read')
  @Query(() => AuditEventPage, { description: 'The audit trail, newest first.' })
  async auditEvents(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    const { limit, offset } = pageWindow(page);
    const where: FilterQuery<AuditEvent> = {};
    if (filter?.action) where.action = filter.action;
    if (filter?.targetType) where.targetType = filter.targetType;
    if (filter?.targetId) where.targetId = filter.targetId;
    if (filter?.actorId) where.actorId = filter.actorId;
    if (filter?.from || filter?.to) {
      where.occurredAt = {
        ...(filter.from ? { $gte: filter.from } : {}),
        ...(filter.to ? { $lt: filter.to } : {}),
      };
    }
    const [items, total] = await ctx.em.findAndCount(AuditEvent, where, {
      limit,
      offset,
      orderBy: { id: 'desc' },
      disableIdentityMap: true,
    });
    return { items, total };
  }

  @Authorized('audit.verify')
  @Query(() => AuditChainReport, {
    description: 'Re-computes every hash of the audit trail and reports the first broken link.',
  })
  verifyAuditChain(@Ctx() ctx: Context): Promise<AuditChainReport> {
    return verifyChain(ctx.em);
  }
}
