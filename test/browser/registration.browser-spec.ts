import type { CalendarFeedView, EventDetail } from '@app/contracts';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, MOBILE, screenshot, waitUntil } from './browser.js';
import {
  ORGANISER,
  apiOf,
  brussels,
  dateFromToday,
  decodedMail,
  expectNoOverflow,
  expectNoViolations,
  finish,
  signInContext,
  startHarness,
  stopHarness,
  visit,
  type Harness,
} from './hub-harness.js';

/**
 * Registration in the browser: people register on the session page until it is full, the next
 * one waits, a cancellation gives the waiting person the seat (and a mail), the agenda registers
 * from its cards, and my agenda shows my sessions, where they clash and my private feed.
 */

const SLUG = 'browser-registration-lab';
const ANA = 'ana.register@city.example';
const BEN = 'ben.register@city.example';
const CLEO = 'cleo.register@city.example';

interface Made {
  date: string;
  full: string;
  parallel: string;
  cities: string;
}

let harness: Harness | undefined;
let made: Made | undefined;

function h(): Harness {
  if (!harness) throw new Error('the hub did not start');
  return harness;
}

function m(): Made {
  if (!made) throw new Error('the event was not made');
  return made;
}

/** An event with a two-seat session, one overlapping it without a limit, and one for cities. */
async function makeEvent(): Promise<Made> {
  const context = await h().browser.newContext({ baseURL: h().baseUrl });
  await signInContext(h(), context, ORGANISER);
  const api = apiOf(context);
  const date = dateFromToday(45);
  await api.post<EventDetail>('/api/events', {
    slug: SLUG,
    kind: 'city-lab',
    title: 'Browser Registration Lab',
    summary: 'An event made by a browser test.',
    timeZone: 'Europe/Brussels',
    startDate: date,
    endDate: date,
    venue: null,
  });
  const day = await api.post<{ id: string }>(`/api/events/${SLUG}/days`, {
    date,
    title: 'Registration day',
  });
  const plenary = await api.post<{ id: string }>(`/api/events/${SLUG}/streams`, {
    name: 'Plenary',
    virtualUrl: 'https://meet.icc-hub.example/plenary',
    capacity: null,
  });
  const room = await api.post<{ id: string }>(`/api/events/${SLUG}/streams`, {
    name: 'Room B',
    virtualUrl: null,
    capacity: null,
  });
  const session = async (
    title: string,
    start: string,
    end: string,
    streamId: string,
    extra: { capacity?: number | null; audience?: string } = {},
  ) => {
    const saved = await api.post<{ session: { id: string } }>(
      `/api/events/${SLUG}/draft/sessions`,
      {
        title,
        abstract: 'Made by a browser test.',
        format: 'workshop',
        audience: extra.audience ?? 'public',
        language: 'en',
        capacity: extra.capacity ?? null,
        trackId: null,
        streamId,
        dayId: day.id,
        startsAt: brussels(date, start),
        endsAt: brussels(date, end),
        people: [],
      },
    );
    return saved.session.id;
  };
  const full = await session('Seats for two', '10:00', '11:00', plenary.id, { capacity: 2 });
  const parallel = await session('Parallel clinic', '10:30', '11:30', room.id);
  const cities = await session('City teams at work', '14:00', '15:00', room.id, {
    audience: 'cities',
  });
  await api.post(`/api/events/${SLUG}/schedule/releases`, { name: 'First programme' });
  await context.close();
  return { date, full, parallel, cities };
}

beforeAll(async () => {
  harness = await startHarness();
  made = await makeEvent();
}, 90_000);

afterAll(async () => {
  await stopHarness(harness);
});

function panel(page: Page) {
  return page.locator('.registration-panel');
}

function panelOutcome(page: Page) {
  return panel(page).locator('.registration-outcome');
}

async function seatsText(page: Page): Promise<string | null> {
  return panel(page).locator('.seats').textContent();
}

/** The class of the focused element: where the page has put focus after an action. */
function focusedClass(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { className: string } | null } })
        .document.activeElement?.className,
  );
}

