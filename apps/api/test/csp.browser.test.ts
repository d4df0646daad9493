import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, GRAPHIQL_CSP } from '../src/server/security-headers.js';
import {
  REQUIRED,
  browserPrerequisites,
  launchChromium,
  openPage,
  signIn as signInAs,
} from './browser-env.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * The Content-Security-Policies of src/server/security-headers.ts in a real browser: the dashboard
 * and GraphiQL work under them with not one violation, and no other origin can frame them.
 *
 * Same requirements as browser.test.ts: the Debian `chromium` package (or CHROMIUM_PATH) and a
 * built dashboard; STEWARD_REQUIRE_BROWSER=1 turns a missing one into a failure.
 */
const { missing, canRun } = browserPrerequisites('the CSP browser tests');

const DOMAIN = 'demo.k12.example';
const TIMEOUT = 90_000;

/** What Chromium says when a policy blocks something (console) or a load (network). */
const CSP_MESSAGE = /Content Security Policy|Refused to|securitypolicyviolation|ERR_BLOCKED_BY_CSP/i;

describe('Content-Security-Policy in a browser', () => {
  it.runIf(!canRun && REQUIRED)('has a browser and a built dashboard', () => {
    expect.fail(
      `STEWARD_REQUIRE_BROWSER=1 but the browser tests cannot run: ${missing.join('; ')}`,
    );
  });

  const browserIt = it.skipIf(!canRun);

  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** CSP violations and blocked loads, from the page, its frames and its workers. */
  let violations: string[] = [];
  let pageErrors: string[] = [];
  /** Another origin (127.0.0.1 on another port) with pages that try to frame the app. */
  let attacker: http.Server;
  let attackerUrl: string;

  beforeAll(async () => {
    if (!canRun) return;
    t = await startTestApp();
    attacker = http.createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://x').searchParams.get('frame') ?? '/hello';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (req.url === '/hello') {
        res.end('<!doctype html><title>hello</title><p id="hello">framed fine</p>');
        return;
      }
      res.end(
        `<!doctype html><title>attacker</title><iframe id="victim" src="${target}" width="800" height="600"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
    await t?.close();
  });

  beforeEach(async ({ onTestFailed }) => {
    if (!canRun) return;
    // A refused load often shows up as a timeout further on: say what the browser refused.
    onTestFailed(() => {
      if (violations.length || pageErrors.length) {
        console.error('CSP violations:', violations, 'page errors:', pageErrors);
      }
    });
    // Every document reports its own violations on the console, where we collect them; the
    // browser also logs "Refused to ..." itself, this catches what it might not.
    // (Browser-side code is passed as strings: this package compiles without the DOM types.)
    ({ context, page, pageErrors } = await openPage(browser, t.url, {
      initScript: `
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error('securitypolicyviolation: ' + e.effectiveDirective + ' blocked ' +
          (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber + ' (' + e.sample + ')');
      });
    `,
    }));
    violations = [];
    const onConsole = (text: string) => {
      if (CSP_MESSAGE.test(text)) violations.push(text);
    };
    page.on('console', (message) => onConsole(message.text()));
    page.on('worker', (worker) => worker.on('console', (message) => onConsole(message.text())));
    page.on('requestfailed', (request) => {
      const error = request.failure()?.errorText ?? '';
      if (CSP_MESSAGE.test(error)) violations.push(`${error}: ${request.url()}`);
    });
  });

  afterEach(async () => {
    await context?.close();
  });

  const signIn = (email: string) => signInAs(page, email);

  browserIt(
    'the dashboard signs in and lists accounts and approvals under its CSP, with no violation',
    async () => {
      const response = await page.goto('/');
      expect(response?.headers()['content-security-policy']).toBe(DASHBOARD_CSP);

      await signIn(`principal.high@${DOMAIN}`);

      await page.getByRole('menuitem', { name: 'Social accounts', exact: true }).click();
      await page.getByText('@RalstonFootball').first().waitFor();
      await page.getByText('@RPS_band').first().waitFor();

      await page.getByRole('menuitem', { name: 'Approval requests', exact: true }).click();
      // The inbox opens on "waiting for me": the coach's football account request.
      await page.getByText('@RalstonFootball').first().waitFor();
      // Open it: the show page with its approve/deny buttons renders too.
      await page.getByText('@RalstonFootball').first().click();
      await page.getByRole('button', { name: /^Approve / }).waitFor();

      // A deep link loaded straight from the server (the SPA fallback), not routed in the client.
      const deep = await page.goto('/socialAccounts');
      expect(deep?.headers()['content-security-policy']).toBe(DASHBOARD_CSP);
      await page.locator('#root').waitFor();

      // emotion's <style> elements were applied (MUI styled the page): style-src lets them in.
      const styled = await page.evaluate("document.querySelectorAll('style[data-emotion]').length");
      expect(styled).toBeGreaterThan(0);

      expect(violations).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'the dashboard refuses a script injected into the page (no inline script runs)',
    async () => {
      await page.goto('/');
      await page.locator('#root').waitFor();
      violations = [];
      const ran = await page.evaluate(`(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true;';
        document.body.append(script);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.injected = true;');
        img.src = '/no-such-image.png';
        document.body.append(img);
        await new Promise((resolve) => setTimeout(resolve, 500));
        return window.injected === true;
      })()`);
      expect(ran).toBe(false);
      // ...and the browser says why: the policy refused it.
      expect(violations.join('\n')).toMatch(/script-src/);
    },
    TIMEOUT,
  );

  browserIt(
    'GraphiQL renders and runs { __typename } under its CSP, with no violation',
    async () => {
      const response = await page.goto('/graphql');
      expect(response?.headers()['content-security-policy']).toBe(GRAPHIQL_CSP);
      const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
      await editor.waitFor();

      // Replace the default query with { __typename } and run it.
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText('{ __typename }');
      await expect
        .poll(() => editor.locator('.view-lines').textContent())
        .toMatch(/^\{\s__typename\s\}$/);
      // GraphiQL picks the operation to run from a debounced parse of the editor, so the first
      // click can still ask for the default query's "Me": run again until the new query answers.
      const run = page.getByRole('button', { name: /Execute query/i });
      const result = page.locator('.graphiql-response');
      await expect
        .poll(
          async () => {
            await run.click();
            await page.waitForTimeout(300);
            return (await result.textContent())?.replace(/\s+/g, ' ');
          },
          { timeout: 20_000, interval: 1_000 },
        )
        .toMatch(/"__typename": "Query"/);

      // Monaco's workers started from /assets (worker-src 'self'), not in the main thread.
      expect(page.workers().length).toBeGreaterThan(0);
      expect(violations).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'no other origin can frame the dashboard or GraphiQL (frame-ancestors, X-Frame-Options)',
    async () => {
      // The control: the attacker's own page frames fine, so a blocked frame below means blocked.
      await page.goto(`${attackerUrl}/?frame=/hello`);
      const control = page.frameLocator('#victim');
      await control.locator('#hello').waitFor();

      for (const target of [`${t.url}/`, `${t.url}/graphql`, `${t.url}/socialAccounts`]) {
        violations = [];
        await page.goto(`${attackerUrl}/?frame=${encodeURIComponent(target)}`);
        await expect.poll(() => violations.join('\n')).toMatch(/frame-ancestors|Refused to (display|frame)/);
        const frame = page.frames().find((f) => f !== page.mainFrame());
        expect(frame, target).toBeDefined();
        // Chromium shows its error page in place of ours: none of the app's document is there.
        expect(frame?.url()).not.toBe(target);
        expect(await page.frameLocator('#victim').locator('#root, #graphiql').count()).toBe(0);
      }
    },
    TIMEOUT,
  );
});
