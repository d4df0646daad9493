import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  REQUIRED,
  browserPrerequisites,
  launchChromium,
  openPage,
  signIn as signInAs,
} from './browser-env.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * The affiliation review in a real browser (IX, XXIX): an owner registers an account whose
 * profile text strongly suggests signals, ticks none and is told at once who will review it;
 * the supervising administrator finds it among the accounts needing attention, reads the
 * reasons and applies the suggested signals.
 *
 * Same launch and skip rules as browser.test.ts: Debian `chromium` (or CHROMIUM_PATH) and a
 * built dashboard; STEWARD_REQUIRE_BROWSER=1 turns a missing browser into a failure.
 */
const { missing, canRun } = browserPrerequisites('the affiliation review browser tests');

const DOMAIN = 'demo.k12.example';
const TIMEOUT = 90_000;
const SIX = [
  'PURPORTS_OFFICIAL',
  'SHARES_SCHOOL_UPDATES',
  'LISTS_STAFF_POSITION',
  'INDICATES_DISTRICT_CONNECTION',
  'USES_DISTRICT_NAME',
  'USES_MASCOT_OR_IMAGE',
];

describe('affiliation review in a browser', () => {
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

  beforeEach(async () => {
    if (!canRun) return;
    ({ context, page, pageErrors } = await openPage(browser, t.url));
  });

  afterEach(async () => {
    await context?.close();
  });

  const signIn = (email: string) => signInAs(page, email);

  browserIt(
    'tells the owner before and at save time that the supervisor will review the account',
    async () => {
      await signIn(`coach.high@${DOMAIN}`);
      await page.goto('/#/socialAccounts/create');
      await page.getByRole('combobox', { name: /Platform/ }).click();
      await page.getByRole('option', { name: 'Instagram', exact: true }).click();
      await page.getByLabel(/^Handle/).fill('RalstonRamsFootball_x');
      await page.getByLabel('Display name').fill('Ralston Rams Football');
      await page
        .getByLabel('Bio')
        .fill('Game day updates for Rams families. Head coach at Ralston High.');
      // Before saving: the preview says what the text suggests and who will look at it.
      await page.getByTestId('classification-preview-review').waitFor();
      await page.getByRole('button', { name: 'Save', exact: true }).click();

      // At save time: the API's own words, naming the supervising administrator.
      await page.getByText(/Your supervising administrator, Nadia Brennan, will review it/).first().waitFor();
      const review = page.getByTestId('affiliation-review');
      await review.getByText('Waiting for the supervising administrator.').waitFor();
      // The owner sees the reasons, but has no decision to make.
      expect(await review.getByRole('button', { name: 'Apply signals' }).count()).toBe(0);

      const [row] = await t.sql<{ classification: string; state: string; review_status: string }>(
        "select classification, state, review_status from social_account where handle = 'RalstonRamsFootball_x'",
      );
      expect(row).toEqual({ classification: 'PERSONAL', state: 'ACTIVE', review_status: 'PENDING' });
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'lets the supervisor open the flagged account and apply the suggested signals (IX, XXIX)',
    async () => {
      const coach = await t.login('coach.high');
      const registered = await t.gql<{ registerSocialAccount: { id: string; attention: string[] } }>(
        `mutation($input: RegisterSocialAccountInput!) {
          registerSocialAccount(input: $input) { id attention }
        }`,
        {
          input: {
            platform: 'X',
            handle: 'RalstonRamsHoops_x',
            displayName: 'Ralston Rams Basketball',
            bio: 'Game day updates for Rams families. Head coach at Ralston High.',
            signals: [],
          },
        },
        coach,
      );
      expect(registered.errors).toBeUndefined();
      const id = registered.data?.registerSocialAccount.id as string;
      expect(registered.data?.registerSocialAccount.attention).toEqual(['AFFILIATION_REVIEW']);

      await signIn(`principal.high@${DOMAIN}`);
      // "Accounts needing attention" on the home page leads to it.
      const card = page.locator('.MuiCard-root', { hasText: 'Accounts needing attention' });
      await card.getByRole('link', { name: /^Open/ }).click();
      await page.getByText('@RalstonRamsHoops_x · X').click();

      // The account page: the review, and each suggestion with its reason and sections.
      const review = page.getByTestId('affiliation-review');
      await review.getByText('Waiting for the supervising administrator.').waitFor();
      await review.getByText(/The bio gives a position \("coach"\) together with "ralston high"/).waitFor();
      await review.getByText(/Policy 4051 §VIII/).first().waitFor();
      for (const label of ["Uses the district's or a school's name", 'Prominently lists a position with the district']) {
        expect(await review.getByRole('checkbox', { name: label }).isChecked()).toBe(true);
      }
      // The panel itself meets WCAG 2.1 A/AA (the whole pages: accessibility.browser.test.ts).
      const axe = await new AxeBuilder({ page })
        .include('[data-testid="affiliation-review"]')
        .options({ resultTypes: ['violations'] })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await review.getByRole('button', { name: 'Apply signals' }).click();
      await page.getByText('Signals applied: the account is school-affiliated and waits for approval.').waitFor();
      await review.getByText('Signals applied.').waitFor();
      await page.getByText('Pending approval', { exact: true }).first().waitFor();
      await review.getByRole('button', { name: 'Apply signals' }).waitFor({ state: 'detached' });

      const { data } = await t.gql<{
        socialAccount: { classification: string; state: string; signals: string[]; attention: string[] };
      }>('query($id: ID!) { socialAccount(id: $id) { classification state signals attention } }', { id }, coach);
      expect(data?.socialAccount).toMatchObject({
        classification: 'SCHOOL_AFFILIATED',
        state: 'PENDING_APPROVAL',
        signals: SIX,
      });
      expect(data?.socialAccount.attention).not.toContain('AFFILIATION_REVIEW');
      const [event] = await t.sql<{ actor_label: string; change: { onScreen: { suggestions: unknown[] } } }>(
        "select actor_label, change from audit_event where action = 'socialAccount.applySignals' and target_id = $1",
        [id],
      );
      expect(event?.change.onScreen.suggestions).toHaveLength(6);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});
