import type { AuthProvider } from 'react-admin';
import { canAccessResource, toRoles } from '../access/access';
import { graphqlRequest } from '../graphql/client';
import { isSignedOut } from '../graphql/errors';
import { clearSession, currentToken, saveSession, sessionState } from '../graphql/session';
import { DEV_LOGIN, type DevLoginResult, ME, type Me } from './queries';

// One `me` request per token: identity, permissions and canAccess all need it, often at once.
let meCache: { token: string; promise: Promise<Me> } | null = null;

function loadMe(): Promise<Me> {
  const token = currentToken();
  if (!token) return Promise.reject(Object.assign(new Error('Sign in first.'), { status: 401 }));
  if (meCache?.token !== token) {
    const promise = graphqlRequest<{ me: Me | null }>(ME).then((data) => {
      if (!data.me) throw Object.assign(new Error('This token is not a person.'), { status: 401 });
      return data.me;
    });
    promise.catch(() => {
      if (meCache?.promise === promise) meCache = null;
    });
    meCache = { token, promise };
  }
  return meCache.promise;
}

function forget(): void {
  clearSession();
  meCache = null;
}

/**
 * Sign-in for the dashboard. Today: the API's devLogin (seeded people, refused in production).
 * The district's OIDC sign-in (ra-auth-google / ra-auth-msal, SECURITY.md) will replace `login`
 * and add `handleCallback`; the rest (token in localStorage, `me` for identity and roles) stays.
 */
export const authProvider: AuthProvider = {
  async login({ email }: { email: string }) {
    forget();
    // No Authorization header: a stale token would make the API refuse the sign-in itself.
    const data = await graphqlRequest<DevLoginResult>(
      DEV_LOGIN,
      { email: String(email ?? '').trim() },
      { token: null },
    );
    saveSession({ token: data.devLogin.token, expiresAt: data.devLogin.expiresAt });
  },

  async logout() {
    forget();
  },

  async checkAuth() {
    const state = sessionState();
    if (state === 'valid') return;
    forget();
    // `message: false` keeps the first visit quiet; an expired session says so.
    throw state === 'expired'
      ? { message: 'Your session has expired. Sign in again.' }
      : { message: false };
  },

  async checkError(error: unknown) {
    // Only a lost session signs out (react-admin then calls logout, which forgets the token);
    // FORBIDDEN and the like are shown and the user stays signed in.
    if (isSignedOut(error)) throw error;
  },

  async getIdentity() {
    const me = await loadMe();
    return { id: me.id, fullName: me.fullName, email: me.email, roles: toRoles(me.roles) };
  },

  async getPermissions() {
    return toRoles((await loadMe()).roles);
  },

  async canAccess({ resource, action }: { resource: string; action: string }) {
    return canAccessResource(toRoles((await loadMe()).roles), resource, action);
  },
};
