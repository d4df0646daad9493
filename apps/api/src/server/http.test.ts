import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverAudits } from 'graphql-http';
import { startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('HTTP surface', () => {
  it('/healthz answers 200 and /readyz reports the database and migrations ready', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: 'ok', migrations: 'applied' });
  });

  it('serves GraphiQL from the API itself to a browser at /graphql, with no CDN', async () => {
    const response = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/graphiql/i);
    // Every script and stylesheet is served from here: the page works offline.
    const external = [...html.matchAll(/(?:src|href)="(https?:)?\/\/[^"]+"/g)];
    expect(external).toEqual([]);
    const script = /src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    expect((await fetch(`${t.url}${script}`)).status).toBe(200);
  });

  it('serves the dashboard at /', async () => {
    const response = await fetch(`${t.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<div id="root">/);
  });

  it('refuses a body over 100 kB with 413 and a JSON error, not a stack trace', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(120_000)}` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/100 kB/);
  });

  it('refuses a query nested deeper than the limit', async () => {
    const deep = '{ me { supervisor { supervisor { supervisor { supervisor { supervisor { supervisor { supervisor { email } } } } } } } } }';
    const r = await t.gql(deep, {}, await t.login('admin'));
    expect(r.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('masks unexpected errors: no stack trace in any response', async () => {
    const r = await t.gql('{ nope }');
    expect(JSON.stringify(r)).not.toMatch(/\bat \w+ \(/);
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('GraphQL over HTTP spec', () => {
  const audits = serverAudits({ url: () => `${t.url}/graphql` });
  for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
    });
  }
});
