import {
  COVERAGE_KIND_LABELS,
  COVERAGE_KINDS,
  type CoverageKind,
  type RuleKind,
} from '@steward/domain';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumFrom } from '../server/enums.js';

export const PolicyCoverageKindEnum = enumFrom<CoverageKind>(COVERAGE_KINDS);
registerEnumType(PolicyCoverageKindEnum, {
  name: 'PolicyCoverageKind',
  description: 'How Steward handles a section of Policy 4051.',
  valuesConfig: {
    HEADING: { description: `${COVERAGE_KIND_LABELS.HEADING}: it only groups the sections after it.` },
    ENFORCED: { description: `${COVERAGE_KIND_LABELS.ENFORCED}: a rule decides it (refuses, blocks or classifies).` },
    WORKFLOW: {
      description:
        `${COVERAGE_KIND_LABELS.WORKFLOW}: a process tracks it (approval, review, moderation case, escrow).`,
    },
    GUIDANCE: { description: `${COVERAGE_KIND_LABELS.GUIDANCE}: software cannot decide it; the reason says why.` },
  },
});

const RULE_KINDS: readonly RuleKind[] = ['ENFORCED', 'WORKFLOW', 'ADVISORY'];
export const PolicyRuleKindEnum = enumFrom<RuleKind>(RULE_KINDS);
registerEnumType(PolicyRuleKindEnum, {
  name: 'PolicyRuleKind',
  description: 'What a rule does with the sections it declares.',
  valuesConfig: {
    ENFORCED: { description: 'It decides: refuses, blocks or classifies.' },
    WORKFLOW: { description: 'It tracks a process in which people decide.' },
    ADVISORY: { description: 'It only suggests or reminds; a person decides.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A screen of the dashboard, by its route.' })
export class PolicyScreen {
  @Field({ description: 'The route inside the dashboard, e.g. "/socialAccounts".' })
  path!: string;

  @Field({ description: 'Its name in the menu, e.g. "Social accounts".' })
  label!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A rule of the domain package and where Steward applies it.',
})
export class PolicyRule {
  @Field({ description: 'Stable id, `<module>.<rule>`, e.g. "credentials.mayEscrowCredential".' })
  id!: string;

  @Field({ description: 'What the rule says, for people.' })
  name!: string;

  @Field(() => PolicyRuleKindEnum, { description: 'Whether it decides, tracks or only advises.' })
  kind!: RuleKind;

  @Field(() => [String], { description: 'Every section the rule declares, in the policy order.' })
  sections!: string[];

  @Field(() => [String], { description: 'The GraphQL operations where the API applies it.' })
  operations!: string[];

  @Field(() => PolicyScreen, { nullable: true, description: 'The dashboard screen where people meet it.' })
  screen!: PolicyScreen | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One numbered section of Policy 4051 (I..XXXV) and how Steward handles it: enforced by ' +
    'rules, tracked by a workflow, or guidance software cannot decide (with the reason).',
})
export class PolicySectionCoverage {
  @Field({ description: 'The section number as the policy writes it, e.g. "XIV".' })
  id!: string;

  @Field(() => Int, { description: 'Its position, 1 for I to 35 for XXXV.' })
  number!: number;

  @Field({ description: "The section's title, in our words." })
  title!: string;

  @Field({ description: 'What it says, summarized in our words (the policy text stays the source).' })
  summary!: string;

  @Field({ description: 'True for a heading that only groups the sections after it.' })
  heading!: boolean;

  @Field(() => PolicyCoverageKindEnum, { description: 'How Steward handles it.' })
  kind!: CoverageKind;

  @Field(() => [PolicyRule], {
    description:
      'ENFORCED and WORKFLOW: the rules declaring it, deciding ones first. GUIDANCE: the rules ' +
      'that help without deciding. HEADING: none.',
  })
  rules!: PolicyRule[];

  @Field(() => String, {
    nullable: true,
    description: 'Why software does not decide it (HEADING and GUIDANCE); null when rules do.',
  })
  reason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What a later change will add (not built yet), if anything.',
  })
  planned!: string | null;

  @Field(() => [PolicyScreen], { description: 'The dashboard screens that handle it, from its rules.' })
  screens!: PolicyScreen[];
}
