import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import http from 'node:http';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';
import { issueSisKey } from './sis-keys.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('authentication', () => {
  it('answers { __typename } without a token', async () => {
    const r = await t.gql('{ __typename }');
    expect(r.status).toBe(200);
    expect(r.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a protected query without a token with UNAUTHENTICATED, not a crash', async () => {
    const r = await t.gql('{ me { email } }');
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
    expect(r.data?.me ?? null).toBeNull();
  });

  it('refuses a garbage bearer token with UNAUTHENTICATED', async () => {
    const r = await t.gql('{ __typename }', {}, 'not-a-token');
    expect(r.status).toBe(401);
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
  });

  it('devLogin issues a token for a seeded person that `me` recognises', async () => {
    const token = await t.login('principal.north');
    const r = await t.gql<{ me: { email: string; roles: string[] } }>('{ me { email roles } }', {}, token);
    expect(r.data?.me).toEqual({
      email: 'principal.north@demo.k12.example',
      roles: ['STAFF', 'SUPERVISOR'],
    });
  });

  it('devLogin refuses an unknown email with NOT_FOUND and a departed person too', async () => {
    const unknown = await t.gql('mutation { devLogin(email: "nobody@demo.k12.example") { token } }');
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const former = await t.gql('mutation { devLogin(email: "former.high@demo.k12.example") { token } }');
    expect(errorCode(former)).toBe('NOT_FOUND');
  });

  it('devLogin is refused when NODE_ENV=production, and so are dev tokens', async () => {
    const token = await t.login('admin');
    const prod = await startTestApp({ NODE_ENV: 'production' });
    try {
      const r = await prod.gql('mutation { devLogin(email: "admin@demo.k12.example") { token } }');
      expect(errorCode(r)).toBe('FORBIDDEN');
      expect(r.data).toBeFalsy();
      const me = await prod.gql('{ me { email } }', {}, token);
      expect(errorCode(me)).toBe('UNAUTHENTICATED');
    } finally {
      await prod.close();
    }
  });

  it('a dev token signed with another secret is refused', async () => {
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('urn:steward:dev-login')
      .setAudience('urn:steward:api')
      .setSubject('00000000-0000-0000-0000-000000000000')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect(errorCode(await t.gql('{ me { email } }', {}, forged))).toBe('UNAUTHENTICATED');
  });
});

describe('SIS API keys', () => {
  it('an SIS key reads staff (its sync scope) but is refused audit events and accounts', async () => {
    const em = t.orm.em.fork();
    const { key } = await em.transactional((tx) => issueSisKey(tx, 'test SIS'));
    const staff = await t.gql<{ staffMembers: { total: number } }>(
      '{ staffMembers { total } }',
      {},
      key,
    );
    expect(staff.data?.staffMembers.total).toBeGreaterThanOrEqual(20);
    const audit = await t.gql('{ auditEvents { total } }', {}, key);
    expect(errorCode(audit)).toBe('FORBIDDEN');
    const chain = await t.gql('{ verifyAuditChain { ok } }', {}, key);
    expect(errorCode(chain)).toBe('FORBIDDEN');
    const keys = await t.gql('{ sisApiKeys { id } }', {}, key);
    expect(errorCode(keys)).toBe('FORBIDDEN');
  });

  it('stores only a hash of the key, and a revoked key stops working at once', async () => {
    const admin = await t.login('admin');
    const issued = await t.gql<{ issueSisApiKey: { key: string; record: { id: string } } }>(
      'mutation { issueSisApiKey(name: "nightly roster") { key record { id prefix scopes } } }',
      {},
      admin,
    );
    const key = issued.data?.issueSisApiKey.key ?? '';
    expect(key).toMatch(/^stw_sis_/);
    const rows = await t.sql<{ key_hash: string }>('select key_hash from sis_api_key');
    expect(rows.some((r) => r.key_hash.includes(key))).toBe(false);
    expect((await t.gql('{ staffMembers { total } }', {}, key)).errors).toBeUndefined();
    await t.gql(
      'mutation($id: ID!) { revokeSisApiKey(id: $id) { revokedAt } }',
      { id: issued.data?.issueSisApiKey.record.id },
      admin,
    );
    expect(errorCode(await t.gql('{ staffMembers { total } }', {}, key))).toBe('UNAUTHENTICATED');
  });

  it('a teacher may not issue SIS keys', async () => {
    const teacher = await t.login('teacher.north');
    const r = await t.gql('mutation { issueSisApiKey(name: "x") { key } }', {}, teacher);
    expect(errorCode(r)).toBe('FORBIDDEN');
  });
});

describe('OIDC sign-in against a real issuer on loopback', () => {
  it('accepts an RS256 ID token from the configured issuer and maps it to staff by email', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const issuerServer = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(issuerServer.address() as { port: number }).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: base, jwks_uri: `${base}/jwks` }));
      } else if (req.url === '/jwks') {
        res.end(JSON.stringify({ keys: [jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((r) => issuerServer.listen(0, '127.0.0.1', () => r()));
    const issuer = `http://127.0.0.1:${(issuerServer.address() as { port: number }).port}`;
    const app = await startTestApp({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'steward-dashboard' });
    const idToken = (email: string, aud = 'steward-dashboard') =>
      new SignJWT({ email })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience(aud)
        .setSubject(`idp-${email}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    try {
      const ok = await app.gql<{ me: { email: string } }>(
        '{ me { email } }',
        {},
        await idToken('teacher.south@demo.k12.example'),
      );
      expect(ok.data?.me.email).toBe('teacher.south@demo.k12.example');
      const wrongAudience = await app.gql(
        '{ me { email } }',
        {},
        await idToken('teacher.south@demo.k12.example', 'someone-else'),
      );
      expect(errorCode(wrongAudience)).toBe('UNAUTHENTICATED');
      const stranger = await app.gql('{ me { email } }', {}, await idToken('stranger@example.org'));
      expect(errorCode(stranger)).toBe('UNAUTHENTICATED');
    } finally {
      await app.close();
      issuerServer.close();
    }
  });
});
