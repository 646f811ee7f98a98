import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { MOBILE, expectFocusOn, waitUntil } from './browser.js';
import {
  ORGANISER,
  apiOf,
  expectNoOverflow,
  expectNoViolations,
  finish,
  startHarness,
  stopHarness,
  visit,
  type Harness,
  type Visit,
} from './hub-harness.js';

/**
 * Key learnings in the browser: a rapporteur writes Markdown (with hostile HTML in it), sees the
 * preview, saves with the keyboard and publishes; the worker renders the files; a visitor reads
 * the page and downloads the PDF, whose text holds the rapporteur's words; and two editors of the
 * same text meet the conflict without losing either text.
 */

const CITY_LAB = 'icc-city-lab-2020';
const RAPPORTEUR = 'rita.rapporteur@city.example';
const RAPPORTEUR_NAME = 'Rita Rapporteur';
const SCRIPT = '<script>window.__xss=1</script>';
const NOTES = [
  '## Green deals need budgets',
  '',
  'Cities agreed that a local green deal without its own budget line stays a declaration.',
  '',
  '- Mentor cities share procurement templates',
  '- Core cities publish their data catalogues',
  '',
  `Typed by a rapporteur: ${SCRIPT} stays text.`,
].join('\n');

let harness: Harness | undefined;
let sessionId = '';
let sessionTitle = '';
const visits: Visit[] = [];

function h(): Harness {
  if (!harness) throw new Error('the hub did not start');
  return harness;
}

beforeAll(async () => {
  harness = await startHarness();
  const response = await fetch(`${harness.baseUrl}/api/events/${CITY_LAB}/sessions`);
  const sessions = (await response.json()) as Array<{
    id: string;
    title: string;
    audience: string;
  }>;
  const open = sessions.find((s) => s.audience === 'public');
  if (!open) throw new Error('the seeded event has no public session');
  sessionId = open.id;
  sessionTitle = open.title;
  // The rapporteur role is granted by an organiser of the event, through the api.
  const organiser = await visit(harness, '/', { as: ORGANISER });
  await apiOf(organiser.context).post(`/api/events/${CITY_LAB}/roles`, {
    email: RAPPORTEUR,
    role: 'rapporteur',
  });
  await finish(organiser);
}, 120_000);

afterAll(async () => {
  for (const v of visits) await v.context.close().catch(() => undefined);
  await stopHarness(harness);
});

async function open(path: string, as?: string): Promise<Visit> {
  const v = await visit(h(), path, as ? { as } : {});
  visits.push(v);
  return v;
}

function editPath(): string {
  return `/sessions/${sessionId}/key-learnings/edit`;
}

