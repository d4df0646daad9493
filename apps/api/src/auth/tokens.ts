import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, createRemoteJWKSet, decodeJwt, type JWTPayload } from 'jose';
import type { Config } from '../config.js';

/** The issuer written into tokens minted by `devLogin`; real identity providers never use it. */
export const DEV_ISSUER = 'urn:steward:dev-login';
const DEV_AUDIENCE = 'urn:steward:api';

export async function signDevToken(
  config: Config,
  staff: { id: string; email: string },
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + config.tokenTtlSeconds * 1000);
  const token = await new SignJWT({ email: staff.email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(staff.id)
    // Every sign-in gets its own token, even twice in one second (the identity cache's key).
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(config.tokenSecret);
  return { token, expiresAt };
}

export type VerifiedIdentity =
  | { source: 'dev'; staffId: string; expiresAt: number }
  | { source: 'oidc'; subject: string; email: string | null; expiresAt: number };

export class TokenVerifier {
  private jwksPromise: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null;

  constructor(private readonly config: Config) {}

  /** The issuer's key set, found through its discovery document unless configured. */
  private async issuerKeys() {
    const oidc = this.config.oidc;
    if (!oidc) throw new Error('OIDC is not configured');
    this.jwksPromise ??= (async () => {
      let uri = oidc.jwksUri;
      if (!uri) {
        const discovery = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
        const response = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
        if (!response.ok) throw new Error(`OIDC discovery failed: ${response.status}`);
        uri = ((await response.json()) as { jwks_uri: string }).jwks_uri;
      }
      return createRemoteJWKSet(new URL(uri));
    })().catch((error) => {
      this.jwksPromise = null; // try discovery again on the next request
      throw error;
    });
    return this.jwksPromise;
  }

  /** Verifies a bearer JWT; throws on anything invalid. */
  async verify(token: string): Promise<VerifiedIdentity> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new Error('not a JWT');
    }
    if (issuer === DEV_ISSUER) {
      // Dev tokens are refused in production even if one was minted elsewhere with the secret.
      if (this.config.isProduction) throw new Error('dev tokens are refused in production');
      const { payload } = await jwtVerify(token, this.config.tokenSecret, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: ['HS256'],
        // A token without an expiry would be a password that never changes.
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: this.config.tokenTtlSeconds,
      });
      assertLifetime(payload, this.config.tokenTtlSeconds);
      if (!payload.sub) throw new Error('token has no subject');
      return { source: 'dev', staffId: payload.sub, expiresAt: payload.exp as number };
    }
    const oidc = this.config.oidc;
    if (oidc && issuer === oidc.issuer) {
      const { payload } = await jwtVerify(token, await this.issuerKeys(), {
        issuer: oidc.issuer,
        audience: oidc.audience,
        // Asymmetric algorithms only: a symmetric one would let anyone with the JWKS forge tokens.
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'],
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: oidc.maxTokenLifetimeSeconds,
      });
      assertLifetime(payload, oidc.maxTokenLifetimeSeconds);
      if (!payload.sub) throw new Error('token has no subject');
      return {
        source: 'oidc',
        subject: payload.sub,
        email: signInEmail(payload, oidc.emailClaim),
        expiresAt: payload.exp as number,
      };
    }
    throw new Error('token issuer is not trusted');
  }
}

/** A token may not be minted to live longer than `max` seconds, whatever its `exp` says. */
function assertLifetime(payload: JWTPayload, max: number): void {
  if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') {
    throw new Error('token must carry exp and iat');
  }
  if (payload.exp - payload.iat > max) throw new Error('token lifetime exceeds the maximum');
}

/**
 * The email that may link this identity to a staff member, or null. By default only a verified
 * `email` counts: an identity provider lets people set an unverified email, and
 * `preferred_username` / `upn` are not verified claims (Microsoft documents
 * `preferred_username` as mutable and unfit for authorization). A district opts into `upn` or
 * `preferred_username` with OIDC_EMAIL_CLAIM only for its own single-tenant issuer.
 */
export function signInEmail(
  payload: JWTPayload,
  claim: 'email' | 'upn' | 'preferred_username',
): string | null {
  if (claim === 'email') {
    if (payload.email_verified !== true) return null;
    return typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : null;
  }
  const value = payload[claim];
  return typeof value === 'string' && value.includes('@') ? value.trim().toLowerCase() : null;
}
