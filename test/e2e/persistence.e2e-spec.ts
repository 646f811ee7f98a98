import { parseConfig } from '@app/config';
import {
  CityEntity,
  dataSourceOptions,
  DEMO_EVENT_SLUG,
  EventEntity,
  openDataSource,
  SessionEntity,
  seedProgramme,
  TransactionRunner,
} from '@app/persistence';
import type { DataSource } from 'typeorm';
import { hubEnvironment, usingPostgres } from '../support/environment.js';

async function openFresh(): Promise<DataSource> {
  return openDataSource(dataSourceOptions(parseConfig(await hubEnvironment())));
}

describe(`persistence on ${usingPostgres() ? 'PostgreSQL' : 'SQLite'}`, () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openFresh();
  });
  afterAll(() => dataSource.destroy());

  it('uses the driver the configuration names', () => {
    expect(dataSource.options.type).toBe(usingPostgres() ? 'postgres' : 'better-sqlite3');
  });

  it('has committed migrations that match the entities exactly', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('lets several processes migrate the same database at once', async () => {
    const config = parseConfig(await hubEnvironment());
    const opened = await Promise.all(
      [1, 2, 3].map(() => openDataSource(dataSourceOptions(config))),
    );
    try {
      const counts = await Promise.all(
        opened.map((ds) =>
          ds.query<{ n: string | number }[]>('SELECT COUNT(*) AS n FROM migrations'),
        ),
      );
      const expected = dataSource.migrations.length;
      expect(counts.map((rows) => Number(rows[0].n))).toEqual([expected, expected, expected]);
    } finally {
      await Promise.all(opened.map((ds) => ds.destroy()));
    }
  });

  it('seeds the programme once and keeps it on later runs', async () => {
    const now = new Date();
    const first = await seedProgramme(dataSource, now);
    expect(first.created).toEqual(['icc-city-lab-2020', '100-mayors-summit-2020', DEMO_EVENT_SLUG]);
    const sessions = await dataSource.getRepository(SessionEntity).count();
    const cities = await dataSource.getRepository(CityEntity).find();
    expect(new Set(cities.map((c) => c.role))).toEqual(new Set(['core', 'mentor']));

    const second = await seedProgramme(dataSource, now);
    expect(second.created).toEqual([]);
    expect(second.kept).toEqual(['icc-city-lab-2020', '100-mayors-summit-2020', DEMO_EVENT_SLUG]);
    expect(await dataSource.getRepository(SessionEntity).count()).toBe(sessions);
    expect(await dataSource.getRepository(CityEntity).count()).toBe(cities.length);
  });

  // The demo is built around the clock, so it is checked at the current time and at fixed times
  // of day that have bitten: just after midnight and late evening in Brussels, and mid-morning
  // (when a fixed "a day later" falls inside one of the demo's next-day sessions).
  it.each([
    ['the current time', new Date()],
    ['00:10 in Brussels', new Date('2026-11-29T23:10:00Z')],
    ['08:25 in Brussels', new Date('2026-11-30T07:25:00Z')],
    ['23:50 in Brussels', new Date('2026-11-30T22:50:00Z')],
    ["the day's last minute in Brussels", new Date('2026-12-01T22:59:30Z')],
  ])(
    'keeps a demo session live at %s, and renews the demo event once it has gone stale',
    async (_label, now) => {
      await seedProgramme(dataSource, now);
      const demo = await dataSource
        .getRepository(EventEntity)
        .findOneByOrFail({ slug: DEMO_EVENT_SLUG });
      const liveAt = async (at: Date, eventId: string): Promise<number> =>
        dataSource
          .getRepository(SessionEntity)
          .createQueryBuilder('s')
          .where('s.eventId = :eventId AND s.startsAt <= :at AND s.endsAt > :at', { eventId, at })
          .getCount();
      expect(await liveAt(now, demo.id)).toBe(1);

      // Stale: an hour after the demo's last session has ended.
      const sessions = await dataSource.getRepository(SessionEntity).findBy({ eventId: demo.id });
      const stale = new Date(Math.max(...sessions.map((s) => s.endsAt.getTime())) + 3600_000);
      expect(await liveAt(stale, demo.id)).toBe(0);
      const report = await seedProgramme(dataSource, stale);
      expect(report.refreshed).toEqual([DEMO_EVENT_SLUG]);
      const renewed = await dataSource
        .getRepository(EventEntity)
        .findOneByOrFail({ slug: DEMO_EVENT_SLUG });
      expect(await liveAt(stale, renewed.id)).toBe(1);
      expect(renewed.isDemo).toBe(true);
    },
  );

  it('runs hundreds of concurrent transactions without a failure', async () => {
    const runner = new TransactionRunner(dataSource);
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) =>
        runner.run(async (manager) => {
          const repo = manager.getRepository(CityEntity);
          const city = await repo.save(
            repo.create({ name: `Txn city ${i}`, country: 'BE', role: 'core' }),
          );
          await new Promise((r) => setImmediate(r));
          return city.id;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(
      await dataSource.getRepository(CityEntity).countBy({ country: 'BE', role: 'core' }),
    ).toBeGreaterThanOrEqual(300);
  });

  it('rolls back a failed unit of work and keeps serving the next ones', async () => {
    const runner = new TransactionRunner(dataSource);
    const failing = runner.run(async (manager) => {
      await manager
        .getRepository(CityEntity)
        .insert({ name: 'Rolled back', country: 'FR', role: 'core' });
      throw new Error('boom');
    });
    const next = runner.run((manager) =>
      manager.getRepository(CityEntity).countBy({ name: 'Rolled back' }),
    );
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe(0);
  });

  if (!usingPostgres()) {
    it('control: without the queue, concurrent SQLite transactions fail (the race is real)', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          dataSource.transaction(async (manager) => {
            await manager
              .getRepository(CityEntity)
              .insert({ name: `Raw ${i}`, country: 'NL', role: 'core' });
            await new Promise((r) => setImmediate(r));
          }),
        ),
      );
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(failures.length).toBeGreaterThan(0);
      expect(String(failures[0].reason)).toMatch(/transaction/i);
    });
  }
});
