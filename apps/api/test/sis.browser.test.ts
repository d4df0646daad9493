import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  REQUIRED,
  audit,
  browserPrerequisites,
  launchChromium,
  openPage,
  settle,
  signIn as signInAs,
} from './browser-env.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * The SIS slice's dashboard in a real browser (IV, XIV): a teacher checks a post before it shows
 * students (BLOCKED with the reason for a student without a release, then ALLOWED without them),
 * reads their school's students with each one's release standing, and the district admin reads
 * the SIS's sync runs. Every new page is also checked with axe-core against WCAG 2.1 A and AA.
 *
 * Same launch and skip rules as browser.test.ts: Debian `chromium` (or CHROMIUM_PATH) and a
 * built dashboard; STEWARD_REQUIRE_BROWSER=1 turns a missing browser into a failure.
 */
const { missing, canRun } = browserPrerequisites('the SIS dashboard browser tests');

const DOMAIN = 'demo.k12.example';
const TIMEOUT = 120_000;
/** Where the screenshot of the check page's answer goes (to look at by eye). */
const SCREENSHOT = process.env.STEWARD_SCREENSHOT_DIR ?? '/tmp';

/** `YYYY-MM-DD`, `days` from today (UTC, as the API computes "today"). */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function expectAccessible(page: Page, where: string) {
  const problems = await audit(page, where);
  if (problems.length > 0) console.error(problems.join('\n'));
  expect(problems, problems.join('\n')).toEqual([]);
}

