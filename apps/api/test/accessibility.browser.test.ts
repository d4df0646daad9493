import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * WCAG 2.1 AA in the browser (docs/accessibility.md): axe-core runs on every page and dialog of
 * the dashboard, as each role that can see it, in the light and the dark theme, and any WCAG
 * 2.0/2.1 level A or AA violation fails the run. One test does a supervisor's day with the
 * keyboard only: sign in, open the inbox, approve one request and deny another with a note.
 *
 * A new page or dialog goes into PAGES below; the "covers every route" test fails when App.tsx
 * declares a view that no entry of PAGES visits.
 *
 * Same requirements as browser.test.ts: the Debian `chromium` package (or CHROMIUM_PATH) and a
 * built dashboard; STEWARD_REQUIRE_BROWSER=1 turns a missing one into a failure.
 */
const { missing, canRun } = browserPrerequisites('the accessibility browser tests');

const ADMIN_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../admin/src');

/**
 * The views App.tsx declares, read from its source: `resource/view` for each <Resource> (from
 * the list/show/create/edit its folder's index.ts exports), `route:/path` for each custom route,
 * and the login page and dashboard.
 */
function declaredViews(): string[] {
  const app = readFileSync(path.join(ADMIN_SRC, 'App.tsx'), 'utf8');
  const declared = ['login', 'dashboard'];
  for (const m of app.matchAll(/<Resource\s+name="(\w+)"\s+\{\.\.\.(\w+)\}/g)) {
    const [, resource, binding] = m;
    const from = app.match(new RegExp(`import\\s+${binding}\\s+from\\s+'(\\./[^']+)'`))?.[1];
    if (!from) throw new Error(`App.tsx: no import of ${binding}`);
    const index = readFileSync(path.join(ADMIN_SRC, `${from}/index.ts`), 'utf8');
    for (const view of ['list', 'show', 'create', 'edit']) {
      if (new RegExp(`^\\s*${view}:`, 'm').test(index)) declared.push(`${resource}/${view}`);
    }
  }
  for (const m of app.matchAll(/<Route\s+path="([^"]+)"/g)) declared.push(`route:${m[1]}`);
  return declared;
}
const DECLARED = new Set(declaredViews());
const DOMAIN = 'demo.k12.example';
const TIMEOUT = 90_000;

// ---------------------------------------------------------------------------------------------
// Who looks, and what is there to see
// ---------------------------------------------------------------------------------------------

type Role = 'principal' | 'teacher' | 'admin' | 'auditor' | 'superintendent' | 'director';

/**
 * One demo person per role (README.md): the High School's principal and one of their staff, the
 * district IT admin, the records auditor (read-only), and the superintendent (district-wide
 * reader who supervises the principals).
 */
const PEOPLE: Record<Role, { key: string; fullName: string }> = {
  principal: { key: 'principal.high', fullName: 'Nadia Brennan' },
  teacher: { key: 'teacher.high', fullName: 'Olivia Park' },
  admin: { key: 'admin', fullName: 'Priya Raman' },
  auditor: { key: 'auditor', fullName: 'Helen Kowalczyk' },
  superintendent: { key: 'superintendent', fullName: 'Dana Whitfield' },
  // The Director of External Relations answers questions about removals and restores (XXX);
  // checked on the pages only they act on (moderation), not on every page.
  director: { key: 'external.relations', fullName: 'Marcus Oyelaran' },
};
/** The roles every page is checked as. */
const ROLES: readonly Role[] = ['principal', 'teacher', 'admin', 'auditor', 'superintendent'];
/** Everyone signed in by the per-role runs below. */
const ALL_ROLES = Object.keys(PEOPLE) as Role[];

/** Records made in beforeAll (besides the seeded ones), so that every view has something to show. */
interface Fixtures {
  /** @RalstonFootball (seeded): coach.high's affiliated account, its request pending. */
  footballRequestId: string;
  /** @RPS_band (seeded): band.high's affiliated account, approved; credentials escrowed here. */
  bandAccountId: string;
  bandRequestId: string;
  /** @tom.kitchen.notes (seeded): a personal account. */
  personalAccountId: string;
  /** Olivia Park's own affiliated account, pending, and her pending request for it. */
  parkAccountId: string;
  parkRequestId: string;
  /** Olivia Park in the staff list. */
  teacherStaffId: string;
  /** Moderation cases on @RPS_band (XXX): one open, one removed with a question and notes. */
  openCaseId: string;
  removedCaseId: string;
  /** A question about content (XVIII) from Olivia Park to her principal. */
  contentQuestionId: string;
}

interface Visit {
  /** What is on screen, e.g. "approval request: deny dialog". */
  name: string;
  /** The App.tsx routes this visit covers, as `resource/view` (or `login`, `dashboard`). */
  covers?: string[];
  /**
   * A view this visit needs App.tsx to declare (default: what it covers). A visit written
   * ahead of its page is skipped until the page is declared.
   */
  requires?: string;
  /** Who is checked here: everyone who may see it (a role that may not is not listed). */
  as: readonly Role[];
  /** Gets there from a signed-in page and waits until it shows what it is about. */
  open(page: Page, f: Fixtures, role: Role): Promise<void>;
}

const hash = (route: string) => `/#/${route}`;

function isDeclared(visit: Visit): boolean {
  const needed = visit.requires ?? visit.covers?.[0];
  return !needed || DECLARED.has(needed);
}

/** A list page once its rows, or its "nothing here" message, are shown. */
async function listShown(page: Page) {
  await page
    .locator('#main-content')
    .locator('tbody tr, .RaEmpty-message, .RaList-noResults')
    .or(page.locator('#main-content').getByText(/^No .* (found|yet)/))
    .first()
    .waitFor();
}

/** A list opened with all of its filters shown (react-admin reads them from the address). */
function listWithFilters(resource: string, filters: string[]): string {
  const shown = Object.fromEntries(filters.map((f) => [f, true]));
  return hash(`${resource}?displayedFilters=${encodeURIComponent(JSON.stringify(shown))}`);
}

async function goto(page: Page, route: string) {
  await page.goto(route);
  await page.locator('#main-content').waitFor();
}

/** The page's own heading in the app bar (TitlePortal), once the page has set it. */
async function title(page: Page, text: string | RegExp) {
  await page.locator('#react-admin-title').getByText(text).first().waitFor();
}

async function openDialog(page: Page, button: RegExp, dialogName: string | RegExp) {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('dialog', { name: dialogName }).waitFor();
}

/**
 * Every page and dialog of the dashboard. The login page is checked on its own (signed out).
 * Keep this list complete: a view App.tsx declares and nobody visits fails "covers every route".
 */
