import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { AuditEvent } from './audit-event.entity.js';
import { listEvents, verifyChain } from './audit.service.js';
import { AuditChainReport, AuditEventFilter, AuditEventPage } from './audit.types.js';

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Authorized('audit.read')
  @Query(() => AuditEventPage, { description: 'The audit trail, newest first.' })
  auditEvents(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    return listEvents(ctx.em, filter, page);
  }

  @Authorized('audit.verify')
  @Query(() => AuditChainReport, {
    description: 'Re-computes every hash of the audit trail and reports the first broken link.',
  })
  verifyAuditChain(@Ctx() ctx: Context): Promise<AuditChainReport> {
    return verifyChain(ctx.em);
  }
}
