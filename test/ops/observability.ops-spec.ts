import type { SessionView } from '@app/contracts';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { startHub, startLive, type Hub, type Live } from '../support/hub-process.js';
import { connected, liveClient, type LiveClient } from '../support/live-client.js';
import { TestRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';

type LogLine = Record<string, unknown> & { msg?: string };

/** The JSON lines a process wrote so far (pino, one object a line). */
function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The value of the series `name{labels}` in a Prometheus text page, whatever the label order. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = match[2].split(/,(?=[a-z_]+=")/).sort();
    if (found.join(',') === wanted.join(',')) return Number(match[3]);
  }
  return undefined;
}

/**
 * Metrics, probes and the correlation id on the built processes: api and worker (a Redis of the
 * test's own, which it stops and starts again), a live process and an SMTP sink.
 */
describe('observability of the processes', () => {
  let redis: TestRedis;
  let sink: SmtpSink;
  let hub: Hub;
  let live: Live;
  let db: pg.Client;
  let workerUrl: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
    sink = await new SmtpSink().start();
    hub = await startHub({ worker: true, env: { REDIS_URL: redis.url, SMTP_URL: sink.url } });
    live = await startLive(hub.env);
    workerUrl = `http://127.0.0.1:${hub.env.WORKER_PORT}`;
    db = new pg.Client({ connectionString: hub.env.DATABASE_URL });
    await db.connect();
    await until('the worker probes', async () =>
      (await fetch(`${workerUrl}/health/ready`)).status === 200 ? true : undefined,
    );
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await db?.end();
    await live?.process.stop();
    await hub?.stop();
    await sink?.stop();
    await redis?.stop();
  });

  const api = (path: string, init: RequestInit = {}) => fetch(`${hub.baseUrl}${path}`, init);
  const text = async (url: string) => (await fetch(url)).text();

  async function signIn(email: string): Promise<Record<string, string>> {
    const before = sink.to(email).length;
    const asked = await api('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    expect(asked.status).toBe(202);
    const token = await until('the sign-in mail', () => {
      const mail = sink.to(email)[before];
      const decoded = mail?.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      return Promise.resolve(decoded && /#token=([A-Za-z0-9_-]{32,128})/.exec(decoded)?.[1]);
    });
    const verified = await api('/api/auth/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(verified.status).toBe(200);
    const { csrfToken } = (await verified.json()) as { csrfToken: string };
    const cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0];
    return { cookie, 'x-csrf-token': csrfToken };
  }

  async function publicSessions(): Promise<SessionView[]> {
    const sessions = (await (
      await api('/api/events/icc-demo-city-lab/sessions?audience=public')
    ).json()) as SessionView[];
    return sessions.filter((s) => Date.parse(s.startsAt) > Date.now() + 3_600_000);
  }

  it('api: liveness, readiness and requests counted by route template', async () => {
    const live = await api('/health/live');
    expect(live.status).toBe(200);
    const ready = await api('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'up', redis: 'up' },
      failing: [],
    });
    const [session] = await publicSessions();
    expect((await api(`/api/sessions/${session.id}`)).status).toBe(200);
    // No route for it (a GET would meet the web app's `/*`, a route template of its own).
    expect((await api('/api/no/such/page', { method: 'POST' })).status).toBe(404);

    const metrics = await api('/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const page = await metrics.text();
    expect(
      sample(page, 'http_request_duration_seconds_count', {
        service: 'api',
        method: 'GET',
        route: '/api/sessions/:id',
        status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(page, 'http_request_duration_seconds_count', {
        service: 'api',
        method: 'POST',
        route: 'unmatched',
        status_code: '404',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(page).not.toContain(session.id);
    expect(page).toContain('process_resident_memory_bytes{service="api"}');
  });

  it('live: a connected socket and its room show in the gauges, its events in the counters', async () => {
    const [session] = await publicSessions();
    const client = liveClient(live.url, hub.baseUrl);
    clients.push(client);
    await connected(client);
    const joined = await client.emitWithAck('join', { sessionId: session.id });
    expect(joined).toMatchObject({ ok: true });

    // Presence is announced to the room once per coalescing window after the join.
    const page = await until('the presence broadcast counted', async () => {
      const body = await text(`${live.url}/metrics`);
      const presence = sample(body, 'live_events_broadcast_total', {
        event: 'presence',
        service: 'live',
      });
      return presence !== undefined && presence >= 1 ? body : undefined;
    });
    expect(sample(page, 'live_connected_sockets', { service: 'live' })).toBe(1);
    expect(sample(page, 'live_rooms', { service: 'live' })).toBe(1);
    expect(sample(page, 'live_events_received_total', { event: 'join', service: 'live' })).toBe(1);
    expect((await fetch(`${live.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${live.url}/health/ready`)).status).toBe(200);

    client.close();
    await until('the socket gone from the gauge', async () =>
      sample(await text(`${live.url}/metrics`), 'live_connected_sockets', { service: 'live' }) === 0
        ? true
        : undefined,
    );
  });

  it('carries one correlation id from the request to the outbox row, the job and the mail', async () => {
    const email = `obs-${randomUUID().slice(0, 8)}@city.example`;
    const person = await signIn(email);
    const [session] = await publicSessions();
    const requestId = `obs-${randomUUID()}`;
    const registered = await api(`/api/sessions/${session.id}/registration`, {
      method: 'POST',
      headers: { ...person, 'x-request-id': requestId },
    });
    expect(registered.status).toBe(201);
    expect(registered.headers.get('x-request-id')).toBe(requestId);

    // The api's request lines (the last one is written once the answer is sent).
    const requestLines = await until('the api request lines', () => {
      const lines = logLines(hub.api.output()).filter((line) => line.reqId === requestId);
      return Promise.resolve(
        lines.some((line) => line.msg === 'request completed') ? lines : undefined,
      );
    });
    expect(requestLines.map((line) => line.msg)).toContain('incoming request');

    // The row of the confirmation (and of its reminders: written by the same request).
    const rows = await until('the confirmation sent', async () => {
      const result = await db.query<{ id: string; template: string; state: string }>(
        `SELECT "id", "template", "state" FROM "outgoing_mails" WHERE "correlationId" = $1`,
        [requestId],
      );
      const confirmation = result.rows.find((row) => row.template === 'registration-confirmed');
      return confirmation?.state === 'sent' ? result.rows : undefined;
    });
    const confirmation = rows.find((row) => row.template === 'registration-confirmed')!;

    // The worker's lines for that mail: picked up, then sent, each with the correlation id.
    const workerLines = await until('the worker log lines', () => {
      const lines = logLines(hub.worker!.output()).filter(
        (line) => line.mailId === confirmation.id,
      );
      return Promise.resolve(lines.some((line) => line.msg === 'mail sent') ? lines : undefined);
    });
    const picked = workerLines.find((line) => line.msg === 'mail job picked up');
    const sent = workerLines.find((line) => line.msg === 'mail sent');
    expect(picked).toMatchObject({ correlationId: requestId, service: 'worker' });
    expect(sent).toMatchObject({ correlationId: requestId, service: 'worker' });
    // No personal data in those lines.
    expect(JSON.stringify(workerLines)).not.toContain(email);
    expect(sink.to(email).length).toBeGreaterThanOrEqual(2);
  });

  it('worker: mail jobs in the job histogram, the outbox and queues in their gauges', async () => {
    // The sign-in mail and the confirmation at least; a job completes just after its row is sent.
    const completedMailJobs = (body: string) =>
      sample(body, 'bullmq_job_duration_seconds_count', {
        service: 'worker',
        queue: 'mail',
        outcome: 'completed',
      }) ?? 0;
    const page = await until('the worker metrics with mail jobs', async () => {
      const body = await text(`${workerUrl}/metrics`);
      return completedMailJobs(body) >= 2 ? body : undefined;
    });
    expect(page).toContain('bullmq_job_duration_seconds_bucket{');
    const { rows } = await db.query<{ count: string }>(
      `SELECT COUNT(*) AS "count" FROM "outgoing_mails" WHERE "state" = 'sent'`,
    );
    expect(sample(page, 'mail_outbox_rows', { state: 'sent', service: 'worker' })).toBe(
      Number(rows[0].count),
    );
    expect(sample(page, 'mail_outbox_rows', { state: 'failed', service: 'worker' })).toBe(0);
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(
        sample(page, 'bullmq_queue_jobs', { queue: 'mail', state, service: 'worker' }),
      ).toEqual(expect.any(Number));
    }
    expect(page).toContain('nodejs_eventloop_lag_seconds{service="worker"}');
  });

  it('worker: not ready while its Redis is away, alive all the while, ready again after', async () => {
    const ready = () => fetch(`${workerUrl}/health/ready`);
    expect((await ready()).status).toBe(200);
    const processes = { api: hub.api, worker: hub.worker!, live: live.process };
    const before = Object.fromEntries(
      Object.entries(processes).map(([name, p]) => [name, p.output().length]),
    );

    await redis.pause();
    try {
      const report = await until('the worker not ready', async () => {
        const response = await ready();
        return response.status === 503 ? await response.json() : undefined;
      });
      expect(report).toMatchObject({
        status: 'not_ready',
        checks: { database: 'up', queue: 'down' },
        failing: ['queue'],
      });
      expect((await fetch(`${workerUrl}/health/live`)).status).toBe(200);
      // The api and live processes tell the same.
      const apiReady = await api('/health/ready');
      expect(apiReady.status).toBe(503);
      expect(await apiReady.json()).toMatchObject({ failing: ['redis'] });
      expect((await api('/health/live')).status).toBe(200);
      expect((await fetch(`${live.url}/health/ready`)).status).toBe(503);
      expect((await fetch(`${live.url}/health/live`)).status).toBe(200);
      // Metrics are still served: queue depth is left out while Redis does not answer.
      const page = await text(`${workerUrl}/metrics`);
      expect(page).not.toContain('bullmq_queue_jobs{');
      expect(sample(page, 'mail_outbox_rows', { state: 'sent', service: 'worker' })).toEqual(
        expect.any(Number),
      );
    } finally {
      await redis.resume();
    }
    await until(
      'the worker ready again',
      async () => ((await ready()).status === 200 ? true : undefined),
      60_000,
    );
    expect((await api('/health/ready')).status).toBe(200);
    await until('live ready again', async () =>
      (await fetch(`${live.url}/health/ready`)).status === 200 ? true : undefined,
    );

    // The outage is in the logs as JSON: one line per connection when it starts and one when it
    // ends, not a stack trace on stderr (or a warning) for every reconnect attempt.
    for (const [name, running] of Object.entries(processes)) {
      const written = running.output().slice(before[name]).split('\n').filter(Boolean);
      expect({ name, notJson: written.filter((line) => !line.startsWith('{')) }).toEqual({
        name,
        notJson: [],
      });
      const lines = logLines(written.join('\n'));
      const what = (suffix: string) =>
        lines
          .map((l) => l.msg ?? '')
          .filter((msg) => msg.endsWith(`: Redis ${suffix}`))
          .map((msg) => msg.slice(0, -`: Redis ${suffix}`.length));
      const down = what('unreachable');
      const back = what('reachable again');
      expect(down.length).toBeGreaterThan(0);
      expect(new Set(down).size).toBe(down.length);
      expect(new Set(back)).toEqual(new Set(down));
      expect(lines.filter((l) => /ECONNREFUSED/.test(l.msg ?? '')).length).toBeLessThanOrEqual(3);
    }
  });
});
