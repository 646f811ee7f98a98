import type { SessionView } from '@app/contracts';
import { DEMO_EVENT_SLUG } from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { cleanQuestionText } from '../../apps/api/src/questions/question-text.js';
import { openSessions } from '../support/open-sessions.js';
import { DESKTOP, MOBILE, waitUntil } from './browser.js';
import {
  ORGANISER,
  apiOf,
  expectNoOverflow,
  expectNoViolations,
  finish,
  restartLive,
  startHarness,
  stopHarness,
  visit,
  type Harness,
  type Visit,
} from './hub-harness.js';

/**
 * The live room in the browser: two signed-in people and a moderator in one session's room (the
 * live process on its own port), questions and votes travelling between them, pre-approval,
 * pinning and answering, the presenter view, chat and a poll; and hostile text shown as text.
 */

const ANA = 'ana.live@city.example';
const BEN = 'ben.live@city.example';
const SHOTS = '/tmp/shots';

const XSS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
  'javascript:window.__xss=1',
  'Bidi \u202Eevil\u202C and zero\u200Bwidth \u2066isolate\u2069 text',
  '\'; window.__xss=1; //  <a href="javascript:window.__xss=1">click</a>',
];

let harness: Harness | undefined;
let sessionId = '';
const visits: Visit[] = [];

function h(): Harness {
  if (!harness) throw new Error('the hub did not start');
  return harness;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startHarness({ live: true });
  // A demo session that ends hours from now: a room takes part until its session ends.
  sessionId = (await openSessions(harness)).find((s) => s.audience === 'public')!.id;
}, 120_000);

afterAll(async () => {
  for (const v of visits) await v.context.close().catch(() => undefined);
  await stopHarness(harness);
});

async function open(path: string, as?: string, name?: string): Promise<Visit> {
  const v = await visit(h(), path, as ? { as } : {});
  visits.push(v);
  if (name) {
    await apiOf(v.context).patch('/api/me', { name });
    await v.page.reload();
    await v.page.locator('main h1').first().waitFor();
  }
  return v;
}

/** The room is joined: the presence line shows. */
async function inRoom(page: Page): Promise<void> {
  await page.locator('.live-presence').waitFor({ timeout: 20_000 });
}

function questionItem(page: Page, body: string) {
  return page.locator('.question', {
    has: page.locator('.question-body', { hasText: body }),
  });
}

