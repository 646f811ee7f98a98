import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startCluster } from '../../scripts/lib/cluster.mjs';
import { launchBrowser, waitUntil } from '../browser/browser.js';
import { signInContext } from '../browser/hub-harness.js';
import { freshDatabaseUrl, tempDir } from '../support/environment.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { openSessions } from '../support/open-sessions.js';

/**
 * `npm run cluster` as its users meet it: nginx in front of two api, two live and two worker
 * processes on PostgreSQL and Redis. The browser app works through the one origin (pages, sign-in,
 * a live room whose two visitors sit on different live processes), requests are spread over both
 * api processes, and the loss of one api process (SIGKILL) costs no request that had not reached it.
 */

type Cluster = Awaited<ReturnType<typeof startCluster>>;

const sink = new SmtpSink();
let cluster: Cluster | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

function c(): Cluster {
  if (!cluster) throw new Error('the cluster did not start');
  return cluster;
}

/** One counter of a process's Prometheus text, summed over the series whose labels match. */
async function metric(url: string, name: string, labels: Record<string, string> = {}) {
  const text = await (await fetch(`${url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

beforeAll(async () => {
  await sink.start();
  cluster = await startCluster({
    dir: tempDir('cluster'),
    databaseUrl: await freshDatabaseUrl(),
    smtpUrl: sink.url,
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await cluster?.stop();
  await sink.stop();
});

async function signedInPage(email: string): Promise<{ page: Page; errors: string[] }> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ baseURL: c().url, locale: 'en-GB' });
  contexts.push(context);
  await signInContext({ sink }, context, email);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { page, errors };
}

describe('npm run cluster', () => {
  it('runs two processes of each kind, all ready, behind one origin', async () => {
    const kinds = c()
      .processes.map((p) => p.kind)
      .sort();
    expect(kinds).toEqual(['api', 'api', 'live', 'live', 'worker', 'worker']);
    for (const p of c().processes) {
      const ready = await fetch(`${p.url}/health/ready`);
      expect({ process: p.name, status: ready.status }).toEqual({ process: p.name, status: 200 });
    }
    const page = await fetch(`${c().url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The origin the browser app is told to open its live socket on is the proxy's own.
    const live = (await (await fetch(`${c().url}/api/live`)).json()) as { url: string };
    expect(live.url).toBe(c().url);
  });

  it('keeps metrics inside: the proxy does not serve them', async () => {
    expect((await fetch(`${c().url}/metrics`)).status).toBe(404);
  });

  it('spreads requests over both api processes', async () => {
    const apis = c().of('api');
    const before = await Promise.all(
      apis.map((p) =>
        metric(p.url, 'http_request_duration_seconds_count', { route: '/api/events' }),
      ),
    );
    for (let i = 0; i < 40; i += 1) {
      const response = await fetch(`${c().url}/api/events`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const after = await Promise.all(
      apis.map((p) =>
        metric(p.url, 'http_request_duration_seconds_count', { route: '/api/events' }),
      ),
    );
    const served = after.map((n, i) => n - (before[i] ?? 0));
    expect(served.reduce((a, b) => a + b, 0)).toBe(40);
    for (const n of served) expect(n).toBeGreaterThan(0);
  });

  it('carries a live room between two browsers on different live processes', async () => {
    // A demo session that ends hours from now: a room takes questions until its session ends.
    const session = (await openSessions({ baseUrl: c().url })).find((s) => s.audience === 'public');
    if (!session) throw new Error('no public session in the seeded programme');
    const ana = await signedInPage('ana.cluster@city.example');
    const ben = await signedInPage('ben.cluster@city.example');
    for (const { page } of [ana, ben]) {
      await page.goto(`/sessions/${session.id}/live`);
      await page.locator('.live-presence').waitFor({ timeout: 20_000 });
    }
    // least_conn gave each live process one of the two sockets.
    const sockets = await Promise.all(
      c()
        .of('live')
        .map((p) => metric(p.url, 'live_connected_sockets')),
    );
    expect(sockets.sort()).toEqual([1, 1]);

    const body = `Through the proxy ${randomUUID().slice(0, 8)}?`;
    await ana.page.locator('#ask-body').fill(body);
    await ana.page.getByRole('button', { name: 'Ask', exact: true }).click();
    await waitUntil(
      async () =>
        (await ben.page.locator('.question-body').allTextContents()).some((t) => t === body),
      () => Promise.resolve(`Ben does not see “${body}”`),
      20_000,
    );
    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
  });

  it('loses no request that had not reached an api process when one is killed', async () => {
    const [victim] = c().of('api');
    if (!victim) throw new Error('no api process');
    await victim.kill();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const response = await fetch(`${c().url}/api/events`);
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await victim.start();
    expect((await fetch(`${victim.url}/health/ready`)).status).toBe(200);
  });
});
