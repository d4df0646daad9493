import { MAX_CANDIDATES, MIN_SEARCH_LENGTH, mayReadAttestationStatement } from '@steward/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireActor } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { primeLoaders } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import {
  AttestPriorRelationshipInput,
  ConnectionAttestation,
  ConnectionAttestationFilter,
  ConnectionAttestationPage,
  ConnectionCandidateList,
  ConnectionGuidanceView,
  ConnectionPersonInput,
} from './connections.types.js';

/** Connection guidance (VI): thin; the service validates, scopes and audits. */
@Resolver(() => ConnectionAttestation)
export class ConnectionsResolver {
  @Authorized('connection.guidance')
  @Query(() => ConnectionCandidateList, {
    description:
      `Students and parents/guardians whose name contains the search (at least ${MIN_SEARCH_LENGTH} characters), ` +
      `district-wide (graduates too, after the SIS retires them), at most ${MAX_CANDIDATES}: names, schools ` +
      'and graduation status only, to ask connectionGuidance about (VI).',
  })
  connectionCandidates(@Arg('search', () => String, { description: 'Part of the name.' }) search: string, @Ctx() ctx: Context) {
    return ctx.services.connections.candidates(ctx.em, requireActor(ctx.actor), search);
  }

  @Authorized('connection.guidance')
  @Query(() => ConnectionGuidanceView, {
    description:
      'Whether accepting this person as a friend or follower on a personal account is in line with VI: ' +
      'a current student not until after graduation; a parent or family member of a current student only ' +
      'with a prior personal relationship, which you may record (attestPriorRelationship).',
  })
  connectionGuidance(
    @Arg('person', () => ConnectionPersonInput, { description: 'The person, as connectionCandidates gave them.' })
    person: ConnectionPersonInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.connections.guidance(ctx.em, requireActor(ctx.actor), person);
  }

  @Authorized('connection.read')
  @Query(() => ConnectionAttestationPage, {
    description:
      'Attestations of prior personal relationships (VI), newest first: your own; a supervising ' +
      "administrator's staff's; every one for district IT and auditors.",
  })
  async connectionAttestations(
    @Ctx() ctx: Context,
    @Arg('filter', () => ConnectionAttestationFilter, { nullable: true, description: 'Which ones.' })
    filter?: ConnectionAttestationFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page.' }) page?: PageInput,
  ) {
    const result = await ctx.services.connections.list(ctx.em, requireActor(ctx.actor), filter, page);
    primeLoaders(ctx.loaders, result.related);
    return result;
  }

  @Authorized('connection.attest')
  @Mutation(() => ConnectionAttestation, {
    description:
      'Records that a personal relationship with this parent or family member of a student existed before, ' +
      'outside school (VI); your supervising administrator can read it. Refused for a student (VI).',
  })
  attestPriorRelationship(
    @Arg('input', () => AttestPriorRelationshipInput, { description: 'The guardian and your statement.' })
    input: AttestPriorRelationshipInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.connections.attest(ctx.em, requireActor(ctx.actor), input, ctx.requestId);
  }

  @Authorized('connection.attest')
  @Mutation(() => ConnectionAttestation, { description: 'Withdraws one of your standing attestations.' })
  withdrawConnectionAttestation(
    @Arg('id', () => ID, { description: 'The attestation.' }) id: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.connections.withdraw(ctx.em, requireActor(ctx.actor), id, ctx.requestId);
  }

  // The attestation is already in the caller's connection.read scope, which covers its author.
  @FieldResolver(() => Staff, { nullable: true, description: 'Who recorded it.' })
  staff(@Root() attestation: ConnectionAttestation, @Ctx() ctx: Context) {
    return ctx.loaders.staff.load(attestation.staffId);
  }

  // connection.read lets district IT and auditors list every attestation (that one exists, who,
  // which guardian, when); the words themselves are for the author and their supervisor (VI).
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "How the relationship came about, in the staff member's words: shown to its author and their " +
      'supervising administrator only; null for anyone else who may list it (district IT, auditors).',
  })
  statement(@Root() attestation: ConnectionAttestation, @Ctx() ctx: Context): string | null {
    const reader = ctx.actor?.kind === 'STAFF' ? ctx.actor.staffId : null;
    const author = { staffId: attestation.staffId, supervisorId: attestation.authorSupervisorId };
    return mayReadAttestationStatement(reader, author) ? attestation.statementText : null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether it stands (not withdrawn).' })
  standing(@Root() attestation: ConnectionAttestation) {
    return attestation.withdrawnAt === null;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may withdraw it (your own, still standing).' })
  canWithdraw(@Root() attestation: ConnectionAttestation, @Ctx() ctx: Context) {
    const actor = ctx.actor;
    return attestation.withdrawnAt === null && actor?.kind === 'STAFF' && actor.staffId === attestation.staffId;
  }
}
