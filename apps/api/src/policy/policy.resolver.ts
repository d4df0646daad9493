import { policyCoverage, type RuleDeclaration, sortSections } from '@steward/domain';
import { Authorized, Query, Resolver } from 'type-graphql';
import { type PolicyRule, PolicySectionCoverage } from './policy.types.js';

function rule(r: RuleDeclaration): PolicyRule {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    sections: sortSections(r.sections),
    operations: [...r.operations],
    screen: r.screen ? { ...r.screen } : null,
  };
}

/**
 * Computed once: the map is a pure function of the domain's declarations, which cannot change
 * while the process runs (and `policyCoverage` throws at start-up if they are inconsistent).
 */
const COVERAGE: PolicySectionCoverage[] = policyCoverage().map((c) => ({
  id: c.section.id,
  number: c.section.number,
  title: c.section.title,
  summary: c.section.summary,
  heading: c.section.heading,
  kind: c.kind,
  rules: c.rules.map(rule),
  reason: c.reason,
  planned: c.planned,
  screens: c.screens.map((s) => ({ ...s })),
}));

@Resolver()
export class PolicyResolver {
  @Authorized('policy.read')
  @Query(() => [PolicySectionCoverage], {
    description:
      'Every numbered section of Policy 4051, I to XXXV, with its summary and how Steward ' +
      'handles it: the rules that enforce it, the workflow that tracks it, or why it is guidance.',
  })
  policyCoverage(): PolicySectionCoverage[] {
    return COVERAGE;
  }
}
