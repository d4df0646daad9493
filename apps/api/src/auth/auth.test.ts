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

/** A throw-away RS256 identity provider on loopback: discovery document and JWKS over HTTP. */
async function startIssuer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
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
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  interface Claims {
    sub?: string;
    aud?: string;
    exp?: number | string | null;
    iat?: number | null;
    [claim: string]: unknown;
  }
  /** Signs an ID token; `exp: null` leaves the expiry out, `iat: null` the issue time. */
  const sign = (claims: Claims) => {
    const { sub, aud = 'steward-dashboard', exp = '5m', iat, ...rest } = claims;
    let jwt = new SignJWT(rest).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(url).setAudience(aud);
    if (sub) jwt = jwt.setSubject(sub);
    if (iat !== null) jwt = jwt.setIssuedAt(iat);
    if (exp !== null) jwt = jwt.setExpirationTime(exp);
    return jwt.sign(privateKey);
  };
  return { url, sign, close: () => server.close() };
}

const EMAIL = (key: string) => `${key}@demo.k12.example`;

describe('OIDC sign-in against a real issuer on loopback', () => {
  let issuer: Awaited<ReturnType<typeof startIssuer>>;
  let app: TestApp;
  beforeAll(async () => {
    issuer = await startIssuer();
    app = await startTestApp({ OIDC_ISSUER: issuer.url, OIDC_AUDIENCE: 'steward-dashboard' });
  });
  afterAll(async () => {
    await app.close();
    issuer.close();
  });
  const me = (token: string) => app.gql<{ me: { email: string } }>('{ me { email } }', {}, token);
  const subjectOf = async (key: string) =>
    (await app.sql<{ oidc_subject: string | null }>('select oidc_subject from staff where email = $1', [EMAIL(key)]))[0]
      ?.oidc_subject;
  const audits = (action: string, email: string) =>
    app.sql<{ actor_label: string; change: Record<string, unknown> }>(
      `select e.actor_label, e.change from audit_event e join staff s on s.id::text = e.target_id
        where e.action = $1 and s.email = $2 order by e.id`,
      [action, email],
    );

  it('accepts an RS256 ID token with a verified email, links the subject once and audits it', async () => {
    const token = await issuer.sign({ sub: 'idp-teacher-south', email: EMAIL('teacher.south'), email_verified: true });
    const ok = await me(token);
    expect(ok.data?.me.email).toBe(EMAIL('teacher.south'));
    expect(await subjectOf('teacher.south')).toBe('idp-teacher-south');
    const linked = await audits('auth.oidcLink', EMAIL('teacher.south'));
    expect(linked).toHaveLength(1);
    expect(linked[0]?.change).toMatchObject({ subject: 'idp-teacher-south' });
    // Signing in again uses the link and writes nothing more.
    expect((await me(token)).data?.me.email).toBe(EMAIL('teacher.south'));
    expect(await audits('auth.oidcLink', EMAIL('teacher.south'))).toHaveLength(1);

    const wrongAudience = await me(
      await issuer.sign({ sub: 'idp-x', email: EMAIL('teacher.south'), email_verified: true, aud: 'someone-else' }),
    );
    expect(errorCode(wrongAudience)).toBe('UNAUTHENTICATED');
    const stranger = await me(await issuer.sign({ sub: 'idp-y', email: 'stranger@example.org', email_verified: true }));
    expect(errorCode(stranger)).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['email_verified: false', { email: EMAIL('principal.high'), email_verified: false }],
    ['no email_verified at all', { email: EMAIL('principal.high') }],
    ['email_verified as the string "true"', { email: EMAIL('principal.high'), email_verified: 'true' }],
    ['only preferred_username', { preferred_username: EMAIL('principal.high') }],
    ['only upn', { upn: EMAIL('principal.high') }],
  ])('refuses an unverified identity (%s) and writes nothing', async (_name, claims) => {
    const r = await me(await issuer.sign({ sub: 'attacker-1', ...claims }));
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
    expect(r.data?.me ?? null).toBeNull();
    expect(await subjectOf('principal.high')).toBeNull();
    expect(await audits('auth.oidcLink', EMAIL('principal.high'))).toHaveLength(0);
  });

  it('after refused attempts the real person still signs in with their verified email', async () => {
    await me(await issuer.sign({ sub: 'attacker-2', email: EMAIL('admin'), email_verified: false }));
    const admin = await issuer.sign({ sub: 'idp-admin', email: EMAIL('admin'), email_verified: true });
    expect((await me(admin)).data?.me.email).toBe(EMAIL('admin'));
    const keys = await app.gql('{ sisApiKeys { id } }', {}, admin);
    expect(keys.errors).toBeUndefined();
  });

  it('an inactive person is refused and gets no subject', async () => {
    const r = await me(await issuer.sign({ sub: 'idp-former', email: EMAIL('former.high'), email_verified: true }));
    expect(errorCode(r)).toBe('UNAUTHENTICATED');
    expect(await subjectOf('former.high')).toBeNull();
  });

  it('never re-links a person to another subject: refused and audited until a district admin unlinks', async () => {
    const original = await issuer.sign({ sub: 'idp-coach-high', email: EMAIL('coach.high'), email_verified: true });
    expect((await me(original)).data?.me.email).toBe(EMAIL('coach.high'));

    const other = await issuer.sign({ sub: 'idp-coach-high-2', email: EMAIL('coach.high'), email_verified: true });
    const refused = await me(other);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toMatch(/already linked/);
    expect(await subjectOf('coach.high')).toBe('idp-coach-high');
    const attempts = await audits('auth.oidcLink.refused', EMAIL('coach.high'));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.change).toMatchObject({ subject: 'idp-coach-high-2', why: 'ALREADY_LINKED' });
    expect((await me(original)).data?.me.email).toBe(EMAIL('coach.high'));

    // A teacher may not unlink; the district admin may, audited; then the new subject links.
    const staffId = (await app.sql<{ id: string }>('select id from staff where email = $1', [EMAIL('coach.high')]))[0]?.id;
    const UNLINK = 'mutation($id: ID!) { unlinkSignInIdentity(staffId: $id) { email signInLinked } }';
    expect(errorCode(await app.gql(UNLINK, { id: staffId }, await app.login('teacher.high')))).toBe('FORBIDDEN');
    const unlinked = await app.gql<{ unlinkSignInIdentity: { signInLinked: boolean } }>(
      UNLINK,
      { id: staffId },
      await app.login('admin'),
    );
    expect(unlinked.data?.unlinkSignInIdentity.signInLinked).toBe(false);
    expect(await audits('auth.oidcUnlink', EMAIL('coach.high'))).toHaveLength(1);
    expect((await me(other)).data?.me.email).toBe(EMAIL('coach.high'));
    expect(errorCode(await me(original))).toBe('UNAUTHENTICATED');
  });

  it('refuses ID tokens without exp or iat, and tokens minted to live longer than the maximum', async () => {
    const claims = { sub: 'idp-teacher2-high', email: EMAIL('teacher2.south'), email_verified: true };
    expect(errorCode(await me(await issuer.sign({ ...claims, exp: null })))).toBe('UNAUTHENTICATED');
    expect(errorCode(await me(await issuer.sign({ ...claims, iat: null })))).toBe('UNAUTHENTICATED');
    // Default maximum lifetime: 2 hours.
    expect(errorCode(await me(await issuer.sign({ ...claims, exp: '3h' })))).toBe('UNAUTHENTICATED');
    expect((await me(await issuer.sign({ ...claims, exp: '90m' }))).data?.me.email).toBe(EMAIL('teacher2.south'));
  });
});

