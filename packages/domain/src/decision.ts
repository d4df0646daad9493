import type { SectionId } from './catalog.js';

/**
 * A rule's refusal: a machine-readable code (the API maps it to `extensions.code`), a message a
 * person can act on, and the policy sections behind the rule.
 */
export type Refusal = {
  ok: false;
  code:
    | 'ILLEGAL_TRANSITION'
    | 'NOTE_REQUIRED'
    | 'SELF_DECISION'
    | 'NOT_APPROVER'
    | 'POLICY_VIOLATION'
    | 'REASON_REQUIRED'
    | 'FORBIDDEN';
  message: string;
  sections: SectionId[];
};

/** Either the rule allows (with any extra facts `T`) or it refuses. */
export type Decision<T = {}> = ({ ok: true } & T) | Refusal;

export function refuse(code: Refusal['code'], message: string, sections: SectionId[]): Refusal {
  return { ok: false, code, message, sections: [...sections] };
}
