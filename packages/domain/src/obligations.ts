import type { RuleDeclaration } from './rules.js';

/** Obligations of school-affiliated accounts: required interactions (XII) and questions about planned content (XVIII). */
export const OBLIGATION_RULES: readonly RuleDeclaration[] = [];
