import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  REQUIRED,
  audit,
  browserPrerequisites,
  demoEmail,
  launchChromium,
  openPage as openBrowserPage,
  settle,
  signIn as signInAs,
} from './browser-env.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * Acknowledgement rounds in the dashboard (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII), in a real
 * browser against the real API and PostgreSQL: the district admin opens a round with the form
 * (a refused date first), a teacher reads the summaries and acknowledges, and their principal
 * sees who on their staff has not. Every screen on the way is checked with axe.
 *
 * Same launch and skip rules as browser.test.ts: Debian `chromium` (or CHROMIUM_PATH) and a
 * built dashboard; STEWARD_REQUIRE_BROWSER=1 turns a missing browser into a failure.
 */
const { missing, canRun } = browserPrerequisites('the acknowledgements browser tests');

const TIMEOUT = 150_000;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function expectAccessible(page: Page, where: string) {
  const problems = await audit(page, where);
  expect(problems, problems.join('\n')).toEqual([]);
}

describe('acknowledgements in a browser', () => {
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
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    if (!canRun) return;
    ({ context, page, pageErrors } = await openBrowserPage(browser, t.url, { colorScheme: 'light' }));
  });

  afterEach(async () => {
    await context?.close();
  });

  const signIn = (key: string) => signInAs(page, demoEmail(key));

  async function openPage() {
    await page.getByRole('menuitem', { name: 'Acknowledgements', exact: true }).click();
    await page.locator('#react-admin-title').getByText('Acknowledgements').waitFor();
  }

  browserIt(
    'the district admin opens a round for all active staff with the form; a due date already past is refused first',
    async () => {
      await signIn('admin');
      await openPage();
      await page.getByRole('heading', { name: 'Open a round for a new revision' }).waitFor();
      await expectAccessible(page, 'acknowledgements, admin, no round yet');

      await page.getByLabel(/^Revision date/).fill(day(-20));
      await page.getByLabel(/^Due date/).fill(day(-1));
      await page.getByRole('button', { name: 'Open the round' }).click();
      await page.getByText(/has already passed/).waitFor();
      await expectAccessible(page, 'acknowledgements, admin, refused due date');

      await page.getByLabel(/^Due date/).fill(day(14));
      await page.getByRole('button', { name: 'Open the round' }).click();
      await page.getByText(`The round for the revision of ${day(-20)} is open, due ${day(14)}.`).waitFor();
      // The admin is staff too: the round asks them, and the district's completion is shown.
      await page.getByRole('button', { name: `Acknowledge the revision of ${day(-20)}` }).waitFor();
      await page.getByRole('heading', { name: new RegExp(`Completion per school: revision of ${day(-20)}`) }).waitFor();
      await page.getByRole('table', { name: 'Completion per school' }).getByText('Ralston North Elementary').waitFor();
      await expectAccessible(page, 'acknowledgements, admin, round open');
      const rounds = await t.sql<{ revision_date: string }>(`select to_char(revision_date, 'YYYY-MM-DD') as revision_date from acknowledgement_round`);
      expect(rounds).toEqual([{ revision_date: day(-20) }]);
      // The round form and the register's school filter share the schools' cached list: the
      // register still opens after the form has loaded it (it once crashed on a second shape).
      await page.getByRole('menuitem', { name: 'Social accounts', exact: true }).click();
      await page.getByRole('columnheader', { name: 'Classification' }).waitFor();
      expect(await page.getByText('Something went wrong').count()).toBe(0);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'a teacher reads the seven summaries and acknowledges; the page then shows the date',
    async () => {
      await signIn('teacher.north');
      await openPage();
      const sections = page.getByRole('list', { name: 'Sections to read' });
      await sections.getByRole('heading', { name: /§XIII / }).waitFor();
      expect(await sections.getByRole('heading').count()).toBe(7);
      await expectAccessible(page, 'acknowledgements, teacher, to acknowledge');
      // A teacher sees no one else's completion.
      expect(await page.getByRole('table', { name: 'Not acknowledged yet' }).count()).toBe(0);

      await page.getByRole('button', { name: `Acknowledge the revision of ${day(-20)}` }).click();
      await page.getByText(new RegExp(`You acknowledged the revision of ${day(-20)} on `)).waitFor();
      expect(await page.getByRole('button', { name: /^Acknowledge the revision/ }).count()).toBe(0);
      await expectAccessible(page, 'acknowledgements, teacher, acknowledged');
      const rows = await t.sql<{ email: string }>(
        'select s.email from acknowledgement a join staff s on s.id = a.staff_id',
      );
      expect(rows).toEqual([{ email: demoEmail('teacher.north') }]);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'the home page asks someone who has not acknowledged, leads to the revision, and stops asking once they have',
    async () => {
      // teacher.south: another school, so the North principal's figures below stay as they are.
      await signIn('teacher.south');
      const card = page.getByRole('heading', { name: 'Acknowledge the policy', exact: true });
      await card.waitFor();
      await page.getByText(`Policy 4051, revision of ${day(-20)}: read the summaries of its sections and acknowledge by ${day(14)}.`).waitFor();
      await expectAccessible(page, 'home, teacher, acknowledgement waiting');
      await page.getByRole('link', { name: 'Read and acknowledge' }).click();
      await page.getByRole('button', { name: `Acknowledge the revision of ${day(-20)}` }).click();
      await page.getByText(new RegExp(`You acknowledged the revision of ${day(-20)} on `)).waitFor();
      await page.goto('/#/');
      await page.getByRole('heading', { name: 'Staff and district social media use' }).waitFor();
      await settle(page);
      expect(await card.count()).toBe(0);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'the principal sees who on their staff has not acknowledged, and no one from another school',
    async () => {
      await signIn('principal.north');
      await openPage();
      await page.getByRole('heading', { name: /^Your staff: revision of/ }).waitFor();
      const pending = page.getByRole('table', { name: 'Not acknowledged yet' });
      await pending.getByText('Amara Okafor').waitFor();
      const names = await pending.getByRole('rowheader').allInnerTexts();
      expect(names.map((n) => n.split('\n')[0])).toEqual(['Grace Abernathy', 'Rosa Delgado', 'Jon Halvorsen', 'Amara Okafor']);
      await page.getByText('Acknowledged: 1 of 5 (20%).').waitFor();
      await expectAccessible(page, 'acknowledgements, principal');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});
