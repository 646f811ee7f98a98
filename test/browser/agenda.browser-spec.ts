import type { EventDetail, EventSummary, SessionView } from '@app/contracts';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startHub } from '../support/hub-process.js';
import {
  DESKTOP,
  MOBILE,
  checkAccessibility,
  describeViolations,
  launchBrowser,
  screenshot,
  expectFocusOn,
  waitUntil,
  type PageGlobals,
} from './browser.js';

const CITY_LAB = 'icc-city-lab-2020';
const MAYORS_SUMMIT = '100-mayors-summit-2020';

let hub: Awaited<ReturnType<typeof startHub>> | undefined;
let browser: Browser | undefined;

function baseUrl(): string {
  if (!hub) throw new Error('the hub did not start');
  return hub.baseUrl;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** `YYYY-MM-DD` of now in an IANA zone, as the app computes it. */
/** The calendar day of `instant` in `timeZone`, as YYYY-MM-DD. */
function dayIn(timeZone: string, instant: string | number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));
}

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page; each test expects none. */
  errors: string[];
}

/** A fresh browser context per test: no storage, zone or viewport leaks between tests. */
async function visit(
  path: string,
  options: BrowserContextOptions & { at?: Date } = {},
): Promise<Visit> {
  if (!browser) throw new Error('the browser did not start');
  const { at, ...contextOptions } = options;
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'en-GB',
    timezoneId: 'Europe/Brussels',
    baseURL: baseUrl(),
    ...contextOptions,
  });
  // The page's clock, where a test must not depend on the time of day it runs at.
  if (at) await context.clock.setFixedTime(at);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(path);
  await page.locator('main h1').first().waitFor();
  return { context, page, errors };
}

async function finish({ context, errors }: Visit): Promise<void> {
  await context.close();
  expect(errors).toEqual([]);
}

/** Session cards of the agenda, once the list has settled (no request in flight). */
function sessionCards(page: Page) {
  return page.locator('.session-list:not([aria-busy="true"]) > li');
}

async function waitForSessionCount(page: Page, expected: number): Promise<void> {
  await waitUntil(
    async () => (await sessionCards(page).count()) === expected,
    async () => `expected ${expected} session cards, saw ${await sessionCards(page).count()}`,
  );
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await checkAccessibility(page);
  expect(describeViolations(violations) || `no axe violations on ${where}`).toBe(
    `no axe violations on ${where}`,
  );
}

