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
import { startSmtpCatcher, type SmtpCatcher } from './smtp.js';

/**
 * The moderation slice's dashboard in a real browser (XXX-XXXV), against the real API, its real
 * PostgreSQL and a real SMTP server on loopback: an account administrator (the band director,
 * who runs the school-affiliated @RPS_band) records a removal and watches both notices of XXX
 * get delivered; the Director of External Relations answers a question about it; a teacher of
 * another school cannot open the case. Every page and dialog on the way is checked with axe.
 *
 * Same launch and skip rules as browser.test.ts: Debian `chromium` (or CHROMIUM_PATH) and a
 * built dashboard; STEWARD_REQUIRE_BROWSER=1 turns a missing browser into a failure.
 */
const { missing, canRun } = browserPrerequisites('the moderation dashboard browser tests');

const TIMEOUT = 150_000;
const COMMENT =
  'You people at the band should watch your backs at the Friday concert, I know where the kids park.';

async function expectAccessible(page: Page, where: string) {
  const problems = await audit(page, where);
  if (problems.length > 0) console.error(problems.join('\n'));
  expect(problems, problems.join('\n')).toEqual([]);
}

describe('moderation dashboard in a browser', () => {
  it.runIf(!canRun && REQUIRED)('has a browser and a built dashboard', () => {
    expect.fail(`STEWARD_REQUIRE_BROWSER=1 but the browser tests cannot run: ${missing.join('; ')}`);
  });

  const browserIt = it.skipIf(!canRun);

  let smtp: SmtpCatcher;
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  /** The case the band director records in the first test (the next ones use it). */
  let caseId = '';

  beforeAll(async () => {
    if (!canRun) return;
    smtp = await startSmtpCatcher();
    t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.stop();
  });

  beforeEach(async () => {
    if (!canRun) return;
    ({ context, page, pageErrors } = await openPage(browser, t.url, { colorScheme: 'light' }));
  });

  afterEach(async () => {
    await context?.close();
  });

  const signIn = (key: string) => signInAs(page, demoEmail(key));

  async function gqlOk<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const result = await t.gql<T>(query, variables, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  browserIt(
    'an account administrator records a removal and sees both notices delivered over SMTP (XXX)',
    async () => {
      await signIn('band.high');
      await page.getByRole('menuitem', { name: 'Moderation', exact: true }).click();
      await page.locator('#react-admin-title').getByText('Moderation cases').waitFor();
      await expectAccessible(page, 'queue (empty)');

      await page.getByRole('link', { name: 'Record a removal' }).click();
      await page.locator('#react-admin-title').getByText('Record a removal').waitFor();
      await expectAccessible(page, 'record a removal');

      // The band director's school-affiliated account is offered; a personal one is not.
      await page.getByRole('combobox', { name: /^Account/ }).click();
      const options = page.getByRole('option');
      await options.filter({ hasText: '@RPS_band' }).waitFor();
      expect(await options.filter({ hasText: '@tom.kitchen.notes' }).count()).toBe(0);
      await options.filter({ hasText: '@RPS_band' }).click();

      await page.getByRole('combobox', { name: /^Kind/ }).click();
      await page.getByRole('option', { name: 'Comment', exact: true }).click();
      await page.getByLabel("Author's name").fill('Concerned Neighbor');
      await page.getByLabel("Author's handle").fill('@not_a_fan_77');
      await page.getByLabel(/^Text/).fill(COMMENT);
      await page.getByLabel('Media addresses').fill('https://cdn.example.org/photo-1.jpg');
      await page.getByLabel('Permalink').fill('https://www.instagram.com/p/Cx123/c/17890');
      await page.getByLabel(/^Platform content id/).fill('17890');

      // Removing without a reason or an explanation: the domain's rule says why, under each field.
      await page.getByRole('button', { name: 'Open case and remove' }).click();
      await page.getByText('Choose at least one of the reasons XXXI-XXXV list.').waitFor();
      await page.getByText(/Explain the removal in at least 20 characters/).waitFor();
      expect(await page.getByLabel('Explanation').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'record a removal, errors shown');

      await page.getByRole('checkbox', { name: /^Threatening, harassing, or discriminatory/ }).check();
      await page.getByRole('checkbox', { name: /^Any other threat to the safety/ }).check();
      await page
        .getByLabel('Explanation')
        .fill('A threat against band students at the Friday concert, naming where they park.');
      await page.getByRole('button', { name: 'Open case and remove' }).click();

      // The case page: the snapshot as pasted, the reasons with their sections' text.
      await page.locator('#react-admin-title').getByText('Comment on @RPS_band (Instagram)').waitFor();
      caseId = decodeURIComponent(page.url().match(/moderationCases\/([^/]+)\/show/)?.[1] ?? '');
      expect(caseId).not.toBe('');
      await expect.poll(() => page.getByTestId('snapshot-text').textContent()).toBe(COMMENT);
      await page.getByText('Policy 4051 §XXXIII: Threatening, harassing or discriminatory content may be removed.').waitFor();
      await page.getByRole('link', { name: 'Media 1: https://cdn.example.org/photo-1.jpg' }).waitFor();

      // Both notices go out over SMTP; the page follows their delivery without a reload.
      const notices = page.getByTestId('notices');
      await expect
        .poll(() => notices.getByText(/^Delivered on /).count(), { timeout: 30_000 })
        .toBe(2);
      await page.getByTestId('snapshot').waitFor();
      await page.locator('main').getByText('Reported', { exact: true }).first().waitFor();
      await expectAccessible(page, 'case: reported');

      const toSuperintendent = await smtp.waitFor((m) => m.envelope.to.includes(demoEmail('superintendent')), 10_000);
      const toDirector = await smtp.waitFor((m) => m.envelope.to.includes(demoEmail('external.relations')), 10_000);
      // The copy of the content goes to the superintendent as an attachment; the reason to the Director.
      expect(toSuperintendent.attachments.length).toBeGreaterThan(0);
      expect(toSuperintendent.attachments.map((a) => a.content.toString('utf8')).join('\n')).toContain(COMMENT);
      expect(toDirector.text).toContain('A threat against band students at the Friday concert');
      expect(toDirector.text).toMatch(/XXXIII/);

      // The digest still matches the snapshot, said politely in the live region.
      await page.getByRole('button', { name: /^Verify evidence/ }).click();
      await page.getByTestId('verify-result').getByText(/^Evidence intact/).waitFor();
      expect(await page.getByTestId('verify-result').getAttribute('aria-live')).toBe('polite');

      // A question from the commenter, recorded by the band director for the Director (XXX).
      await page.getByRole('button', { name: /^Record a question/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Record a question/ });
      await dialog.getByLabel(/^Who asks/).fill('Concerned Neighbor');
      await dialog.getByLabel(/^How to reach them/).fill('neighbor@example.org');
      await dialog.getByLabel(/^Question/).fill('Why was my comment removed? I was only joking.');
      await expectAccessible(page, 'case: record a question dialog');
      await dialog.getByRole('button', { name: 'Record question' }).click();
      await page.getByTestId('questions').getByText('Not answered yet.').waitFor();
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    "a refusal from the API is said on the form, as an alert, and no case is opened",
    async () => {
      await signIn('band.high');
      await page.goto('/#/moderationCases/create');
      await page.locator('#react-admin-title').getByText('Record a removal').waitFor();
      await page.getByRole('combobox', { name: /^Account/ }).click();
      await page.getByRole('option').filter({ hasText: '@RPS_band' }).click();
      await page.getByLabel(/^Text/).fill('Buy followers cheap!!!');
      // Not an http(s) address: the API refuses the snapshot (the form does not guess URLs).
      await page.getByLabel('Media addresses').fill('javascript:alert(1)');
      await page.getByLabel(/^Platform content id/).fill('refused-1');
      await page.getByLabel('Remove it now').uncheck();
      await page.getByRole('button', { name: 'Open case', exact: true }).click();
      const refusal = page.getByTestId('record-refusal');
      await refusal.getByText(/http\(s\) address/).waitFor();
      expect(await refusal.getAttribute('role')).toBe('alert');
      await expectAccessible(page, 'record a removal, refused by the API');
      // Still on the form, with what was typed.
      expect(await page.getByLabel(/^Text/).inputValue()).toBe('Buy followers cheap!!!');
      const band = await t.login('band.high');
      const { moderationCases } = await gqlOk<{ moderationCases: { items: { snapshot: { text: string } | null }[] } }>(
        'query { moderationCases(page: { page: 1, perPage: 100 }) { items { snapshot { text } } } }',
        {},
        band,
      );
      expect(moderationCases.items.map((c) => c.snapshot?.text)).not.toContain('Buy followers cheap!!!');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'the Director of External Relations answers the question about the removal (XXX)',
    async () => {
      expect(caseId, 'the first test recorded the case').not.toBe('');
      await signIn('external.relations');
      await page.goto(`/#/moderationCases/${encodeURIComponent(caseId)}/show`);
      await page.getByTestId('questions').getByText('Why was my comment removed? I was only joking.').waitFor();
      // The Director may also restore; the account's people may not (their page shows no Restore).
      await page.getByRole('button', { name: /^Restore/ }).waitFor();

      await page.getByRole('button', { name: /^Answer Concerned Neighbor's question/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Answer Concerned Neighbor's question/ });
      await dialog.getByRole('button', { name: 'Record answer' }).click();
      await dialog.getByText('Write the answer.').waitFor();
      await expectAccessible(page, 'case: answer dialog, answer missing');
      const answer = 'It threatened students at a school event (XXXIII, XXXV); threats are removed whatever the intent.';
      await dialog.getByLabel(/^Answer/).fill(answer);
      await dialog.getByRole('button', { name: 'Record answer' }).click();
      await page.getByText('Answer recorded.').waitFor();
      await expect.poll(() => page.getByTestId('answer').textContent()).toBe(answer);
      await expectAccessible(page, 'case: answered');

      const director = await t.login('external.relations');
      const { moderationCase } = await gqlOk<{
        moderationCase: { questions: { answer: string | null; answeredBy: { fullName: string } | null }[] };
      }>('query($id: ID!) { moderationCase(id: $id) { questions { answer answeredBy { fullName } } } }', { id: caseId }, director);
      expect(moderationCase.questions).toEqual([{ answer, answeredBy: { fullName: 'Marcus Oyelaran' } }]);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'the district admin reads both notices in the Outbox, with the text and the attachment',
    async () => {
      expect(caseId).not.toBe('');
      await signIn('admin');
      await page.getByRole('menuitem', { name: 'Outbox', exact: true }).click();
      await page.locator('#react-admin-title').getByText('Outbox').waitFor();
      const rows = page.locator('#main-content tbody tr');
      await expect.poll(() => rows.filter({ hasText: 'Delivered' }).count()).toBeGreaterThanOrEqual(2);
      await page.getByText(demoEmail('superintendent')).first().waitFor();
      await expectAccessible(page, 'outbox');

      await rows.filter({ hasText: demoEmail('superintendent') }).first().getByRole('link').click();
      await page.getByTestId('notification-text').waitFor();
      await page.getByRole('heading', { name: 'Attachments' }).waitFor();
      expect(await page.locator('#main-content li').count()).toBeGreaterThan(0);
      // The delivery log: the try that the mail server accepted, with its answer.
      const log = page.getByRole('table', { name: 'Delivery log' });
      await expect.poll(() => log.locator('tbody tr').filter({ hasText: 'DELIVERED' }).count()).toBeGreaterThanOrEqual(1);
      expect(await log.locator('tbody tr').filter({ hasText: 'DELIVERED' }).first().textContent()).toMatch(/250/);
      await expectAccessible(page, 'outbox: a message');
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    "the account owner's supervising administrator removes content from the case page: the Remove dialog worked with keys, errors under the fields first",
    async () => {
      // A case left open by the band director (opened over GraphQL: the form is tested above).
      const band = await t.login('band.high');
      const { socialAccounts } = await gqlOk<{ socialAccounts: { items: { id: string; handle: string }[] } }>(
        'query { socialAccounts(filter: { q: "RPS_band" }) { items { id handle } } }',
        {},
        band,
      );
      const accountId = socialAccounts.items.find((a) => a.handle === 'RPS_band')?.id;
      const { openModerationCase } = await gqlOk<{ openModerationCase: { id: string; state: string } }>(
        `mutation($input: OpenModerationCaseInput!) { openModerationCase(input: $input) { id state } }`,
        {
          input: {
            accountId,
            snapshot: { kind: 'POST', platformContentId: 'kbd-1', authorHandle: 'spam_bot_9', text: 'Nude pics of the drumline here: bad.example/x' },
          },
        },
        band,
      );
      expect(openModerationCase.state).toBe('OPEN');

      await signIn('principal.high');
      await page.goto(`/#/moderationCases/${encodeURIComponent(openModerationCase.id)}/show`);
      await page.getByTestId('snapshot').waitFor();
      const remove = page.getByRole('button', { name: /^Remove the post by @spam_bot_9 on @RPS_band/ });
      await remove.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: /^Remove the post/ });
      await dialog.waitFor();
      // The dialog takes the focus to the first reason; confirming with nothing chosen says why.
      await expect.poll(() => page.evaluate('document.activeElement?.value')).toBe('OBSCENE');
      await dialog.getByRole('button', { name: 'Confirm removal' }).press('Enter');
      await dialog.getByText('Choose at least one of the reasons XXXI-XXXV list.').waitFor();
      await expect.poll(() => page.evaluate('document.activeElement?.value')).toBe('OBSCENE');
      await page.keyboard.press('Space');
      // The explanation's error follows the typing (the domain's validateRemoval, live).
      await dialog.getByText(/Explain the removal in at least 20 characters/).waitFor();
      await dialog.getByLabel(/^Explanation/).focus();
      await page.keyboard.type('Sexual spam linking to explicit images of students.');
      await expect.poll(() => dialog.getByText(/Explain the removal in at least/).count()).toBe(0);
      await dialog.getByRole('button', { name: 'Confirm removal' }).press('Enter');
      await page.getByText('Content removed. Both notices are queued.').waitFor();
      // The Remove button is gone; the keyboard is on the case's new state, not lost.
      await expect
        .poll(() => page.evaluate('document.activeElement?.textContent'))
        .toMatch(/^(Removed, notices pending|Reported)$/);
      await page.getByText('Obscene, lewd, or appeals to prurient interests').first().waitFor();

      const state = await t.gql<{ moderationCase: { state: string; reasons: { reason: string }[] } }>(
        'query($id: ID!) { moderationCase(id: $id) { state reasons { reason } } }',
        { id: openModerationCase.id },
        band,
      );
      expect(state.data?.moderationCase.reasons).toEqual([{ reason: 'OBSCENE' }]);
      expect(['REMOVED', 'REPORTED']).toContain(state.data?.moderationCase.state);
      expect(pageErrors).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'a teacher of another school cannot open the case, nor find it in the queue, nor open the Outbox',
    async () => {
      expect(caseId).not.toBe('');
      await signIn('teacher.south');
      await page.goto('/#/moderationCases');
      await page.locator('#react-admin-title').getByText('Moderation cases').waitFor();
      await page.getByRole('status').getByText('No cases found.').waitFor({ state: 'attached' });

      await page.goto(`/#/moderationCases/${encodeURIComponent(caseId)}/show`);
      // The API's refusal is said, and the page goes back to the queue; nothing of the case shows.
      await page.getByRole('alert').first().waitFor();
      await page.waitForURL(/#\/moderationCases$/);
      expect(await page.getByText(COMMENT).count()).toBe(0);
      expect(await page.getByTestId('snapshot').count()).toBe(0);

      const teacher = await t.login('teacher.south');
      const refused = await t.gql('query($id: ID!) { moderationCase(id: $id) { id } }', { id: caseId }, teacher);
      expect(refused.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|FORBIDDEN/);

      // Nor the Outbox, which holds the copy of the content (notification.read: district IT, auditor).
      expect(await page.getByRole('menuitem', { name: 'Outbox', exact: true }).count()).toBe(0);
      const { notifications } = await gqlOk<{ notifications: { items: { id: string }[] } }>(
        'query { notifications(filter: {}) { items { id } } }',
        {},
        await t.login('admin'),
      );
      const message = notifications.items[0]?.id ?? '';
      expect(message).not.toBe('');
      await page.goto(`/#/notifications/${encodeURIComponent(message)}/show`);
      await page.getByText(/access denied|not allowed|not authorized/i).first().waitFor();
      expect(await page.getByTestId('notification-text').count()).toBe(0);
    },
    TIMEOUT,
  );
});