describe('SIS dashboard in a browser', () => {
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
  let accountHandle = '';
  let withReleaseId = '';

  beforeAll(async () => {
    if (!canRun) return;
    t = await startTestApp();
    // Students at the High School and one at North: one with a current release (signed by
    // their guardian a month ago, until revoked), one with none, one whose family declined.
    const sync = t.app.services.sync;
    const T = '2026-09-01T00:00:00Z';
    await sync.syncStudents(t.orm.em.fork(), null, [
      { sourcedId: 'sb-okafor', dateLastModified: T, givenName: 'Amara', familyName: 'Okafor', schoolSourcedId: 'org-high', grade: '10' },
      { sourcedId: 'sb-castillo', dateLastModified: T, givenName: 'Bruno', familyName: 'Castillo', schoolSourcedId: 'org-high', grade: '11' },
      { sourcedId: 'sb-wu', dateLastModified: T, givenName: 'Chen', familyName: 'Wu', preferredName: 'Charlie', schoolSourcedId: 'org-high', grade: '09' },
      { sourcedId: 'sb-lindgren', dateLastModified: T, givenName: 'Noor', familyName: 'Lindgren', schoolSourcedId: 'org-north', grade: '03' },
      // Refused (no such school): the sync run records it, for the errors panel.
      { sourcedId: 'sb-nowhere', dateLastModified: T, givenName: 'Lost', familyName: 'Record', schoolSourcedId: 'org-nowhere' },
    ]);
    await sync.syncGuardians(t.orm.em.fork(), null, [
      { sourcedId: 'sb-okafor-parent', dateLastModified: T, givenName: 'Ngozi', familyName: 'Okafor', email: 'ngozi.okafor@example.org', students: [{ studentSourcedId: 'sb-okafor' }] },
      { sourcedId: 'sb-wu-parent', dateLastModified: T, givenName: 'Li', familyName: 'Wu', students: [{ studentSourcedId: 'sb-wu' }] },
    ]);
    await sync.syncMediaReleases(t.orm.em.fork(), null, [
      { sourcedId: 'sb-rel-okafor', dateLastModified: T, studentSourcedId: 'sb-okafor', releaseStatus: 'GRANTED', scopes: ['DISTRICT_SOCIAL_MEDIA', 'WEBSITE'], signedByGuardianSourcedId: 'sb-okafor-parent', signedOn: day(-30), documentRef: 'DOC-OKAFOR-1' },
      { sourcedId: 'sb-rel-wu', dateLastModified: T, studentSourcedId: 'sb-wu', releaseStatus: 'DENIED', scopes: ['DISTRICT_SOCIAL_MEDIA'], signedByGuardianSourcedId: 'sb-wu-parent', signedOn: day(-20) },
    ]);
    const [okafor] = await t.sql<{ id: string }>("select id from student where sourced_id = 'sb-okafor'");
    withReleaseId = okafor?.id ?? '';

    // The teacher's school-affiliated account (it purports to be official: IX).
    const teacher = await t.login('teacher.high');
    const registered = await t.gql<{ registerSocialAccount: { handle: string; classification: string } }>(
      `mutation { registerSocialAccount(input: { platform: INSTAGRAM, handle: "rhs_history_photos",
         displayName: "RHS History", signals: [PURPORTS_OFFICIAL] }) { handle classification } }`,
      {},
      teacher,
    );
    expect(registered.errors, JSON.stringify(registered.errors)).toBeUndefined();
    expect(registered.data?.registerSocialAccount.classification).toBe('SCHOOL_AFFILIATED');
    accountHandle = registered.data?.registerSocialAccount.handle ?? '';

    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // A fresh context per test: its own localStorage, so no token leaks from one test to another.
  beforeEach(async () => {
    if (!canRun) return;
    ({ context, page, pageErrors } = await openPage(browser, t.url, { colorScheme: 'light' }));
  });

  afterEach(async () => {
    await context?.close();
  });

  /** Signs in through the login page, as a person would, and waits for the home page. */
  const signIn = (email: string) => signInAs(page, email);

  /** Types into a student autocomplete and picks the option that names them. */
  async function pickStudent(name: string) {
    const input = page.getByRole('combobox', { name: /^Students shown/ });
    await input.fill(name);
    await page.getByRole('option', { name: new RegExp(name) }).click();
    await expect.poll(() => input.inputValue()).toBe('');
  }

  browserIt(
    'a teacher checks a post: BLOCKED with the reason for a student without a release, then ALLOWED without them (IV, XIV)',
    async () => {
      await signIn(`teacher.high@${DOMAIN}`);
      await page.getByRole('menuitem', { name: 'Check a post', exact: true }).click();
      await page.locator('#react-admin-title').getByText('Check a post').waitFor();

      // The account: the teacher's own.
      await page.getByRole('combobox', { name: /^Account/ }).click();
      await page.getByRole('option', { name: new RegExp(`@${accountHandle}`) }).click();
      // Two students, found by name.
      await pickStudent('Okafor');
      await pickStudent('Castillo');
      await expect.poll(() => page.getByLabel('Photo', { exact: true }).isChecked()).toBe(true);

      await page.getByRole('button', { name: 'Check', exact: true }).click();
      const result = page.getByTestId('check-result');
      // The answer is in a polite live region (4.1.3): announced, not interrupting.
      expect(await result.getAttribute('aria-live')).toBe('polite');
      await result.getByText('Post blocked').waitFor();
      await result.getByText('Blocked: 1 of 2 students may not be shown in this post.').waitFor();
      await result.getByText(/Not allowed: Bruno Castillo\./).waitFor();

      const rows = page.getByTestId('verdict-row');
      const castillo = rows.filter({ hasText: 'Bruno Castillo' });
      await castillo.getByText('Blocked', { exact: true }).waitFor();
      await castillo.getByText('No release on file.').waitFor();
      await castillo.getByText('No media release is on file for this student.').waitFor();
      await castillo.getByText(/Policy 4051 §XIV/).waitFor();
      const okafor = rows.filter({ hasText: 'Amara Okafor' });
      await okafor.getByText('Allowed', { exact: true }).waitFor();
      await okafor
        .getByText('A current media release covering district social media is on file.')
        .waitFor();

      // The check is recorded, and listed under the account.
      const recent = page.getByTestId('recent-checks');
      await recent.getByText('Bruno Castillo: blocked (No release on file)').waitFor();
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOT, 'steward-check-post-blocked.png'), fullPage: true });
      await expectAccessible(page, 'check a post: blocked');

      // The same post without the student who has no release: allowed. Backspace in the empty
      // search removes the last student picked (the keyboard way to take one out).
      await page.getByRole('combobox', { name: /^Students shown/ }).press('Backspace');
      await expect.poll(() => page.getByRole('button', { name: /Castillo/ }).count()).toBe(0);
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await result.getByText('Post allowed').waitFor();
      await result.getByText('Allowed: the student may be shown in this post.').waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      await rows.filter({ hasText: 'Amara Okafor' }).getByText('Allowed', { exact: true }).waitFor();
      await expect.poll(() => recent.locator('tbody tr').count()).toBe(2);
      await settle(page);
      await page.screenshot({ path: path.join(SCREENSHOT, 'steward-check-post-allowed.png'), fullPage: true });
      await expectAccessible(page, 'check a post: allowed');

      const checks = await t.sql<{ result: string }>(
        `select c.result from publication_check c join social_account a on a.id = c.account_id
          where a.handle = $1 order by c.created_at`,
        [accountHandle],
      );
      expect(checks.map((c) => c.result)).toEqual(['BLOCKED', 'ALLOWED']);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    "shows a teacher their school's students with each one's release standing, and no history (XIV)",
    async () => {
      await signIn(`teacher.high@${DOMAIN}`);
      // Sync runs are for the district admin and the auditor.
      expect(await page.getByRole('menuitem', { name: 'Sync runs', exact: true }).count()).toBe(0);
      await page.getByRole('menuitem', { name: 'Students', exact: true }).click();
      const okafor = page.locator('tr', { hasText: 'Okafor, Amara' });
      await okafor.getByText('Release current', { exact: true }).waitFor();
      await okafor.getByText('Ralston High School').waitFor();
      await okafor.getByText('Grade 10').waitFor();
      await page
        .locator('tr', { hasText: 'Castillo, Bruno' })
        .getByText('No release on file · §XIV', { exact: true })
        .waitFor();
      await page
        .locator('tr', { hasText: 'Wu, Chen (Charlie)' })
        .getByText('Release denied · §XIV', { exact: true })
        .waitFor();
      // Only the High School: not North's student (textContent: hidden text must not either).
      const body = await page.locator('body').textContent();
      expect(body).not.toContain('Lindgren');
      expect(await page.locator('tbody tr').count()).toBe(3);
      await expectAccessible(page, 'students: list (teacher)');

      // Search by name.
      await page.getByPlaceholder('Given, family or preferred name').fill('charlie');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await page.getByRole('link', { name: 'Wu, Chen (Charlie)' }).click();

      // A student's page: the standing in words, the history hidden from plain staff.
      await page.locator('#react-admin-title').getByText('Charlie Wu').waitFor();
      await page.getByText('The guardian declined the media release.').waitFor();
      await page.getByText(/^Only supervisors see the release history/).waitFor();
      expect(await page.getByText('Parents and guardians').count()).toBe(0);
      await expectAccessible(page, 'students: show (teacher)');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    "shows the district admin a student's release history and guardians",
    async () => {
      await signIn(`admin@${DOMAIN}`);
      await page.goto(`/#/students/${withReleaseId}/show`);
      await page.locator('#react-admin-title').getByText('Amara Okafor').waitFor();
      await page.getByText('Release current', { exact: true }).waitFor();
      await page.getByText('DOC-OKAFOR-1').waitFor();
      await page.getByText('District social media, District website').waitFor();
      await page.getByText('Parents and guardians').waitFor();
      await page.getByText('ngozi.okafor@example.org').waitFor();
      await expectAccessible(page, 'students: show (district admin)');

      // The district sees every school's students.
      await page.goto('/#/students');
      await page.getByText('Lindgren, Noor').waitFor();
      await expectAccessible(page, 'students: list (district admin)');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'shows the district admin the sync runs, with the refused records of a run',
    async () => {
      await signIn(`admin@${DOMAIN}`);
      await page.getByRole('menuitem', { name: 'Sync runs', exact: true }).click();
      // Newest first: the releases, the guardians, then the students with one refused record.
      const studentsRun = page.locator('tbody tr', { hasText: 'Students' }).filter({ hasText: '1 refused' });
      await studentsRun.waitFor();
      await page.locator('tbody tr', { hasText: 'Media releases' }).first().waitFor();
      await page.locator('tbody tr', { hasText: 'Guardians' }).first().waitFor();
      expect(await studentsRun.textContent()).toMatch(/SIS API\s*by system/);
      await expectAccessible(page, 'sync runs: list');

      // A real button (react-admin's expand arrow is for the mouse only), named for its run.
      const refused = studentsRun.getByRole('button', { name: /^1 refused: students run of / });
      expect(await refused.getAttribute('aria-expanded')).toBe('false');
      await refused.focus();
      await page.keyboard.press('Enter');
      await page.getByText('Refused records of this run').waitFor();
      expect(await refused.getAttribute('aria-expanded')).toBe('true');
      await page.getByText('sb-nowhere', { exact: true }).waitFor();
      await page.getByText(/org-nowhere.*not known/).waitFor();
      await expectAccessible(page, 'sync runs: errors panel');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'keeps "Check a post" out of the auditor\'s menu, and tells them why on the page',
    async () => {
      await signIn(`auditor@${DOMAIN}`);
      expect(await page.getByRole('menuitem', { name: 'Check a post', exact: true }).count()).toBe(0);
      await page.getByRole('menuitem', { name: 'Sync runs', exact: true }).waitFor();
      await page.goto('/#/check-post');
      await page.getByText(/your role does not check posts/).waitFor();
      await expectAccessible(page, 'check a post: auditor');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});
