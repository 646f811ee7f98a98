import type { CityView, SessionView } from '@app/contracts';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startHub, type Hub } from '../support/hub-process.js';
import { TestRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
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

/**
 * Accounts in the browser: the built api and worker, a real SMTP server catching the sign-in
 * mails, and a Redis of this file's own (the sign-in rate limits live there).
 */

const ORGANISER = 'organiser@icc-hub.localhost';
const CITY_LAB = 'icc-city-lab-2020';

let redis: TestRedis | undefined;
let sink: SmtpSink | undefined;
let hub: Hub | undefined;
let browser: Browser | undefined;

function baseUrl(): string {
  if (!hub) throw new Error('the hub did not start');
  return hub.baseUrl;
}

function mailSink(): SmtpSink {
  if (!sink) throw new Error('the SMTP sink did not start');
  return sink;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The sign-in link of the first mail to `email` after the `after` mails already there. The mail is
 * quoted-printable: soft line breaks (`=\r\n`) and `=3D` are undone before the link is read.
 */
async function signInLink(email: string, after: number): Promise<string> {
  let link: string | undefined;
  await waitUntil(
    () => {
      const mail = mailSink().to(email).slice(after)[0];
      if (!mail) return Promise.resolve(false);
      const decoded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
      link = /https?:\/\/[^\s"'<>]+\/sign-in\/verify#token=[A-Za-z0-9_-]{32,128}/.exec(
        decoded,
      )?.[0];
      if (!link) throw new Error(`the mail to ${email} holds no sign-in link:\n${decoded}`);
      return Promise.resolve(true);
    },
    () => `no sign-in mail for ${email} (${mailSink().mails.length} mails caught in all)`,
    20_000,
  );
  if (!link) throw new Error('unreachable');
  return link;
}

function tokenOf(link: string): string {
  return new URL(link).hash.replace(/^#token=/, '');
}

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page; each test expects none. */
  errors: string[];
  /** Every address the page asked for, to prove the sign-in token never went to a server. */
  requests: string[];
}

async function open(path: string, options: BrowserContextOptions = {}): Promise<Visit> {
  if (!browser) throw new Error('the browser did not start');
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'en-GB',
    timezoneId: 'Asia/Tokyo',
    baseURL: baseUrl(),
    acceptDownloads: true,
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(path);
  await page.locator('main h1').first().waitFor();
  return { context, page, errors, requests };
}

async function finish({ context, errors }: Visit): Promise<void> {
  await context.close();
  expect(errors).toEqual([]);
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await checkAccessibility(page);
  expect(describeViolations(violations) || `no axe violations on ${where}`).toBe(
    `no axe violations on ${where}`,
  );
}

async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as PageGlobals).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(`${where}: ${overflow}px of horizontal overflow`).toBe(
    `${where}: 0px of horizontal overflow`,
  );
}

function accountNav(page: Page) {
  return page.locator('header nav.account-nav');
}

/** Asks for a link on /sign-in (already open) and follows it from the mail in the same tab. */
async function requestAndFollowLink(visit: Visit, email: string): Promise<string> {
  const { page } = visit;
  const before = mailSink().to(email).length;
  await page.locator('#sign-in-email').fill(email);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('heading', { level: 2, name: 'Check your mail' }).waitFor();
  expect(await page.locator('[aria-live="polite"]').textContent()).toContain(email);
  const link = await signInLink(email, before);
  expect(link.startsWith(`${baseUrl()}/sign-in/verify#token=`)).toBe(true);
  await page.goto(link);
  return link;
}

/** Signs a browser context in through the api (for pages the test only looks at). */
async function signInContext(context: BrowserContext, email: string): Promise<void> {
  const before = mailSink().to(email).length;
  const asked = await context.request.post('/api/auth/sign-in', { data: { email } });
  expect(asked.status()).toBe(202);
  const token = tokenOf(await signInLink(email, before));
  const verified = await context.request.post('/api/auth/verify', { data: { token } });
  expect(verified.status()).toBe(200);
}

/** Reads an API answer with the context's cookie, as the page itself would. */
async function apiAs<T>(
  context: BrowserContext,
  path: string,
): Promise<{ status: number; body: T }> {
  const response = await context.request.get(path);
  const text = await response.text();
  return { status: response.status(), body: (text ? JSON.parse(text) : null) as T };
}

interface SelectLike {
  ownerDocument: { createElement(tag: 'option'): { value: string; textContent: string | null } };
  append(node: unknown): void;
}

