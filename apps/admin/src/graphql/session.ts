/**
 * The signed-in session: the bearer token from devLogin (later: from the district's OIDC sign-in)
 * and when it stops working. Kept in localStorage so a reload keeps the user signed in; nothing
 * else about the user is stored, roles always come from the API (`me`).
 */
const TOKEN_KEY = 'steward.token';
const EXPIRES_KEY = 'steward.tokenExpiresAt';

export interface Session {
  token: string;
  expiresAt: string | null;
}

export function saveSession(session: Session): void {
  localStorage.setItem(TOKEN_KEY, session.token);
  if (session.expiresAt) localStorage.setItem(EXPIRES_KEY, session.expiresAt);
  else localStorage.removeItem(EXPIRES_KEY);
}

export function clearSession(): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(EXPIRES_KEY);
}

export type SessionState = 'none' | 'expired' | 'valid';

/** Whether a token exists and, by its stated expiry, still works (the API has the last word). */
export function sessionState(now: Date = new Date()): SessionState {
  const token = localStorage.getItem(TOKEN_KEY);
  if (!token) return 'none';
  const expiresAt = localStorage.getItem(EXPIRES_KEY);
  if (expiresAt && Date.parse(expiresAt) <= now.getTime()) return 'expired';
  return 'valid';
}

/** The token to send, or null when there is none or it has expired. */
export function currentToken(now: Date = new Date()): string | null {
  return sessionState(now) === 'valid' ? localStorage.getItem(TOKEN_KEY) : null;
}
