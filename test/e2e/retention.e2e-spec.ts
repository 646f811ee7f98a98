import { parseConfig } from '@app/config';
import {
  AccountEntity,
  CityEntity,
  dataSourceOptions,
  EventEntity,
  MailOutbox,
  openDataSource,
  OutgoingMailEntity,
  RegistrationEntity,
  SessionEntity,
  SignInRequestEntity,
  TransactionRunner,
} from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import {
  PSEUDONYMISED_ADDRESS,
  REGISTRATIONS_PER_CHUNK,
  RetentionService,
} from '../../apps/worker/src/retention/retention.service.js';
import { hubEnvironment } from '../support/environment.js';
import { duringARollback } from '../support/rollback.js';

describe('retention job', () => {
  let dataSource: DataSource;
  let retention: RetentionService;
  let outbox: MailOutbox;
  let transactions: TransactionRunner;

  beforeAll(async () => {
    const config = parseConfig(await hubEnvironment({ RETENTION_DAYS: '30' }));
    dataSource = await openDataSource(dataSourceOptions(config));
    outbox = new MailOutbox(config);
    transactions = new TransactionRunner(dataSource);
    retention = new RetentionService(
      config,
      transactions,
      dataSource.getRepository(RegistrationEntity),
    );
  });
  afterAll(() => dataSource.destroy());

  async function mail(email: string, state: 'sent' | 'queued', ageDays: number) {
    const row = await dataSource.transaction((manager) =>
      outbox.queue(manager, {
        to: { email, name: 'Someone', locale: 'en', timeZone: 'Europe/Brussels' },
        template: 'session-invitation',
        dataRef: {},
      }),
    );
    await dataSource
      .getRepository(OutgoingMailEntity)
      .update({ id: row!.id }, { state, createdAt: new Date(Date.now() - ageDays * 86_400_000) });
    return row!.id;
  }

  it('deletes stale sign-in requests and pseudonymises settled mail past the retention period', async () => {
    const signIns = dataSource.getRepository(SignInRequestEntity);
    const old = await signIns.save({ email: 'old@city.example' });
    await signIns.update({ id: old.id }, { createdAt: new Date(Date.now() - 2 * 86_400_000) });
    const recent = await signIns.save({ email: 'recent@city.example' });
    const oldSent = await mail('old-sent@city.example', 'sent', 45);
    const recentSent = await mail('recent-sent@city.example', 'sent', 5);
    const oldQueued = await mail('old-queued@city.example', 'queued', 45);

    const report = await retention.run();
    expect(report).toEqual({
      signInRequestsDeleted: 1,
      mailsPseudonymised: 1,
      registrationsPseudonymised: 0,
    });
    expect(await signIns.existsBy({ id: old.id })).toBe(false);
    expect(await signIns.existsBy({ id: recent.id })).toBe(true);
    const rows = dataSource.getRepository(OutgoingMailEntity);
    expect(await rows.findOneByOrFail({ id: oldSent })).toMatchObject({
      recipientEmail: PSEUDONYMISED_ADDRESS,
      recipientName: '',
      state: 'sent',
    });
    expect((await rows.findOneByOrFail({ id: recentSent })).recipientEmail).toBe(
      'recent-sent@city.example',
    );
    expect((await rows.findOneByOrFail({ id: oldQueued })).recipientEmail).toBe(
      'old-queued@city.example',
    );

    expect(await retention.run()).toEqual({
      signInRequestsDeleted: 0,
      mailsPseudonymised: 0,
      registrationsPseudonymised: 0,
    });
  });

  /** A session of an event of its own that ended `endedDaysAgo` days ago. */
  async function session(endedDaysAgo: number): Promise<string> {
    const tag = randomUUID().slice(0, 8);
    const event = await dataSource.getRepository(EventEntity).save({
      slug: `retention-${tag}`,
      kind: 'city-lab',
      title: `Retention lab ${tag}`,
      summary: '',
      timeZone: 'Europe/Brussels',
      startDate: '2020-01-01',
      endDate: '2020-01-02',
      venue: null,
      isDemo: false,
      delegationQuota: null,
    } as EventEntity);
    const endsAt = new Date(Date.now() - endedDaysAgo * 86_400_000);
    const saved = await dataSource.getRepository(SessionEntity).save({
      eventId: event.id,
      title: `Session ${tag}`,
      audience: 'cities',
      status: 'scheduled',
      capacity: null,
      startsAt: new Date(endsAt.getTime() - 3_600_000),
      endsAt,
    } as SessionEntity);
    return saved.id;
  }

  async function accounts(n: number): Promise<string[]> {
    const rows = Array.from({ length: n }, () => ({
      email: `person-${randomUUID()}@city.example`,
      name: 'Some One',
    }));
    const ids: string[] = [];
    // Chunks keep each insert under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 200) {
      const result = await dataSource.getRepository(AccountEntity).insert(rows.slice(i, i + 200));
      ids.push(...result.identifiers.map((id) => String(id.id)));
    }
    return ids;
  }

  it('keeps what it deleted while another transaction of the worker rolls back', async () => {
    const signIns = dataSource.getRepository(SignInRequestEntity);
    const old = await signIns.save({ email: 'meanwhile@city.example' });
    await signIns.update({ id: old.id }, { createdAt: new Date(Date.now() - 2 * 86_400_000) });
    const oldSent = await mail('meanwhile-sent@city.example', 'sent', 45);
    await duringARollback(transactions, () => retention.run());
    expect(await signIns.existsBy({ id: old.id })).toBe(false);
    expect(
      (await dataSource.getRepository(OutgoingMailEntity).findOneByOrFail({ id: oldSent }))
        .recipientEmail,
    ).toBe(PSEUDONYMISED_ADDRESS);
  });

  it('unlinks registrations of sessions over for longer than the period, in chunks, once', async () => {
    const city = await dataSource.getRepository(CityEntity).save({
      name: `Retention City ${randomUUID().slice(0, 8)}`,
      country: 'PT',
      role: 'core',
    } as CityEntity);
    const [past, recent] = [await session(45), await session(10)];
    // More than two chunks of past rows, so the loop has to go round.
    const people = await accounts(2 * REGISTRATIONS_PER_CHUNK + 3);
    const registrations = dataSource.getRepository(RegistrationEntity);
    const at = new Date(Date.now() - 60 * 86_400_000);
    const row = (sessionId: string, accountId: string) => ({
      sessionId,
      accountId,
      cityId: city.id,
      status: 'confirmed' as const,
      confirmedAt: at,
      waitlistedAt: null,
      cancelledAt: null,
    });
    for (let i = 0; i < people.length; i += 200) {
      await registrations.insert(people.slice(i, i + 200).map((id) => row(past, id)));
    }
    await registrations.insert([row(recent, people[0]), row(recent, people[1])]);

    const report = await retention.run();
    expect(report.registrationsPseudonymised).toBe(people.length);

    const pastRows = await registrations.findBy({ sessionId: past });
    expect(pastRows).toHaveLength(people.length);
    const unlinked = new Set(pastRows.map((r) => r.accountId));
    // A different id for every row, none of them anyone's.
    expect(unlinked.size).toBe(people.length);
    expect(await dataSource.getRepository(AccountEntity).countBy({ id: In([...unlinked]) })).toBe(
      0,
    );
    expect(pastRows.every((r) => r.cityId === city.id && r.status === 'confirmed')).toBe(true);
    expect(pastRows.every((r) => r.confirmedAt?.getTime() === at.getTime())).toBe(true);
    const recentRows = await registrations.findBy({ sessionId: recent });
    expect(recentRows.map((r) => r.accountId).sort()).toEqual([people[0], people[1]].sort());

    expect((await retention.run()).registrationsPseudonymised).toBe(0);
    const again = await registrations.findBy({ sessionId: past });
    expect(new Set(again.map((r) => r.accountId))).toEqual(unlinked);
  });
});
