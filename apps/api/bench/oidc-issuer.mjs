// @ts-check
/**
 * A throw-away OpenID Connect issuer on loopback, as the auth tests use: a discovery document and
 * a JWKS with one RS256 key, and a function that signs ID tokens. Nothing leaves 127.0.0.1.
 */
import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export const AUDIENCE = 'steward-bench';

/**
 * @typedef {{ sub: string, email: string }} Person
 * @typedef {{
 *   issuer: string,
 *   audience: string,
 *   token(person: Person): Promise<string>,
 *   close(): Promise<void>,
 * }} Issuer
 */

/**
 * Starts the issuer on 127.0.0.1 (a free port).
 * @param {{ lifetimeSeconds?: number }} [options]
 * @returns {Promise<Issuer>}
 */
export async function startIssuer(options = {}) {
  const lifetime = options.lifetimeSeconds ?? 3600;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench-1', alg: 'RS256', use: 'sig' };
  let base = '';
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(
        JSON.stringify({
          issuer: base,
          jwks_uri: `${base}/jwks`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/jwks') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('issuer: no address');
  base = `http://127.0.0.1:${address.port}`;

  return {
    issuer: base,
    audience: AUDIENCE,
    /** An ID token as an identity provider issues it: verified email, iat and a 1 h exp. */
    token(person) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ email: person.email, email_verified: true })
        .setProtectedHeader({ alg: 'RS256', kid: 'bench-1', typ: 'JWT' })
        .setIssuer(base)
        .setAudience(AUDIENCE)
        .setSubject(person.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + lifetime)
        .sign(privateKey);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * Tokens per person, minted again when one has less than 10 minutes left (or is older than
 * 30 minutes), so a long soak never sends an expired or over-age token.
 */
export class TokenBox {
  /** @param {Issuer} issuer */
  constructor(issuer) {
    this.issuer = issuer;
    /** @type {Map<string, { token: string, mintedAt: number }>} */
    this.tokens = new Map();
    /** @type {Set<string>} */
    this.minting = new Set();
  }

  /**
   * Mints (or re-mints) the token of a person; call between phases.
   * @param {Person} person
   */
  async refresh(person) {
    const cached = this.tokens.get(person.sub);
    if (cached && Date.now() - cached.mintedAt < 30 * 60_000) return cached.token;
    const token = await this.issuer.token(person);
    this.tokens.set(person.sub, { token, mintedAt: Date.now() });
    return token;
  }

  /**
   * The current token (synchronous, for request builders). `refresh` must have been called.
   * @param {Person} person
   */
  get(person) {
    const cached = this.tokens.get(person.sub);
    if (!cached) throw new Error(`no token minted for ${person.email}`);
    if (Date.now() - cached.mintedAt > 40 * 60_000 && !this.minting.has(person.sub)) {
      // Re-mint in the background; the current one is still valid for 20 minutes.
      this.minting.add(person.sub);
      this.refresh(person).finally(() => this.minting.delete(person.sub));
    }
    return cached.token;
  }
}
