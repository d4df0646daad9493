import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireActor } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import { DevLoginPayload, IssuedSisApiKey, SisApiKeyView } from './auth.types.js';
import { SisApiKey } from './sis-api-key.entity.js';
import { Staff } from '../staff/staff.entity.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => DevLoginPayload, {
    description:
      'Development sign-in: a token for a seeded person by email. Refused when NODE_ENV=production.',
  })
  devLogin(@Arg('email', () => String) email: string, @Ctx() ctx: Context) {
    return ctx.services.auth.devLogin(ctx.em, email, ctx.requestId);
  }

  @Authorized('sisKey.manage')
  @Query(() => [SisApiKeyView], { description: 'SIS API keys, newest first.' })
  sisApiKeys(@Ctx() ctx: Context) {
    return ctx.em.find(SisApiKey, {}, { orderBy: { createdAt: 'desc' } });
  }

  @Authorized('sisKey.manage')
  @Mutation(() => IssuedSisApiKey, {
    description: 'Issues an SIS API key scoped to the sync operations. The key is shown once.',
  })
  issueSisApiKey(@Arg('name', () => String) name: string, @Ctx() ctx: Context) {
    return ctx.services.auth.issueSisKey(ctx.em, requireActor(ctx.actor), name, ctx.requestId);
  }

  @Authorized('sisKey.manage')
  @Mutation(() => SisApiKeyView, { description: 'Revokes an SIS API key at once.' })
  revokeSisApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.auth.revokeSisKey(ctx.em, requireActor(ctx.actor), id, ctx.requestId);
  }

  @Authorized('staff.manage')
  @Mutation(() => Staff, {
    description:
      "Unlinks a staff member's sign-in identity (OIDC subject); their next verified sign-in " +
      'links again. Audited.',
  })
  unlinkSignInIdentity(@Arg('staffId', () => ID) staffId: string, @Ctx() ctx: Context) {
    return ctx.services.auth.unlinkSignInIdentity(ctx.em, requireActor(ctx.actor), staffId, ctx.requestId);
  }
}
