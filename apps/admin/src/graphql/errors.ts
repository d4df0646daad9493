import { HttpError } from 'react-admin';
import { describeSections } from '../policy/sections';

/** The error codes the API promises (DESIGN.md 6); anything else is an internal error. */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'POLICY_VIOLATION'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK_ERROR';

export interface GraphQLErrorPayload {
  message: string;
  extensions?: { code?: string; sections?: unknown; [key: string]: unknown };
}

// react-admin reads `status` (checkError, notifications); map the GraphQL codes onto HTTP ones.
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_USER_INPUT: 400,
  POLICY_VIOLATION: 422,
};

/**
 * An API refusal, shaped as react-admin's HttpError so that its notifications show `message` and
 * `authProvider.checkError` can tell "signed out" (401) from "not allowed" (403).
 */
export class ApiError extends HttpError {
  readonly code: ApiErrorCode | string;
  readonly sections: string[];

  constructor(message: string, code: string, sections: string[], status?: number, body?: unknown) {
    super(message, status ?? STATUS[code] ?? 500, body ?? null);
    this.name = 'ApiError';
    this.code = code;
    this.sections = sections;
  }
}

function sectionsOf(payload: GraphQLErrorPayload): string[] {
  const raw = payload.extensions?.sections;
  return Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
}

/**
 * The text a user sees: the API's message, then the policy sections when it is a policy
 * refusal, so "why" is always next to "no" (e.g. "... (Policy 4051 §III, §XI)").
 */
export function errorMessage(payload: GraphQLErrorPayload): string {
  const message = payload.message?.trim() || 'The request failed.';
  const sections = sectionsOf(payload);
  return sections.length ? `${message} (${describeSections(sections)})` : message;
}

/** Builds the error thrown for the first GraphQL error of a response. */
export function toApiError(payload: GraphQLErrorPayload, httpStatus?: number): ApiError {
  const code = typeof payload.extensions?.code === 'string' ? payload.extensions.code : 'UNKNOWN';
  const status = STATUS[code] ?? (httpStatus && httpStatus >= 400 ? httpStatus : 500);
  return new ApiError(errorMessage(payload), code, sectionsOf(payload), status, {
    code,
    sections: sectionsOf(payload),
  });
}

/** Whether an error (from anywhere) means the session is gone and the user must sign in again. */
export function isSignedOut(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { status?: unknown; code?: unknown };
  return e.status === 401 || e.code === 'UNAUTHENTICATED';
}
