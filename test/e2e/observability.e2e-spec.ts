import type { SessionView } from '@app/contracts';
import { OutgoingMailEntity } from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { httpPeople } from '../support/http-people.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The api's probes, its metrics page and the request id on the mails a request queues. */
describe('api observability', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  const helpers = httpPeople(() => hub);

  it('answers liveness and readiness outside the /api prefix', async () => {
    expect(await hub.request('/health/live')).toMatchObject({
      status: 200,
      body: { status: 'live' },
    });
    expect(await hub.request('/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { database: 'up', redis: 'up' }, failing: [] },
    });
    expect((await hub.request('/api/health/ready')).status).toBe(404);
  });

  it('is not ready, but alive, when Redis cannot be reached', async () => {
    const broken = await createTestApp({ seed: false, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      expect(await broken.request('/health/ready')).toMatchObject({
        status: 503,
        body: {
          status: 'not_ready',
          checks: { database: 'up', redis: 'down' },
          failing: ['redis'],
        },
      });
      expect((await broken.request('/health/live')).status).toBe(200);
    } finally {
      await broken.close();
    }
  });

  it('serves Prometheus metrics with requests by route template and status', async () => {
    const unknown = randomUUID();
    expect((await hub.request(`/api/sessions/${unknown}`)).status).toBe(404);
    const page = await hub.request('/metrics');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(page.text).toMatch(
      /^http_request_duration_seconds_count\{service="api",method="GET",route="\/api\/sessions\/:id",status_code="404"\} [1-9]/m,
    );
    expect(page.text).not.toContain(unknown);
    expect(page.text).toContain('nodejs_heap_size_used_bytes{service="api"}');
  });

  it('writes the id of the request on every mail it queues', async () => {
    const sessions = (await hub.request('/api/events/icc-demo-city-lab/sessions?audience=public'))
      .body as SessionView[];
    const session = sessions.find((s) => Date.parse(s.startsAt) > Date.now() + 3_600_000);
    if (!session) throw new Error('the demo event has no public session later on');
    const correlationsOf = async (accountId: string) => {
      const rows = await hub.dataSource
        .getRepository(OutgoingMailEntity)
        .find({ where: { accountId }, select: { template: true, correlationId: true } });
      return rows;
    };
    const first = await helpers.person('obs');
    const second = await helpers.person('obs');
    for (const who of [first, second]) {
      const reply = await helpers.call('POST', `/api/sessions/${session.id}/registration`, who);
      expect(reply.status).toBe(201);
    }
    const mine = await correlationsOf(first.id);
    const theirs = await correlationsOf(second.id);
    // The confirmation and its reminders, all from the one request.
    expect(mine.map((row) => row.template)).toContain('registration-confirmed');
    expect(mine.length).toBeGreaterThan(1);
    const ids = new Set(mine.map((row) => row.correlationId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toEqual(expect.any(String));
    expect(theirs[0].correlationId).toEqual(expect.any(String));
    expect(theirs[0].correlationId).not.toBe(mine[0].correlationId);
  });
});
