import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REQUIRED, browserPrerequisites, launchChromium } from './browser-env.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * The dashboard in a real browser (DESIGN.md 8): Chromium driven by playwright-core against the
 * built admin app served by the real API on a fresh database.
 *
 * Needs the Debian `chromium` package (or CHROMIUM_PATH) and a built dashboard
 * (`npm run build --workspace @steward/admin`). CI sets STEWARD_REQUIRE_BROWSER=1 so that a
 * missing browser fails the run instead of quietly skipping it.
 */
const { missing, canRun } = browserPrerequisites('the browser tests');

const DOMAIN = 'demo.k12.example';
const TIMEOUT = 90_000;

describe('dashboard in a browser', () => {
  // With STEWARD_REQUIRE_BROWSER=1 a machine that cannot run the browser tests fails loudly.
  it.runIf(!canRun && REQUIRED)('has a browser and a built dashboard', () => {
    expect.fail(
      `STEWARD_REQUIRE_BROWSER=1 but the browser tests cannot run: ${missing.join('; ')}`,
    );
  });

  // Skipped, not failed, where Chromium or the built dashboard is missing (e.g. a laptop
  // without the chromium package); the warning above says why.
  const browserIt = it.skipIf(!canRun);

  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    if (!canRun) return;
    t = await startTestApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // A fresh context per test: its own localStorage, so no token leaks from one test to another.
  beforeEach(async () => {
    if (!canRun) return;
    context = await browser.newContext({ baseURL: t.url });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(async () => {
    await context?.close();
  });

  /** Signs in through the login page, as a person would, and waits for the home page. */
  async function signIn(email: string) {
    await page.goto('/#/login');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Staff and district social media use').waitFor();
  }

  async function gqlOk<T>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<T> {
    const result = await t.gql<T>(query, variables, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  browserIt(
    "shows a principal their own staff, and not another school's",
    async () => {
      await signIn(`principal.north@${DOMAIN}`);
      await page.getByRole('menuitem', { name: 'Staff', exact: true }).click();
      await page.getByText(`teacher.north@${DOMAIN}`).waitFor();

      // textContent, not innerText: hidden text must not mention the other school either.
      const body = await page.locator('body').textContent();
      expect(body).toContain('Lindqvist');
      expect(body).not.toContain('teacher.south');
      expect(body).not.toContain('Whitaker');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'lets a supervisor approve an affiliated account from the inbox, which activates it (XXIX)',
    async () => {
      const teacher = await t.login('teacher.north');
      const { registerSocialAccount: account } = await gqlOk<{
        registerSocialAccount: { id: string; state: string };
      }>(
        `mutation($input: RegisterSocialAccountInput!) {
          registerSocialAccount(input: $input) { id state }
        }`,
        {
          input: {
            platform: 'INSTAGRAM',
            handle: 'north_grade3_news',
            displayName: 'Ralston North 3rd grade',
            signals: ['PURPORTS_OFFICIAL'],
          },
        },
        teacher,
      );
      expect(account.state).toBe('PENDING_APPROVAL');
      await gqlOk(
        `mutation($input: SubmitApprovalRequestInput!) {
          submitApprovalRequest(input: $input) { id state }
        }`,
        {
          input: {
            kind: 'AFFILIATED_ACCOUNT',
            accountId: account.id,
            justification: 'Class news and reminders for the families of my 3rd grade class.',
          },
        },
        teacher,
      );

      await signIn(`principal.north@${DOMAIN}`);
      await page.getByRole('menuitem', { name: 'Approval requests', exact: true }).click();
      // The inbox opens filtered on "Waiting for me"; the teacher's request is in it.
      await page.getByText('@north_grade3_news').first().click();
      await page.getByRole('button', { name: /^Approve / }).click();
      await page.getByText('Request approved.').waitFor();
      // Once decided, the server no longer offers the decision.
      await page
        .getByRole('button', { name: /^Approve / })
        .waitFor({ state: 'detached' });

      const principal = await t.login('principal.north');
      const { socialAccount } = await gqlOk<{ socialAccount: { state: string } }>(
        'query($id: ID!) { socialAccount(id: $id) { state } }',
        { id: account.id },
        principal,
      );
      expect(socialAccount.state).toBe('ACTIVE');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'previews the classification live while a teacher fills in the form (VIII, IX)',
    async () => {
      await signIn(`teacher.north@${DOMAIN}`);
      await page.goto('/#/socialAccounts/create');
      const preview = page.getByTestId('classification-preview');
      await preview.getByText('Personal', { exact: true }).waitFor();

      const listsPosition = page.getByLabel('Lists my position with the district');
      await listsPosition.check();
      expect(await listsPosition.isChecked()).toBe(true);
      await preview.getByText('School-affiliated', { exact: true }).waitFor();

      // Unticking it makes the account personal again: the preview follows every change.
      await listsPosition.uncheck();
      await preview.getByText('Personal', { exact: true }).waitFor();
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});
