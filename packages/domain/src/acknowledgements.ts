import type { RuleDeclaration } from './rules.js';

/** Acknowledgement rounds of policy revisions (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII). */
export const ACKNOWLEDGEMENT_RULES: readonly RuleDeclaration[] = [];