beforeAll(async () => {
  redis = await TestRedis.start();
  sink = await new SmtpSink().start();
  [hub, browser] = await Promise.all([
    startHub({ worker: true, env: { REDIS_URL: redis.url, SMTP_URL: sink.url } }),
    launchBrowser(),
  ]);
  const index = await fetch(`${hub.baseUrl}/sign-in`);
  const html = await index.text();
  if (index.status !== 200 || !html.includes('id="app"')) {
    throw new Error(`the web app is not served (status ${index.status}): run \`npm run build\``);
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await sink?.stop();
  await redis?.stop();
});

describe('the programme organiser', () => {
  it('signs in by mail, sets zone and language, manages tokens and mail, and signs out', async () => {
    const sessions = await getJson<SessionView[]>(
      `/api/events/${CITY_LAB}/sessions?day=2020-09-29`,
    );
    const session = sessions.find((s) => Date.parse(s.startsAt) === Date.UTC(2020, 8, 29, 7, 30));
    if (!session) throw new Error('the City Lab seed has no session at 09:30 Brussels on 29 Sep');

    // A mail the relay refuses for good, so that the mail page has a failure to show.
    mailSink().decide = (to) =>
      to.includes('bounce@city.example') ? { code: 550, message: 'no such user' } : 'accept';
    const bounced = await fetch(`${baseUrl()}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bounce@city.example' }),
    });
    expect(bounced.status).toBe(202);

    const visit = await open('/');
    const { page, context } = visit;

    // Anonymous: the header offers "Sign in", and times follow the browser's zone.
    expect(await page.locator('.tz-note').textContent()).toBe(
      'Times are shown in your time zone, Asia/Tokyo.',
    );
    await accountNav(page).getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const email = page.getByLabel('Email address');
    expect(await email.getAttribute('autocomplete')).toBe('email');

    // Validation before anything is sent.
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    expect(await page.locator('#sign-in-email-error').textContent()).toBe(
      'Enter your email address.',
    );
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toBe('sign-in-email-error');
    await email.fill('organiser.at.nowhere');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    expect(await page.locator('#sign-in-email-error').textContent()).toBe(
      'Enter an email address in the form name@example.eu.',
    );
    await screenshot(page, 'account-sign-in-invalid');

    const link = await requestAndFollowLink(visit, ORGANISER);
    const token = tokenOf(link);

    // The token left the address bar at once and no request ever carried it in its address.
    await page.waitForURL('**/me');
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(page.url()).toBe(`${baseUrl()}/me`);
    expect(visit.requests.filter((url) => url.includes(token))).toEqual([]);
    expect(await accountNav(page).getByRole('link').textContent()).toBe('Demo organiser');
    expect(await accountNav(page).getByRole('link').getAttribute('href')).toBe('/me');
    await accountNav(page).getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(`Signed in as ${ORGANISER}.`);
    await page.locator('#profile-timezone option:checked').waitFor({ state: 'attached' });
    expect(await page.locator('#profile-timezone').inputValue()).toBe('Europe/Brussels');
    await screenshot(page, 'account-me-organiser');

    // Signed in, times follow the profile's zone (Brussels), not the browser's (Tokyo).
    await page.goto(`/events/${CITY_LAB}?day=2020-09-29`);
    const card = page
      .locator('.session-list:not([aria-busy="true"]) > li')
      .filter({ hasText: session.title });
    await card.waitFor();
    expect(await card.locator('.session-times').textContent()).toMatch(
      /^09:30–\d\d:\d\d Brussels time$/,
    );
    expect(await page.locator('.tz-note').textContent()).toBe(
      'Times are shown in the time zone of your profile, Europe/Brussels.',
    );

    // A zone the api does not know is refused, and the error sits at the field.
    await page.goto('/me');
    const zoneSelect = page.locator('#profile-timezone');
    await zoneSelect.waitFor();
    await zoneSelect.evaluate((element: unknown) => {
      const select = element as SelectLike;
      const option = select.ownerDocument.createElement('option');
      option.value = 'Mars/Olympus';
      option.textContent = 'Mars/Olympus';
      select.append(option);
    });
    await zoneSelect.selectOption('Mars/Olympus');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.locator('#profile-timezone-error').waitFor();
    expect(await page.locator('#profile-timezone-error').textContent()).toBe(
      'Choose a time zone from the list.',
    );
    expect(await zoneSelect.getAttribute('aria-invalid')).toBe('true');
    expect(await zoneSelect.getAttribute('aria-describedby')).toContain('profile-timezone-error');
    expect(await page.locator('.error-summary').getAttribute('role')).toBe('alert');
    await screenshot(page, 'account-me-field-error');

    // New York, a city from the list and French: the page switches at once.
    const cities = await getJson<CityView[]>('/api/cities');
    const city = cities.find((c) => c.name === 'Antwerp') ?? cities[0];
    if (!city) throw new Error('the seed has no cities');
    const citySelect = page.locator('#profile-city');
    expect(await citySelect.locator('option').count()).toBe(cities.length + 1);
    await citySelect.selectOption(city.id);
    await zoneSelect.selectOption('America/New_York');
    await page.locator('#profile-locale').selectOption('fr');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Votre compte' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Votre profil est enregistré.' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const me = await apiAs<{ timeZone: string; locale: string }>(context, '/api/me');
    expect(me.body).toMatchObject({
      timeZone: 'America/New_York',
      locale: 'fr',
      cityId: city.id,
    });

    // The agenda shows New York times, and after a reload (with the stored language of this
    // browser forgotten) the page is still French: the profile carries the choice.
    await page.goto(`/events/${CITY_LAB}?day=2020-09-29`);
    await card.waitFor();
    expect(await card.locator('.session-times').textContent()).toMatch(
      /^03:30–\d\d:\d\d \(votre heure, America\/New York\) · 09:30–\d\d:\d\d heure de Bruxelles$/,
    );
    await page.evaluate(() => {
      (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear();
    });
    await page.reload();
    await page.getByRole('tab', { name: /Jour 2\b/ }).waitFor();
    await card.waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await card.locator('.session-times').textContent()).toMatch(
      /^03:30–\d\d:\d\d \(votre heure, America\/New York\)/,
    );
    expect(await page.locator('.tz-note').textContent()).toBe(
      'Les horaires sont affichés dans le fuseau horaire de votre profil, America/New York.',
    );
    await screenshot(page, 'account-agenda-new-york-fr');

    // An API token: shown once, works, is listed, and stops working when revoked.
    await page.goto('/me');
    await page.locator('#token-label').fill('reporting script');
    await page.locator('#token-form button[type="submit"]').click();
    const created = page.locator('#new-token');
    await created.waitFor();
    const secret = await created.inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(await page.locator('.token-once').textContent()).toContain(
      'il ne sera plus jamais affiché',
    );
    // Listed as never used: read before the token is used (the list may be read again after).
    const row = page.locator('.token-item', { hasText: 'reporting script' });
    await row.waitFor();
    expect(await row.textContent()).toContain('jamais utilisé');
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await fetch(`${baseUrl()}/api/me`, { headers: bearer })).status).toBe(200);
    await screenshot(page, 'account-token-created');
    await page.getByRole('button', { name: 'Je l’ai copié' }).click();
    expect(await page.locator('#new-token').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain(secret);
    await row.getByRole('button', { name: /^Révoquer\s+«\s*reporting script\s*»$/ }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'révoqué' }).waitFor();
    expect((await fetch(`${baseUrl()}/api/me`, { headers: bearer })).status).toBe(401);

    // The mail page: counts per state, the refused mail with its error, and "send again".
    await waitUntil(
      async () => {
        const failed = await apiAs<{ recipientEmail: string }[]>(
          context,
          '/api/admin/mail?state=failed',
        );
        return failed.body.some((m) => m.recipientEmail === 'bounce@city.example');
      },
      () => 'the mail to bounce@city.example did not fail',
      20_000,
    );
    await page.getByRole('link', { name: 'Envoi des courriels' }).click();
    await page.waitForURL('**/admin/mail');
    await page.getByRole('heading', { level: 1, name: 'Envoi des courriels' }).waitFor();
    const failedRow = page.locator('.mail-table tbody tr', { hasText: 'bounce@city.example' });
    await failedRow.waitFor();
    expect(await failedRow.locator('.mail-error').textContent()).toContain('550');
    const summary = await apiAs<Record<string, number>>(context, '/api/admin/mail/summary');
    for (const state of ['queued', 'sending', 'sent', 'retrying', 'failed']) {
      expect(await page.locator(`.mail-count-${state} dd`).textContent()).toBe(
        String(summary.body[state]),
      );
    }
    expect(summary.body.failed).toBeGreaterThanOrEqual(1);
    expect(summary.body.sent).toBeGreaterThanOrEqual(1);
    expect(
      await page
        .getByRole('link', { name: 'Ouvrir le tableau de bord des files' })
        .getAttribute('href'),
    ).toBe('/api/admin/queues');
    await expectNoViolations(page, 'mail delivery (organiser)');
    await screenshot(page, 'account-admin-mail');

    mailSink().decide = () => 'accept';
    await failedRow
      .getByRole('button', { name: 'Renvoyer à bounce@city.example', exact: true })
      .click();
    await page.getByRole('status').filter({ hasText: 'bounce@city.example' }).waitFor();
    await failedRow.waitFor({ state: 'detached' });
    await waitUntil(
      () => Promise.resolve(mailSink().to('bounce@city.example').length === 1),
      () => 'the mail sent again did not arrive',
      20_000,
    );

    await page.locator('#mail-state').selectOption('sent');
    await page.waitForURL('**/admin/mail?state=sent');
    await page.locator('.mail-table tbody tr', { hasText: ORGANISER }).first().waitFor();

    // Signing out ends the session for the api too.
    await accountNav(page).getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await page.locator('.flash').filter({ hasText: 'Vous êtes déconnecté·e.' }).waitFor();
    await accountNav(page).getByRole('link', { name: 'Se connecter' }).waitFor();
    expect((await apiAs(context, '/api/me')).status).toBe(401);
    await screenshot(page, 'account-signed-out');

    // The link from the mail works once.
    await page.goto(link);
    await page
      .getByRole('heading', { level: 1, name: 'Ce lien de connexion ne fonctionne pas' })
      .waitFor();
    expect(page.url()).toBe(`${baseUrl()}/sign-in/verify`);
    expect(
      await page.getByRole('link', { name: 'Demander un nouveau lien' }).getAttribute('href'),
    ).toBe('/sign-in');
    await expectNoViolations(page, 'used sign-in link');
    await screenshot(page, 'account-link-used');
    await finish(visit);
  });
});

describe('a new person', () => {
  it('signs in from a page that needs it, downloads the data, consents, and erases the account', async () => {
    const email = 'new.person@city.example';
    const visit = await open('/me/data');
    const { page, context } = visit;

    // The page asks to sign in, and signing in comes back to it.
    await page.getByRole('heading', { level: 1, name: 'Sign in to continue' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in?next=%2Fme%2Fdata');
    await requestAndFollowLink(visit, email);
    await page.waitForURL('**/me/data');
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    expect(await accountNav(page).getByRole('link').textContent()).toBe(email);

    // The header's language switch also changes the language of the profile (and of mails).
    const profileLocale = async () =>
      (await apiAs<{ locale: string }>(context, '/api/me')).body.locale;
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meine Daten' }).waitFor();
    await waitUntil(
      async () => (await profileLocale()) === 'de',
      async () => `the profile language stayed ${await profileLocale()}`,
    );
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    await waitUntil(
      async () => (await profileLocale()) === 'en',
      async () => `the profile language stayed ${await profileLocale()}`,
    );

    // Not an organiser: the mail page says so.
    await page.goto('/admin/mail');
    await page.getByRole('heading', { level: 1, name: 'Organisers only' }).waitFor();
    await page.goto('/me/data');
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();

    // The export is a download of JSON naming the person.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    const exported = readFileSync(await download.path(), 'utf8');
    expect(() => JSON.parse(exported) as unknown).not.toThrow();
    expect(exported).toContain(email);

    // Consent: recorded with the wording version and date, then withdrawn.
    const box = page.getByRole('checkbox', { name: /Send me mail about the programme/ });
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    const record = page.locator('#consent-record');
    expect(await record.textContent()).toBe('You have not agreed to programme updates.');
    await box.check();
    await page.getByRole('button', { name: 'Save my choice' }).click();
    await waitUntil(
      async () => /^You agreed on .+ \(wording version 2026-11\)\.$/.test(await record.innerText()),
      async () => `consent record reads “${await record.innerText()}”`,
    );
    expect(await box.isChecked()).toBe(true);
    type Consent = { purpose: string; wordingVersion: string; withdrawnAt: string | null };
    const granted = await apiAs<Consent[]>(context, '/api/me/consents');
    expect(granted.body).toEqual([
      expect.objectContaining({
        purpose: 'programme-updates',
        wordingVersion: '2026-11',
        withdrawnAt: null,
      }),
    ]);
    await screenshot(page, 'account-my-data-consent');

    await box.uncheck();
    await page.getByRole('button', { name: 'Save my choice' }).click();
    await waitUntil(
      async () => /^You withdrew your consent on .+\.$/.test(await record.innerText()),
      async () => `consent record reads “${await record.innerText()}”`,
    );
    const withdrawn = await apiAs<Consent[]>(context, '/api/me/consents');
    const latest = withdrawn.body.filter((c) => c.purpose === 'programme-updates');
    expect(latest.length).toBeGreaterThanOrEqual(1);
    expect(latest.every((c) => c.withdrawnAt !== null)).toBe(true);
    await expectNoViolations(page, 'my data');

    // Erasing asks for the address first.
    await page.getByRole('button', { name: 'Erase my account' }).click();
    const confirm = page.getByLabel(`To confirm, type your email address, ${email}`);
    await confirm.waitFor();
    await expectFocusOn(page, 'erase-confirm');
    await confirm.fill('someone.else@city.example');
    await page.getByRole('button', { name: 'Erase my account for good' }).click();
    expect(await page.locator('#erase-confirm-error').textContent()).toBe(
      'This is not the email address of your account.',
    );
    expect((await apiAs(context, '/api/me')).status).toBe(200);
    await expectNoViolations(page, 'my data, erase confirmation');
    await screenshot(page, 'account-erase-confirm');

    await confirm.fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Erase my account for good' }).click();
    await page.waitForURL(`${baseUrl()}/`);
    await page
      .locator('.flash')
      .filter({ hasText: 'Your account has been erased, together with the data held about you.' })
      .waitFor();
    await accountNav(page).getByRole('link', { name: 'Sign in' }).waitFor();
    expect((await apiAs(context, '/api/me')).status).toBe(401);
    await screenshot(page, 'account-erased');
    await finish(visit);
  });
});

describe('sign-in limits', () => {
  it('says so when too many links are asked for one address', async () => {
    const email = 'eager@city.example';
    const visit = await open('/sign-in');
    const { page } = visit;
    // The api allows five links per address per quarter of an hour.
    for (let n = 0; n < 5; n += 1) {
      await page.locator('#sign-in-email').fill(email);
      await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
      await page.getByRole('heading', { level: 2, name: 'Check your mail' }).waitFor();
      await page.getByRole('button', { name: 'Use another address or ask for a new link' }).click();
      // Focus comes back to the field.
      await expectFocusOn(page, 'sign-in-email');
    }
    await page.locator('#sign-in-email').fill(email);
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Too many sign-in links' });
    await alert.waitFor();
    await screenshot(page, 'account-sign-in-rate-limited');
    await finish(visit);
  });

  it('says why a link does not work in the reader’s language, without the api’s English', async () => {
    // A link that was used or has expired, read by a French browser.
    const spent = await open(`/sign-in/verify#token=${'x'.repeat(43)}`, { locale: 'fr-FR' });
    await spent.page
      .getByRole('heading', { level: 1, name: 'Ce lien de connexion ne fonctionne pas' })
      .waitFor();
    const said = (await spent.page.locator('main').textContent()) ?? '';
    expect(said).toContain('Le lien a expiré ou a déjà été utilisé.');
    expect(said).not.toMatch(/expired|sign-in link/i);
    await finish(spent);

    // A link cut short by a mail program: the api refuses it as malformed.
    const cut = await open('/sign-in/verify#token=abc123');
    await cut.page
      .getByRole('heading', { level: 1, name: 'This sign-in link does not work' })
      .waitFor();
    expect(await cut.page.locator('main').textContent()).toContain(
      'This link is incomplete or damaged',
    );
    await finish(cut);
  });

  it('explains an address without a token', async () => {
    const visit = await open('/sign-in/verify');
    await visit.page
      .getByRole('heading', { level: 1, name: 'This sign-in link does not work' })
      .waitFor();
    expect(await visit.page.locator('main').textContent()).toContain(
      'This address holds no sign-in link.',
    );
    await finish(visit);
  });
});

describe.each([
  ['desktop', DESKTOP],
  ['375px', MOBILE],
])('account pages at %s', (label, viewport) => {
  it('have no axe violations and no sideways scrolling', async () => {
    const visit = await open('/sign-in', { viewport });
    const { page, context } = visit;
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, `account-sign-in-${label}`);
    await expectNoViolations(page, `sign-in (${label})`);
    await expectNoOverflow(page, `sign-in (${label})`);

    await signInContext(context, ORGANISER);
    const pages: [string, string, string][] = [
      ['me', '/me', '#token-form'],
      ['my-data', '/me/data', '#consent-updates'],
      // A table on wide screens, cards on narrow ones.
      ['admin-mail', '/admin/mail?state=all', '.mail-table, .mail-cards'],
    ];
    for (const [name, path, ready] of pages) {
      await page.goto(path);
      await page.locator(ready).locator('visible=true').first().waitFor();
      await page.locator('header nav.account-nav a').waitFor();
      await screenshot(page, `account-${name}-${label}`);
      await expectNoViolations(page, `${name} (${label})`);
      await expectNoOverflow(page, `${name} (${label})`);
    }
    await finish(visit);
  });
});
