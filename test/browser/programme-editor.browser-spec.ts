import type {
  DraftSessionView,
  EventDetail,
  ScheduleConflict,
  SessionView,
  SpeakerAdminView,
} from '@app/contracts';
import type { BrowserContext } from 'playwright-core';
import {
  DESKTOP,
  MOBILE,
  expectFocusOn,
  focusOnArrival,
  focusedId,
  screenshot,
  waitUntil,
  watchFocusOnArrival,
} from './browser.js';
import {
  ORGANISER,
  apiOf,
  brussels,
  dateFromToday,
  expectNoOverflow,
  expectNoViolations,
  finish,
  startHarness,
  stopHarness,
  visit,
  type Harness,
} from './hub-harness.js';

/**
 * The organiser's side of a programme in the browser: building the draft (with a conflict seen
 * and fixed), publishing releases (with and without an override), and what the public then sees.
 */

let harness: Harness | undefined;

function h(): Harness {
  if (!harness) throw new Error('the hub did not start');
  return harness;
}

beforeAll(async () => {
  harness = await startHarness();
}, 90_000);

afterAll(async () => {
  await stopHarness(harness);
});

interface Saved {
  session: DraftSessionView;
  conflicts: ScheduleConflict[];
}

/** An event with two days, two streams and two people, made through the api. */
async function eventThroughApi(context: BrowserContext, slug: string, title: string) {
  const api = apiOf(context);
  const first = dateFromToday(120);
  const second = dateFromToday(121);
  await api.post<EventDetail>('/api/events', {
    slug,
    kind: 'city-lab',
    title,
    summary: 'An event made by a browser test.',
    timeZone: 'Europe/Brussels',
    startDate: first,
    endDate: second,
    venue: null,
  });
  const day = await api.post<{ id: string }>(`/api/events/${slug}/days`, {
    date: first,
    title: 'Opening day',
  });
  await api.post(`/api/events/${slug}/days`, { date: second, title: 'City teams at work' });
  const plenary = await api.post<{ id: string }>(`/api/events/${slug}/streams`, {
    name: 'Plenary',
    virtualUrl: 'https://meet.icc-hub.example/plenary',
    capacity: 500,
  });
  const room = await api.post<{ id: string }>(`/api/events/${slug}/streams`, {
    name: 'Room B',
    virtualUrl: null,
    capacity: null,
  });
  const speaker = (name: string) =>
    api.post<SpeakerAdminView>('/api/speakers', {
      name: `${name} (${slug})`,
      organisation: 'ICC test city',
      email: `${name.toLowerCase().replace(/\W+/g, '.')}@${slug}.example`,
    });
  const [ana, jan] = [await speaker('Ana Moreau'), await speaker('Jan Novak')];
  const session = (body: {
    title: string;
    start: string;
    end: string;
    streamId: string;
    speakerId: string;
  }) =>
    api.post<Saved>(`/api/events/${slug}/draft/sessions`, {
      title: body.title,
      abstract: 'Made by a browser test.',
      format: 'panel',
      audience: 'public',
      language: 'en',
      capacity: null,
      trackId: null,
      streamId: body.streamId,
      dayId: day.id,
      startsAt: brussels(first, body.start),
      endsAt: brussels(first, body.end),
      people: [{ speakerId: body.speakerId, role: 'speaker' }],
    });
  return { api, first, second, day, plenary, room, ana, jan, session };
}

