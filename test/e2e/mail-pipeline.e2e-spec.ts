import { parseConfig } from '@app/config';
import {
  dataSourceOptions,
  MailOutbox,
  type NewMail,
  openDataSource,
  OutgoingMailEntity,
  SessionEntity,
} from '@app/persistence';
import type { DataSource } from 'typeorm';
import { readIcs } from '../../libs/calendar/src/testing/read-ics.js';
import { hubEnvironment } from '../support/environment.js';
import {
  BUILT,
  freePort,
  runBuilt,
  runToEnd,
  type RunningProcess,
} from '../support/hub-process.js';
import { TestRedis } from '../support/redis-server.js';
import { SmtpSink } from '../support/smtp-sink.js';

/**
 * The outbox → relay → BullMQ → worker → SMTP road, with the built worker as a real process, a
 * real SMTP server and a Redis of this file's own that the tests stop and start.
 */
describe('mail pipeline', () => {
  let redis: TestRedis;
  let sink: SmtpSink;
  let env: Record<string, string>;
  let dataSource: DataSource;
  let outbox: MailOutbox;
  let sessionId: string;
  let worker: RunningProcess | undefined;

  const rows = () => dataSource.getRepository(OutgoingMailEntity);

  async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `timed out waiting for ${what}; worker output:\n${worker?.output().slice(-2000) ?? ''}`,
    );
  }

  async function queue(
    mails: Array<Partial<NewMail['to']> & { email: string }>,
    template = 'session-invitation',
  ) {
    return dataSource.transaction(async (manager) => {
      const out: OutgoingMailEntity[] = [];
      for (const to of mails) {
        const row = await outbox.queue(manager, {
          to: { name: 'Test Person', locale: 'en', timeZone: 'Europe/Brussels', ...to },
          template,
          dataRef: {
            sessionId,
            calendar: template === 'session-cancellation' ? 'CANCEL' : 'REQUEST',
          },
        });
        if (row) out.push(row);
      }
      return out;
    });
  }

  const startWorker = () => (worker = runBuilt(BUILT.worker, env));
  const allSent = async (ids: string[]) =>
    (await rows().countBy(ids.map((id) => ({ id, state: 'sent' as const })))) === ids.length;

  beforeAll(async () => {
    redis = await TestRedis.start();
    sink = await new SmtpSink().start();
    env = await hubEnvironment({
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      MAIL_LEASE_SECONDS: '3',
      LOG_LEVEL: 'info',
      PUBLIC_BASE_URL: 'https://hub.example.eu',
    });
    const seeded = await runToEnd(BUILT.seed, env);
    expect(seeded.code).toBe(0);
    const config = parseConfig(env);
    dataSource = await openDataSource(dataSourceOptions(config));
    outbox = new MailOutbox(config);
    const session = await dataSource
      .getRepository(SessionEntity)
      .findOneByOrFail({ title: 'Opening of the first ICC City Lab' });
    sessionId = session.id;
  });

  afterEach(async () => {
    await worker?.stop('SIGKILL');
    worker = undefined;
    sink.decide = () => 'accept';
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await sink?.stop();
    await redis?.stop();
  });

  it('delivers an invitation with text, HTML and a calendar file, under the row’s Message-ID', async () => {
    const [row] = await queue([
      { email: 'mayor@city.example', name: 'Anna <Mayor>', locale: 'fr' },
    ]);
    expect(row.state).toBe('queued');
    startWorker();
    await until('the invitation', () => allSent([row.id]));
    const [mail] = sink.to('mayor@city.example');
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(mail.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(mail.raw).toContain('https://hub.example.eu/sessions/');
    const ics = extractCalendar(mail.raw);
    const { calendar, event } = readIcs(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toContain(sessionId);
    expect(event.startDate.toJSDate().toISOString()).toBe('2020-09-28T08:00:00.000Z');
    const stored = await rows().findOneByOrFail({ id: row.id });
    expect(stored).toMatchObject({ state: 'sent', attempts: 1, lastError: null });

    // Jobs carry the row id only: nothing in Redis names the recipient.
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    const keys = await client.keys('*');
    const dump: string[] = [];
    for (const key of keys) {
      const type = await client.type(key);
      if (type === 'hash') dump.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'string') dump.push((await client.get(key)) ?? '');
      else if (type === 'list') dump.push(JSON.stringify(await client.lrange(key, 0, -1)));
    }
    client.disconnect();
    expect(dump.join('\n')).toContain(row.id);
    expect(dump.join('\n')).not.toMatch(/mayor@city\.example|Anna/);
  });

  it('retries a temporary refusal with backoff and fails a permanent one at once', async () => {
    sink.decide = (to, attempt) => {
      if (to.includes('busy@relay.example') && attempt <= 2)
        return { code: 451, message: 'try later' };
      if (to.includes('nobody@relay.example')) return { code: 550, message: 'no such user' };
      return 'accept';
    };
    const [busy, nobody] = await queue([
      { email: 'busy@relay.example' },
      { email: 'nobody@relay.example' },
    ]);
    startWorker();
    await until('the refused mails to settle', async () => {
      const [b, n] = await Promise.all([
        rows().findOneByOrFail({ id: busy.id }),
        rows().findOneByOrFail({ id: nobody.id }),
      ]);
      return b.state === 'sent' && n.state === 'failed';
    });
    const [b, n] = await Promise.all([
      rows().findOneByOrFail({ id: busy.id }),
      rows().findOneByOrFail({ id: nobody.id }),
    ]);
    expect(b.attempts).toBe(3);
    expect(b.sentAt!.getTime() - b.createdAt.getTime()).toBeGreaterThanOrEqual(1_000 + 2_000);
    expect(n.attempts).toBe(1);
    expect(n.lastError).toMatch(/550/);
    expect(sink.to('nobody@relay.example')).toHaveLength(0);
  });

  it('sends a job that runs twice only once', async () => {
    const [row] = await queue([{ email: 'twice@city.example' }]);
    const { Queue } = await import('bullmq');
    const { Redis } = await import('ioredis');
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const mailQueue = new Queue('mail', { connection });
    await mailQueue.addBulk([
      { name: 'send-mail', data: { mailId: row.id }, opts: { jobId: `extra-a-${row.id}` } },
      { name: 'send-mail', data: { mailId: row.id }, opts: { jobId: `extra-b-${row.id}` } },
    ]);
    startWorker();
    await until('the mail', () => allSent([row.id]));
    await until(
      'all three jobs',
      async () => (await mailQueue.getJobCounts('completed')).completed >= 3,
    );
    expect(sink.to('twice@city.example')).toHaveLength(1);
    await mailQueue.close();
    connection.disconnect();
  });

  it('takes a user’s action while Redis is down and sends the mail once Redis is back', async () => {
    startWorker();
    await until('the worker', () => worker!.output().includes('worker started'));
    await redis.pause();
    const [row] = await queue([{ email: 'offline@city.example' }]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(sink.to('offline@city.example')).toHaveLength(0);
    await redis.resume();
    await until('the mail after Redis returned', () => allSent([row.id]));
    expect(sink.to('offline@city.example')).toHaveLength(1);
  });

  it('loses nothing when Redis restarts mid-batch', async () => {
    const batch = await queue(range(300).map((i) => ({ email: `redis-${i}@city.example` })));
    startWorker();
    await until(
      'a first part of the batch',
      () => sink.mails.filter((m) => m.to[0].startsWith('redis-')).length >= 50,
    );
    await redis.pause();
    await new Promise((r) => setTimeout(r, 1_500));
    await redis.resume();
    await until('the whole batch', () => allSent(batch.map((r) => r.id)), 60_000);
    for (const row of batch) expect(sink.to(row.recipientEmail)).toHaveLength(1);
  });

  it('survives SIGKILL of the worker mid-batch: every recipient served, duplicates share the Message-ID', async () => {
    const batch = await queue(range(400).map((i) => ({ email: `kill-${i}@city.example` })));
    const delivered = () => sink.mails.filter((m) => m.to[0].startsWith('kill-')).length;
    const kills = 3;
    const started = Date.now();
    for (let round = 1; round <= kills; round++) {
      startWorker();
      await until(`round ${round}`, () => delivered() >= round * 80);
      await worker!.stop('SIGKILL');
      process.stdout.write(
        `kill ${round} at ${Date.now() - started} ms, ${delivered()} delivered\n`,
      );
    }
    startWorker();
    await until('the whole batch', () => allSent(batch.map((r) => r.id)), 90_000);
    process.stdout.write(`all sent at ${Date.now() - started} ms\n`);
    let duplicates = 0;
    for (const row of batch) {
      const got = sink.to(row.recipientEmail);
      expect(got.length).toBeGreaterThanOrEqual(1);
      for (const mail of got) expect(mail.messageId).toBe(row.messageId);
      duplicates += got.length - 1;
    }
    // Only a kill between SMTP acceptance and the row update can send twice: at most the jobs
    // in hand at each kill (concurrency 4 × pool 5).
    process.stdout.write(`${duplicates} duplicate(s) after ${kills} kills\n`);
    expect(duplicates).toBeLessThanOrEqual(kills * 20);
  }, 150_000);

  it('shares the work between two worker processes, each mail sent once', async () => {
    const batch = await queue(range(300).map((i) => ({ email: `pair-${i}@city.example` })));
    const first = runBuilt(BUILT.worker, env);
    // Two processes on one host: each its own probe server port.
    const second = runBuilt(BUILT.worker, { ...env, WORKER_PORT: String(await freePort()) });
    try {
      await until('the batch through two workers', () => allSent(batch.map((r) => r.id)), 60_000);
    } finally {
      await Promise.all([first.stop('SIGTERM'), second.stop('SIGTERM')]);
    }
    for (const row of batch) expect(sink.to(row.recipientEmail)).toHaveLength(1);
  });

  it('on SIGTERM finishes or releases the mails in hand and exits 0', async () => {
    sink.decide = () => 'accept';
    const batch = await queue(range(200).map((i) => ({ email: `term-${i}@city.example` })));
    startWorker();
    await until(
      'some of the batch',
      () => sink.mails.filter((m) => m.to[0].startsWith('term-')).length >= 20,
    );
    expect(await worker!.stop('SIGTERM')).toBe(0);
    worker = undefined;
    expect(await rows().countBy({ state: 'sending' })).toBe(0);
    startWorker();
    await until('the rest of the batch', () => allSent(batch.map((r) => r.id)), 60_000);
    for (const row of batch) expect(sink.to(row.recipientEmail)).toHaveLength(1);
  });
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** The text/calendar part of a raw MIME message, decoded. */
function extractCalendar(raw: string): string {
  const part =
    /Content-Type: text\/calendar[^\r\n]*\r?\n((?:[^\r\n]+\r?\n)*)\r?\n([\s\S]*?)\r?\n--/i.exec(
      raw,
    );
  if (!part) throw new Error('no calendar part');
  const headers = part[1];
  const body = part[2];
  if (/Content-Transfer-Encoding: base64/i.test(headers)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    return body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return body;
}
