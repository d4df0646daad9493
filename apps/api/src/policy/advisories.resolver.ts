import { ADVISORY_CODES, type AdvisoryCode, personalAccountAdvisories } from '@steward/domain';
import { Field, FieldResolver, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { enumFrom } from '../server/enums.js';

export const AdvisoryCodeEnum = enumFrom<AdvisoryCode>(ADVISORY_CODES);
registerEnumType(AdvisoryCodeEnum, {
  name: 'AdvisoryCode',
  description: 'What an advisory on a personal account is about (IV, V, VI).',
  valuesConfig: {
    NAMES_DISTRICT_OR_SCHOOL: { description: 'The profile text names the district or a school (V, IX).' },
    NO_DISTRICT_TAGS: { description: 'Reminder: no tagging or prominent listing of the district or a school (V).' },
    NO_STUDENT_PHOTOS: { description: 'Reminder: no photos of students on a personal account (IV).' },
    NO_STUDENT_CONNECTIONS: {
      description: 'Reminder: no students, nor their families without a prior relationship, as connections (VI).',
    },
  },
});

@ObjectType({
  simpleResolvers: true,
  description:
    'Advice where the policy says "should" (IV, V, VI): shown to the owner of a personal account, ' +
    'never a refusal.',
})
export class Advisory {
  @Field(() => AdvisoryCodeEnum, { description: 'What the advice is about.' })
  code!: AdvisoryCode;

  @Field(() => [String], { description: 'The policy sections behind it.' })
  sections!: string[];

  @Field({ description: 'The advice, for the owner.' })
  message!: string;
}

/**
 * The advisories of an account, from what its last save recorded (classification and the
 * signals its profile text suggested), so registering or updating returns them, and the
 * account's page shows them, without another look at the district profile.
 */
@Resolver(() => SocialAccount)
export class SocialAccountAdvisoriesResolver {
  @FieldResolver(() => [Advisory], {
    description:
      'Advice for a personal account (IV, V, VI; empty for a school-affiliated one): what the ' +
      'policy asks of staff on their own accounts, pointing at profile text that names the ' +
      'district or a school. Never blocks a save.',
  })
  advisories(@Root() account: SocialAccount): Advisory[] {
    return personalAccountAdvisories({
      classification: account.classification,
      suggestions: account.suggestions ?? [],
    });
  }
}
