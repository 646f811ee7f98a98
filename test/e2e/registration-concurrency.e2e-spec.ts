import { parseConfig } from '@app/config';
import {
  AccountEntity,
  AuthSessionEntity,
  dataSourceOptions,
  EventEntity,
  freezeRelease,
  OutgoingMailEntity,
  RegistrationEntity,
  SessionEntity,
} from '@app/persistence';
import { hashSecret, newSecret } from '@app/runtime';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { usingPostgres } from '../support/environment.js';
import {
  BUILT,
  freePort,
  type Hub,
  runBuilt,
  type RunningProcess,
  startHub,
} from '../support/hub-process.js';

const PEOPLE = 300;
const SEATS = 5;
const PROCESSES = 3;
const driver = usingPostgres() ? 'postgres' : 'sqlite';

async function healthy(baseUrl: string, api: RunningProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null) throw new Error(`api exited:\n${api.output()}`);
    const up = await fetch(`${baseUrl}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`api did not become healthy:\n${api.output()}`);
}

/**
 * Hundreds of people press "register" at the same moment for a session of five seats, through
 * three api processes on one database (the same SQLite file, or one PostgreSQL database). The
 * control replays the storm against the obvious read-then-write code and shows it overbooks.
 */
describe(`no overbooking under concurrent registration (${driver}, ${PROCESSES} api processes)`, () => {
  let hub: Hub;
  const extra: RunningProcess[] = [];
  const bases: string[] = [];
  /** The test's own connections: three, to race each other in the control. */
  const connections: DataSource[] = [];
  let tokens: Array<{ accountId: string; secret: string }> = [];
  let guarded: string;
  let unguarded: string;
  /** Each person's place on the guarded session's waiting list after the storm; null: a seat. */
  let positionOf: Array<number | null> = [];

  beforeAll(async () => {
    hub = await startHub({ env: { LOG_LEVEL: 'warn' } });
    bases.push(hub.baseUrl);
    await Promise.all(
      Array.from({ length: PROCESSES - 1 }, async () => {
        const port = await freePort();
        const baseUrl = `http://127.0.0.1:${port}`;
        const api = runBuilt(BUILT.api, {
          ...hub.env,
          PORT: String(port),
          PUBLIC_BASE_URL: baseUrl,
        });
        extra.push(api);
        await healthy(baseUrl, api);
        bases.push(baseUrl);
      }),
    );
    const options = dataSourceOptions(parseConfig(hub.env));
    for (let i = 0; i < PROCESSES; i += 1) {
      connections.push(await new DataSource(options).initialize());
    }
    const db = connections[0];

    const tag = randomUUID().slice(0, 8);
    const event = await db.getRepository(EventEntity).save({
      slug: `storm-${tag}`,
      kind: 'city-lab',
      title: `Storm ${tag}`,
      summary: '',
      timeZone: 'Europe/Brussels',
      startDate: '2031-06-01',
      endDate: '2031-06-01',
      venue: null,
      isDemo: false,
    } as EventEntity);
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const [one, two] = await db.getRepository(SessionEntity).save(
      ['Guarded', 'Unguarded'].map((title) => ({
        eventId: event.id,
        title: `${title} ${tag}`,
        abstract: '',
        audience: 'public',
        capacity: SEATS,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
      })) as SessionEntity[],
    );
    guarded = one.id;
    unguarded = two.id;
    await db.transaction((manager) =>
      freezeRelease(manager, { event, name: 'storm', publishedBy: null, now: new Date() }),
    );

    const accounts = Array.from({ length: PEOPLE }, (_, i) => ({
      id: randomUUID(),
      email: `storm-${i}-${tag}@city.example`,
      name: `Storm ${i}`,
    }));
    tokens = accounts.map((a) => ({ accountId: a.id, secret: newSecret() }));
    await db.transaction(async (manager) => {
      await manager.getRepository(AccountEntity).insert(accounts);
      await manager.getRepository(AuthSessionEntity).insert(
        tokens.map((t) => ({
          accountId: t.accountId,
          secretHash: hashSecret(t.secret),
          kind: 'api' as const,
          label: 'storm',
          csrfToken: newSecret(),
          expiresAt: new Date(Date.now() + 86_400_000),
        })),
      );
    });
  });

  afterAll(async () => {
    await Promise.all(connections.map((c) => c.destroy()));
    await Promise.all([hub?.stop(), ...extra.map((api) => api.stop())]);
  });

  it(`confirms exactly ${SEATS} of ${PEOPLE} simultaneous requests and waitlists the rest`, async () => {
    const started = Date.now();
    const answers = await Promise.all(
      tokens.map(async ({ secret }, i) => {
        const response = await fetch(
          `${bases[i % PROCESSES]}/api/sessions/${guarded}/registration`,
          { method: 'POST', headers: { authorization: `Bearer ${secret}` } },
        );
        return {
          status: response.status,
          body: (await response.json()) as { status: string; position: number | null },
        };
      }),
    );
    const elapsed = Date.now() - started;

    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 201: PEOPLE });
    const confirmed = answers.filter((a) => a.body.status === 'confirmed');
    expect(confirmed).toHaveLength(SEATS);
    expect(answers.filter((a) => a.body.status === 'waitlisted')).toHaveLength(PEOPLE - SEATS);

    const db = connections[0];
    const session = await db.getRepository(SessionEntity).findOneByOrFail({ id: guarded });
    expect(session.confirmedCount).toBe(SEATS);
    const rows = db.getRepository(RegistrationEntity);
    expect(await rows.countBy({ sessionId: guarded, status: 'confirmed' })).toBe(SEATS);
    expect(await rows.countBy({ sessionId: guarded, status: 'waitlisted' })).toBe(PEOPLE - SEATS);
    const mails = await db
      .getRepository(OutgoingMailEntity)
      .createQueryBuilder('m')
      .select('m.template', 'template')
      .addSelect('COUNT(*)', 'n')
      .where('m.accountId IN (:...ids)', { ids: tokens.map((t) => t.accountId) })
      .groupBy('m.template')
      .getRawMany<{ template: string; n: string | number }>();
    expect(Object.fromEntries(mails.map((m) => [m.template, Number(m.n)]))).toEqual({
      'registration-confirmed': SEATS,
      'registration-waitlisted': PEOPLE - SEATS,
      // A day and an hour before (the default REMINDER_OFFSETS), for each seat only.
      'session-reminder': SEATS * 2,
    });

    // Once the storm is over, every waiting person has a place of their own: 1..295.
    const positions = await Promise.all(
      tokens.map(async ({ secret }, i) => {
        const response = await fetch(
          `${bases[i % PROCESSES]}/api/sessions/${guarded}/registration`,
          { headers: { authorization: `Bearer ${secret}` } },
        );
        return ((await response.json()) as { position: number | null }).position;
      }),
    );
    positionOf = positions;
    const waiting = positions.filter((p) => p !== null).sort((a, b) => a - b);
    expect(waiting).toEqual(Array.from({ length: PEOPLE - SEATS }, (_, i) => i + 1));

    process.stdout.write(
      `registration storm (${driver}): ${PEOPLE} requests over ${PROCESSES} api processes in ` +
        `${elapsed} ms: ${confirmed.length} confirmed, ${PEOPLE - SEATS} waitlisted, ` +
        `confirmedCount ${session.confirmedCount}, 0 errors\n`,
    );
  });

  it('gives each seat freed by simultaneous cancellations to exactly one person, in order', async () => {
    const seated = tokens.filter((_, i) => positionOf[i] === null);
    // Every second of the first 20 waiting people gives up too, at the same moment.
    const leaving = tokens.filter((_, i) => (positionOf[i] ?? 0) % 2 === 1 && positionOf[i]! < 20);
    const statuses = await Promise.all(
      [...seated, ...leaving].map(async ({ secret }, i) => {
        const response = await fetch(
          `${bases[i % PROCESSES]}/api/sessions/${guarded}/registration`,
          { method: 'DELETE', headers: { authorization: `Bearer ${secret}` } },
        );
        return response.status;
      }),
    );
    expect(statuses.filter((s) => s !== 204)).toEqual([]);

    const db = connections[0];
    const expected = tokens
      .filter((_, i) => [2, 4, 6, 8, 10].includes(positionOf[i] ?? 0))
      .map((t) => t.accountId)
      .sort();
    const confirmed = await db
      .getRepository(RegistrationEntity)
      .findBy({ sessionId: guarded, status: 'confirmed' });
    expect(confirmed.map((r) => r.accountId).sort()).toEqual(expected);
    const session = await db.getRepository(SessionEntity).findOneByOrFail({ id: guarded });
    expect(session.confirmedCount).toBe(SEATS);

    // A double promotion would show as a second mail to the same person.
    const promotions = await db
      .getRepository(OutgoingMailEntity)
      .createQueryBuilder('m')
      .select('m.accountId', 'accountId')
      .addSelect('COUNT(*)', 'n')
      .where("m.template = 'registration-promoted'")
      .andWhere('m.accountId IN (:...ids)', { ids: tokens.map((t) => t.accountId) })
      .groupBy('m.accountId')
      .getRawMany<{ accountId: string; n: string | number }>();
    expect(promotions.filter((p) => Number(p.n) > 1)).toEqual([]);
    expect(promotions.map((p) => p.accountId)).toEqual(expect.arrayContaining(expected));
    process.stdout.write(
      `registration cancellations (${driver}): ${seated.length + leaving.length} at once, ` +
        `${promotions.length} promotions, ${confirmed.length} confirmed\n`,
    );
  });

  it('control: the same storm through a read-then-write check overbooks', async () => {
    /** What the seat guard replaces: count the confirmed, then insert if there seemed to be room. */
    async function naiveRegister(db: DataSource, accountId: string): Promise<void> {
      const work = async (manager: EntityManager) => {
        const repo = manager.getRepository(RegistrationEntity);
        const taken = await repo.countBy({ sessionId: unguarded, status: 'confirmed' });
        const now = new Date();
        await repo.insert({
          sessionId: unguarded,
          accountId,
          status: taken < SEATS ? 'confirmed' : 'waitlisted',
          confirmedAt: taken < SEATS ? now : null,
          waitlistedAt: taken < SEATS ? null : now,
        });
      };
      // SQLite runs one transaction per connection at a time, so its control goes without one;
      // PostgreSQL's runs in READ COMMITTED transactions, as the guarded code does.
      if (driver === 'postgres') await db.transaction(work);
      else await work(db.manager);
    }

    const results = await Promise.allSettled(
      tokens.map(({ accountId }, i) => naiveRegister(connections[i % PROCESSES], accountId)),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const overbooked = await connections[0]
      .getRepository(RegistrationEntity)
      .countBy({ sessionId: unguarded, status: 'confirmed' });
    process.stdout.write(
      `registration storm control (${driver}): read-then-write confirmed ${overbooked} ` +
        `people for ${SEATS} seats\n`,
    );
    expect(overbooked).toBeGreaterThan(SEATS);
  });
});
