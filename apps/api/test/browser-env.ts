import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { ADMIN_DIST } from './harness.js';

/**
 * What every browser test file shares (DESIGN.md 8): Debian's `chromium` (or CHROMIUM_PATH)
 * driven by playwright-core against the built dashboard, the skip-or-fail rule when either is
 * missing, a fresh page per test and signing in on it, and the axe-core audit of WCAG 2.0/2.1 A
 * and AA.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** CI sets STEWARD_REQUIRE_BROWSER=1: a machine that cannot run the browser tests then fails. */
export const REQUIRED = process.env.STEWARD_REQUIRE_BROWSER === '1';

/** What is missing to run browser tests (none: they run); warns once per file when they skip. */
export function browserPrerequisites(what: string): { missing: string[]; canRun: boolean } {
  const missing = [
    existsSync(CHROMIUM)
      ? null
      : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    existsSync(path.join(ADMIN_DIST, 'index.html'))
      ? null
      : `the dashboard is not built in ${ADMIN_DIST} (npm run build --workspace @steward/admin)`,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0 && !REQUIRED) {
    console.warn(
      `\n!!! SKIPPING ${what}: ${missing.join('; ')}.\n` +
        '!!! Set STEWARD_REQUIRE_BROWSER=1 to make this a failure.\n',
    );
  }
  return { missing, canRun: missing.length === 0 };
}

/** Headless Chromium as root on a machine with no network but loopback. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A demo person's address (README.md), from their key: `demoEmail('admin')`. */
export const demoEmail = (key: string) => `${key}@demo.k12.example`;

/** A context, its one page, and the page's uncaught errors (each test expects none). */
export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
}

/**
 * A fresh context (its own localStorage, so no sign-in or theme choice leaks from one test to
 * another) with one page on `baseURL`, actions waiting at most 20 s, and the page's errors
 * collected. `initScript` runs in every document of the context before its own scripts; the
 * other options are the context's (colorScheme, viewport...). The caller closes the context.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  { initScript, ...options }: BrowserContextOptions & { initScript?: string } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ baseURL, ...options });
  context.setDefaultTimeout(20_000);
  if (initScript !== undefined) await context.addInitScript(initScript);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}

/** Signs in through the login page, as a person would, and waits for the home page. */
export async function signIn(page: Page, email: string) {
  await page.goto('/#/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Staff and district social media use').waitFor();
}

/** WCAG 2.0 and 2.1, levels A and AA: what the ADA Title II rule (April 2024) requires. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Waits until the page is still: no spinner (react-admin's loading indicator, <Loading/>) and no
 * finite animation running (a dialog fading in would be measured half-transparent).
 * (Browser-side code is passed as strings: this package compiles without the DOM types.)
 */
export async function settle(page: Page) {
  // Polled with page.evaluate: page.waitForFunction evaluates its string with eval(), which the
  // dashboard's CSP (no 'unsafe-eval') refuses.
  const still = `!document.querySelector('[role="progressbar"], .RaLoadingIndicator-loader') &&
    document.getAnimations().every((a) => a.playState !== 'running' ||
      a.effect?.getTiming().iterations === Infinity)`;
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate(still))) {
    if (Date.now() > deadline) throw new Error('the page did not settle (spinner or animation)');
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(50);
}

/** Rule id, impact, where (selectors) and what to do, for every WCAG A/AA violation on the page. */
export async function audit(page: Page, where: string): Promise<string[]> {
  await settle(page);
  // options() replaces every option, runOnly included: it must come before withTags().
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(WCAG_TAGS)
    .analyze();
  return results.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 8)
      .map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`)
      .join('\n');
    const more = v.nodes.length > 8 ? `\n      …and ${v.nodes.length - 8} more` : '';
    return `[${where}] ${v.id} (${v.impact}, ${v.tags.filter((t) => t.startsWith('wcag')).join(' ')}): ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
  });
}

