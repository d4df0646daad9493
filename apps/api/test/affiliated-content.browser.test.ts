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
 * Other school-affiliated content and account administrators in a real browser (XXIX): a
 * teacher registers a school web page by its address, and it waits for approval like an
 * account; an owner adds administrators by keyboard, and an address that is not an active
 * member of staff is refused with the section, linked to the Policy page.
 *
 * Same launch and skip rules as browser.test.ts: Debian `chromium` (or CHROMIUM_PATH) and a
 * built dashboard; STEWARD_REQUIRE_BROWSER=1 turns a missing browser into a failure.
 */
const { missing, canRun } = browserPrerequisites('the affiliated content browser tests');

const DOMAIN = 'demo.k12.example';
const TIMEOUT = 90_000;

describe('affiliated content and account administrators in a browser', () => {
  it.runIf(!canRun && REQUIRED)('has a browser and a built dashboard', () => {
    expect.fail(`STEWARD_REQUIRE_BROWSER=1 but the browser tests cannot run: ${missing.join('; ')}`);
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
    'registers a school web page by its address; it waits for approval like an account',
    async () => {
      await signIn(`music.north@${DOMAIN}`);
      await page.goto('/#/socialAccounts/create');
      await page.getByRole('combobox', { name: /What is it/ }).click();
      await page.getByRole('option', { name: 'Web page', exact: true }).click();
      // A web page has no platform or @handle to give: its address identifies it.
      expect(await page.getByRole('combobox', { name: /Platform/ }).count()).toBe(0);
      await page.getByLabel(/^Address/).fill('http://north.demo.k12.example/music');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('A web page is registered by its https:// address').waitFor();
      await page.getByLabel(/^Address/).fill('https://north.demo.k12.example/music');
      await page.getByLabel('Display name').fill('North Elementary Music');
      await page
        .getByRole('checkbox', { name: 'Presents itself as an official district, school, program or class account' })
        .check();
      await page.getByRole('button', { name: 'Save', exact: true }).click();

      await page.getByText('north.demo.k12.example/music · Web page').first().waitFor();
      await page.getByText('Pending approval', { exact: true }).first().waitFor();
      const [row] = await t.sql<{ content_kind: string; platform: string; handle: string; state: string }>(
        "select content_kind, platform, handle, state from social_account where url = 'https://north.demo.k12.example/music'",
      );
      expect(row).toEqual({
        content_kind: 'WEB_PAGE',
        platform: 'WEB',
        handle: 'north.demo.k12.example/music',
        state: 'PENDING_APPROVAL',
      });
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'adds an administrator by keyboard, refuses an outside address citing XXIX, and removes one',
    async () => {
      const owner = await t.login('band.high');
      const registered = await t.gql<{ registerSocialAccount: { id: string } }>(
        `mutation { registerSocialAccount(input: {
           platform: INSTAGRAM, handle: "ralston_band_admins", signals: [PURPORTS_OFFICIAL] }) { id } }`,
        {},
        owner,
      );
      const id = registered.data?.registerSocialAccount.id as string;
      expect(id).toBeTruthy();

      await signIn(`band.high@${DOMAIN}`);
      await page.goto(`/#/socialAccounts/${id}/show`);
      const panel = page.getByTestId('account-administrators');
      await panel.getByText('None yet.').waitFor();

      const field = panel.getByRole('combobox', { name: 'Staff member or work email' });
      await field.focus();
      await page.keyboard.type('drum.parent@gmail.com');
      await page.keyboard.press('Enter');
      const refusal = panel.getByRole('alert');
      await refusal.getByText(/drum\.parent@gmail\.com is not an active member of the district's staff/).waitFor();
      // The section is a link to the Policy page.
      await refusal.getByRole('link', { name: '§XXIX' }).waitFor();

      const axe = await new AxeBuilder({ page })
        .include('[data-testid="account-administrators"]')
        .options({ resultTypes: ['violations'] })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      await field.fill(`journalism.high@${DOMAIN}`);
      await panel.getByRole('button', { name: 'Add administrator' }).click();
      await panel.getByText('Victor Nguyen').waitFor();
      expect(await panel.getByRole('alert').count()).toBe(0);

      const remove = panel.getByRole('button', { name: /^Remove Victor Nguyen as administrator of @ralston_band_admins/ });
      await remove.focus();
      await page.keyboard.press('Enter');
      await panel.getByText('None yet.').waitFor();

      const events = await t.sql<{ action: string }>(
        "select action from audit_event where action = 'socialAccount.setAdministrators' and target_id = $1",
        [id],
      );
      expect(events).toHaveLength(2);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    "an administrator who is not the owner finds the account in the register and in the moderation form (XXX)",
    async () => {
      const owner = await t.login('coach.high');
      const registered = await t.gql<{ registerSocialAccount: { id: string } }>(
        `mutation { registerSocialAccount(input: {
           platform: FACEBOOK, handle: "ralston_rams_moderators", signals: [PURPORTS_OFFICIAL] }) { id } }`,
        {},
        owner,
      );
      const id = registered.data?.registerSocialAccount.id as string;
      const set = await t.gql(
        `mutation($id: ID!) { setAccountAdministrators(input: { accountId: $id, administrators: [{ email: "teacher.high@${DOMAIN}" }] }) { id } }`,
        { id },
        owner,
      );
      expect(set.errors).toBeUndefined();

      await signIn(`teacher.high@${DOMAIN}`);
      await page.goto('/#/socialAccounts');
      await page.getByText('@ralston_rams_moderators · Facebook').click();
      const panel = page.getByTestId('account-administrators');
      await panel.getByText('Olivia Park').waitFor();
      // Read only for an administrator: the owner (or a district admin) changes the list.
      expect(await panel.getByRole('button', { name: 'Add administrator' }).count()).toBe(0);

      await page.goto('/#/moderationCases/create');
      await page.getByRole('combobox', { name: /^Account/ }).click();
      await page.getByRole('option', { name: /@ralston_rams_moderators/ }).waitFor();
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});