function pagePath(): string {
  return `/sessions/${sessionId}/key-learnings`;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/kl-${name}.png`, fullPage: true });
}

async function noXss(page: Page): Promise<void> {
  const flag = await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss);
  expect(flag).toBeUndefined();
}

async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? '';
}

/** The text of every page of a PDF, joined, with all white space taken out. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: bytes }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages.join('').replace(/\s+/g, '');
}

function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Saves with the keyboard and waits until the editor says which revision it became. */
async function saveWithKeyboard(page: Page): Promise<void> {
  await page.locator('#kl-notes').press('ControlOrMeta+s');
  await waitUntil(
    async () => /Saved as revision \d+/.test(await textOf(page, '.kl-editor-form .form-status')),
    async () =>
      `not saved; the editor shows ${JSON.stringify(await page.locator('main').innerText())}`,
  );
}

describe('key learnings', () => {
  it('lets a rapporteur write, preview, save and publish, and the files get rendered', async () => {
    const editor = await open(editPath(), RAPPORTEUR);
    const { page } = editor;
    await apiOf(editor.context).patch('/api/me', { name: RAPPORTEUR_NAME });

    // The session page offers both the reader's page and the editor to a rapporteur.
    await page.goto(`/sessions/${sessionId}`);
    await page.getByRole('link', { name: 'Write key learnings' }).click();
    await page.locator('#kl-notes').waitFor();
    expect(await textOf(page, 'main h1')).toBe(`Write key learnings: ${sessionTitle}`);

    await page.locator('#kl-notes').fill(NOTES);
    // The preview follows the typing: Markdown becomes a heading and a list, HTML stays text.
    await waitUntil(
      async () =>
        (await page.locator('.kl-preview h2', { hasText: 'Green deals need budgets' }).count()) ===
        1,
      async () => `the preview shows ${JSON.stringify(await textOf(page, '.kl-preview'))}`,
    );
    expect(await page.locator('.kl-preview li').allTextContents()).toEqual(
      expect.arrayContaining([
        'Mentor cities share procurement templates',
        'Core cities publish their data catalogues',
      ]),
    );
    expect(await textOf(page, '.kl-preview')).toContain(SCRIPT);
    expect(await page.locator('.kl-preview script').count()).toBe(0);

    // Unsaved text cannot be published: the button says why.
    const publish = page.locator('.kl-editor-form button', { hasText: /^Publish/ });
    expect(await publish.isDisabled()).toBe(true);
    expect(await textOf(page, '#kl-publish-hint')).toContain('Save your changes first');
    await shot(page, 'editor-typing');

    await saveWithKeyboard(page);
    expect(await textOf(page, '.kl-save-state')).toMatch(/All changes saved in revision \d+/);
    expect(await publish.isDisabled()).toBe(false);
    await publish.click();
    await page.locator('.kl-published h2').waitFor();
    expect(await textOf(page, '.kl-published h2')).toContain('Version 1 is published');
    // Focus moves to the outcome, so that it is read at once.
    await expectFocusOn(page, 'kl-published-heading');

    // The worker renders the files; the editor's list follows without a reload.
    const first = page.locator('.kl-version[data-version="1"]');
    await waitUntil(
      async () => (await first.locator('.kl-state').getAttribute('data-state')) === 'ready',
      async () => `version 1 is ${await first.locator('.kl-state').getAttribute('data-state')}`,
      60_000,
    );
    expect(await first.locator('a[data-format]').count()).toBe(3);
    expect(await page.locator('.kl-revisions tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await textOf(page, '.kl-revisions tbody tr')).toContain(RAPPORTEUR_NAME);
    await noXss(page);
    await expectNoViolations(page, 'the key-learnings editor');
    await shot(page, 'editor-published');
    await finish(editor);
  });

  it('shows the published text to a visitor, whose PDF holds the rapporteur’s words', async () => {
    const reader = await open(`/sessions/${sessionId}`);
    const { page } = reader;
    expect(await page.getByRole('link', { name: 'Write key learnings' }).count()).toBe(0);
    await page.locator('.link-list a', { hasText: /^Key learnings$/ }).click();
    await page.locator('article.key-learnings').waitFor();

    expect(await textOf(page, 'main h1')).toBe(`Key learnings: ${sessionTitle}`);
    expect(await textOf(page, '.kl-version-line')).toMatch(
      new RegExp(`^Version 1, published .+ by ${RAPPORTEUR_NAME}$`),
    );
    const article = page.locator('article.key-learnings');
    expect(await article.locator('h2', { hasText: 'Green deals need budgets' }).count()).toBe(1);
    expect(await article.locator('li').count()).toBeGreaterThanOrEqual(2);
    expect(await article.textContent()).toContain(SCRIPT);
    expect(await article.locator('script').count()).toBe(0);
    await noXss(page);

    // Three downloads, each with its size; the PDF is saved as a file and read back.
    const labels = await page.locator('.kl-downloads .kl-files a').allTextContents();
    expect(labels).toEqual(['Download PDF', 'Markdown', 'HTML page']);
    expect(await textOf(page, '.kl-downloads .kl-file-size')).toMatch(/^\(\d+(\.\d)? kB\)$/);
    const pdfLink = page.locator('.kl-downloads a[data-format="pdf"]');
    expect(await pdfLink.getAttribute('href')).toMatch(
      /^\/api\/key-learnings\/files\/[^?]+\?download=1$/,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = new Uint8Array(readFileSync(await download.path()));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const words of [
      'Green deals need budgets',
      'Mentor cities share procurement templates',
      'stays a declaration',
      sessionTitle,
    ]) {
      expect(text).toContain(squeezed(words));
    }

    const markdown = await page.request.get(
      (await page.locator('.kl-downloads a[data-format="md"]').getAttribute('href')) ?? '',
    );
    expect(markdown.status()).toBe(200);
    expect(await markdown.text()).toContain('## Green deals need budgets');

    await expectNoViolations(page, 'the key-learnings page');
    await shot(page, 'public');
    await page.setViewportSize(MOBILE);
    await expectNoOverflow(page, 'the key-learnings page on a phone');
    await shot(page, 'public-mobile');
    await finish(reader);
  });

  it('keeps the second editor’s text when someone else saved first', async () => {
    const first = await open(editPath(), RAPPORTEUR);
    const second = await first.context.newPage();
    const errors: string[] = [];
    second.on('pageerror', (error) => errors.push(error.message));
    await second.goto(editPath());
    await second.locator('#kl-notes').waitFor();

    const theirs = `${NOTES}\n\nAdded by the first editor.`;
    const mine = `${NOTES}\n\nAdded by the second editor, who must not lose it.`;
    await first.page.locator('#kl-notes').fill(theirs);
    await saveWithKeyboard(first.page);

    await second.locator('#kl-notes').fill(mine);
    await second.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = second.locator('.kl-conflict');
    await conflict.waitFor();
    expect(await conflict.locator('h2').textContent()).toBe('Someone else saved meanwhile');
    await waitUntil(
      async () => ((await conflict.textContent()) ?? '').includes(RAPPORTEUR_NAME),
      async () => `the conflict reads ${JSON.stringify(await conflict.textContent())}`,
    );
    expect(await second.locator('#kl-notes').inputValue()).toBe(mine);
    expect(await textOf(second, '.kl-save-state')).toBe('Unsaved changes.');
    await expectNoViolations(second, 'the editor with a conflict');
    await shot(second, 'conflict');

    // Loading their version keeps mine beside it, to copy from: nothing is lost.
    await conflict.getByRole('button', { name: 'Load their version' }).click();
    await waitUntil(
      async () => (await second.locator('#kl-notes').inputValue()) === theirs,
      async () =>
        `the editor holds ${JSON.stringify(await second.locator('#kl-notes').inputValue())}`,
    );
    expect(await second.locator('#kl-kept-notes').inputValue()).toBe(mine);
    expect(await conflict.count()).toBe(0);
    await shot(second, 'conflict-resolved');
    expect(errors).toEqual([]);

    // The account page holds the choice of getting the PDF attached to key-learnings mails.
    await second.close();
    await first.page.goto('/me');
    await first.page.getByLabel('Attach the PDF to key-learnings mails').check();
    await first.page.getByRole('button', { name: 'Save profile' }).click();
    await first.page.locator('.form-status', { hasText: 'Your profile is saved.' }).waitFor();
    const me = await apiOf(first.context).get<{ keyLearningsPdf: boolean }>('/api/me');
    expect(me.keyLearningsPdf).toBe(true);
    await finish(first);
  });

  it('asks a visitor to sign in for the editor and explains an empty day', async () => {
    const visitor = await open(editPath());
    expect(await textOf(visitor.page, 'main h1')).toBe('Sign in to continue');
    const day = (await (await fetch(`${h().baseUrl}/api/sessions/${sessionId}`)).json()) as {
      day: { date: string } | null;
    };
    if (day.day) {
      await visitor.page.goto(`/events/${CITY_LAB}/days/${day.day.date}/key-learnings`);
      await visitor.page.locator('main h1').waitFor();
      expect(await textOf(visitor.page, '.kl-none')).toContain(
        'No key learnings have been published for this day yet',
      );
      // The session published above is listed with a link to its key learnings.
      expect(
        await visitor.page
          .locator('.kl-day-sessions a', { hasText: sessionTitle })
          .getAttribute('href'),
      ).toBe(pagePath());
      await expectNoViolations(visitor.page, 'a day without key learnings');
      await shot(visitor.page, 'day');
    }
    await finish(visitor);
  });
});
