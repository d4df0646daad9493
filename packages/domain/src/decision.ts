import type { SectionId } from './catalog.js';

/** A refusal by a policy rule: a machine-readable code, a human message, the sections. */
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

export type Decision<T = {}> = ({ ok: true } & T) | Refusal;

export function refuse(code: Refusal['code'], message: string, sections: SectionId[]): Refusal {
  return { ok: false, code, message, sections };
}