describe('the draft editor', () => {
  it('builds an event, shows the conflict a session makes, and clears it once fixed', async () => {
    const first = dateFromToday(90);
    const second = dateFromToday(91);
    const tour = await visit(h(), '/organise', { as: ORGANISER });
    const { page, context } = tour;
    await page.getByRole('heading', { level: 1, name: 'Organise' }).waitFor();

    // A new event: the address follows the title until edited.
    await page.getByRole('button', { name: 'Create an event' }).click();
    await page.locator('#new-event-title').fill('Browser City Lab');
    expect(await page.locator('#new-event-slug').inputValue()).toBe('browser-city-lab');
    await page.locator('#new-event-startDate').fill(second);
    await page.locator('#new-event-endDate').fill(first);
    await page.getByRole('button', { name: 'Create the event' }).click();
    expect(await page.locator('#new-event-endDate-error').textContent()).toBe(
      'The last day cannot come before the first.',
    );
    await expectFocusOn(page, 'new-event-endDate');
    await page.locator('#new-event-startDate').fill(first);
    await page.locator('#new-event-endDate').fill(second);
    await page.getByRole('button', { name: 'Create the event' }).click();
    await page.waitForURL('**/organise/events/browser-city-lab');
    await page.getByRole('heading', { level: 1, name: 'Browser City Lab' }).waitFor();

    // Days and streams, each added in place.
    const days = page.locator('#days');
    for (const [n, date, theme] of [
      [1, first, 'Opening day'],
      [2, second, 'City teams at work'],
    ] as const) {
      await days.getByRole('button', { name: 'Add a day' }).click();
      await page.locator('#days-new-date').fill(date);
      await page.locator('#days-new-title').fill(theme);
      await days.locator('form').getByRole('button', { name: 'Add a day' }).click();
      await days
        .getByRole('status')
        .filter({ hasText: `“Day ${n}: ${theme}” is added.` })
        .waitFor();
    }
    await days
      .locator('.structure-name')
      .filter({ hasText: 'Day 2: City teams at work' })
      .waitFor();
    const streams = page.locator('#streams');
    await streams.getByRole('button', { name: 'Add a stream' }).click();
    await page.locator('#streams-new-name').fill('Plenary');
    await page.locator('#streams-new-virtualUrl').fill('http://meet.example/plenary');
    await streams.locator('form').getByRole('button', { name: 'Add a stream' }).click();
    expect(await page.locator('#streams-new-virtualUrl-error').textContent()).toBe(
      '“Virtual room link” must be a web address starting with https://.',
    );
    await page.locator('#streams-new-virtualUrl').fill('https://meet.icc-hub.example/plenary');
    await streams.locator('form').getByRole('button', { name: 'Add a stream' }).click();
    await streams.getByRole('status').filter({ hasText: '“Plenary” is added.' }).waitFor();
    await streams.getByRole('button', { name: 'Add a stream' }).click();
    await page.locator('#streams-new-name').fill('Room B');
    await streams.locator('form').getByRole('button', { name: 'Add a stream' }).click();
    await streams.getByRole('status').filter({ hasText: '“Room B” is added.' }).waitFor();
    const tracks = page.locator('#tracks');
    await tracks.getByRole('button', { name: 'Add a track' }).click();
    await page.locator('#tracks-new-name').fill('Green economy & local deals');
    expect(await page.locator('#tracks-new-slug').inputValue()).toBe('green-economy-local-deals');
    await tracks.locator('form').getByRole('button', { name: 'Add a track' }).click();
    await tracks
      .getByRole('status')
      .filter({ hasText: '“Green economy & local deals” is added.' })
      .waitFor();

    // A person with an availability window, entered in Brussels time.
    await page.goto('/organise/speakers');
    await page.getByRole('heading', { level: 1, name: 'People on the programme' }).waitFor();
    expect(await page.locator('#speaker-zone').inputValue()).toBe('Europe/Brussels');
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.locator('#speaker-name').fill('Ana Moreau');
    await page.locator('#speaker-organisation').fill('City of Leuven');
    await page.locator('#speaker-email').fill('ana.moreau@leuven.example');
    await page.getByRole('button', { name: 'Add a window' }).click();
    await page.getByLabel('Window 1: from').fill(`${first}T09:00`);
    await page.getByLabel('Window 1: to').fill(`${first}T17:00`);
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.getByRole('status').filter({ hasText: 'Ana Moreau is added.' }).waitFor();
    const ana = (await apiOf(context).get<SpeakerAdminView[]>('/api/speakers')).find(
      (s) => s.name === 'Ana Moreau',
    );
    expect(ana?.availability).toEqual([
      { startsAt: brussels(first, '09:00'), endsAt: brussels(first, '17:00') },
    ]);
    const card = page.locator('.speaker-card').filter({ hasText: 'Ana Moreau' });
    expect(await card.locator('.speaker-availability li').textContent()).toMatch(/, 09:00–17:00$/);
    await screenshot(page, 'programme-speakers');

    // The first session: no conflict.
    await page.goto('/organise/events/browser-city-lab');
    await page.getByRole('heading', { level: 1, name: 'Browser City Lab' }).waitFor();
    const addSession = async (title: string, start: string, end: string, stream: string) => {
      await page.getByRole('button', { name: 'New session' }).click();
      const form = page.locator('form.session-form');
      await form.getByRole('heading', { name: 'New session' }).waitFor();
      await expectFocusOn(page, 'session-form-heading');
      await form.locator('#session-title').fill(title);
      await form.locator('#session-start').fill(start);
      await form.locator('#session-end').fill(end);
      await form.locator('#session-stream').selectOption({ label: stream });
      await form.getByRole('button', { name: 'Add a person' }).click();
      await form
        .locator('.person-row select')
        .first()
        .selectOption({ label: 'Ana Moreau (City of Leuven)' });
      await form.getByRole('button', { name: 'Create session' }).click();
      return form;
    };
    let form = await addSession('Opening plenary', '10:00', '11:00', 'Plenary');
    await form
      .getByRole('status')
      .filter({ hasText: 'Saved. No conflicts for this session.' })
      .waitFor();
    await form.getByRole('button', { name: 'Close' }).click();
    await page.locator('.draft-title').filter({ hasText: 'Opening plenary' }).waitFor();

    // The second puts the same speaker in two places at once: the save says so beside the form.
    form = await addSession('Green deals workshop', '10:30', '11:30', 'Room B');
    await form.getByRole('status').filter({ hasText: 'Saved, with 1 conflict' }).waitFor();
    const beside = page.locator('.session-conflicts .conflict');
    await beside.first().waitFor();
    expect(await beside.count()).toBe(1);
    expect(await beside.locator('.conflict-text').textContent()).toBe(
      'Ana Moreau speaks in sessions that overlap.',
    );
    expect(await beside.locator('.badge').textContent()).toBe('Blocks publishing');
    expect(await beside.getByRole('link').allTextContents()).toEqual([
      'Opening plenary',
      'Green deals workshop',
    ]);
    // The draft's own panel and the session list show it too.
    const panel = page.locator('#conflicts');
    await panel
      .locator('.conflict-summary')
      .filter({ hasText: '1 conflict blocks publishing' })
      .waitFor();
    const row = page.locator('.draft-session').filter({ hasText: 'Green deals workshop' });
    expect(await row.locator('.badge-hard').textContent()).toBe('1 conflict');
    await expectNoViolations(page, 'editor with a conflict');
    await screenshot(page, 'programme-editor-conflict');

    // The conflict's link opens the other session in the form, and focus goes there.
    await panel.getByRole('link', { name: 'Opening plenary' }).click();
    await page.getByRole('heading', { name: 'Edit “Opening plenary”' }).waitFor();
    await expectFocusOn(page, 'session-form-heading');
    expect(page.url()).toMatch(/\?session=[0-9a-f-]{36}$/);
    expect(await page.locator('#session-start').inputValue()).toBe('10:00');

    // Fixed by moving the workshop after the plenary.
    await page.locator('.draft-title a').filter({ hasText: 'Green deals workshop' }).click();
    form = page.locator('form.session-form');
    await form.getByRole('heading', { name: 'Edit “Green deals workshop”' }).waitFor();
    await form.locator('#session-start').fill('11:30');
    await form.locator('#session-end').fill('12:30');
    await form.getByRole('button', { name: 'Save session' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: 'Saved. No conflicts for this session.' })
      .waitFor();
    await panel
      .locator('.conflict-summary')
      .filter({ hasText: 'No conflicts: the draft can be published.' })
      .waitFor();
    const drafted = await apiOf(context).get<DraftSessionView[]>(
      '/api/events/browser-city-lab/draft/sessions',
    );
    expect(drafted.find((s) => s.title === 'Green deals workshop')?.startsAt).toBe(
      brussels(first, '11:30'),
    );
    await screenshot(page, 'programme-editor-fixed');

    // Closing the form gives focus back to the session it was opened from.
    await form.getByRole('button', { name: 'Close' }).click();
    await waitUntil(
      async () => (await focusedId(page))?.startsWith('edit-session-') === true,
      async () => `focus is on #${await focusedId(page)}`,
      2_000,
    );

    // Nothing is public before a release.
    const published = await apiOf(context).get<SessionView[]>(
      '/api/events/browser-city-lab/sessions',
    );
    expect(published).toEqual([]);
    await finish(tour);
  });

  it('keeps the pages for organisers', async () => {
    const anonymous = await visit(h(), '/organise/events/icc-city-lab-2020');
    await anonymous.page.getByRole('heading', { level: 1, name: 'Sign in to continue' }).waitFor();
    await finish(anonymous);

    const attendee = await visit(h(), '/organise/events/icc-city-lab-2020/publish', {
      as: 'attendee@city.example',
    });
    await attendee.page.getByRole('heading', { level: 1, name: 'Organisers only' }).waitFor();
    await attendee.page.goto('/organise/speakers');
    await attendee.page.getByRole('heading', { level: 1, name: 'Organisers only' }).waitFor();
    await expectNoViolations(attendee.page, 'organisers only');
    await finish(attendee);
  });
});

