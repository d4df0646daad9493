import { describe, expect, it } from 'vitest';
import { errorMessage, isSignedOut, toApiError } from './errors';

describe('errorMessage', () => {
  it("shows the API's message as it is when no section is cited", () => {
    expect(
      errorMessage({
        message: 'You are not allowed to do this.',
        extensions: { code: 'FORBIDDEN' },
      }),
    ).toBe('You are not allowed to do this.');
  });

  it('adds the policy sections of a policy refusal', () => {
    const text = errorMessage({
      message: 'A personal account has no escrowed password.',
      extensions: { code: 'POLICY_VIOLATION', sections: ['III', 'XI'] },
    });
    expect(text).toMatch(/^A personal account has no escrowed password\. \(.+\)$/);
    expect(text).toContain('III');
    expect(text).toContain('XI');
  });
});

describe('toApiError', () => {
  it('turns UNAUTHENTICATED into a 401 that signs the user out', () => {
    const error = toApiError({
      message: 'Sign in first.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(error.status).toBe(401);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(isSignedOut(error)).toBe(true);
  });

  it('keeps FORBIDDEN as 403, which does not sign out', () => {
    const error = toApiError({
      message: 'No.',
      extensions: { code: 'FORBIDDEN', sections: ['XI'] },
    });
    expect(error.status).toBe(403);
    expect(error.sections).toEqual(['XI']);
    expect(isSignedOut(error)).toBe(false);
  });

  it.each([
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['BAD_USER_INPUT', 400],
    ['POLICY_VIOLATION', 422],
  ])('maps %s to HTTP %i for react-admin', (code, status) => {
    expect(toApiError({ message: 'x', extensions: { code } }).status).toBe(status);
  });
});
