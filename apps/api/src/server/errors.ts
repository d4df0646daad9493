import { GraphQLError } from 'graphql';
import type { Refusal, SectionId } from '@steward/domain';

/**
 * The error vocabulary of the API. Every refusal carries a machine-readable `extensions.code`;
 * policy refusals also carry the policy sections, so a client can show "why" (DESIGN.md 6).
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'POLICY_VIOLATION';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

export function apiError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

export const unauthenticated = (message = 'Sign in first: this operation needs a valid token.') =>
  apiError('UNAUTHENTICATED', message);

export const forbidden = (message = 'You are not allowed to do this.', sections?: SectionId[]) =>
  apiError('FORBIDDEN', message, sections ? { sections } : {});

export const notFound = (what: string, id: string) =>
  apiError('NOT_FOUND', `${what} ${id} does not exist.`);

export const badInput = (message: string, field?: string) =>
  apiError('BAD_USER_INPUT', message, field ? { field } : {});

export const conflict = (message: string) => apiError('CONFLICT', message);

export const policyViolation = (message: string, sections: SectionId[]) =>
  apiError('POLICY_VIOLATION', message, { sections });

/** Turns a domain refusal into the matching API error. */
export function fromRefusal(refusal: Refusal): GraphQLError {
  switch (refusal.code) {
    case 'ILLEGAL_TRANSITION':
      return apiError('CONFLICT', refusal.message, {
        sections: refusal.sections,
        reason: refusal.code,
      });
    case 'NOTE_REQUIRED':
    case 'REASON_REQUIRED':
      return apiError('BAD_USER_INPUT', refusal.message, {
        sections: refusal.sections,
        reason: refusal.code,
      });
    case 'SELF_DECISION':
    case 'NOT_APPROVER':
    case 'FORBIDDEN':
      return apiError('FORBIDDEN', refusal.message, {
        sections: refusal.sections,
        reason: refusal.code,
      });
    default:
      return policyViolation(refusal.message, refusal.sections);
  }
}
