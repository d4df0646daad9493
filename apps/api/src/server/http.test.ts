import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
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

describe('GRAPHQL_CONCURRENCY: GraphQL requests beyond the limit wait their turn', () => {
  let gated: TestApp;
  beforeAll(async () => {
    gated = await startTestApp({ GRAPHQL_CONCURRENCY: '1' });
  });
  afterAll(() => gated.close());

  const post = (signal?: AbortSignal) =>
    fetch(`${gated.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal,
    });

  /** A request that holds the only slot: its body is announced but never finishes arriving. */
  function holdTheSlot() {
    const { hostname, port } = new URL(gated.url);
    const req = http.request({
      host: hostname,
      port,
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'content-length': '1000' },
    });
    req.on('error', () => {});
    req.write('{"query":');
    return req;
  }

  it('answers every one of many requests sent at once', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => post()));
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(200));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(bodies.every((b) => (b as { data?: { __typename?: string } }).data?.__typename === 'Query')).toBe(true);
  });

  it('keeps a request waiting while the slot is taken, and runs it once the holder goes away', async () => {
    const holder = holdTheSlot();
    await new Promise((r) => setTimeout(r, 100));
    let answered = false;
    const waiting = post().then((r) => {
      answered = true;
      return r;
    });
    // A client that gives up while waiting frees its place in the line too.
    const giveUp = new AbortController();
    const abandoned = post(giveUp.signal).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    giveUp.abort();
    expect(await abandoned).toBeInstanceOf(Error);
    holder.destroy();
    const response = await waiting;
    expect(response.status).toBe(200);
    // Nothing is left holding the slot: later requests are answered at once.
    expect((await post()).status).toBe(200);
  });
});