beforeAll(async () => {
  [hub, browser] = await Promise.all([startHub(), launchBrowser()]);
  const index = await fetch(`${hub.baseUrl}/`);
  const html = await index.text();
  if (index.status !== 200 || !html.includes('id="app"')) {
    throw new Error(
      `the web app is not served at / (status ${index.status}): run \`npm run build:web\``,
    );
  }
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('events page', () => {
  it('lists the ICC City Lab and the Mayors’ Summit', async () => {
    const visit1 = await visit('/');
    const { page } = visit1;

    expect(await page.locator('main h1').textContent()).toBe('Events');
    const cityLab = page.locator(`a[href="/events/${CITY_LAB}"]`);
    await cityLab.waitFor();
    expect(await cityLab.textContent()).toContain('City Lab');
    const summit = page.locator(`a[href="/events/${MAYORS_SUMMIT}"]`);
    expect(await summit.isVisible()).toBe(true);
    expect(await summit.textContent()).toMatch(/Mayors/);

    // Upcoming and running events come before past ones.
    const headings = await page.locator('main h2').allTextContents();
    expect(headings).toEqual(['Upcoming and live', 'Past events']);
    const past = page.locator('section', {
      has: page.getByRole('heading', { name: 'Past events' }),
    });
    expect(await past.locator(`a[href="/events/${CITY_LAB}"]`).count()).toBe(1);

    await cityLab.click();
    await page.waitForURL(`**/events/${CITY_LAB}`);
    await page.locator('[role="tablist"]').waitFor();
    expect(await page.title()).toContain('City Lab');
    // As after a full page load, focus starts at the new content rather than on a vanished link.
    await expectFocusOn(page, 'main');

    await screenshot(page, 'events-after-navigation');
    await finish(visit1);
  });

  it('shows a clear message for an unknown event', async () => {
    const unknown = await visit('/events/no-such-event');
    expect(await unknown.page.locator('main h1').textContent()).toBe('Event not found');
    expect(await unknown.page.locator('main').textContent()).toContain('no-such-event');
    await screenshot(unknown.page, 'event-not-found');
    await finish(unknown);
  });
});

describe('agenda', () => {
  it('shows the City Lab by day, with Day 2 on the European Green Deal', async () => {
    const event = await getJson<EventDetail>(`/api/events/${CITY_LAB}`);
    const agenda = await visit(`/events/${CITY_LAB}`);
    const { page } = agenda;

    const tabs = page.getByRole('tablist').getByRole('tab');
    expect(await tabs.count()).toBe(event.days.length);
    expect(await tabs.first().getAttribute('aria-selected')).toBe('true');

    const day2 = page.getByRole('tab', { name: /Day 2\b/ });
    await day2.click();
    expect(await day2.getAttribute('aria-selected')).toBe('true');
    expect(await day2.getAttribute('tabindex')).toBe('0');
    const panel = page.getByRole('tabpanel');
    expect(await panel.getAttribute('aria-labelledby')).toBe(await day2.getAttribute('id'));
    expect(await panel.locator('h2').textContent()).toMatch(/^Day 2: .*European Green Deal/);
    expect(page.url()).toContain('day=2020-09-29');

    // Arrow keys move between days (ARIA tabs pattern, automatic activation).
    await day2.press('ArrowRight');
    const day3 = page.getByRole('tab', { name: /Day 3\b/ });
    expect(await day3.getAttribute('aria-selected')).toBe('true');
    await expectFocusOn(page, (await day3.getAttribute('id')) ?? 'the third day');
    expect(await day2.getAttribute('tabindex')).toBe('-1');
    await day3.press('Home');
    expect(await tabs.first().getAttribute('aria-selected')).toBe('true');
    // The day's sessions load under the page: the tab keeps the event's title all along (the
    // page-level spinner of a reloading list used to reset it to the product name).
    await sessionCards(page).first().waitFor();
    expect(await page.title()).toBe(`${event.title} · ICC Hub`);

    await screenshot(page, 'agenda-city-lab-day-1');
    await finish(agenda);
  });

  it('narrows the list when a track is chosen', async () => {
    const event = await getJson<EventDetail>(`/api/events/${CITY_LAB}`);
    // Find a day where one track holds some but not all of the sessions.
    let choice: { date: string; total: number; trackId: string; count: number } | undefined;
    for (const day of event.days) {
      const sessions = await getJson<SessionView[]>(
        `/api/events/${CITY_LAB}/sessions?day=${day.date}`,
      );
      for (const track of event.tracks) {
        const count = sessions.filter((s) => s.trackId === track.id).length;
        if (count > 0 && count < sessions.length) {
          choice = { date: day.date, total: sessions.length, trackId: track.id, count };
          break;
        }
      }
      if (choice) break;
    }
    if (!choice) throw new Error('the City Lab seed has no day mixing several tracks');
    const { trackId } = choice;
    const track = event.tracks.find((t) => t.id === trackId);
    if (!track) throw new Error('track vanished');

    const agenda = await visit(`/events/${CITY_LAB}?day=${choice.date}`);
    const { page } = agenda;
    await waitForSessionCount(page, choice.total);

    await page.getByRole('radio', { name: track.name, exact: true }).check();
    await waitForSessionCount(page, choice.count);
    expect(page.url()).toContain(`track=${track.slug}`);
    for (const text of await sessionCards(page).allTextContents()) {
      expect(text).toContain(track.name);
    }
    expect(await page.getByRole('status').first().textContent()).toBe(
      choice.count === 1 ? '1 session' : `${choice.count} sessions`,
    );
    await screenshot(page, 'agenda-filtered-by-track');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForSessionCount(page, choice.total);
    expect(page.url()).not.toContain('track=');
    await finish(agenda);
  });

  it('shows times in the visitor’s zone beside the event’s own', async () => {
    const sessions = await getJson<SessionView[]>(
      `/api/events/${CITY_LAB}/sessions?day=2020-09-29`,
    );
    const session = sessions.find((s) => Date.parse(s.startsAt) === Date.UTC(2020, 8, 29, 7, 30));
    if (!session) throw new Error('the City Lab seed has no session at 09:30 Brussels on 29 Sep');

    const agenda = await visit(`/events/${CITY_LAB}?day=2020-09-29`, {
      timezoneId: 'America/New_York',
      locale: 'en-US',
    });
    const { page } = agenda;
    expect(await page.locator('.tz-note').textContent()).toContain('America/New York');
    const card = sessionCards(page).filter({ hasText: session.title });
    await card.waitFor();
    const times = await card.locator('.session-times').textContent();
    expect(times).toMatch(
      /^03:30–\d\d:\d\d \(your time, America\/New York\) · 09:30–\d\d:\d\d Brussels time$/,
    );

    await card.getByRole('link', { name: session.title }).click();
    await page.waitForURL(`**/sessions/${session.id}`);
    await page.getByRole('heading', { level: 1, name: session.title }).waitFor();
    expect(await page.locator('main .session-times').textContent()).toMatch(
      /^03:30–.* · 09:30–.* Brussels time$/,
    );
    await screenshot(page, 'session-new-york');
    await finish(agenda);
  });

  it('marks the running session of the demo event “Live now”', async () => {
    const events = await getJson<EventSummary[]>('/api/events');
    const demo = events.find((e) => e.isDemo);
    if (!demo) throw new Error('no demo event was seeded');
    const sessions = await getJson<SessionView[]>(`/api/events/${demo.slug}/sessions`);
    // The seed put one session live at the time it ran; the page is shown a minute into it, so
    // that the test does not depend on the time of day (near midnight, "today" moves on).
    const started = sessions
      .filter((s) => s.status === 'scheduled' && Date.parse(s.startsAt) <= Date.now())
      .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
    const live = started[0];
    if (!live) throw new Error('the demo event has no session that has started');
    const at = Date.parse(live.startsAt) + 60_000;
    expect(at).toBeLessThan(Date.parse(live.endsAt));
    const day = dayIn(demo.timeZone, live.startsAt);
    const sameDay = sessions.filter((s) => dayIn(demo.timeZone, s.startsAt) === day);

    // No day in the address: the agenda of a running event opens on today.
    const agenda = await visit(`/events/${demo.slug}`, { at: new Date(at) });
    const { page } = agenda;
    const card = sessionCards(page).filter({ hasText: live.title });
    await card.waitFor();
    expect(await card.locator('.badge-live').textContent()).toBe('Live now');
    const notLive = sameDay.filter(
      (s) => !(Date.parse(s.startsAt) <= at && at < Date.parse(s.endsAt)),
    );
    expect(notLive.length).toBeGreaterThan(0);
    for (const other of notLive) {
      const otherCard = sessionCards(page).filter({ hasText: other.title });
      expect(await otherCard.locator('.badge-live').count()).toBe(0);
    }
    await screenshot(page, 'agenda-demo-live');
    await finish(agenda);
  });
});

describe('language', () => {
  it('switches to Deutsch and keeps it after a reload', async () => {
    const home = await visit('/');
    const { page } = home;
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Veranstaltungen' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.getByRole('button', { name: 'Deutsch' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await page.locator('.tz-note').textContent()).toContain('Zeitzone');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Veranstaltungen' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.goto(`/events/${CITY_LAB}?day=2020-09-29`);
    await page.getByRole('tab', { name: /Tag 2\b/ }).waitFor();
    expect(await page.getByRole('tabpanel').locator('h2').textContent()).toMatch(/^Tag 2: /);
    await screenshot(page, 'agenda-deutsch');
    await finish(home);
  });

  it('follows the browser language on a first visit', async () => {
    const home = await visit('/', { locale: 'fr-FR' });
    expect(await home.page.locator('main h1').textContent()).toBe('Événements');
    expect(await home.page.locator('html').getAttribute('lang')).toBe('fr');
    await finish(home);
  });
});

describe.each([
  ['desktop', DESKTOP],
  ['375px', MOBILE],
])('accessibility at %s', (label, viewport) => {
  it('has no axe violations on the events, agenda and session pages', async () => {
    const sessions = await getJson<SessionView[]>(
      `/api/events/${CITY_LAB}/sessions?day=2020-09-29`,
    );
    const session = sessions.find((s) => s.people.length > 0) ?? sessions[0];
    if (!session) throw new Error('the City Lab has no session on 29 Sep');

    const pages: [string, string][] = [
      ['events', '/'],
      ['agenda', `/events/${CITY_LAB}?day=2020-09-29`],
      ['session', `/sessions/${session.id}`],
    ];
    const { context, page, errors } = await visit('/', { viewport });
    for (const [name, path] of pages) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
      if (name === 'agenda') await sessionCards(page).first().waitFor();
      if (name === 'events') await page.locator('.card-grid').first().waitFor();
      await expectNoViolations(page, `${name} (${label})`);
      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as PageGlobals).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(`${name}: ${overflow}px of horizontal overflow`).toBe(
        `${name}: 0px of horizontal overflow`,
      );
      await screenshot(page, `${name}-${label}`);
    }
    await finish({ context, page, errors });
  });
});
