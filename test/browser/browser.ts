import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Where screenshots land; `.test-run/` is ignored by git. */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', '.test-run', 'screenshots');

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core');

export const DESKTOP = { width: 1280, height: 900 } as const;
export const MOBILE = { width: 375, height: 812 } as const;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * The few page globals the tests read inside `page.evaluate`. The test program is compiled for
 * Node without the DOM library, so code that runs in the page goes through this type.
 */
export interface PageGlobals {
  document: {
    activeElement: { id: string } | null;
    documentElement: { scrollWidth: number; clientWidth: number };
  };
  axe?: {
    run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }>;
  };
}

/** Runs axe-core (all WCAG A/AA and best-practice rules) on the page and returns its violations. */
export async function checkAccessibility(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).axe !== undefined,
  );
  // Evaluated through the DevTools protocol: the pages' policy forbids inline script tags.
  if (!hasAxe) await page.evaluate(`${readFileSync(AXE_PATH, 'utf8')}\n;true`);
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as PageGlobals;
    if (!axe) throw new Error('axe-core did not load');
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** One line per violation and offending element, for assertion messages. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.map((n) => `    ${JSON.stringify(n.target)}`).join('\n');
      return `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${targets}`;
    })
    .join('\n');
}

/** Fails with a readable list of rule ids and targets when axe finds anything. */
export async function expectNoAccessibilityViolations(page: Page, where: string): Promise<void> {
  const violations = await checkAccessibility(page);
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} violation(s) on ${where}:\n${describeViolations(violations)}`,
    );
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Polls `check` until it returns true or `timeoutMs` passes; `describe` explains a failure. */
export async function waitUntil(
  check: () => Promise<boolean>,
  describe: () => Promise<string> | string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ArrivalGlobals {
  document: {
    activeElement: { id: string } | null;
    body: object;
    getElementById(id: string): object | null;
  };
  MutationObserver: new (
    callback: (records: unknown[], observer: { disconnect(): void }) => void,
  ) => {
    observe(target: object, options: { childList: boolean; subtree: boolean }): void;
  };
  focusOnArrival?: string | null;
}

/**
 * Starts watching for the element with this id to appear; {@link focusOnArrival} then says which
 * element had focus when it did. A mutation observer runs right after the DOM change, before the
 * page paints: focus moved in the same commit is there, focus moved by a later effect is not.
 */
export async function watchFocusOnArrival(page: Page, id: string): Promise<void> {
  await page.evaluate((wanted) => {
    const page = globalThis as unknown as ArrivalGlobals;
    page.focusOnArrival = null;
    new page.MutationObserver((_records, observer) => {
      if (!page.document.getElementById(wanted)) return;
      page.focusOnArrival = page.document.activeElement?.id ?? '';
      observer.disconnect();
    }).observe(page.document.body, { childList: true, subtree: true });
  }, id);
}

/** What had focus when the watched element appeared (null: it has not appeared). */
export function focusOnArrival(page: Page): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as ArrivalGlobals).focusOnArrival ?? null);
}

/** The id of the element that has focus, or '' for none. */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.activeElement?.id ?? '',
  );
}

/**
 * Waits (briefly) for focus to reach the element with this id. Pages move focus as they render an
 * outcome, which can land a moment after the text a test waited for.
 */
export async function expectFocusOn(page: Page, id: string, timeoutMs = 2_000): Promise<void> {
  await waitUntil(
    async () => (await focusedId(page)) === id,
    async () => `focus is on "#${await focusedId(page)}", not on "#${id}"`,
    timeoutMs,
  );
}
