import type { CoverageKind, Role } from '@steward/domain';
import { COVERAGE_KIND_LABELS } from '@steward/domain';
import { canAccessResource, canOpenPage, isPageName } from '../access/access';

/** The Policy page's route (App.tsx's CustomRoutes and the menu entry `policy`). */
export const POLICY_PATH = '/policy';

export const POLICY_COVERAGE = `
  query PolicyCoverage {
    policyCoverage {
      id number title summary heading kind reason planned
      rules { id name kind sections operations screen { path label } }
      screens { path label }
    }
  }
`;

export interface PolicyScreenRecord {
  path: string;
  label: string;
}

export interface PolicyRuleRecord {
  id: string;
  name: string;
  kind: 'ENFORCED' | 'WORKFLOW' | 'ADVISORY';
  sections: string[];
  operations: string[];
  screen: PolicyScreenRecord | null;
}

export interface PolicySectionRecord {
  id: string;
  number: number;
  title: string;
  summary: string;
  heading: boolean;
  kind: CoverageKind;
  reason: string | null;
  planned: string | null;
  rules: PolicyRuleRecord[];
  screens: PolicyScreenRecord[];
}

/** Advice for a personal account (IV, V, VI), as the API's SocialAccount.advisories gives it. */
export interface AdvisoryRecord {
  code: string;
  sections: string[];
  message: string;
}

/** The element id of a section on the Policy page (`section-XIV`). */
export function sectionAnchorId(id: string): string {
  return `section-${id}`;
}

/**
 * Where a cited section lives, for react-router's `<Link to>`. react-admin routes inside the
 * URL's hash (`#/policy`); react-router reads a second `#` in it as the location's own hash, so
 * the link's href is `#/policy#XIV` and the page scrolls to that section.
 */
export function sectionLink(id: string): { pathname: string; hash: string } {
  return { pathname: POLICY_PATH, hash: `#${id}` };
}

/** The section a location's hash points to (`#XIV` -> `XIV`), or null. */
export function sectionFromHash(hash: string | null | undefined): string | null {
  const id = decodeURIComponent((hash ?? '').replace(/^#/, '')).trim();
  return /^[IVXL]+$/.test(id) ? id : null;
}

export const RULE_KIND_LABELS: Record<PolicyRuleRecord['kind'], string> = {
  ENFORCED: 'Enforced',
  WORKFLOW: 'Workflow',
  ADVISORY: 'Advice only',
};

export function coverageKindLabel(kind: string): string {
  return COVERAGE_KIND_LABELS[kind as CoverageKind] ?? kind;
}

/** "Enforced 9 · Tracked by a workflow 6 · ..." for the page's summary line, in kind order. */
export function kindCounts(sections: readonly PolicySectionRecord[]): { kind: CoverageKind; label: string; count: number }[] {
  const kinds: CoverageKind[] = ['ENFORCED', 'WORKFLOW', 'GUIDANCE', 'HEADING'];
  return kinds.map((kind) => ({
    kind,
    label: coverageKindLabel(kind),
    count: sections.filter((s) => s.kind === kind).length,
  }));
}

/**
 * Whether the viewer can open a screen the coverage names, so the page links only where the
 * link leads somewhere (an auditor checks no posts: "Check a post" is shown as plain text).
 */
export function canOpenScreen(roles: readonly Role[], path: string): boolean {
  const name = path.replace(/^\//, '');
  if (isPageName(name)) return canOpenPage(roles, name);
  return canAccessResource(roles, name, 'list');
}

export type CitationPart = { text: string } | { section: string };

/**
 * Splits a message into text and cited sections ("... (Policy 4051 §III, §XI)") so that a
 * refusal shown in a notification can link each section to the Policy page.
 */
export function splitCitations(message: string): CitationPart[] {
  const parts: CitationPart[] = [];
  let last = 0;
  for (const m of message.matchAll(/§([IVXL]+)\b/g)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: message.slice(last, at) });
    parts.push({ section: m[1] as string });
    last = at + m[0].length;
  }
  if (last < message.length) parts.push({ text: message.slice(last) });
  return parts;
}
