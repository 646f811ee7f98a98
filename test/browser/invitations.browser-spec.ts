import type { EventDetail, InvitationListView } from '@app/contracts';
import { DESKTOP, MOBILE, screenshot, waitUntil } from './browser.js';
import {
  ORGANISER,
  apiOf,
  dateFromToday,
  expectNoOverflow,
  expectNoViolations,
  finish,
  linkInMail,
  signInContext,
  startHarness,
  stopHarness,
  visit,
  type Harness,
} from './hub-harness.js';

/**
 * Summit invitations in the browser: the organiser uploads a CSV file, an invitee answers from the
 * link in the mail (no password), and the organiser sees the answer and reminds the others.
 */

const SLUG = 'browser-mayors-summit';
const ANSWER_LINK = /https?:\/\/[^\s"'<>]+\/invitations\/respond#token=[A-Za-z0-9_-]{32,128}/;

let harness: Harness | undefined;

function h(): Harness {
  if (!harness) throw new Error('the hub did not start');
  return harness;
}

beforeAll(async () => {
  harness = await startHarness();
  const context = await harness.browser.newContext({ baseURL: harness.baseUrl });
  await signInContext(harness, context, ORGANISER);
  const date = dateFromToday(60);
  await apiOf(context).post<EventDetail>('/api/events', {
    slug: SLUG,
    kind: 'mayors-summit',
    title: 'Browser Mayors’ Summit',
    summary: 'A summit made by a browser test.',
    timeZone: 'Europe/Brussels',
    startDate: date,
    endDate: date,
    venue: 'Brussels, Charlemagne building',
  });
  await context.close();
}, 90_000);

afterAll(async () => {
  await stopHarness(harness);
});

describe('invitations', () => {
  it('are uploaded as CSV, answered from the mail, and the organiser sees the answer', async () => {
    const tour = await visit(h(), `/organise/events/${SLUG}/invitations`, { as: ORGANISER });
    const { page, context } = tour;
    await page.getByRole('heading', { level: 1, name: 'Invitations' }).waitFor();
    await page.locator('.answer-count-pending dd').filter({ hasText: '0' }).waitFor();
    // Nobody is invited yet: not "everyone has answered".
    await page.locator('.reminders').getByText('No invitations here yet.').waitFor();

    // Without a file, the form says so at the field.
    await page.getByRole('button', { name: 'Upload and invite' }).click();
    expect(await page.locator('#invitations-file-error').textContent()).toBe(
      'Choose a CSV file first.',
    );

    const csv = [
      'name,email,city,role',
      'Ana Moreau,mayor.leuven@city.example,Leuven,mayor',
      '"Novak, Jan",jan.novak@city.example,Ljubljana,delegate',
      'Nobody,not-an-address,Nowhere,mayor',
      'Someone,someone@city.example,Porto,emperor',
    ].join('\r\n');
    await page.locator('#invitations-file').setInputFiles({
      name: 'summit.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const before = h().sink.to('mayor.leuven@city.example').length;
    await page.getByRole('button', { name: 'Upload and invite' }).click();
    const outcome = page.locator('.import-summary');
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe('2 invitations sent · 2 lines refused');
    const refused = page.getByRole('table', { name: 'Lines refused' });
    const lines = await refused.locator('tbody tr td:first-child').allTextContents();
    expect(lines).toEqual(['4', '5']);
    for (const reason of await refused.locator('tbody tr td:last-child').allTextContents()) {
      expect(reason.trim()).not.toBe('');
    }
    await page.locator('.answer-count-pending dd').filter({ hasText: '2' }).waitFor();
    await expectNoViolations(page, 'invitations after an upload');
    await screenshot(page, 'invitations-uploaded');

    // The invitee opens the link from the mail: the token leaves the address bar at once.
    const link = await linkInMail(h(), 'mayor.leuven@city.example', before, ANSWER_LINK);
    const token = new URL(link).hash.replace(/^#token=/, '');
    const invitee = await visit(h(), link);
    const answer = invitee.page;
    await answer
      .getByRole('heading', { level: 1, name: 'Invitation to Browser Mayors’ Summit' })
      .waitFor();
    expect(answer.url()).toBe(`${h().baseUrl}/invitations/respond`);
    expect(invitee.requests.filter((url) => url.includes(token))).toEqual([]);
    expect(await answer.locator('.lead').textContent()).toBe(
      'Ana Moreau, you are invited as Mayor.',
    );
    expect(await answer.locator('.answer').textContent()).toBe('You have not answered yet.');
    await expectNoViolations(answer, 'invitation, unanswered');
    await screenshot(answer, 'invitation-respond');

    await answer.getByRole('button', { name: 'Accept the invitation' }).click();
    await answer
      .getByRole('status')
      .filter({ hasText: 'Thank you: your acceptance is recorded.' })
      .waitFor();
    expect(await answer.locator('.answer').textContent()).toBe('You have accepted.');
    await answer.getByRole('button', { name: 'Decline after all' }).waitFor();
    await screenshot(answer, 'invitation-accepted');
    await finish(invitee);

    // The organiser sees the answer.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.locator('.answer-count-accepted dd').filter({ hasText: '1' }).waitFor();
    expect(await page.locator('.answer-count-pending dd').textContent()).toBe('1');
    const row = page.locator('.invitation-table tbody tr[data-email="mayor.leuven@city.example"]');
    expect(await row.locator('.answer').textContent()).toBe('Accepted');

    // A reminder goes to the one who has not answered, after a confirmation.
    const pendingBefore = h().sink.to('jan.novak@city.example').length;
    const acceptedBefore = h().sink.to('mayor.leuven@city.example').length;
    await page.getByRole('button', { name: 'Remind those who have not answered' }).click();
    const confirm = page.locator('.confirm-box');
    expect(await confirm.locator('p').first().textContent()).toBe(
      'Send a reminder to the 1 person who has not answered?',
    );
    await confirm.getByRole('button', { name: 'Send the reminders' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'A reminder is on its way to 1 person.' })
      .waitFor();
    await linkInMail(h(), 'jan.novak@city.example', pendingBefore, ANSWER_LINK);
    expect(h().sink.to('mayor.leuven@city.example').length).toBe(acceptedBefore);
    const listed = await apiOf(context).get<InvitationListView>(`/api/events/${SLUG}/invitations`);
    expect(
      listed.invitations.find((i) => i.email === 'jan.novak@city.example')?.remindersSent,
    ).toBe(1);

    // One more, by the form.
    await page.locator('#invitee-name').fill('Maria Rossi');
    await page.locator('#invitee-email').fill('maria.rossi@city.example');
    await page.locator('#invitee-role').selectOption('speaker');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.locator('.import-summary').filter({ hasText: '1 invitation sent' }).waitFor();
    await page.locator('.answer-count-pending dd').filter({ hasText: '2' }).waitFor();
    await page.locator('#invitation-filter').selectOption('accepted');
    await waitUntil(
      async () => (await page.locator('.invitation-table tbody tr').count()) === 1,
      async () =>
        `${await page.locator('.invitation-table tbody tr').count()} rows with the filter`,
    );
    await screenshot(page, 'invitations-answered');
    await finish(tour);
  });

  it('explains a link that does not work', async () => {
    const bogus = await visit(
      h(),
      '/invitations/respond#token=not-a-real-token-but-long-enough-1234',
    );
    await bogus.page
      .getByRole('heading', { level: 1, name: 'This invitation link does not work' })
      .waitFor();
    expect(bogus.page.url()).toBe(`${h().baseUrl}/invitations/respond`);
    await expectNoViolations(bogus.page, 'invalid invitation link');
    await screenshot(bogus.page, 'invitation-invalid');
    await finish(bogus);

    const bare = await visit(h(), '/invitations/respond');
    expect(await bare.page.locator('main').textContent()).toContain(
      'This address holds no invitation link.',
    );
    await finish(bare);
  });
});

describe.each([
  ['desktop', DESKTOP],
  ['375px', MOBILE],
])('invitation pages at %s', (label, viewport) => {
  it('have no axe violations and no sideways scrolling', async () => {
    const tour = await visit(h(), `/organise/events/${SLUG}/invitations`, {
      as: ORGANISER,
      viewport,
    });
    const { page } = tour;
    // A table on wide screens, cards on narrow ones.
    await page.locator('.invitation-table, .row-cards').locator('visible=true').first().waitFor();
    await screenshot(page, `invitations-${label}`);
    await expectNoViolations(page, `invitations (${label})`);
    await expectNoOverflow(page, `invitations (${label})`);

    const before = h().sink.to(`guest.${label}@city.example`).length;
    await apiOf(tour.context).post(`/api/events/${SLUG}/invitations`, {
      invitees: [{ name: `Guest ${label}`, email: `guest.${label}@city.example`, role: 'guest' }],
    });
    const link = await linkInMail(h(), `guest.${label}@city.example`, before, ANSWER_LINK);
    const invitee = await visit(h(), link, { viewport });
    await invitee.page.getByRole('button', { name: 'Accept the invitation' }).waitFor();
    await screenshot(invitee.page, `invitation-respond-${label}`);
    await expectNoViolations(invitee.page, `invitation (${label})`);
    await expectNoOverflow(invitee.page, `invitation (${label})`);
    await finish(invitee);
    await finish(tour);
  });
});
