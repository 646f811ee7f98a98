import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import {
  BUILT,
  freePort,
  runBuilt,
  startHub,
  type Hub,
  type RunningProcess,
} from '../support/hub-process.js';
import { TestRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';
import {
  DESKTOP,
  checkAccessibility,
  describeViolations,
  launchBrowser,
  waitUntil,
  type PageGlobals,
} from './browser.js';

/**
 * The built hub with a worker, a real SMTP server catching its mails and a Redis of the file's
 * own (queues and sign-in limits live there), for the organiser specs.
 */
export interface Harness {
  hub: Hub;
  sink: SmtpSink;
  redis: TestRedis;
  browser: Browser;
  baseUrl: string;
  /** The live process (Socket.IO /live), when the harness was started with `live: true`. */
  live?: RunningProcess;
}

export const ORGANISER = 'organiser@icc-hub.localhost';

/**
 * The built live process on the hub's database and Redis, on the LIVE_PORT the api was given (the
 * api tells browsers that address in GET /api/live).
 */
async function startLiveOf(hub: Hub): Promise<RunningProcess> {
  const port = hub.env.LIVE_PORT;
  const running = runBuilt(BUILT.live, hub.env);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) {
      throw new Error(`live exited during start:\n${running.output()}`);
    }
    try {
      // Any answer (this one is refused: it has no Origin) means Socket.IO is listening.
      await fetch(`http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`);
      return running;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await running.stop();
  throw new Error(`live did not start:\n${running.output()}`);
}

export async function startHarness(options: { live?: boolean } = {}): Promise<Harness> {
  const redis = await TestRedis.start();
  const sink = await new SmtpSink().start();
  const env: Record<string, string> = { REDIS_URL: redis.url, SMTP_URL: sink.url };
  if (options.live) env.LIVE_PORT = String(await freePort());
  const started = await Promise.allSettled([
    startHub({ worker: true, env }).then(async (hub) => {
      if (!options.live) return { hub, live: undefined };
      try {
        return { hub, live: await startLiveOf(hub) };
      } catch (error) {
        await hub.stop();
        throw error;
      }
    }),
    launchBrowser(),
  ]);
  const [hub, browser] = started;
  if (hub.status === 'rejected' || browser.status === 'rejected') {
    // Nothing of a half-started harness may outlive the file.
    if (hub.status === 'fulfilled') {
      await hub.value.live?.stop();
      await hub.value.hub.stop();
    }
    if (browser.status === 'fulfilled') await browser.value.close();
    await sink.stop();
    await redis.stop();
    throw hub.status === 'rejected' ? hub.reason : browser.status === 'rejected' && browser.reason;
  }
  const harness: Harness = {
    hub: hub.value.hub,
    sink,
    redis,
    browser: browser.value,
    baseUrl: hub.value.hub.baseUrl,
    live: hub.value.live,
  };
  const index = await fetch(`${harness.baseUrl}/organise`);
  if (index.status !== 200 || !(await index.text()).includes('id="app"')) {
    await stopHarness(harness);
    throw new Error(`the web app is not served (status ${index.status}): run \`npm run build\``);
  }
  return harness;
}

/** Stops the live process, runs `whileDown`, and starts it again on the same port. */
export async function restartLive(
  harness: Harness,
  whileDown: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  if (!harness.live) throw new Error('the harness runs no live process');
  await harness.live.stop();
  await whileDown();
  harness.live = await startLiveOf(harness.hub);
}

export async function stopHarness(harness: Harness | undefined): Promise<void> {
  await harness?.browser.close();
  await harness?.live?.stop();
  await harness?.hub.stop();
  await harness?.sink.stop();
  await harness?.redis.stop();
}

/** A mail's text with quoted-printable soft breaks and `=3D` undone, so links can be read. */
export function decodedMail(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
}

/** The first link matching `pattern` in a mail to `email` after the `after` mails already there. */
export async function linkInMail(
  harness: Pick<Harness, 'sink'>,
  email: string,
  after: number,
  pattern: RegExp,
): Promise<string> {
  let link: string | undefined;
  await waitUntil(
    () => {
      const mail = harness.sink.to(email).slice(after)[0];
      if (!mail) return Promise.resolve(false);
      link = pattern.exec(decodedMail(mail.raw))?.[0];
      if (!link) throw new Error(`the mail to ${email} holds no link like ${String(pattern)}`);
      return Promise.resolve(true);
    },
    () => `no mail for ${email} (${harness.sink.mails.length} mails caught in all)`,
    30_000,
  );
  if (!link) throw new Error('unreachable');
  return link;
}

/** Signs a browser context in through the api, with the link from the sign-in mail. */
export async function signInContext(
  harness: Pick<Harness, 'sink'>,
  context: BrowserContext,
  email: string,
): Promise<void> {
  const before = harness.sink.to(email).length;
  const asked = await context.request.post('/api/auth/sign-in', { data: { email } });
  if (asked.status() !== 202) throw new Error(`sign-in answered ${asked.status()}`);
  const link = await linkInMail(
    harness,
    email,
    before,
    /https?:\/\/[^\s"'<>]+\/sign-in\/verify#token=[A-Za-z0-9_-]{32,128}/,
  );
  const token = new URL(link).hash.replace(/^#token=/, '');
  const verified = await context.request.post('/api/auth/verify', { data: { token } });
  if (verified.status() !== 200) throw new Error(`verify answered ${verified.status()}`);
}

/** The api as the signed-in context calls it, with the CSRF token writes need. */
export function apiOf(context: BrowserContext) {
  let csrf: string | undefined;
  const token = async () => {
    if (!csrf) {
      const me = await context.request.get('/api/me');
      csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
    }
    return csrf;
  };
  const send = async <T>(method: 'post' | 'patch' | 'delete', path: string, data?: unknown) => {
    const response = await context.request[method](path, {
      data,
      headers: { 'x-csrf-token': await token() },
    });
    const text = await response.text();
    if (!response.ok())
      throw new Error(`${method.toUpperCase()} ${path}: ${response.status()} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    async get<T>(path: string): Promise<T> {
      const response = await context.request.get(path);
      if (!response.ok()) throw new Error(`GET ${path}: ${response.status()}`);
      return (await response.json()) as T;
    },
    post: <T>(path: string, data?: unknown) => send<T>('post', path, data),
    patch: <T>(path: string, data?: unknown) => send<T>('patch', path, data),
    delete: (path: string) => send<null>('delete', path),
  };
}

export interface Visit {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors thrown in the page; each test expects none. */
  errors: string[];
  /** Every address the page asked for. */
  requests: string[];
}

/** A fresh context (signed in as `as`, when given) with a page open at `path`. */
export async function visit(
  harness: Harness,
  path: string,
  options: BrowserContextOptions & { as?: string } = {},
): Promise<Visit> {
  const { as, ...contextOptions } = options;
  const context = await harness.browser.newContext({
    viewport: DESKTOP,
    locale: 'en-GB',
    timezoneId: 'Europe/Brussels',
    baseURL: harness.baseUrl,
    acceptDownloads: true,
    ...contextOptions,
  });
  if (as) await signInContext(harness, context, as);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // What the pages' Content-Security-Policy refused: a page that needs it is broken.
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      errors.push(message.text());
    }
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(path);
  await page.locator('main h1').first().waitFor();
  return { context, page, errors, requests };
}

export async function finish({ context, errors }: Visit): Promise<void> {
  await context.close();
  expect(errors).toEqual([]);
}

export async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await checkAccessibility(page);
  expect(describeViolations(violations) || `no axe violations on ${where}`).toBe(
    `no axe violations on ${where}`,
  );
}

export async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as PageGlobals).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(`${where}: ${overflow}px of horizontal overflow`).toBe(
    `${where}: 0px of horizontal overflow`,
  );
}

/** `YYYY-MM-DD`, `days` after today (UTC): dates that stay in the future whenever tests run. */
export function dateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant at which Brussels clocks show `date` `time` (UTC+1 or UTC+2). */
export function brussels(date: string, time: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const instant = new Date(`${date}T${time}:00${offset}`);
    const shown = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Brussels',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(instant);
    if (shown === time) return instant.toISOString();
  }
  throw new Error(`${date} ${time} does not exist in Brussels`);
}