describe('publishing', () => {
  it('previews the diff, publishes, and the agenda, calendars and changelog follow', async () => {
    const slug = 'browser-publish-lab';
    const tour = await visit(h(), '/organise', { as: ORGANISER });
    const { page, context } = tour;
    const setup = await eventThroughApi(context, slug, 'Browser Publish Lab');
    const opening = await setup.session({
      title: 'Opening plenary',
      start: '09:30',
      end: '10:30',
      streamId: setup.plenary.id,
      speakerId: setup.ana.id,
    });
    const workshop = await setup.session({
      title: 'Procurement clinic',
      start: '11:00',
      end: '12:00',
      streamId: setup.room.id,
      speakerId: setup.jan.id,
    });
    expect([opening.conflicts, workshop.conflicts]).toEqual([[], []]);

    // The first release: everything is new.
    await page.goto(`/organise/events/${slug}/publish`);
    await page.getByRole('heading', { level: 1, name: 'Publish a version' }).waitFor();
    await page.getByText('This is the first version: every session is new.').waitFor();
    const fresh = page.locator('.diff-group-new');
    expect(await fresh.locator('.diff-heading').textContent()).toBe('New sessions (2 sessions)');
    expect(await fresh.locator('.diff-title').allTextContents()).toEqual([
      'Opening plenary',
      'Procurement clinic',
    ]);
    expect(await fresh.locator('.diff-slot').first().textContent()).toMatch(
      /, 09:30–10:30 · Plenary$/,
    );
    expect(await page.locator('.mail-forecast').textContent()).toMatch(
      /^(Publishing sends no mail\.|Publishing will send \d+ mails?:)$/,
    );
    expect(await page.locator('.conflict-summary').textContent()).toBe(
      'No conflicts: the draft can be published.',
    );
    await expectNoViolations(page, 'publish preview');
    await screenshot(page, 'programme-publish-preview');

    await page.getByRole('button', { name: 'Publish this version' }).click();
    expect(await page.locator('#release-name-error').textContent()).toBe(
      'Fill in “Name of this version”.',
    );
    await expectFocusOn(page, 'release-name');
    await page.locator('#release-name').fill('First programme');
    await page.locator('#release-notes').fill('Welcome to the Browser Publish Lab.');
    await watchFocusOnArrival(page, 'published-heading');
    await page.getByRole('button', { name: 'Publish this version' }).click();
    await page
      .getByRole('heading', { level: 2, name: 'Version 1 “First programme” is published' })
      .waitFor();
    // Focus is on the outcome as it appears, not a frame later (read at once by a screen reader).
    expect(await focusOnArrival(page)).toBe('published-heading');
    await expectFocusOn(page, 'published-heading');
    await screenshot(page, 'programme-published');

    // The changelog names the release and its sessions.
    await page.getByRole('link', { name: 'See the list of changes' }).click();
    await page.waitForURL(`**/events/${slug}/changelog`);
    await page.getByRole('heading', { level: 1, name: 'Programme changes' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Version 1: First programme' }).waitFor();
    expect(await page.locator('.release-notes').textContent()).toBe(
      'Welcome to the Browser Publish Lab.',
    );
    expect(await page.locator('.diff-item-new .diff-title').allTextContents()).toEqual([
      'Opening plenary',
      'Procurement clinic',
    ]);
    const atom = page.getByRole('link', { name: 'Follow the changes in a feed reader (Atom)' });
    expect(await atom.getAttribute('href')).toBe(`/api/events/${slug}/schedule/releases.atom`);
    const feed = await context.request.get(`/api/events/${slug}/schedule/releases.atom`);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('First programme');

    // The public agenda shows the release, with the calendar files and the way to the changelog.
    await page.goto(`/events/${slug}`);
    const cards = page.locator('.session-list:not([aria-busy="true"]) > li');
    await cards.filter({ hasText: 'Opening plenary' }).waitFor();
    expect(await cards.count()).toBe(2);
    const calendars = page.locator('.calendar-links');
    expect(
      await calendars.getByRole('link', { name: 'Whole event (.ics)' }).getAttribute('href'),
    ).toBe(`/api/events/${slug}/calendar.ics`);
    expect(
      await calendars.getByRole('link', { name: 'Day 1: Opening day (.ics)' }).getAttribute('href'),
    ).toBe(`/api/events/${slug}/days/${setup.first}/calendar.ics`);
    const host = new URL(h().baseUrl).host;
    expect(
      await calendars
        .getByRole('link', { name: 'Subscribe: your calendar follows every change' })
        .getAttribute('href'),
    ).toBe(`webcal://${host}/api/events/${slug}/calendar.ics`);
    const ics = await context.request.get(`/api/events/${slug}/calendar.ics`);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain('Opening plenary');
    await page.getByRole('link', { name: 'What has changed in the programme' }).waitFor();
    await screenshot(page, 'programme-public-agenda');

    await cards.filter({ hasText: 'Opening plenary' }).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Opening plenary' }).waitFor();
    expect(
      await page.getByRole('link', { name: 'Add to my calendar (.ics)' }).getAttribute('href'),
    ).toBe(`/api/sessions/${opening.session.id}/calendar.ics`);

    // A second release: one session moved, one renamed, one new that double-books a speaker.
    await setup.api.patch(`/api/events/${slug}/draft/sessions/${workshop.session.id}`, {
      startsAt: brussels(setup.first, '14:00'),
      endsAt: brussels(setup.first, '15:00'),
    });
    await setup.api.patch(`/api/events/${slug}/draft/sessions/${opening.session.id}`, {
      title: 'Opening plenary and welcome',
    });
    const clash = await setup.session({
      title: 'Mayors’ round table',
      start: '10:00',
      end: '11:00',
      streamId: setup.room.id,
      speakerId: setup.ana.id,
    });
    expect(clash.conflicts.some((c) => c.severity === 'hard')).toBe(true);

    await page.goto(`/organise/events/${slug}/publish`);
    await page.getByText('Compared with the published version 1.').waitFor();
    const moved = page.locator('.diff-item-moved');
    expect(await moved.locator('.diff-title').textContent()).toBe('Procurement clinic');
    expect(await moved.locator('.diff-before').textContent()).toMatch(/11:00–12:00 · Room B$/);
    expect(await moved.locator('.diff-after').textContent()).toMatch(/14:00–15:00 · Room B$/);
    expect(await page.locator('.diff-item-new .diff-title').allTextContents()).toEqual([
      'Mayors’ round table',
    ]);
    const changed = page.locator('.diff-item-changed');
    expect(await changed.locator('.diff-title').textContent()).toBe('Opening plenary and welcome');
    expect(await changed.locator('.diff-fields').textContent()).toBe('Changed: title.');
    const hard = page.locator('.conflict-hard');
    expect(await hard.locator('.conflict-text').textContent()).toBe(
      'Ana Moreau (browser-publish-lab) speaks in sessions that overlap.',
    );
    expect(
      await hard.getByRole('link', { name: 'Opening plenary and welcome' }).getAttribute('href'),
    ).toBe(`/organise/events/${slug}?session=${opening.session.id}`);

    // Publishing over a hard conflict needs a reason, which is logged.
    await page.locator('#release-name').fill('Second programme');
    const override = page.getByRole('button', { name: 'Publish despite 1 conflict' });
    await override.click();
    expect(await page.locator('#release-reason-error').textContent()).toBe(
      'Say in a few words why you publish despite the conflicts.',
    );
    await expectFocusOn(page, 'release-reason');
    await expectNoViolations(page, 'publish preview with an override');
    await screenshot(page, 'programme-publish-override');
    await page.locator('#release-reason').fill('The mayor joins the round table by video.');
    await override.click();
    await page
      .getByRole('heading', { level: 2, name: 'Version 2 “Second programme” is published' })
      .waitFor();

    await page.goto(`/events/${slug}/changelog`);
    await page.getByRole('heading', { level: 2, name: 'Version 2: Second programme' }).waitFor();
    expect(await page.locator('.release h2').allTextContents()).toEqual([
      'Version 2: Second programme',
      'Version 1: First programme',
    ]);
    const latest = page.locator('.release').first();
    expect(await latest.locator('.diff-counts').textContent()).toBe('1 new · 1 moved · 1 changed');
    expect(await latest.locator('.diff-item-moved .diff-after').textContent()).toMatch(
      /14:00–15:00 · Room B$/,
    );
    await expectNoViolations(page, 'changelog');
    await screenshot(page, 'programme-changelog');
    await finish(tour);
  });
});

describe.each([
  ['desktop', DESKTOP, 'en'],
  ['375px', MOBILE, 'en'],
  // German has the longest words: the narrow screen must hold them too.
  ['375px-de', MOBILE, 'de'],
] as const)('organiser and public pages at %s', (label, viewport, locale) => {
  it('have no axe violations and no sideways scrolling', async () => {
    const slug = `browser-layout-${label}`;
    const tour = await visit(h(), '/organise', { as: ORGANISER, viewport });
    const { page, context } = tour;
    const setup = await eventThroughApi(context, slug, `Layout check (${label})`);
    const first = await setup.session({
      title: 'Opening plenary with a rather long title that has to wrap on a phone',
      start: '09:30',
      end: '10:30',
      streamId: setup.plenary.id,
      speakerId: setup.ana.id,
    });
    await setup.session({
      title: 'Overlapping workshop',
      start: '10:00',
      end: '11:00',
      streamId: setup.room.id,
      speakerId: setup.ana.id,
    });
    await setup.api.post(`/api/events/${slug}/schedule/releases`, {
      name: 'First programme',
      notes: 'Published by the layout check.',
      overrideReason: 'The layout check needs a conflict on the page.',
    });
    // The account's language wins over the browser's once signed in.
    await setup.api.patch('/api/me', { locale });
    const pages: [string, string, string][] = [
      ['organise', '/organise', '.structure-list'],
      ['editor', `/organise/events/${slug}`, '.draft-list'],
      ['editor-form', `/organise/events/${slug}?session=${first.session.id}`, '.session-form'],
      ['speakers', '/organise/speakers?speaker=new', '.speaker-form'],
      ['publish', `/organise/events/${slug}/publish`, '.conflict-list'],
      ['changelog', `/events/${slug}/changelog`, '.release'],
      ['agenda', `/events/${slug}`, '.session-list:not([aria-busy="true"]) > li'],
      ['session', `/sessions/${first.session.id}`, '.session-ics'],
    ];
    try {
      for (const [name, path, ready] of pages) {
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        await screenshot(page, `programme-${name}-${label}`);
        await expectNoViolations(page, `${name} (${label})`);
        await expectNoOverflow(page, `${name} (${label})`);
      }
    } finally {
      await setup.api.patch('/api/me', { locale: 'en' });
    }
    await finish(tour);
  });
});
