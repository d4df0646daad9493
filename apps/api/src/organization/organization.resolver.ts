import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../server/context.js';
import { notFound } from '../server/errors.js';
import { Organization, OrganizationKind } from './organization.entity.js';
import { districtProfile } from './organization.service.js';

@ObjectType({
  simpleResolvers: true,
  description:
    'The words that tie an account to the district: names, abbreviations, mascots and school ' +
    'names (IX, XIX, XXIX). Used to suggest affiliation signals.',
})
export class DistrictProfile {
  @Field(() => [String], { description: 'Names of the district, e.g. "Ralston Public Schools".' })
  names!: string[];

  @Field(() => [String], { description: 'Abbreviations, e.g. "RPS".' })
  abbreviations!: string[];

  @Field(() => [String], { description: 'Mascots, e.g. "Rams".' })
  mascots!: string[];

  @Field(() => [String], { description: 'Names of the schools.' })
  schoolNames!: string[];
}

@Resolver()
export class OrganizationResolver {
  @Authorized('organization.read')
  @Query(() => Organization, { description: 'The district.' })
  async district(@Ctx() ctx: Context) {
    const district = await ctx.em.findOne(Organization, { kind: OrganizationKind.DISTRICT });
    if (!district) throw notFound('District', '(none seeded)');
    return district;
  }

  @Authorized('organization.read')
  @Query(() => [Organization], { description: 'The schools of the district, by name.' })
  schools(@Ctx() ctx: Context) {
    return ctx.em.find(Organization, { kind: OrganizationKind.SCHOOL }, { orderBy: { name: 'asc' } });
  }

  @Authorized('organization.read')
  @Query(() => DistrictProfile, { description: 'The district profile used for affiliation.' })
  districtProfile(@Ctx() ctx: Context) {
    return districtProfile(ctx.em);
  }
}