describe('OIDC_EMAIL_CLAIM=upn, for a single-tenant issuer that controls upn', () => {
  it('links on upn when the district opted in, and still refuses an unverified email', async () => {
    const issuer = await startIssuer();
    const app = await startTestApp({
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: 'steward-dashboard',
      OIDC_EMAIL_CLAIM: 'upn',
    });
    try {
      const upn = await issuer.sign({ sub: 'entra-oid-1', upn: EMAIL('music.north') });
      const r = await app.gql<{ me: { email: string } }>('{ me { email } }', {}, upn);
      expect(r.data?.me.email).toBe(EMAIL('music.north'));
      const emailOnly = await issuer.sign({ sub: 'entra-oid-2', email: EMAIL('librarian.north'), email_verified: true });
      expect(errorCode(await app.gql('{ me { email } }', {}, emailOnly))).toBe('UNAUTHENTICATED');
    } finally {
      await app.close();
      issuer.close();
    }
  });
});

describe('dev tokens', () => {
  it('refuses a dev token without exp, even signed with the right secret', async () => {
    const staffId = (await t.sql<{ id: string }>("select id from staff where email = 'admin@demo.k12.example'"))[0]?.id ?? '';
    const secret = new TextEncoder().encode('test-secret-test-secret-test-secret-0123');
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('urn:steward:dev-login')
      .setAudience('urn:steward:api')
      .setSubject(staffId)
      .setIssuedAt()
      .sign(secret);
    expect(errorCode(await t.gql('{ me { email } }', {}, noExp))).toBe('UNAUTHENTICATED');
    const withExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('urn:steward:dev-login')
      .setAudience('urn:steward:api')
      .setSubject(staffId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(secret);
    expect((await t.gql<{ me: { email: string } }>('{ me { email } }', {}, withExp)).data?.me.email).toBe(
      'admin@demo.k12.example',
    );
  });
});
