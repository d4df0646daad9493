import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import {
  API_CSP,
  cspHeader,
  DASHBOARD_CSP,
  DASHBOARD_CSP_DIRECTIVES,
  GRAPHIQL_CSP,
  securityHeaders,
} from './security-headers.js';

/** A CSP header as directive name -> sources. */
function parseCsp(header: string | null): Map<string, string[]> {
  expect(header, 'a Content-Security-Policy header').toBeTruthy();
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

/** The headers every response carries, whatever it is. */
function expectCommonHeaders(response: Response, what: string) {
  const h = response.headers;
  expect(h.get('x-frame-options'), what).toBe('DENY');
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('referrer-policy'), what).toBe('no-referrer');
  expect(h.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(h.get('x-powered-by'), what).toBeNull();
  // The test server is plain http, not production: no HSTS.
  expect(h.get('strict-transport-security'), what).toBeNull();
  const csp = parseCsp(h.get('content-security-policy'));
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  for (const [name, sources] of csp) {
    expect(sources, `${what}: ${name}`).not.toContain("'unsafe-eval'");
    if (name.startsWith('script-src')) expect(sources, what).not.toContain("'unsafe-inline'");
  }
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('security headers on every kind of response', () => {
  it('the dashboard at /: DASHBOARD_CSP, scripts from this origin only', async () => {
    const response = await fetch(`${t.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<div id="root">/);
    expectCommonHeaders(response, '/');
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    const csp = parseCsp(DASHBOARD_CSP);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('a deep link served by the single-page-app fallback: DASHBOARD_CSP', async () => {
    const response = await fetch(`${t.url}/socialAccounts`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<div id="root">/);
    expectCommonHeaders(response, '/socialAccounts');
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
  });

  it('a built static asset under /assets/: DASHBOARD_CSP and nosniff', async () => {
    const html = await (await fetch(`${t.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const response = await fetch(`${t.url}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expectCommonHeaders(response, script as string);
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
  });

  it('GraphiQL (a browser GET of /graphql): GRAPHIQL_CSP, workers from this origin, no eval', async () => {
    const response = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/graphiql/i);
    expectCommonHeaders(response, 'GET /graphql (html)');
    expect(response.headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
    const csp = parseCsp(GRAPHIQL_CSP);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it('GraphiQL as the static file /graphiql.html: the same GRAPHIQL_CSP', async () => {
    const response = await fetch(`${t.url}/graphiql.html`);
    expect(response.status).toBe(200);
    expectCommonHeaders(response, '/graphiql.html');
    expect(response.headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
  });

  it('a GraphQL answer (POST /graphql): API_CSP, nothing may load', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expectCommonHeaders(response, 'POST /graphql');
    expect(response.headers.get('content-security-policy')).toBe(API_CSP);
    expect(API_CSP).toBe("default-src 'none';frame-ancestors 'none'");
    // Answers carry people's data: no browser or proxy cache may keep them.
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('a GraphQL GET asking for JSON (Apollo, not GraphiQL): API_CSP', async () => {
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expectCommonHeaders(response, 'GET /graphql (json)');
    expect(response.headers.get('content-security-policy')).toBe(API_CSP);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('POST /graphql (answered without Express) sends the same headers as the Express route', async () => {
    const post = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'same-headers-1' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true', 'x-request-id': 'same-headers-2' },
    });
    const names = (r: Response) =>
      [...r.headers.keys()].filter((n) => !['date', 'content-length', 'etag', 'x-request-id'].includes(n)).sort();
    expect(names(post)).toEqual(names(get));
    for (const name of names(get)) expect(post.headers.get(name), name).toBe(get.headers.get(name));
    expect(post.headers.get('x-request-id')).toBe('same-headers-1');
  });

  it('/healthz and /readyz: API_CSP', async () => {
    for (const route of ['/healthz', '/readyz']) {
      const response = await fetch(`${t.url}${route}`);
      expect(response.status, route).toBe(200);
      expectCommonHeaders(response, route);
      expect(response.headers.get('content-security-policy'), route).toBe(API_CSP);
    }
  });

  it('an error response (413, body too large): API_CSP and all the headers', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(120_000)}` }),
    });
    expect(response.status).toBe(413);
    expectCommonHeaders(response, '413');
    expect(response.headers.get('content-security-policy')).toBe(API_CSP);
  });

  it('the exported strings are what helmet sends for the exported directives', () => {
    expect(cspHeader(DASHBOARD_CSP_DIRECTIVES)).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
    expect(GRAPHIQL_CSP).toContain("frame-ancestors 'none'");
    // Only styles may be inline (emotion, Monaco); never scripts, never eval.
    for (const policy of [DASHBOARD_CSP, GRAPHIQL_CSP, API_CSP]) {
      expect(policy).not.toContain("'unsafe-eval'");
      expect(parseCsp(policy).get('script-src') ?? []).not.toContain("'unsafe-inline'");
    }
  });
});

describe('Strict-Transport-Security', () => {
  async function headersWith(isProduction: boolean): Promise<Headers> {
    const app = express();
    app.disable('x-powered-by');
    app.use(securityHeaders({ isProduction }));
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).headers;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('is sent in production (a year, subdomains included)', async () => {
    const headers = await headersWith(true);
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('content-security-policy')).toBe(API_CSP);
  });

  it('is not sent by the plain-http development server', async () => {
    expect((await headersWith(false)).get('strict-transport-security')).toBeNull();
  });
});
