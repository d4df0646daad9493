import { ACCOUNT_RULES } from './accounts.js';
import { ACKNOWLEDGEMENT_RULES } from './acknowledgements.js';
import { ADVISORY_RULES } from './advisories.js';
import { APPROVAL_RULES } from './approvals.js';
import { isSectionId, POLICY_SECTIONS, type PolicySection, type SectionId } from './catalog.js';
import { CLASSIFICATION_RULES } from './classification.js';
import { CONNECTION_RULES } from './connections.js';
import { CREDENTIAL_RULES } from './credentials.js';
import { MEDIA_RULES } from './media.js';
import { MODERATION_RULES } from './moderation.js';
import { OBLIGATION_RULES } from './obligations.js';
import type { RuleDeclaration, RuleScreen } from './rules.js';

/**
 * Policy coverage: for every numbered section I..XXXV, how Steward handles it.
 *
 * - HEADING: the section only groups the ones after it.
 * - ENFORCED: at least one rule decides it (refuses, blocks or classifies).
 * - WORKFLOW: a process tracks it (approval kind, review, moderation case, escrow).
 * - GUIDANCE: software cannot decide it; the entry says why, and what is planned, if anything.
 *
 * ENFORCED and WORKFLOW are derived from what the rule modules declare (`*_RULES`); only
 * headings and guidance are kept by hand below, each with its reason. `coverageProblems` lists
 * every inconsistency (a section with no entry or two, a rule citing an unknown section, a
 * hand-kept entry naming a rule that does not exist), and the tests require it to be empty.
 */
export type CoverageKind = 'HEADING' | 'ENFORCED' | 'WORKFLOW' | 'GUIDANCE';
export const COVERAGE_KINDS: readonly CoverageKind[] = ['HEADING', 'ENFORCED', 'WORKFLOW', 'GUIDANCE'];

export const COVERAGE_KIND_LABELS: Record<CoverageKind, string> = {
  HEADING: 'Heading',
  ENFORCED: 'Enforced',
  WORKFLOW: 'Tracked by a workflow',
  GUIDANCE: 'Guidance only',
};

/** Every rule the domain declares, in module order. */
export const POLICY_RULES: readonly RuleDeclaration[] = [
  ...CLASSIFICATION_RULES,
  ...ACCOUNT_RULES,
  ...APPROVAL_RULES,
  ...CREDENTIAL_RULES,
  ...MEDIA_RULES,
  ...MODERATION_RULES,
  ...ADVISORY_RULES,
  ...ACKNOWLEDGEMENT_RULES,
  ...CONNECTION_RULES,
  ...OBLIGATION_RULES,
];

/** A hand-kept entry: a heading, or a section software cannot decide. */
export interface HandKeptCoverage {
  section: SectionId;
  kind: 'HEADING' | 'GUIDANCE';
  /** Why software does not decide it. */
  reason: string;
  /** What a later change will add, if anything (never claimed as done). */
  planned?: string;
  /** Rules that help with it without deciding it (by id; a test checks they exist). */
  related?: readonly string[];
}

const HEADING_REASON = 'A heading: it groups the sections after it and states no rule of its own.';

export const HAND_KEPT_COVERAGE: readonly HandKeptCoverage[] = [
  ...(['I', 'II', 'VII', 'XV', 'XVI', 'XXI', 'XXV', 'XXVIII'] as const).map(
    (section): HandKeptCoverage => ({ section, kind: 'HEADING', reason: HEADING_REASON }),
  ),
  {
    section: 'V',
    kind: 'GUIDANCE',
    reason:
      'A "should" about what staff tag or list on their own accounts, which Steward does not ' +
      'see. Where the listing is prominent, the account is school-affiliated (IX), and profile ' +
      'text naming the district or a school is flagged for the supervising administrator.',
    related: [
      'advisories.personalAccountAdvisories',
      'classification.classifyAccount',
      'classification.suggestAffiliationSignals',
    ],
  },
  {
    section: 'X',
    kind: 'GUIDANCE',
    reason:
      'Likes, favourites and shares happen on the platforms, which Steward does not watch, and ' +
      'whether content is inappropriate or political is a person\'s judgment.',
  },
  {
    section: 'XXIII',
    kind: 'GUIDANCE',
    reason:
      'It grants a permission (school communication on school-affiliated accounts), so there is ' +
      'nothing to refuse; the register lists the accounts that carry it.',
    related: ['classification.classifyAccount'],
  },
];

export interface SectionCoverage {
  section: PolicySection;
  kind: CoverageKind;
  /**
   * ENFORCED and WORKFLOW: every rule declaring the section, deciding ones first. GUIDANCE:
   * the related rules. HEADING: none.
   */
  rules: RuleDeclaration[];
  /** Why software does not decide it (HEADING, GUIDANCE); null otherwise. */
  reason: string | null;
  planned: string | null;
  /** The dashboard screens of those rules, deduplicated, in rule order. */
  screens: RuleScreen[];
}

