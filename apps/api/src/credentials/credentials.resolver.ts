import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireActor } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import {
  CredentialMetadata,
  RevealedCredential,
  toCredentialMetadata,
} from './credentials.types.js';

@Resolver()
export class CredentialsResolver {
  @Authorized('credential.escrow')
  @Mutation(() => CredentialMetadata, {
    description:
      'Escrows the username and password of a school-affiliated account (XI), encrypted. ' +
      'Refused with POLICY_VIOLATION for a personal account (III); nothing is stored then.',
  })
  async escrowCredential(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('username', () => String) username: string,
    @Arg('secret', () => String) secret: string,
    @Ctx() ctx: Context,
  ): Promise<CredentialMetadata> {
    const credential = await ctx.services.credentials.escrow(
      ctx.em,
      requireActor(ctx.actor),
      accountId,
      username,
      secret,
      ctx.requestId,
    );
    return toCredentialMetadata(credential, ctx.loaders);
  }

  // Signed-in callers only; who may reveal is decided in the service so that refused attempts
  // are audited too (XI).
  @Authorized()
  @Mutation(() => RevealedCredential, {
    description:
      "Reveals escrowed credentials to the owner's supervising administrator or the district " +
      'admin, with a reason. Every reveal and every refused attempt is audited.',
  })
  revealCredential(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.credentials.reveal(ctx.em, requireActor(ctx.actor), accountId, reason, ctx.requestId);
  }
}
