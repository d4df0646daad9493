import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  REQUIRED,
  audit,
  browserPrerequisites,
  demoEmail,
  launchChromium,
  openPage,
  signIn as signInAs,
} from './browser-env.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * Required interactions (XII) and questions about planned content (XVIII) in a real browser,
 * against the real API and PostgreSQL: the High School's principal sets a requirement on the
 * band's school-affiliated page and its director confirms it; a teacher asks her principal about
 * a planned post, the principal answers, and another school's principal cannot open the thread.
 * Every page and dialog on the way is checked with axe.
 *
 * Same launch and skip rules as browser.test.ts: Debian `chromium` (or CHROMIUM_PATH) and a
 * built dashboard; STEWARD_REQUIRE_BROWSER=1 turns a missing browser into a failure.
 */
const { missing, canRun } = browserPrerequisites('the required interactions and content questions browser tests');

const TIMEOUT = 150_000;

async function expectAccessible(page: Page, where: string) {
  const problems = await audit(page, where);
  expect(problems, problems.join('\n')).toEqual([]);
}

describe('required interactions and questions about content in a browser', () => {
  it.runIf(!canRun && REQUIRED)('has a browser and a built dashboard', () => {
    expect.fail(`STEWARD_REQUIRE_BROWSER=1 but the browser tests cannot run: ${missing.join('; ')}`);
  });

  const browserIt = it.skipIf(!canRun);

  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  let bandAccountId = '';
  /** The question the teacher asks in the third test (the next ones use it). */
  let questionPath = '';

  beforeAll(async () => {
    if (!canRun) return;
    t = await startTestApp();
    const [row] = await t.sql<{ id: string }>(`select id from social_account where handle = 'RPS_band'`);
    bandAccountId = row?.id as string;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    if (!canRun) return;
    ({ context, page, pageErrors } = await openPage(browser, t.url, { colorScheme: 'light' }));
  });

  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context?.close();
  });

  const signIn = (key: string) => signInAs(page, demoEmail(key));

  browserIt(
    "the band director's principal sets a required interaction on @RPS_band (XII)",
    async () => {
      await signIn('principal.high');
      await page.goto(`/#/socialAccounts/${bandAccountId}/show`);
      const panel = page.getByTestId('required-interactions');
      await panel.getByText('None set.').waitFor();
      await panel.getByRole('button', { name: 'Add a required interaction' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a required interaction' });
      await dialog.waitFor();
      // Too short: said under the field, before anything is sent.
      await dialog.getByLabel(/^What the account must do/).fill('Follow');
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.getByText(/Write at least 10 characters/).waitFor();
      await expectAccessible(page, 'add a required interaction, too short');
      await dialog.getByLabel(/^What the account must do/).fill("Follow the district's main account");
      await dialog.getByLabel(/^Whom/).fill('@RalstonSchools');
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const item = panel.getByTestId('required-interaction').first();
      await item.getByText("Follow the district's main account — @RalstonSchools").waitFor();
      await item.getByText('Awaiting confirmation').waitFor();
      await item.getByText(/Waiting for Ellen Fischer/).waitFor();
      await expectAccessible(page, 'account page with a required interaction');
    },
    TIMEOUT,
  );

  browserIt(
    'the band director sees it awaiting their confirmation and confirms it (XII)',
    async () => {
      await signIn('band.high');
      await page.getByRole('menuitem', { name: 'Required interactions' }).click();
      await page.locator('#react-admin-title').getByText('Required interactions').waitFor();
      await page.getByLabel('Awaiting my confirmation').check();
      const row = page.locator('#main-content tbody tr').filter({ hasText: "Follow the district's main account" });
      await row.waitFor();
      await expectAccessible(page, 'required interactions, awaiting my confirmation');
      await row.getByRole('button', { name: /^Confirm: Follow the district/ }).click();
      await page.getByText('Confirmed.').first().waitFor();
      await page.getByText('No required interactions found.').last().waitFor();
      await page.getByLabel('Awaiting my confirmation').uncheck();
      await page
        .locator('#main-content tbody tr')
        .filter({ hasText: /Confirmed by Ellen Fischer/ })
        .waitFor();
    },
    TIMEOUT,
  );

  browserIt(
    'a teacher asks her supervising administrator about a planned post (XVIII)',
    async () => {
      await signIn('teacher.high');
      await page.getByRole('menuitem', { name: 'Questions about content' }).click();
      await page.locator('#react-admin-title').getByText('Questions about content').waitFor();
      await page.getByRole('link', { name: 'Ask your supervising administrator' }).click();
      await page.getByLabel(/^Your question/).waitFor();
      await expectAccessible(page, 'ask your supervising administrator');
      await page.getByRole('button', { name: 'Send the question' }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
      await page.getByLabel(/^Your question/).fill('May I use a clip of a pop song behind the debate video?');
      await page.getByLabel(/^Text of the planned post/).fill('Our history club debated the Louisiana Purchase today!');
      await page.getByLabel(/^Media/).fill('A two-minute video of the debate, with 20 seconds of a pop song at the end.');
      await page.getByRole('button', { name: 'Send the question' }).click();
      const thread = page.getByTestId('thread');
      await thread.getByText('May I use a clip of a pop song behind the debate video?').waitFor();
      await page.getByText('Nadia Brennan').first().waitFor();
      await page.getByText('Waiting for an answer').first().waitFor();
      questionPath = new URL(page.url()).hash;
      expect(questionPath).toMatch(/^#\/contentQuestions\/[0-9a-f-]{36}\/show$/);
      await expectAccessible(page, 'the question asked');
    },
    TIMEOUT,
  );

  browserIt(
    'her principal finds it waiting, answers, and the thread keeps both (XVIII)',
    async () => {
      expect(questionPath).not.toBe('');
      await signIn('principal.high');
      await page.getByRole('menuitem', { name: 'Questions about content' }).click();
      await page.getByLabel('Waiting for me').check();
      await page.getByRole('link', { name: /^May I use a clip of a pop song/ }).click();
      await page.getByRole('button', { name: 'Answer', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Answer the question' });
      await dialog.waitFor();
      await expectAccessible(page, 'answer dialog');
      await dialog.getByLabel(/^Answer/).fill('The song is copyrighted: use the debate audio only (XVIII).');
      await dialog.getByRole('button', { name: 'Send answer' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const thread = page.getByTestId('thread');
      await thread.getByText('The song is copyrighted: use the debate audio only (XVIII).').waitFor();
      expect(await thread.getByRole('listitem').count()).toBe(2);
      await page.getByText('Answered', { exact: true }).first().waitFor();
      await expectAccessible(page, 'the question answered');
    },
    TIMEOUT,
  );

  browserIt(
    "another school's principal cannot open the thread",
    async () => {
      expect(questionPath).not.toBe('');
      await signIn('principal.south');
      await page.goto(`/${questionPath}`);
      await page.getByText(/outside your scope/).first().waitFor();
      await page.locator('#react-admin-title').getByText('Questions about content').waitFor();
      expect(await page.getByText('May I use a clip of a pop song').count()).toBe(0);
    },
    TIMEOUT,
  );
});
