import type { RuleDeclaration } from './rules.js';

/** Connections with students and guardians on personal accounts (VI). */
export const CONNECTION_RULES: readonly RuleDeclaration[] = [];