async function bodies(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

async function waitForText(page: Page, selector: string, text: string, timeoutMs = 10_000) {
  await waitUntil(
    async () => (await bodies(page, selector)).includes(text),
    async () =>
      `no ${selector} reads ${JSON.stringify(text)}; there are ${JSON.stringify(await bodies(page, selector))}`,
    timeoutMs,
  );
}

async function voteCount(page: Page, body: string): Promise<string | null> {
  return questionItem(page, body).locator('.vote-count').textContent();
}

async function expectVotes(page: Page, body: string, count: number): Promise<void> {
  await waitUntil(
    async () => (await voteCount(page, body)) === String(count),
    async () => `“${body}” shows ${await voteCount(page, body)} votes, not ${count}`,
  );
}

async function ask(page: Page, body: string, anonymous = false): Promise<void> {
  await page.locator('#ask-body').fill(body);
  await page.locator('#ask-anonymous').setChecked(anonymous);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const error = page.locator('.ask-form .live-error');
  await waitUntil(
    async () =>
      (await page.locator('#ask-body').inputValue()) === '' || Boolean(await error.textContent()),
    () => `the question “${body}” was not sent`,
  );
  expect(await error.textContent()).toBe('');
}

async function chat(page: Page, body: string): Promise<void> {
  await page.locator('#chat-body').fill(body);
  await page.locator('.chat-form').getByRole('button', { name: 'Send' }).click();
  await waitUntil(
    async () => (await page.locator('#chat-body').inputValue()) === '',
    async () =>
      `the chat message was not sent: ${await page.locator('.chat-form .live-error').textContent()}`,
  );
}

async function noXss(page: Page): Promise<void> {
  const flag = await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss);
  expect(flag).toBeUndefined();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/*
 * The steps build on one another (one room, the same people in it); each is a test of its own
 * so that a slow machine does not run one test past its timeout.
 */
describe('live room', () => {
  const live = () => `/sessions/${sessionId}/live`;
  const moderate = () => `/sessions/${sessionId}/moderate`;
  const present = () => `/sessions/${sessionId}/present`;
  const first = 'How will the city data platform be funded after 2027?';
  const second = 'Could the pilot cities share their open procurement templates?';
  const corrected = 'Pilot cities: can you share open procurement templates?';
  let visitor: Visit;
  let mod: Visit;
  let ana: Visit;
  let ben: Visit;
  let projector: Visit;

  it('lets a visitor watch and signed-in people ask, vote and chat', async () => {
    // The session page leads to the room.
    visitor = await open(`/sessions/${sessionId}`);
    expect(await visitor.page.getByRole('link', { name: 'Join live' }).getAttribute('href')).toBe(
      live(),
    );
    await visitor.page.getByRole('link', { name: 'Join live' }).click();
    await inRoom(visitor.page);
    // A visitor watches, and is offered to sign in to take part.
    expect(
      await visitor.page.getByRole('link', { name: 'Sign in to ask, vote and chat' }).count(),
    ).toBe(1);
    expect(await visitor.page.locator('#ask-body').count()).toBe(0);

    mod = await open(moderate(), ORGANISER);
    await inRoom(mod.page);
    await mod.page.locator('#settings-heading').waitFor();
    ana = await open(live(), ANA, 'Ana Tamm');
    ben = await open(live(), BEN, 'Ben Okafor');
    await Promise.all([inRoom(ana.page), inRoom(ben.page)]);
    await waitUntil(
      async () => ((await ana.page.locator('.live-presence').textContent()) ?? '').startsWith('4'),
      async () => `presence reads ${await ana.page.locator('.live-presence').textContent()}`,
    );

    // Ana asks; Ben sees it appear and upvotes; Ana sees the score change.
    await ask(ana.page, first);
    await waitForText(ben.page, '.question-body', first);
    await waitForText(visitor.page, '.question-body', first);
    await questionItem(ben.page, first).locator('.vote-button').click();
    await expectVotes(ana.page, first, 1);
    expect(
      await questionItem(ben.page, first).locator('.vote-button').getAttribute('aria-pressed'),
    ).toBe('true');
    // Withdrawing is allowed, and voting again counts again.
    await questionItem(ben.page, first).locator('.vote-button').click();
    await expectVotes(ana.page, first, 0);
    await questionItem(ben.page, first).locator('.vote-button').click();
    await expectVotes(ana.page, first, 1);
    await expectVotes(visitor.page, first, 1);

    // Chat: Ben's message reaches Ana.
    await chat(ben.page, 'Hello from Ben in Tallinn!');
    await waitForText(ana.page, '.chat-body', 'Hello from Ben in Tallinn!');
  });

  it('says when a room opens and closes: questions ahead of a session, none after it', async () => {
    // This session starts tomorrow: the room says so, and takes questions ahead.
    expect(await ana.page.locator('.live-intro .badges').textContent()).toBe('Not started yet');
    expect(await ana.page.locator('#ask-body').count()).toBe(1);

    // A 2020 session's room is a record: read, but nothing to write with.
    const response = await fetch(`${h().baseUrl}/api/events/icc-city-lab-2020/sessions`);
    const past = ((await response.json()) as Array<{ id: string; audience: string }>).find(
      (s) => s.audience === 'public',
    );
    if (!past) throw new Error('the 2020 City Lab has no public session');
    const over = await open(`/sessions/${past.id}`, ANA);
    await over.page.getByRole('link', { name: 'Questions and chat of the session' }).click();
    await inRoom(over.page);
    expect(await over.page.locator('.live-intro .badges').textContent()).toBe('Ended');
    await over.page.getByText('This session has ended.', { exact: false }).waitFor();
    expect(await over.page.locator('#ask-body').count()).toBe(0);
    expect(await over.page.locator('#chat-body').count()).toBe(0);
    expect(await over.page.locator('.vote-button').count()).toBe(0);
    await shot(over.page, 'live-room-ended');
  });

  it('tells someone a city session’s room is not for, in their language, and where to register', async () => {
    const cities = (await openSessions(h())).find((s) => s.audience === 'cities');
    if (!cities) throw new Error('the demo has no city session ending hours from now');
    const refused = await open(`/sessions/${cities.id}/live`, 'cem.live@city.example');
    const notice = refused.page.locator('.notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Register for the session to take part.');
    const toSession = refused.page.getByRole('link', { name: 'Go to the session' });
    expect(await toSession.getAttribute('href')).toBe(`/sessions/${cities.id}`);
    await refused.page.getByRole('button', { name: 'Français' }).click();
    await notice.getByText('Inscrivez-vous à la session pour y participer.').waitFor();
  });

  it('shows hostile questions and chat messages as text, running nothing', async () => {
    // Hostile text is shown as text, in every browser, and runs nothing.
    await ask(ana.page, XSS[0]);
    await ask(ana.page, XSS[1], true);
    await ask(ben.page, XSS[2]);
    await ask(ben.page, XSS[3]);
    await ask(ben.page, XSS[4]);
    for (const [i, text] of XSS.entries()) await chat(i % 2 ? ana.page : ben.page, text);
    for (const page of [ana.page, ben.page, visitor.page]) {
      for (const text of XSS.slice(0, 5)) {
        await waitForText(page, '.question-body', cleanQuestionText(text));
      }
      for (const text of XSS) {
        await waitUntil(
          async () => {
            const now = await bodies(page, '.chat-body');
            return now.includes(text) || now.includes(cleanQuestionText(text));
          },
          async () =>
            `chat does not show ${JSON.stringify(text)}: ${JSON.stringify(await bodies(page, '.chat-body'))}`,
        );
      }
      expect(await page.locator('main img, main script, main svg[onload]').count()).toBe(0);
      await noXss(page);
    }
    // The anonymous question does not name Ana to the room, but does to the moderator.
    expect(await questionItem(ben.page, XSS[1]).locator('.question-author').textContent()).toBe(
      'Anonymous',
    );
    expect(await questionItem(ben.page, XSS[0]).locator('.question-author').textContent()).toBe(
      'Ana Tamm',
    );
    expect(
      await questionItem(mod.page, XSS[1]).locator('.question-author-private').textContent(),
    ).toBe('Asked anonymously by Ana Tamm (only moderators see this).');
  });

  it('holds questions for approval, pins, answers and edits them', async () => {
    // Pre-approval: Ana's next question waits for the moderator; Ben sees it once approved.
    await mod.page.locator('#setting-pre-approved').check();
    await ana.page.locator('.ask-form .field-hint').waitFor();
    await ask(ana.page, second);
    await questionItem(ana.page, second)
      .locator('.badge-pending', { hasText: 'Awaiting moderation' })
      .waitFor();
    await waitForText(mod.page, '.question-body', second);
    await ben.page.waitForTimeout(1_000);
    expect(await bodies(ben.page, '.question-body')).not.toContain(second);
    await questionItem(mod.page, second).getByRole('button', { name: 'Approve' }).click();
    await waitForText(ben.page, '.question-body', second);
    await waitUntil(
      async () => (await questionItem(ana.page, second).locator('.badge-pending').count()) === 0,
      () => 'Ana’s question still awaits moderation after approval',
    );

    // The moderator pins the first question and answers the second.
    await questionItem(mod.page, first).getByRole('button', { name: 'Pin' }).click();
    await questionItem(mod.page, second).getByRole('button', { name: 'Mark answered' }).click();
    await questionItem(ben.page, first).locator('.badge-pinned').waitFor();
    await questionItem(ben.page, second).locator('.badge-answered').waitFor();
    await questionItem(ana.page, second).locator('.badge-answered').waitFor();

    // The moderator corrects a question; the room sees the new text, the moderator its history.
    await questionItem(mod.page, second).getByRole('button', { name: 'Edit' }).click();
    await mod.page.locator(`.edit-form textarea`).fill(corrected);
    await mod.page.locator('.edit-form').getByRole('button', { name: 'Save' }).click();
    await waitForText(ben.page, '.question-body', corrected);
    await questionItem(mod.page, corrected).locator('.edit-history summary').click();
    expect(await questionItem(mod.page, corrected).locator('.edit-history del').textContent()).toBe(
      second,
    );
  });

  it('shows the pinned question big in the presenter view', async () => {
    // The presenter view shows the pinned question big.
    projector = await open(present());
    await inRoom(projector.page);
    await waitUntil(
      async () => (await projector.page.locator('.present-question-big p').textContent()) === first,
      async () =>
        `the projector shows ${await projector.page.locator('.present-question-big p').textContent()}`,
    );
    expect(await projector.page.locator('.site-header').count()).toBe(0);
    expect(await projector.page.locator('button').count()).toBe(0);
  });

  it('runs a poll with live results', async () => {
    // A poll: the moderator opens it, Ana and Ben vote, everyone sees the results live.
    await mod.page.locator('#poll-question').fill('Which topic should the next lab take up?');
    await mod.page.locator('#poll-option-0').fill('Mobility');
    await mod.page.locator('#poll-option-1').fill('Energy');
    await mod.page.getByRole('button', { name: 'Add an option' }).click();
    await mod.page.locator('#poll-option-2').fill('Open data');
    await mod.page.getByRole('button', { name: 'Open the poll' }).click();
    for (const [page, option] of [
      [ana.page, 'Mobility'],
      [ben.page, 'Open data'],
    ] as const) {
      const card = page.locator('.poll-card', { hasText: 'Which topic should the next lab' });
      await card.waitFor();
      await card.getByLabel(option).check();
      await card.getByRole('button', { name: 'Vote' }).click();
      await card.getByRole('button', { name: 'Change my vote' }).waitFor();
    }
    for (const page of [ana.page, ben.page, mod.page, projector.page]) {
      await waitUntil(
        async () =>
          ((await page.locator('.poll-voters, .present-poll-voters').first().textContent()) ??
            '') === '2 people voted',
        async () =>
          `poll shows ${await page.locator('.poll-voters, .present-poll-voters').first().textContent()}`,
      );
      expect(await page.locator('.poll-result', { hasText: 'Mobility' }).textContent()).toContain(
        '1 vote · 50%',
      );
      expect(await page.locator('.poll-result', { hasText: 'Energy' }).textContent()).toContain(
        '0 votes · 0%',
      );
    }
  });

  it('catches up after the live process restarts', async () => {
    // The live process restarts; the pages say so, reconnect, and catch up with what happened
    // meanwhile (a question asked over the REST api while the room was down).
    await mod.page.locator('#setting-pre-approved').uncheck();
    await ana.page.locator('.ask-form .field-hint').waitFor({ state: 'detached' });
    const meanwhile = 'Asked while the live room was restarting: is the data safe?';
    await restartLive(h(), async () => {
      await ana.page.locator('.live-reconnecting').waitFor();
      await apiOf(ben.context).post(`/api/sessions/${sessionId}/questions`, {
        body: meanwhile,
        clientId: randomUUID(),
      });
    });
    for (const page of [ana.page, ben.page, visitor.page, projector.page]) {
      await inRoom(page);
    }
    await waitForText(ana.page, '.question-body', meanwhile, 20_000);
    await waitForText(visitor.page, '.question-body', meanwhile, 20_000);
    await waitForText(mod.page, '.question-body', meanwhile, 20_000);
    await questionItem(ana.page, meanwhile).locator('.vote-button').click();
    await expectVotes(ben.page, meanwhile, 1);
  });

  it('tells a non-moderator, looks right and passes axe', async () => {
    // Ben is no moderator: the moderation page says so.
    const benModerates = await open(moderate(), BEN);
    await benModerates.page
      .getByRole('heading', { name: 'You do not moderate this session' })
      .waitFor();

    for (const page of [ana.page, ben.page, visitor.page, mod.page, projector.page]) {
      await noXss(page);
    }
    await shot(ana.page, 'live-room-ana');
    await shot(ben.page, 'live-room-ben');
    await shot(visitor.page, 'live-room-visitor');
    await shot(mod.page, 'live-moderate');
    await shot(projector.page, 'live-present');
    await shot(benModerates.page, 'live-moderate-not-moderator');

    await expectNoViolations(ana.page, 'live room');
    await expectNoViolations(mod.page, 'moderation');
    await expectNoViolations(projector.page, 'presenter view');

    await ana.page.setViewportSize(MOBILE);
    await expectNoOverflow(ana.page, 'live room, mobile');
    await shot(ana.page, 'live-room-mobile');
    await mod.page.setViewportSize(MOBILE);
    await expectNoOverflow(mod.page, 'moderation, mobile');
  });

  it('removes chat messages and closes polls for the whole room', async () => {
    // The moderator removes a chat message and closes the poll: the room follows.
    await mod.page.setViewportSize(DESKTOP);
    await ana.page.setViewportSize(DESKTOP);
    await mod.page
      .locator('.chat-message', { hasText: 'Hello from Ben in Tallinn!' })
      .getByRole('button', { name: /^Remove/ })
      .click();
    await waitUntil(
      async () => !(await bodies(ana.page, '.chat-body')).includes('Hello from Ben in Tallinn!'),
      () => 'Ana still sees the removed chat message',
    );
    await mod.page.getByRole('button', { name: 'Close the poll' }).click();
    await ana.page.locator('.poll-card .badge', { hasText: 'Closed' }).waitFor();
    expect(await ana.page.locator('.poll-ballot').count()).toBe(0);

    // Closing the Q&A and turning chat off reach the room at once.
    await mod.page.locator('#setting-closed').check();
    await ana.page
      .locator('.notice', { hasText: 'Questions are closed for this session.' })
      .waitFor();
    expect(await ana.page.locator('#ask-body').count()).toBe(0);
    await mod.page.locator('#setting-chat').uncheck();
    await ana.page.locator('.chat-panel').waitFor({ state: 'detached' });
    await mod.page.locator('.live-empty', { hasText: 'Chat is off for this session.' }).waitFor();

    // The room speaks the reader's language.
    await ana.page.getByRole('button', { name: 'Français' }).click();
    await ana.page.getByRole('heading', { name: 'Questions', exact: true }).waitFor();
    await ana.page.locator('.live-presence', { hasText: 'personnes présentes' }).waitFor();
    await ana.page.locator('.segmented button', { hasText: 'Plus de votes' }).waitFor();
    await shot(ana.page, 'live-room-fr');

    for (const v of visits.splice(0)) await finish(v);
  });

  it('takes a room away from a viewer when a new release closes its session to the public', async () => {
    // Another public demo session (the rest of this file keeps its own); ended or not, its room
    // can be read.
    const listed = await fetch(`${h().baseUrl}/api/events/${DEMO_EVENT_SLUG}/sessions`);
    const other = ((await listed.json()) as SessionView[]).find(
      (s) => s.audience === 'public' && s.status !== 'cancelled' && s.id !== sessionId,
    );
    if (!other) throw new Error('the demo has no second public session');
    const viewer = await open(`/sessions/${other.id}/live`);
    await inRoom(viewer.page);
    await viewer.page.locator('.live-layout').waitFor();

    const organiser = await open('/', ORGANISER);
    const api = apiOf(organiser.context);
    await api.patch(`/api/events/${DEMO_EVENT_SLUG}/draft/sessions/${other.id}`, {
      audience: 'cities',
    });
    await api.post(`/api/events/${DEMO_EVENT_SLUG}/schedule/releases`, {
      name: 'For the cities',
      overrideReason: 'Browser test: the demo is published as it stands',
    });

    const notice = viewer.page.locator('.notice-error');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain(
      'This session’s room is for its registered participants: sign in first.',
    );
    expect(await viewer.page.locator('.live-layout').count()).toBe(0);
    await shot(viewer.page, 'live-room-closed-to-public');
  });
});
