import { BUILT, freePort, runBuilt, runToEnd, startHub, type Hub } from '../support/hub-process.js';
import { hubEnvironment } from '../support/environment.js';

/** The built api and worker as separate processes, the way `npm start` and production run them. */
describe('api and worker processes', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({ worker: true });
  });
  afterAll(() => hub.stop());

  it('serves the OpenAPI document and its UI', async () => {
    const spec = (await (await fetch(`${hub.baseUrl}/api/docs-json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/events',
        '/api/events/{slug}',
        '/api/events/{slug}/sessions',
        '/api/sessions/{id}',
        '/health',
      ]),
    );
    const ui = await fetch(`${hub.baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });

  it('serves the web app at / and for client routes, and JSON 404 under /api', async () => {
    const home = await fetch(`${hub.baseUrl}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    const page = await home.text();
    expect(page).toContain('<div id="app"');
    const deep = await fetch(`${hub.baseUrl}/events/icc-city-lab-2020`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(page);
    const missing = await fetch(`${hub.baseUrl}/api/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('logs JSON lines that carry the request id it echoes back', async () => {
    const response = await fetch(`${hub.baseUrl}/api/events`, {
      headers: { 'x-request-id': 'trace-me-42' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-me-42');
    const generated = await fetch(`${hub.baseUrl}/api/events`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200));
    const lines = hub.api
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { reqId?: string; service?: string; msg?: string });
    const mine = lines.filter((l) => l.reqId === 'trace-me-42');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(mine.every((l) => l.service === 'api')).toBe(true);
  });

  it('sees the worker through its heartbeat', async () => {
    const deadline = Date.now() + 10_000;
    let report: { checks?: { worker?: string } } = {};
    while (Date.now() < deadline) {
      report = (await (await fetch(`${hub.baseUrl}/health`)).json()) as typeof report;
      if (report.checks?.worker === 'up') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(report).toEqual({
      status: 'ok',
      checks: { database: 'up', redis: 'up', worker: 'up' },
    });
  });
});

describe('process lifecycle', () => {
  it('api: SIGTERM lets an in-flight request finish, then exits 0', async () => {
    const hub = await startHub();
    // A kept-alive connection first, as browsers and proxies hold them.
    await fetch(`${hub.baseUrl}/api/events`);
    const inFlight = fetch(`${hub.baseUrl}/api/events/icc-city-lab-2020/sessions`, {
      headers: { 'x-request-id': 'drain-me' },
    });
    while (!hub.api.output().includes('"reqId":"drain-me"')) {
      await new Promise((r) => setTimeout(r, 1));
    }
    const exit = hub.api.stop('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect({ code: await exit, output: hub.api.output().slice(-3000) }).toMatchObject({ code: 0 });
    expect(hub.api.output()).toContain('shutdown complete');
  });

  it('worker: SIGTERM exits 0', async () => {
    const worker = runBuilt(BUILT.worker, await hubEnvironment({ LOG_LEVEL: 'info' }));
    const deadline = Date.now() + 20_000;
    while (!worker.output().includes('worker started') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(worker.output()).toContain('worker started');
    expect(await worker.stop('SIGTERM')).toBe(0);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /PORT/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://nope' }, /DATABASE_URL/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    ['REDIS_URL', { REDIS_URL: '' }, /REDIS_URL is required/],
  ])('refuses to boot with a bad %s, naming it in one line', async (_name, bad, pattern) => {
    const env = { ...(await hubEnvironment({ PORT: String(await freePort()) })), ...bad };
    // Both processes at once: each only reads its configuration and exits.
    const runs = await Promise.all([BUILT.api, BUILT.worker].map((file) => runToEnd(file, env)));
    for (const { code, output } of runs) {
      expect(code).toBe(1);
      expect(output).toMatch(pattern);
      expect(output.trim().split('\n')).toHaveLength(1);
      expect(output).not.toMatch(/\n\s+at /);
    }
  });
});
