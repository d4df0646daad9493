import type { SectionId } from './catalog.js';

/**
 * What a rule module declares about itself, so that the policy coverage map (coverage.ts) is
 * derived from the rules rather than kept by hand next to them.
 *
 * - ENFORCED: the rule decides the section inside Steward: it refuses, blocks or classifies.
 * - WORKFLOW: a process tracks the section (an approval kind, a moderation case, escrow, a
 *   review by the supervising administrator), with people deciding inside it.
 * - ADVISORY: the rule only suggests or reminds (a flag, a triage hint); it never makes a
 *   section "enforced" or "tracked" on its own.
 */
export type RuleKind = 'ENFORCED' | 'WORKFLOW' | 'ADVISORY';

/** A dashboard screen, by its router path (`/socialAccounts`, `/check-post`). */
export interface RuleScreen {
  path: string;
  label: string;
}

export interface RuleDeclaration {
  /** Stable id, `<module>.<rule>`, e.g. `credentials.mayEscrowCredential`. */
  id: string;
  /** What the rule says, for people. */
  name: string;
  /** The sections this rule decides or tracks (not every section it mentions in passing). */
  sections: readonly SectionId[];
  kind: RuleKind;
  /** The domain functions that implement it; a test checks each is exported. */
  functions: readonly string[];
  /** The GraphQL operations where the API applies it. */
  operations: readonly string[];
  /** The dashboard screen where people meet it, if any. */
  screen: RuleScreen | null;
  /** The table-driven test file (in this package) that exercises it. */
  tests: string;
}

export const SCREENS = {
  socialAccounts: { path: '/socialAccounts', label: 'Social accounts' },
  approvals: { path: '/approvalRequests', label: 'Approval requests' },
  checkPost: { path: '/check-post', label: 'Check a post' },
  moderation: { path: '/moderationCases', label: 'Moderation' },
} as const satisfies Record<string, RuleScreen>;