/** The message an action put in `region` (a `.registration-outcome`), once focus is on it. */
async function expectOutcome(page: Page, region: Locator): Promise<string> {
  const message = region.locator('.notice');
  await message.waitFor();
  await waitUntil(
    async () => (await focusedClass(page))?.includes('notice') === true,
    async () => `focus is on an element of class "${await focusedClass(page)}"`,
    2_000,
  );
  return (await message.textContent()) ?? '';
}

/** Waits for a mail to `email` whose text holds `text`. */
async function mailHolding(email: string, text: string): Promise<void> {
  await waitUntil(
    () =>
      Promise.resolve(
        h()
          .sink.to(email)
          .some((mail) => decodedMail(mail.raw).includes(text)),
      ),
    () => `no mail to ${email} holds “${text}” (${h().sink.to(email).length} mails to them)`,
    30_000,
  );
}

describe('registration', () => {
  it('fills a session, puts the next person on the waiting list and promotes them', async () => {
    const sessionPath = `/sessions/${m().full}`;

    // A visitor sees the seats and is offered to sign in, and to come back here after.
    const visitor = await visit(h(), sessionPath);
    await panel(visitor.page).getByRole('heading', { level: 2, name: 'Registration' }).waitFor();
    expect(await seatsText(visitor.page)).toBe('2 of 2 seats left');
    const signIn = panel(visitor.page).getByRole('link', { name: 'Sign in to register' });
    expect(await signIn.getAttribute('href')).toBe(
      `/sign-in?next=${encodeURIComponent(sessionPath)}`,
    );
    await expectNoViolations(visitor.page, 'session page, signed out');
    await screenshot(visitor.page, 'registration-session-signed-out');
    await finish(visitor);

    // The first person registers: confirmed, and one seat fewer.
    const ana = await visit(h(), sessionPath, { as: ANA });
    await panel(ana.page).getByRole('button', { name: 'Register' }).click();
    expect(await expectOutcome(ana.page, panelOutcome(ana.page))).toBe(
      'You are registered: your seat is confirmed. A mail with a calendar file is on its way.',
    );
    expect(await panel(ana.page).locator('.registration-badge').textContent()).toBe('Confirmed');
    expect(await seatsText(ana.page)).toBe('1 of 2 seats left');
    await expectNoViolations(ana.page, 'session page, registered');
    await screenshot(ana.page, 'registration-session-confirmed-desktop');

    // A second person, in a browser of their own, takes the last seat.
    const ben = await visit(h(), sessionPath, { as: BEN });
    expect(await seatsText(ben.page)).toBe('1 of 2 seats left');
    await panel(ben.page).getByRole('button', { name: 'Register' }).click();
    await expectOutcome(ben.page, panelOutcome(ben.page));
    expect(await panel(ben.page).locator('.registration-badge').textContent()).toBe('Confirmed');
    expect(await seatsText(ben.page)).toBe('Full');
    await finish(ben);

    // The third joins the waiting list, on a phone.
    const cleo = await visit(h(), sessionPath, { as: CLEO, viewport: MOBILE });
    expect(await seatsText(cleo.page)).toBe('Full — join the waiting list');
    await panel(cleo.page).getByRole('button', { name: 'Join the waiting list' }).click();
    expect(await expectOutcome(cleo.page, panelOutcome(cleo.page))).toBe(
      'The session is full: you are on the waiting list, in position 1. If a seat becomes free for you, you get a mail.',
    );
    expect(await panel(cleo.page).locator('.registration-badge').textContent()).toBe(
      'Waiting list, position 1',
    );
    await screenshot(cleo.page, 'registration-session-waitlisted-375px');
    await expectNoViolations(cleo.page, 'session page, waitlisted (375px)');
    await expectNoOverflow(cleo.page, 'session page, waitlisted (375px)');

    // The first cancels, after saying yes: the seat goes to the third at once.
    const cancelButton = panel(ana.page).getByRole('button', {
      name: 'Cancel my registration',
      exact: true,
    });
    await cancelButton.click();
    expect(await cancelButton.getAttribute('aria-expanded')).toBe('true');
    const confirm = panel(ana.page).locator('.confirm-box');
    expect(await confirm.locator('p').textContent()).toBe(
      'Cancel your seat in “Seats for two”? It goes to the next person on the waiting list, and you may not get it back.',
    );
    await screenshot(ana.page, 'registration-session-cancel-confirm-desktop');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect(await confirm.count()).toBe(0);
    await cancelButton.click();
    await confirm.getByRole('button', { name: 'Yes, cancel my registration' }).click();
    expect(await expectOutcome(ana.page, panelOutcome(ana.page))).toBe(
      'Your registration for “Seats for two” is cancelled.',
    );
    expect(await panel(ana.page).locator('.registration-badge').textContent()).toBe('Cancelled');
    // The freed seat went to the person waiting: still full.
    expect(await seatsText(ana.page)).toBe('Full — join the waiting list');
    await finish(ana);

    await cleo.page.reload();
    await panel(cleo.page)
      .locator('.registration-badge')
      .filter({ hasText: 'Confirmed' })
      .waitFor();
    await mailHolding(CLEO, 'A seat has become free for you');
    await finish(cleo);
  });

  it('registers from the agenda with one request for my registrations, and words refusals', async () => {
    const tour = await visit(h(), `/events/${SLUG}`, { as: CLEO });
    const { page } = tour;
    const cards = page.locator('.session-list:not([aria-busy="true"]) > li');
    const full = cards.filter({ hasText: 'Seats for two' });
    const parallel = cards.filter({ hasText: 'Parallel clinic' });
    const cities = cards.filter({ hasText: 'City teams at work' });
    await full.locator('.registration-badge').waitFor();
    expect(await full.locator('.registration-badge').textContent()).toBe('Confirmed');
    expect(await full.locator('.seats').textContent()).toBe('Full');
    expect(await parallel.locator('.seats').textContent()).toBe('No seat limit');

    await parallel.getByRole('button', { name: 'Register “Parallel clinic”' }).click();
    expect(await expectOutcome(page, parallel.locator('.registration-outcome'))).toContain(
      'your seat is confirmed',
    );
    expect(await parallel.locator('.registration-badge').textContent()).toBe('Confirmed');
    await parallel.getByRole('button', { name: 'Cancel “Parallel clinic”' }).waitFor();

    // A session for city representatives offers a person without a city no button that could
    // only be refused; it says who it is for.
    expect(await cities.locator('.registration-hint').textContent()).toBe(
      'For city representatives',
    );
    expect(await cities.getByRole('button', { name: /Register/ }).count()).toBe(0);
    expect(await cities.locator('.registration-badge').count()).toBe(0);

    // One request for my registrations, none per session: only the registration sent.
    const path = (url: string) => new URL(url).pathname;
    expect(tour.requests.filter((url) => path(url) === '/api/me/registrations')).toHaveLength(1);
    expect(
      tour.requests.filter((url) => /^\/api\/sessions\/[^/]+\/registration$/.test(path(url))),
    ).toHaveLength(1);
    await expectNoViolations(page, 'agenda with registration controls');
    await screenshot(page, 'registration-agenda-refused');
    await finish(tour);
  });

  it('shows my agenda with the overlap and a private feed that can be reset', async () => {
    const tour = await visit(h(), '/', { as: CLEO });
    const { page, context } = tour;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: h().baseUrl,
    });
    await page.locator('header').getByRole('link', { name: 'My agenda' }).click();
    await page.waitForURL('**/me/agenda');
    await page.getByRole('heading', { level: 1, name: 'My agenda' }).waitFor();
    const entries = page.locator('.my-session');
    await entries.first().waitFor();
    expect(await entries.locator('.session-title').allTextContents()).toEqual([
      'Seats for two',
      'Parallel clinic',
    ]);
    expect(await page.locator('.my-day-heading').count()).toBe(1);
    expect(await entries.locator('.registration-badge').allTextContents()).toEqual([
      'Confirmed',
      'Confirmed',
    ]);
    const overlaps = page.locator('.overlaps li');
    expect(await overlaps.count()).toBe(1);
    expect(await overlaps.textContent()).toMatch(
      /^“Seats for two” and “Parallel clinic” overlap on .+, 10:30–11:00\.$/,
    );
    expect(await entries.first().locator('.overlap-note').textContent()).toBe(
      'Overlaps with “Parallel clinic”.',
    );

    // The feed: its address, a webcal link, a copy button, and it serves my sessions.
    const field = page.locator('#feed-url');
    const oldUrl = await field.inputValue();
    expect(oldUrl).toMatch(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const feedPath = (url: string) => new URL(url).pathname;
    const subscribe = page.getByRole('link', { name: 'Subscribe in your calendar app' });
    expect(await subscribe.getAttribute('href')).toBe(
      `webcal://${new URL(oldUrl).host}${feedPath(oldUrl)}`,
    );
    await page.getByRole('button', { name: 'Copy' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The address is copied to the clipboard.' })
      .waitFor();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(oldUrl);
    const ics = await context.request.get(feedPath(oldUrl));
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
    const body = await ics.text();
    expect(body).toContain('SUMMARY:Seats for two');
    expect(body).toContain('SUMMARY:Parallel clinic');
    await expectNoViolations(page, 'my agenda');
    await screenshot(page, 'registration-my-agenda-overlap');

    // A reset asks first, says that the old address dies, and it does.
    await page.getByRole('button', { name: 'Make a new address' }).click();
    const confirm = page.locator('.feed-section .confirm-box');
    expect(await confirm.locator('p').textContent()).toContain(
      'The current one stops working at once',
    );
    await confirm.getByRole('button', { name: 'Make a new address now' }).click();
    expect(await expectOutcome(page, page.locator('.feed-section .registration-outcome'))).toBe(
      'Your feed has a new address. The old one no longer works: subscribe again with this one.',
    );
    const newUrl = await field.inputValue();
    expect(newUrl).not.toBe(oldUrl);
    expect((await context.request.get(feedPath(oldUrl))).status()).toBe(404);
    expect((await context.request.get(feedPath(newUrl))).status()).toBe(200);
    const api = apiOf(context);
    expect((await api.get<CalendarFeedView>('/api/me/calendar-feed')).url).toBe(newUrl);

    // Cancelling from my agenda: the entry and its overlap go.
    const parallel = entries.filter({ hasText: 'Parallel clinic' });
    await parallel.getByRole('button', { name: 'Cancel “Parallel clinic”' }).click();
    await parallel.getByRole('button', { name: 'Yes, cancel my registration' }).click();
    expect(await expectOutcome(page, page.locator('.my-agenda > .registration-outcome'))).toBe(
      'Your registration for “Parallel clinic” is cancelled.',
    );
    await waitUntil(
      async () => (await entries.count()) === 1,
      async () => `${await entries.count()} entries on my agenda`,
    );
    expect(await page.locator('.overlaps').count()).toBe(0);
    await finish(tour);
  });
});

describe.each([
  ['desktop', DESKTOP, 'en'],
  ['375px', MOBILE, 'en'],
  // German has the longest words: the narrow screen must hold them too.
  ['375px-de', MOBILE, 'de'],
] as const)('registration pages at %s', (label, viewport, locale) => {
  it('have no axe violations and no sideways scrolling', async () => {
    const email = `layout.${label}@city.example`;
    const tour = await visit(h(), '/', { as: email, viewport });
    const { page, context } = tour;
    const api = apiOf(context);
    await api.patch('/api/me', { locale });
    // Something on the agenda, and an overlap for the warning.
    await api.post(`/api/sessions/${m().parallel}/registration`);
    await api.post(`/api/sessions/${m().full}/registration`);
    const pages: [string, string, string][] = [
      ['session', `/sessions/${m().full}`, '.registration-panel .registration-badge'],
      ['agenda', `/events/${SLUG}`, '.session-list:not([aria-busy="true"]) .card-registration'],
      ['my-agenda', '/me/agenda', '#feed-url'],
    ];
    for (const [name, path, ready] of pages) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      await screenshot(page, `registration-${name}-${label}`);
      await expectNoViolations(page, `${name} (${label})`);
      await expectNoOverflow(page, `${name} (${label})`);
    }
    await finish(tour);
  });
});