const PAGES: readonly Visit[] = [
  {
    name: 'home',
    covers: ['dashboard'],
    as: ROLES,
    async open(page) {
      await goto(page, hash(''));
      await page.getByText('Staff and district social media use').waitFor();
    },
  },
  {
    name: 'home: user menu open',
    as: ROLES,
    async open(page, _f, role) {
      await goto(page, hash(''));
      await page.getByRole('button', { name: new RegExp(PEOPLE[role].fullName) }).click();
      await page.getByRole('menuitem', { name: /log ?out/i }).waitFor();
    },
  },
  {
    name: 'social accounts: list',
    covers: ['socialAccounts/list'],
    as: ROLES,
    async open(page, _f, role) {
      await goto(page, hash('socialAccounts'));
      await page.getByText(role === 'teacher' ? '@park_history' : '@RPS_band').first().waitFor();
    },
  },
  {
    name: 'social accounts: list, "Add filter" menu open',
    as: ROLES,
    async open(page) {
      await goto(page, hash('socialAccounts'));
      await page.getByRole('button', { name: /add filter/i }).click();
      await page.getByRole('menu').waitFor();
    },
  },
  {
    name: 'social accounts: list, every filter shown',
    as: ['principal', 'admin'],
    async open(page) {
      await goto(
        page,
        listWithFilters('socialAccounts', [
          'classification',
          'state',
          'platform',
          'schoolId',
          'ownerId',
          'needsAttention',
        ]),
      );
      await page.getByLabel('Needs attention').waitFor();
      await page.getByText('@RPS_band').first().waitFor();
    },
  },
  {
    name: 'social account: show (affiliated, credentials escrowed)',
    covers: ['socialAccounts/show'],
    as: ['principal', 'admin', 'auditor', 'superintendent'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.bandAccountId}/show`));
      await title(page, '@RPS_band');
      await page.getByText(/Escrowed .* key/).waitFor();
    },
  },
  {
    name: 'social account: show (personal)',
    as: ['admin', 'auditor', 'superintendent'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.personalAccountId}/show`));
      await title(page, '@tom.kitchen.notes');
      await page.getByText(/does not hold its username or password/).waitFor();
    },
  },
  {
    name: 'social account: show (own, pending, escrow form)',
    as: ['teacher'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.parkAccountId}/show`));
      await title(page, '@park_history');
      await page.getByRole('form', { name: /escrow credentials/i }).waitFor();
    },
  },
  {
    name: 'social account: escrow form, refused (errors shown)',
    as: ['teacher'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.parkAccountId}/show`));
      const form = page.getByRole('form', { name: /escrow credentials/i });
      await form.getByRole('button', { name: /escrow credentials/i }).click();
      await form.getByText(/enter the username/i).waitFor();
    },
  },
  {
    name: 'social account: reveal dialog (reason)',
    as: ['principal', 'admin'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.bandAccountId}/show`));
      await openDialog(page, /^Reveal/, /reveal escrowed credentials/i);
    },
  },
  {
    name: 'social account: reveal dialog, reason refused (error shown)',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.bandAccountId}/show`));
      await openDialog(page, /^Reveal/, /reveal escrowed credentials/i);
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /show credentials/i }).click();
      await dialog.getByText(/at least \d+ characters/i).first().waitFor();
    },
  },
  {
    name: 'social account: reveal dialog (credentials shown)',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.bandAccountId}/show`));
      await openDialog(page, /^Reveal/, /reveal escrowed credentials/i);
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/reason/i).fill('Checking the band account for a parent complaint.');
      await dialog.getByRole('button', { name: /show credentials/i }).click();
      await dialog.getByTestId('revealed-secret').waitFor();
    },
  },
  {
    name: 'social account: create',
    covers: ['socialAccounts/create'],
    as: ['principal', 'teacher', 'admin', 'superintendent'],
    async open(page) {
      await goto(page, hash('socialAccounts/create'));
      await page
        .getByTestId('classification-preview')
        .getByText('Personal', { exact: true })
        .waitFor();
    },
  },
  {
    name: 'social account: create, refused (errors shown)',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('socialAccounts/create'));
      // Save is enabled once the form has changed.
      await page.getByLabel('Display name').fill('Mr Park');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'social account: create, preview with suggestions',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('socialAccounts/create'));
      await page.getByLabel('Display name').fill('Ralston High history club');
      await page.getByLabel('Bio').fill('News from the Ralston High School history club.');
      await page.getByText('Suggested from the profile text').waitFor();
    },
  },
  {
    name: 'social account: edit',
    covers: ['socialAccounts/edit'],
    as: ['teacher', 'admin'],
    async open(page, f, role) {
      const id = role === 'teacher' ? f.parkAccountId : f.bandAccountId;
      await goto(page, hash(`socialAccounts/${id}`));
      await page.getByLabel(/handle/i).first().waitFor();
      await page
        .getByTestId('classification-preview-result')
        .getByText('School-affiliated', { exact: true })
        .waitFor();
    },
  },
  {
    name: 'approval requests: list (inbox)',
    covers: ['approvalRequests/list'],
    as: ROLES,
    async open(page, _f, role) {
      await goto(page, hash('approvalRequests'));
      // The district admin decides only as a fallback, and the superintendent's staff are the
      // principals: their inboxes are empty here.
      const empty = /^No .* found/;
      const expected = { teacher: '@park_history', admin: empty, superintendent: empty }[
        role as string
      ];
      await page
        .locator('#main-content')
        .getByText(expected ?? '@RalstonFootball')
        .first()
        .waitFor();
      // The count, for screen readers, announced when a filter changes it (4.1.3).
      await page
        .getByRole('status')
        .getByText(/^(\d+ requests?|No requests found)\.$/)
        .waitFor({ state: 'attached' });
    },
  },
  {
    name: 'approval requests: list, every filter shown',
    as: ['principal', 'teacher'],
    async open(page) {
      await goto(page, listWithFilters('approvalRequests', ['state', 'kind']));
      await page.getByLabel('Kind').first().waitFor();
    },
  },
  {
    name: 'approval request: show (pending, to decide)',
    covers: ['approvalRequests/show'],
    as: ['principal', 'admin', 'auditor', 'superintendent'],
    async open(page, f) {
      await goto(page, hash(`approvalRequests/${f.footballRequestId}/show`));
      await page.getByText('Game-day updates').first().waitFor();
    },
  },
  {
    name: 'approval request: deny dialog',
    as: ['principal', 'admin'],
    async open(page, f) {
      await goto(page, hash(`approvalRequests/${f.footballRequestId}/show`));
      await openDialog(page, /^Deny/, /deny/i);
    },
  },
  {
    name: 'approval request: deny dialog, note missing (error shown)',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`approvalRequests/${f.footballRequestId}/show`));
      await openDialog(page, /^Deny/, /deny/i);
      await page.getByRole('button', { name: /confirm denial/i }).click();
      await page.getByRole('dialog').getByText(/write a note/i).waitFor();
    },
  },
  {
    name: 'approval request: show (approved, revocable)',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`approvalRequests/${f.bandRequestId}/show`));
      await page.getByRole('button', { name: /^Revoke/ }).waitFor();
    },
  },
  {
    name: 'approval request: revoke dialog',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`approvalRequests/${f.bandRequestId}/show`));
      await openDialog(page, /^Revoke/, /revoke/i);
    },
  },
  {
    name: 'approval request: show (own, pending, withdrawable)',
    as: ['teacher'],
    async open(page, f) {
      await goto(page, hash(`approvalRequests/${f.parkRequestId}/show`));
      await page.getByRole('button', { name: /^Withdraw/ }).waitFor();
    },
  },
  {
    name: 'approval request: withdraw dialog',
    as: ['teacher'],
    async open(page, f) {
      await goto(page, hash(`approvalRequests/${f.parkRequestId}/show`));
      await openDialog(page, /^Withdraw/, /withdraw/i);
    },
  },
  {
    name: 'approval request: create',
    covers: ['approvalRequests/create'],
    as: ['principal', 'teacher', 'admin', 'superintendent'],
    async open(page) {
      await goto(page, hash('approvalRequests/create'));
      await page.getByLabel('Justification').first().waitFor();
    },
  },
  {
    name: 'approval request: create, refused (errors shown)',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('approvalRequests/create'));
      await page.getByLabel('Justification').first().fill('Too short');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'staff: list',
    covers: ['staff/list'],
    as: ROLES,
    async open(page, _f, role) {
      await goto(page, hash('staff'));
      await page.getByText(`${PEOPLE[role].key}@${DOMAIN}`).first().waitFor();
    },
  },
  {
    name: 'staff: list, every filter shown',
    as: ['principal', 'admin'],
    async open(page) {
      await goto(page, listWithFilters('staff', ['schoolId', 'role', 'active']));
      await page.getByText(`teacher.high@${DOMAIN}`).first().waitFor();
    },
  },
  {
    name: 'staff: show',
    covers: ['staff/show'],
    as: ROLES,
    async open(page, f) {
      await goto(page, hash(`staff/${f.teacherStaffId}/show`));
      await title(page, 'Olivia Park');
      await page.getByText('History Teacher').first().waitFor();
    },
  },
  {
    name: 'students: list',
    covers: ['students/list'],
    as: ROLES,
    async open(page) {
      await goto(page, hash('students'));
      await listShown(page);
    },
  },
  {
    name: 'student: show',
    covers: ['students/show'],
    as: ROLES,
    async open(page) {
      await goto(page, hash('students'));
      await page.getByRole('link', { name: /Alvarez/ }).first().click();
      await title(page, /Alvarez/);
    },
  },
  {
    name: 'sync runs: list',
    covers: ['syncRuns/list'],
    as: ['admin', 'auditor'],
    async open(page) {
      await goto(page, hash('syncRuns'));
      await listShown(page);
    },
  },
  {
    name: 'check a post',
    covers: ['route:/check-post'],
    as: ['principal', 'teacher', 'admin', 'superintendent'],
    async open(page) {
      await goto(page, hash('check-post'));
      await page.getByRole('combobox', { name: /account/i }).first().waitFor();
    },
  },
  {
    name: 'check a post: refused (errors shown)',
    requires: 'route:/check-post',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('check-post'));
      await page.getByRole('button', { name: /^check$/i }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'check a post: not for this role',
    requires: 'route:/check-post',
    as: ['auditor'],
    async open(page) {
      await goto(page, hash('check-post'));
      await page.getByText(/does not check posts/).waitFor();
    },
  },
  {
    name: 'connections: a student looked up, the guidance of VI shown',
    covers: ['route:/connections'],
    as: ['principal', 'teacher', 'admin', 'superintendent'],
    async open(page, _f, role) {
      await goto(page, hash('connections'));
      await page.getByRole('textbox', { name: /name of the student or parent/i }).fill('Alvarez');
      await page.getByRole('button', { name: /^search$/i }).click();
      await page.getByRole('button', { name: /^Maya Alvarez\b/ }).click();
      await page.getByRole('heading', { name: 'Guidance for Maya Alvarez' }).waitFor();
      await page.getByText('Refrain from accepting (§VI)').waitFor();
      await page.getByRole('heading', { name: 'Recorded prior relationships' }).waitFor();
      // Olivia Park's principal reads what she recorded (the fixture).
      if (role === 'principal') await page.getByRole('cell', { name: 'Rafael Alvarez' }).waitFor();
    },
  },
  {
    name: 'connections: a parent of a current student, recording a prior relationship refused (errors shown)',
    requires: 'route:/connections',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('connections'));
      await page.getByRole('textbox', { name: /name of the student or parent/i }).fill('Lena Alvarez');
      await page.getByRole('button', { name: /^search$/i }).click();
      await page.getByRole('button', { name: /^Lena Alvarez\b/ }).click();
      await page.getByRole('heading', { name: 'Record a prior personal relationship' }).waitFor();
      await page.getByRole('button', { name: /^record$/i }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'connections: a search too short (error shown)',
    requires: 'route:/connections',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('connections'));
      await page.getByRole('textbox', { name: /name of the student or parent/i }).fill('A');
      await page.getByRole('button', { name: /^search$/i }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'connections: not for this role',
    requires: 'route:/connections',
    as: ['auditor'],
    async open(page) {
      await goto(page, hash('connections'));
      await page.getByText(/your role does not ask/).waitFor();
    },
  },
  {
    name: 'moderation: queue',
    covers: ['moderationCases/list'],
    as: ROLES,
    async open(page) {
      await goto(page, hash('moderationCases'));
      await listShown(page);
    },
  },
  {
    name: 'moderation: queue, every filter shown',
    requires: 'moderationCases/list',
    as: ['principal', 'admin'],
    async open(page) {
      await goto(page, listWithFilters('moderationCases', ['state', 'accountId', 'schoolId', 'reason']));
      await page.getByLabel('Reason').first().waitFor();
      await page.getByTestId('state-counts').getByText(/^Open: \d+$/).waitFor();
      await page.locator('#main-content tbody tr').first().waitFor();
    },
  },
  {
    name: 'moderation case: show (open, to work)',
    covers: ['moderationCases/show'],
    as: ['principal', 'admin', 'auditor', 'superintendent', 'director'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.openCaseId}/show`));
      await title(page, 'on @RPS_band');
      await page.getByTestId('snapshot').waitFor();
    },
  },
  {
    name: 'moderation case: evidence verified (result announced)',
    requires: 'moderationCases/show',
    as: ['principal', 'auditor'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.openCaseId}/show`));
      await page.getByRole('button', { name: /^Verify evidence/ }).click();
      await page.getByTestId('verify-result').getByText(/^Evidence intact/).waitFor();
    },
  },
  {
    name: 'moderation case: remove dialog',
    requires: 'moderationCases/show',
    as: ['principal', 'admin', 'director'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.openCaseId}/show`));
      await openDialog(page, /^Remove/, /^Remove/);
    },
  },
  {
    name: 'moderation case: remove dialog, no reason (errors shown)',
    requires: 'moderationCases/show',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.openCaseId}/show`));
      await openDialog(page, /^Remove/, /^Remove/);
      await page.getByRole('button', { name: 'Confirm removal' }).click();
      await page.getByRole('dialog').getByText(/at least one of the reasons/).waitFor();
    },
  },
  {
    name: 'moderation case: dismiss dialog',
    requires: 'moderationCases/show',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.openCaseId}/show`));
      await openDialog(page, /^Dismiss/, /^Dismiss/);
    },
  },
  {
    name: 'moderation case: assign dialog',
    requires: 'moderationCases/show',
    as: ['principal', 'admin'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.openCaseId}/show`));
      await openDialog(page, /^Assign/, /^Assign/);
    },
  },
  {
    name: 'moderation case: add note dialog',
    requires: 'moderationCases/show',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.openCaseId}/show`));
      await openDialog(page, /^Add note/, /^Add a note/);
    },
  },
  {
    name: 'moderation case: legal hold dialog',
    requires: 'moderationCases/show',
    as: ['admin'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.openCaseId}/show`));
      await openDialog(page, /^Place legal hold/, /^Place a legal hold/);
    },
  },
  {
    name: 'moderation case: show (removed, notices, a question, notes)',
    requires: 'moderationCases/show',
    as: ['principal', 'admin', 'auditor', 'superintendent', 'director'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.removedCaseId}/show`));
      await page.getByTestId('notices').getByRole('table').waitFor();
      await page.getByTestId('question').first().waitFor();
    },
  },
  {
    name: 'moderation case: record a question dialog',
    requires: 'moderationCases/show',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.removedCaseId}/show`));
      await openDialog(page, /^Record a question/, /^Record a question/);
    },
  },
  {
    name: 'moderation case: answer dialog',
    requires: 'moderationCases/show',
    as: ['director'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.removedCaseId}/show`));
      await openDialog(page, /^Answer/, /^Answer/);
    },
  },
  {
    name: 'moderation case: restore dialog, note too short (error shown)',
    requires: 'moderationCases/show',
    as: ['director'],
    async open(page, f) {
      await goto(page, hash(`moderationCases/${f.removedCaseId}/show`));
      await openDialog(page, /^Restore/, /^Restore/);
      await page.getByRole('dialog').getByLabel(/^Note/).fill('Too short');
      await page.getByRole('button', { name: 'Confirm restoration' }).click();
      await page.getByRole('dialog').getByText(/at least 20 characters/).waitFor();
    },
  },
  {
    name: 'moderation: record a removal',
    covers: ['moderationCases/create'],
    as: ['principal', 'teacher', 'admin', 'superintendent', 'director'],
    async open(page) {
      await goto(page, hash('moderationCases/create'));
      await page.getByLabel(/^Text/).first().waitFor();
    },
  },
  {
    name: 'moderation: record a removal, refused (errors shown)',
    requires: 'moderationCases/create',
    as: ['principal'],
    async open(page) {
      await goto(page, hash('moderationCases/create'));
      await page.getByRole('button', { name: 'Open case and remove' }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'required interactions: list',
    covers: ['requiredInteractions/list'],
    as: ROLES,
    async open(page) {
      await goto(page, listWithFilters('requiredInteractions', ['awaitingMyConfirmation', 'state']));
      await title(page, 'Required interactions');
      await listShown(page);
    },
  },
  {
    name: 'social account: required interactions (XII), add dialog',
    requires: 'requiredInteractions/list',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.bandAccountId}/show`));
      await page.getByTestId('required-interaction').first().waitFor();
      await openDialog(page, /^Add a required interaction/, /^Add a required interaction/);
    },
  },
  {
    name: 'questions about content: list',
    covers: ['contentQuestions/list'],
    as: ROLES,
    async open(page) {
      await goto(page, hash('contentQuestions'));
      await title(page, 'Questions about content');
      await listShown(page);
    },
  },
  {
    name: 'question about content: show (the thread)',
    covers: ['contentQuestions/show'],
    as: ['principal', 'teacher', 'admin', 'auditor', 'superintendent'],
    async open(page, f) {
      await goto(page, hash(`contentQuestions/${f.contentQuestionId}/show`));
      await page.getByTestId('thread').getByRole('listitem').first().waitFor();
    },
  },
  {
    name: 'question about content: answer dialog',
    requires: 'contentQuestions/show',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`contentQuestions/${f.contentQuestionId}/show`));
      await openDialog(page, /^Answer/, /^Answer the question/);
    },
  },
  {
    name: 'social account: retire a required interaction (XII) dialog',
    requires: 'requiredInteractions/list',
    as: ['principal'],
    async open(page, f) {
      await goto(page, hash(`socialAccounts/${f.bandAccountId}/show`));
      await page.getByTestId('required-interaction').first().waitFor();
      await openDialog(page, /^Retire$/, /^Retire this required interaction/);
    },
  },
  {
    name: 'question about content: ask further dialog',
    requires: 'contentQuestions/show',
    as: ['teacher'],
    async open(page, f) {
      await goto(page, hash(`contentQuestions/${f.contentQuestionId}/show`));
      await openDialog(page, /^Ask further/, /^Ask further/);
    },
  },
  {
    name: 'questions about content: ask your supervising administrator',
    covers: ['contentQuestions/create'],
    as: ['principal', 'teacher', 'admin', 'superintendent'],
    async open(page) {
      await goto(page, hash('contentQuestions/create'));
      await page.getByLabel(/^Your question/).waitFor();
    },
  },
  {
    name: 'questions about content: ask, refused (errors shown)',
    requires: 'contentQuestions/create',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('contentQuestions/create'));
      await page.getByRole('button', { name: 'Send the question' }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
    },
  },
  {
    name: 'outbox: list',
    covers: ['notifications/list'],
    as: ['admin', 'auditor'],
    async open(page) {
      await goto(page, hash('notifications'));
      await page.locator('#main-content tbody tr').first().waitFor();
    },
  },
  {
    name: 'outbox: a message',
    covers: ['notifications/show'],
    as: ['admin', 'auditor'],
    async open(page) {
      await goto(page, hash('notifications'));
      await page.locator('#main-content tbody tr').first().getByRole('link').click();
      await page.getByTestId('notification-text').waitFor();
    },
  },
  {
    name: 'acknowledgements: the revision to read; completion for supervisors and the district; the admin\'s round form',
    covers: ['route:/acknowledgements'],
    as: ROLES,
    async open(page, _f, role) {
      await goto(page, hash('acknowledgements'));
      await title(page, 'Acknowledgements');
      await page.getByRole('heading', { name: role === 'auditor' ? /Completion per school/ : /Your acknowledgement/ }).waitFor();
      if (role === 'principal') await page.getByRole('heading', { name: /Your staff/ }).waitFor();
      if (role === 'admin') await page.getByRole('heading', { name: /Open a round/ }).waitFor();
    },
  },
  {
    name: 'acknowledgements: acknowledged, with the date',
    requires: 'route:/acknowledgements',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('acknowledgements'));
      const button = page.getByRole('button', { name: /^Acknowledge the revision/ });
      const done = page.getByText(/You acknowledged the revision/);
      // The same teacher is checked in both themes: the first run acknowledges.
      await button.or(done).first().waitFor();
      if (await button.isVisible()) await button.click();
      await done.waitFor();
    },
  },
  {
    name: 'policy: every section and how Steward handles it',
    covers: ['route:/policy'],
    as: ROLES,
    async open(page) {
      await goto(page, hash('policy'));
      await title(page, 'Policy');
      await page.getByRole('heading', { name: /§XXXV / }).waitFor();
    },
  },
  {
    name: 'policy: one section opened from a link (#/policy#XXIX)',
    requires: 'route:/policy',
    as: ['teacher', 'auditor'],
    async open(page) {
      await goto(page, hash('policy#XXIX'));
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('section-XXIX-title');
    },
  },
  {
    name: 'a page that does not exist',
    as: ['teacher'],
    async open(page) {
      await goto(page, hash('no-such-page'));
      await page.getByText(/not found/i).first().waitFor();
    },
  },
  {
    name: 'a page the role may not open (access denied)',
    as: ['auditor'],
    async open(page) {
      await goto(page, hash('socialAccounts/create'));
      await page.getByText(/access denied|not allowed|not authorized/i).first().waitFor();
    },
  },
];

// ---------------------------------------------------------------------------------------------
// axe
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('accessibility (WCAG 2.1 AA) in a browser', () => {
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
  let f: Fixtures;
  let pageErrors: string[] = [];
  let cspViolations: string[] = [];

  async function gqlOk<T>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<T> {
    const result = await t.gql<T>(query, variables, token);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as T;
  }

  async function registerAffiliated(token: string, handle: string, displayName: string) {
    const { registerSocialAccount } = await gqlOk<{ registerSocialAccount: { id: string } }>(
      `mutation($input: RegisterSocialAccountInput!) {
        registerSocialAccount(input: $input) { id state }
      }`,
      {
        input: {
          platform: 'INSTAGRAM',
          handle,
          displayName,
          signals: ['PURPORTS_OFFICIAL'],
        },
      },
      token,
    );
    return registerSocialAccount.id;
  }

  async function submitRequest(token: string, accountId: string, justification: string) {
    const { submitApprovalRequest } = await gqlOk<{ submitApprovalRequest: { id: string } }>(
      `mutation($input: SubmitApprovalRequestInput!) {
        submitApprovalRequest(input: $input) { id state }
      }`,
      { input: { kind: 'AFFILIATED_ACCOUNT', accountId, justification } },
      token,
    );
    return submitApprovalRequest.id;
  }

  async function accountId(token: string, handle: string) {
    const { socialAccounts } = await gqlOk<{ socialAccounts: { items: { id: string; handle: string }[] } }>(
      'query($q: String) { socialAccounts(filter: { q: $q }) { items { id handle } } }',
      { q: handle },
      token,
    );
    const found = socialAccounts.items.find((a) => a.handle === handle);
    if (!found) throw new Error(`no account @${handle}`);
    return found.id;
  }

  async function requestOf(token: string, account: string) {
    const { approvalRequests } = await gqlOk<{ approvalRequests: { items: { id: string }[] } }>(
      'query($id: ID) { approvalRequests(filter: { accountId: $id }) { items { id } } }',
      { id: account },
      token,
    );
    const found = approvalRequests.items[0];
    if (!found) throw new Error(`no request for account ${account}`);
    return found.id;
  }

  /**
   * Two cases on @RPS_band, recorded by its owner (XXX): one left open, one removed (its two
   * notices queued) with a question from the commenter and notes of both kinds.
   */
  async function moderationCases(band: string) {
    const open = async (text: string) => {
      const { openModerationCase } = await gqlOk<{ openModerationCase: { id: string } }>(
        `mutation($input: OpenModerationCaseInput!) { openModerationCase(input: $input) { id } }`,
        {
          input: {
            accountId: await accountId(band, 'RPS_band'),
            snapshot: {
              kind: 'COMMENT',
              platformContentId: `a11y-${Math.random().toString(36).slice(2)}`,
              authorName: 'Concerned Neighbor',
              authorHandle: 'not_a_fan_77',
              text,
              mediaUrls: ['https://cdn.example.org/photo-1.jpg'],
              permalink: 'https://www.instagram.com/p/Cx123/c/17890',
              postedAt: new Date(Date.now() - 3_600_000).toISOString(),
            },
          },
        },
        band,
      );
      return openModerationCase.id;
    };
    const openCaseId = await open('Is the concert on Friday or Saturday this year?');
    const removedCaseId = await open('I know where the band kids park on Friday, watch your backs.');
    const step = (query: string, variables: Record<string, unknown>) =>
      gqlOk(query, { caseId: removedCaseId, ...variables }, band);
    await step(
      `mutation($caseId: ID!, $reasons: [RemovalReason!]!, $explanation: String!) {
        removeModeratedContent(caseId: $caseId, reasons: $reasons, explanation: $explanation) { id }
      }`,
      { reasons: ['THREATENING_HARASSING_DISCRIMINATORY'], explanation: 'A threat against band students at a school event.' },
    );
    await step(
      `mutation($caseId: ID!, $input: RemovalQuestionInput!) { askAboutRemoval(caseId: $caseId, input: $input) { id } }`,
      { input: { askerName: 'Concerned Neighbor', askerContact: 'neighbor@example.org', question: 'Why was my comment removed?' } },
    );
    for (const visibility of ['INTERNAL', 'RECORD']) {
      await step(
        `mutation($caseId: ID!, $body: String!, $visibility: CaseNoteVisibility!) {
          addCaseNote(caseId: $caseId, body: $body, visibility: $visibility) { id }
        }`,
        { body: `A ${visibility.toLowerCase()} note about the removal.`, visibility },
      );
    }
    return { openCaseId, removedCaseId };
  }

  beforeAll(async () => {
    if (!canRun) return;
    t = await startTestApp();
    const admin = await t.login('admin');
    const teacher = await t.login('teacher.high');
    const band = await t.login('band.high');

    const bandAccountId = await accountId(admin, 'RPS_band');
    await gqlOk(
      `mutation($accountId: ID!, $username: String!, $secret: String!) {
        escrowCredential(accountId: $accountId, username: $username, secret: $secret) { keyId }
      }`,
      { accountId: bandAccountId, username: 'rps_band', secret: 'correct horse battery staple' },
      band,
    );
    const footballAccountId = await accountId(admin, 'RalstonFootball');
    const parkAccountId = await registerAffiliated(teacher, 'park_history', 'Ms Park history');
    const parkRequestId = await submitRequest(
      teacher,
      parkAccountId,
      'Homework reminders and history club news for my classes.',
    );
    const { me } = await gqlOk<{ me: { id: string } }>('{ me { id } }', {}, teacher);
    if (DECLARED.has('students/show')) {
      // A student at the High School to show, and a refused record for the sync runs' list.
      await gqlOk(
        `mutation($records: [StudentSyncRecord!]!) {
          syncStudents(records: $records) { __typename }
        }`,
        {
          records: [
            {
              sourcedId: 'a11y-student-1',
              dateLastModified: new Date().toISOString(),
              givenName: 'Maya',
              familyName: 'Alvarez',
              grade: '10',
              schoolSourcedId: 'org-high',
            },
            { givenName: 'No', familyName: 'Identifier', schoolSourcedId: 'org-high' },
          ],
        },
        admin,
      );
    }
    if (DECLARED.has('route:/connections') && DECLARED.has('students/show')) {
      // Two parents of Maya Alvarez (VI): one to record a prior relationship with on the page, and
      // one Olivia Park has already recorded, which her principal reads in the list.
      await gqlOk(
        `mutation($records: [GuardianSyncRecord!]!) { syncGuardians(records: $records) { __typename } }`,
        {
          records: ['Lena', 'Rafael'].map((givenName, i) => ({
            sourcedId: `a11y-guardian-${i + 1}`,
            dateLastModified: new Date().toISOString(),
            givenName,
            familyName: 'Alvarez',
            students: [{ studentSourcedId: 'a11y-student-1' }],
          })),
        },
        admin,
      );
      const found = await gqlOk<{ connectionCandidates: { items: { id: string }[] } }>(
        '{ connectionCandidates(search: "Rafael Alvarez") { items { id } } }',
        {},
        teacher,
      );
      await gqlOk(
        `mutation($id: ID!) { attestPriorRelationship(input: { person: { kind: GUARDIAN, id: $id },
           statement: "We played in the same community band for years before Maya started school." }) { id } }`,
        { id: found.connectionCandidates.items[0]?.id },
        teacher,
      );
    }
    f = {
      footballRequestId: await requestOf(admin, footballAccountId),
      bandAccountId,
      bandRequestId: await requestOf(admin, bandAccountId),
      personalAccountId: await accountId(admin, 'tom.kitchen.notes'),
      parkAccountId,
      parkRequestId,
      teacherStaffId: me.id,
      ...(DECLARED.has('moderationCases/show') ? await moderationCases(band) : { openCaseId: '', removedCaseId: '' }),
      contentQuestionId: '',
    };

    if (DECLARED.has('contentQuestions/show')) {
      // XII: a requirement on the band's page, set by its owner's principal; XVIII: a question
      // from Olivia Park to her principal, so both pages have something to show.
      const principal = await t.login('principal.high');
      await gqlOk(
        'mutation($input: RequireInteractionInput!) { requireInteraction(input: $input) { id } }',
        { input: { accountId: bandAccountId, description: "Follow the district's main account", target: '@RalstonSchools' } },
        principal,
      );
      const { askAboutContent } = await gqlOk<{ askAboutContent: { id: string } }>(
        'mutation($input: AskAboutContentInput!) { askAboutContent(input: $input) { id } }',
        {
          input: {
            question: 'May I post the class debate video with the students\' names in the captions?',
            plannedText: 'Our history club debated the Louisiana Purchase today!',
            mediaDescription: 'A two-minute video of four students debating, names in the captions.',
          },
        },
        teacher,
      );
      f.contentQuestionId = askAboutContent.id;
    }
    if (DECLARED.has('route:/acknowledgements')) {
      // A round for a revision of today, so the Acknowledgements page has something to show.
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      await gqlOk(
        'mutation($input: OpenAcknowledgementRoundInput!) { openAcknowledgementRound(input: $input) { id } }',
        { input: { revisionDate: day(0), dueDate: day(14) } },
        admin,
      );
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A fresh context (own localStorage, so own sign-in and own theme choice) per test. */
  async function newPage(colorScheme: 'light' | 'dark' = 'light') {
    // axe is injected with page.evaluate, which the dashboard's CSP (script-src 'self') does not
    // govern; nothing may be refused while it runs, or the results would not be the page's.
    ({ context, page, pageErrors } = await openPage(browser, t.url, {
      colorScheme,
      initScript: `
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error('securitypolicyviolation: ' + e.effectiveDirective + ' blocked ' +
          (e.blockedURI || '(inline)'));
      });
    `,
    }));
    cspViolations = [];
    page.on('console', (message) => {
      if (/securitypolicyviolation|Content Security Policy/i.test(message.text())) {
        cspViolations.push(message.text());
      }
    });
  }

  beforeEach(() => {
    pageErrors = [];
    cspViolations = [];
  });

  afterEach(async () => {
    await context?.close();
  });

  const signIn = (role: Role) => signInAs(page, `${PEOPLE[role].key}@${DOMAIN}`);

  /** Background luminance of the page, to be sure which theme was checked. */
  async function isDark(): Promise<boolean> {
    const rgb = (await page.evaluate(
      'getComputedStyle(document.body).backgroundColor',
    )) as string;
    const [r = 255, g = 255, b = 255] = (rgb.match(/\d+/g) ?? []).map(Number);
    return r + g + b < 3 * 96;
  }

  it('covers every route App.tsx declares (a new page must be added to PAGES)', () => {
    const declared = declaredViews();
    // Sanity: the parse found the resources this file was written against.
    expect(declared).toEqual(expect.arrayContaining(['approvalRequests/list', 'staff/show']));
    const covered = new Set(['login', ...PAGES.flatMap((p) => p.covers ?? [])]);
    const unvisited = declared.filter((d) => !covered.has(d));
    expect(
      unvisited,
      'App.tsx declares views that no entry of PAGES (apps/api/test/accessibility.browser.test.ts) visits: add one for each',
    ).toEqual([]);
  });

  browserIt(
    'the check itself works: axe runs under the dashboard CSP and reports a planted violation',
    async () => {
      await newPage('light');
      await signIn('teacher');
      // Plant two violations in the live page: light grey text, and a button with no name.
      await page.evaluate(`(() => {
        const p = document.createElement('p');
        p.textContent = 'Planted low-contrast text';
        p.style.color = '#bbbbbb';
        p.style.background = '#ffffff';
        const b = document.createElement('button');
        b.id = 'planted-nameless';
        document.getElementById('main-content').append(p, b);
      })()`);
      const problems = (await audit(page, 'planted')).join('\n');
      expect(problems).toMatch(/color-contrast \(serious/);
      expect(problems).toMatch(/button-name \(critical/);
      expect(problems).toContain('#planted-nameless');
      // Best-practice rules are not what is asked for (WCAG A/AA only) and are not reported.
      expect(problems).not.toMatch(/page-has-heading-one|region \(/);
      expect(cspViolations).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'the login page has no WCAG 2.1 A/AA violation, light and dark, nor after a failed sign-in',
    async () => {
      const problems: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await newPage(scheme);
        await page.goto('/#/login');
        await page.getByLabel('Email').waitFor();
        expect(await isDark()).toBe(scheme === 'dark');
        problems.push(...(await audit(page, `${scheme}: login`)));
        await page.getByLabel('Email').fill(`nobody@${DOMAIN}`);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('alert').first().waitFor();
        problems.push(...(await audit(page, `${scheme}: login, sign-in refused`)));
        expect(pageErrors).toEqual([]);
        expect(cspViolations).toEqual([]);
        await context.close();
      }
      expect(problems, `\n${problems.join('\n')}`).toEqual([]);
    },
    TIMEOUT,
  );

  for (const scheme of ['light', 'dark'] as const) {
    for (const role of ALL_ROLES) {
      const visits = PAGES.filter((p) => p.as.includes(role) && isDeclared(p));
      browserIt(
        `${scheme} theme, as the ${role}: no WCAG 2.1 A/AA violation on ${visits.length} pages and dialogs`,
        async () => {
          await newPage(scheme);
          await signIn(role);
          expect(await isDark(), 'the theme under test is the one shown').toBe(scheme === 'dark');
          const problems: string[] = [];
          for (const visit of visits) {
            const where = `${scheme}, ${role}: ${visit.name}`;
            try {
              await visit.open(page, f, role);
            } catch (error) {
              // Not checked is not passed: say so, and go on with the other pages.
              problems.push(`[${where}] could not be opened: ${String(error).split('\n')[0]}`);
              continue;
            }
            problems.push(...(await audit(page, where)));
            // Leave dialogs and menus the way a person would, before the next visit.
            await page.keyboard.press('Escape');
          }
          expect(pageErrors).toEqual([]);
          expect(cspViolations).toEqual([]);
          expect(problems, `\n${problems.join('\n')}`).toEqual([]);
        },
        240_000,
      );
    }
  }

  /** The focused element, as "tag: name" (aria-label, its label, or its text). */
  async function focused(): Promise<string> {
    return (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return '(body)';
      const label = el.getAttribute('aria-label') ||
        (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || '';
      return el.tagName.toLowerCase() + ': ' + label.replace(/\\s+/g, ' ').trim();
    })()`)) as string;
  }

  /** The focused element draws a visible focus indicator (an outline of 2px or more). */
  async function focusRingWidth(): Promise<number> {
    const width = (await page.evaluate(`(() => {
      const style = getComputedStyle(document.activeElement);
      return style.outlineStyle === 'none' ? '0' : style.outlineWidth;
    })()`)) as string;
    return Number.parseFloat(width);
  }

  /**
   * Presses Tab (or Shift+Tab) until the focused element's name matches, as a keyboard user
   * would; fails with the path taken if it never does.
   */
  async function tabTo(name: RegExp, options: { back?: boolean; max?: number } = {}) {
    const path: string[] = [];
    for (let i = 0; i < (options.max ?? 60); i++) {
      await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
      const now = await focused();
      path.push(now);
      if (name.test(now.replace(/^\w+: /, ''))) return now;
    }
    throw new Error(`never reached ${name} with ${options.back ? 'Shift+Tab' : 'Tab'}:\n  ${path.join('\n  ')}`);
  }

  browserIt(
    'keyboard only: a supervisor signs in, opens the inbox, approves one request and denies another with a note',
    async () => {
      // Two requests from North staff, waiting for their principal (XXIX).
      const tom = await t.login('teacher.north');
      const amara = await t.login('teacher2.north');
      const first = await submitRequest(
        tom,
        await registerAffiliated(tom, 'north_kbd_news', 'North 3rd grade news'),
        'Class news and reminders for the families of my 3rd grade class.',
      );
      const second = await submitRequest(
        amara,
        await registerAffiliated(amara, 'north_kbd_reading', 'North 1st grade reading'),
        'A reading challenge page for my 1st graders and their families.',
      );

      await newPage('light');
      // Typing and keys only from here: no click, no locator.click, no focus().
      await page.goto('/#/login');
      await page.getByLabel('Email').waitFor();
      expect(await focused(), 'the email field has the focus on arrival').toMatch(/^input: Email/);
      await page.keyboard.type(`principal.north@${DOMAIN}`);
      await page.keyboard.press('Enter');
      await page.getByText('Staff and district social media use').waitFor();

      // The first Tab stop is the skip link; it moves the keyboard to the page's content.
      await page.keyboard.press('Tab');
      expect(await focused()).toMatch(/Skip to content/);
      expect(await focusRingWidth()).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(`!!document.activeElement.closest('#main-content')`),
        `after the skip link, Tab lands in the content, not on ${await focused()}`,
      ).toBe(true);

      // The inbox, from the menu (before the content: Shift+Tab).
      await tabTo(/^Approval requests$/, { back: true });
      expect(await focusRingWidth()).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      await page.getByText('@north_kbd_news').first().waitFor();
      await page.getByText('@north_kbd_reading').first().waitFor();

      // Approve Tom's request.
      await tabTo(/@north_kbd_news/);
      expect(await focusRingWidth()).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      await page.getByText('Class news and reminders').first().waitFor();
      await tabTo(/^Approve Tom Lindqvist's request for @north_kbd_news/);
      expect(await focusRingWidth()).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      await page.getByText('Request approved.').waitFor();
      // The Approve button is gone; the keyboard is on the request's new state, not lost.
      await expect.poll(focused).toMatch(/Approved/);
      const afterApproval = await audit(page, 'keyboard: approved, notification shown');
      expect(afterApproval, `\n${afterApproval.join('\n')}`).toEqual([]);

      // Back to the inbox (the menu is before the content), and Amara's request.
      await tabTo(/^Approval requests$/, { back: true });
      await page.keyboard.press('Enter');
      await page.getByText('@north_kbd_reading').first().waitFor();
      await tabTo(/@north_kbd_reading/);
      await page.keyboard.press('Enter');
      await page.getByText('A reading challenge page').first().waitFor();

      // Deny opens a dialog that takes the focus (the note) and gives it back on Escape...
      const deny = "Deny Amara Okafor's request for @north_kbd_reading";
      await tabTo(new RegExp(`^${deny}`));
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      await expect.poll(focused).toMatch(/^textarea: Note/);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect.poll(focused).toContain(`button: ${deny}`);

      // ...and denies with a note: Tab past Cancel to the confirmation.
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor();
      await expect.poll(focused).toMatch(/^textarea: Note/);
      await page.keyboard.type('Please use the school reading page instead; ask the librarian.');
      await tabTo(/^Confirm denial$/, { max: 3 });
      await page.keyboard.press('Enter');
      await page.getByText('Request denied.').waitFor();
      await expect.poll(focused).toMatch(/Denied/);

      // What the server recorded.
      const principal = await t.login('principal.north');
      const state = async (id: string) =>
        (
          await gqlOk<{ approvalRequest: { state: string; decisionNote: string | null } }>(
            'query($id: ID!) { approvalRequest(id: $id) { state decisionNote } }',
            { id },
            principal,
          )
        ).approvalRequest;
      expect(await state(first)).toMatchObject({ state: 'APPROVED' });
      expect(await state(second)).toEqual({
        state: 'DENIED',
        decisionNote: 'Please use the school reading page instead; ask the librarian.',
      });
      expect(pageErrors).toEqual([]);
      expect(cspViolations).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'reflows at 320 CSS px (1.4.10): no page scrolls sideways, wide tables scroll in their own box',
    async () => {
      context = await browser.newContext({ baseURL: t.url, viewport: { width: 320, height: 640 } });
      context.setDefaultTimeout(20_000);
      page = await context.newPage();
      await signIn('principal');
      const narrow = PAGES.filter((p) =>
        [
          'home',
          'social accounts: list',
          'social account: show (affiliated, credentials escrowed)',
          'social account: create',
          'approval requests: list (inbox)',
          'approval request: show (pending, to decide)',
          'approval request: deny dialog',
          'staff: list',
          'staff: show',
          'moderation: queue',
          'moderation case: show (removed, notices, a question, notes)',
          'moderation case: remove dialog',
          'moderation: record a removal',
        ].includes(p.name),
      );
      expect(narrow).toHaveLength(13);
      const problems: string[] = [];
      for (const visit of narrow) {
        await visit.open(page, f, 'principal');
        await settle(page);
        const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        if (width > 320) problems.push(`[320px: ${visit.name}] the page is ${width}px wide`);
        problems.push(...(await audit(page, `320px: ${visit.name}`)));
        await page.keyboard.press('Escape');
      }
      expect(problems, `\n${problems.join('\n')}`).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    "a refusal's cited sections link to the Policy page: from a decision's sections and from the notification",
    async () => {
      const teacher = await t.login('teacher.high');
      const account = await registerAffiliated(teacher, 'park_policy_links', 'Ms Park policy links');
      const request = await submitRequest(teacher, account, 'Links from a refusal to the policy page.');
      await newPage('light');
      await signIn('teacher');

      // The sections behind the request (SectionList) are links to their place on the page.
      await goto(page, hash(`approvalRequests/${request}/show`));
      await page.getByRole('link', { name: 'Policy 4051 §XXIX' }).click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('section-XXIX-title');
      expect(page.url()).toMatch(/#\/policy#XXIX$/);
      const xxix = page.locator('#section-XXIX');
      await expect.poll(() => xxix.getAttribute('data-kind')).toBe('ENFORCED');
      await xxix.getByText(/active only once its request is approved/).waitFor();
      // The screen that handles it is a link too.
      await xxix.getByRole('link', { name: 'Approval requests' }).first().waitFor();

      // A refusal in a notification: the request was withdrawn elsewhere meanwhile, so the API
      // refuses the second withdrawal, citing XIX, XXII and XXIX.
      await goto(page, hash(`approvalRequests/${request}/show`));
      await page.getByRole('button', { name: /^Withdraw/ }).waitFor();
      await gqlOk('mutation($id: ID!) { withdrawApprovalRequest(id: $id) { id } }', { id: request }, teacher);
      await page.getByRole('button', { name: /^Withdraw/ }).click();
      await page.getByRole('button', { name: 'Confirm withdrawal' }).click();
      // The confirmation stays open on a refusal (its modal hides the rest of the page from the
      // accessibility tree meanwhile), so the notification is found by its class here.
      const alert = page.locator('.RaNotification-error').filter({ hasText: /cannot be withdrawn/ });
      await alert.waitFor();
      await expect.poll(() => alert.textContent()).toMatch(/\(Policy 4051 §XIX, §XXII, §XXIX\)/);
      const problems = await audit(page, 'light, teacher: a refusal with linked sections');
      expect(problems, `\n${problems.join('\n')}`).toEqual([]);
      await alert.locator('a', { hasText: /^§XXII$/ }).click();
      await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('section-XXII-title');
      expect(page.url()).toMatch(/#\/policy#XXII$/);
      expect(pageErrors).toEqual([]);
      expect(cspViolations).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    "a personal account's page gives its owner the advice of IV, V and VI, linked to the policy (light and dark)",
    async () => {
      const teacher = await t.login('teacher.high');
      const { registerSocialAccount: account } = await gqlOk<{ registerSocialAccount: { id: string } }>(
        `mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { id } }`,
        { input: { platform: 'INSTAGRAM', handle: 'olivia_maps', bio: 'History teacher at Ralston High School. Old maps.', signals: [] } },
        teacher,
      );
      const problems: string[] = [];
      for (const scheme of ['light', 'dark'] as const) {
        await newPage(scheme);
        await signIn('teacher');
        await goto(page, hash(`socialAccounts/${account.id}/show`));
        const advice = page.getByRole('region', { name: 'Advice for your personal account' });
        await advice.getByText(/Your bio names "ralston high school"/).waitFor();
        await advice.getByText(/photos of students/).waitFor();
        await advice.getByText(/until they have graduated/).waitFor();
        problems.push(...(await audit(page, `${scheme}, teacher: a personal account's advice`)));
        expect(pageErrors).toEqual([]);
        expect(cspViolations).toEqual([]);
        if (scheme === 'light') {
          await advice.getByRole('link', { name: '§VI' }).click();
          await expect.poll(() => page.evaluate('document.activeElement && document.activeElement.id')).toBe('section-VI-title');
        }
        await context.close();
      }
      expect(problems, `\n${problems.join('\n')}`).toEqual([]);
    },
    TIMEOUT,
  );

  browserIt(
    'the app bar toggles between the light and the dark theme',
    async () => {
      await newPage('light');
      await signIn('principal');
      expect(await isDark()).toBe(false);
      await page.getByRole('button', { name: /light\/dark|theme/i }).click();
      await expect.poll(isDark).toBe(true);
      const problems = await audit(page, 'toggled to dark: home');
      expect(problems, `\n${problems.join('\n')}`).toEqual([]);
      // The choice is kept across a reload.
      await page.reload();
      await page.getByText('Staff and district social media use').waitFor();
      expect(await isDark()).toBe(true);
    },
    TIMEOUT,
  );
});