const KIND_RANK: Record<RuleDeclaration['kind'], number> = { ENFORCED: 0, WORKFLOW: 1, ADVISORY: 2 };

function screensOf(rules: readonly RuleDeclaration[]): RuleScreen[] {
  const seen = new Map<string, RuleScreen>();
  for (const rule of rules) {
    if (rule.screen && !seen.has(rule.screen.path)) seen.set(rule.screen.path, rule.screen);
  }
  return [...seen.values()];
}

/**
 * Everything wrong with a set of declarations, as sentences (empty when consistent): the map
 * is only trustworthy when this is empty, and the tests say so.
 */
export function coverageProblems(
  rules: readonly RuleDeclaration[] = POLICY_RULES,
  handKept: readonly HandKeptCoverage[] = HAND_KEPT_COVERAGE,
  sections: readonly PolicySection[] = POLICY_SECTIONS,
): string[] {
  const problems: string[] = [];
  const ruleIds = new Set<string>();
  for (const rule of rules) {
    if (ruleIds.has(rule.id)) problems.push(`Rule ${rule.id} is declared twice.`);
    ruleIds.add(rule.id);
    if (rule.sections.length === 0) problems.push(`Rule ${rule.id} cites no section.`);
    for (const id of rule.sections) {
      if (!isSectionId(id) || !sections.some((s) => s.id === id)) {
        problems.push(`Rule ${rule.id} cites §${String(id)}, which is not in the catalog.`);
      } else if (sections.find((s) => s.id === id)?.heading) {
        problems.push(`Rule ${rule.id} cites §${id}, a heading.`);
      }
    }
  }
  for (const entry of handKept) {
    if (!sections.some((s) => s.id === entry.section)) {
      problems.push(`A ${entry.kind} entry names §${String(entry.section)}, which is not in the catalog.`);
    }
    if (!entry.reason.trim()) problems.push(`§${entry.section} (${entry.kind}) gives no reason.`);
    for (const id of entry.related ?? []) {
      if (!ruleIds.has(id)) problems.push(`§${entry.section} names rule ${id}, which does not exist.`);
    }
  }
  for (const section of sections) {
    const kinds: string[] = [];
    const deciding = rules.filter((r) => r.kind !== 'ADVISORY' && r.sections.includes(section.id));
    if (deciding.length > 0) kinds.push(deciding.some((r) => r.kind === 'ENFORCED') ? 'ENFORCED' : 'WORKFLOW');
    for (const entry of handKept.filter((e) => e.section === section.id)) kinds.push(entry.kind);
    if (kinds.length === 0) problems.push(`§${section.id} has no coverage entry.`);
    if (kinds.length > 1) problems.push(`§${section.id} has more than one kind: ${kinds.join(', ')}.`);
    const heading = handKept.some((e) => e.section === section.id && e.kind === 'HEADING');
    if (heading !== section.heading) {
      problems.push(
        section.heading
          ? `§${section.id} is a heading in the catalog but not marked HEADING.`
          : `§${section.id} is marked HEADING but the catalog says it is a rule.`,
      );
    }
  }
  return problems;
}

/**
 * The coverage map, one entry per section in the policy's order.
 *
 * @throws Error listing every problem when the declarations are inconsistent (see
 * `coverageProblems`): a half-true map is worse than none.
 */
export function policyCoverage(
  rules: readonly RuleDeclaration[] = POLICY_RULES,
  handKept: readonly HandKeptCoverage[] = HAND_KEPT_COVERAGE,
  sections: readonly PolicySection[] = POLICY_SECTIONS,
): SectionCoverage[] {
  const problems = coverageProblems(rules, handKept, sections);
  if (problems.length > 0) throw new Error(`The policy coverage map is inconsistent:\n${problems.join('\n')}`);
  return sections.map((section): SectionCoverage => {
    const entry = handKept.find((e) => e.section === section.id);
    if (entry) {
      const related = (entry.related ?? []).map((id) => rules.find((r) => r.id === id) as RuleDeclaration);
      return {
        section,
        kind: entry.kind,
        rules: related,
        reason: entry.reason,
        planned: entry.planned ?? null,
        screens: screensOf(related),
      };
    }
    const citing = rules
      .filter((r) => r.sections.includes(section.id))
      .sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
    return {
      section,
      kind: citing[0]?.kind === 'ENFORCED' ? 'ENFORCED' : 'WORKFLOW',
      rules: citing,
      reason: null,
      planned: null,
      screens: screensOf(citing),
    };
  });
}

/** One section's entry. */
export function sectionCoverage(id: SectionId): SectionCoverage {
  const found = policyCoverage().find((c) => c.section.id === id);
  if (!found) throw new RangeError(`No coverage entry for §${String(id)}.`);
  return found;
}
