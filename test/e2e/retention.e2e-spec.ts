import { parseConfig } from '@app/config';
import {
  dataSourceOptions,
  MailOutbox,
  openDataSource,
  OutgoingMailEntity,
  SignInRequestEntity,
} from '@app/persistence';
import type { DataSource } from 'typeorm';
import {
  PSEUDONYMISED_ADDRESS,
  RetentionService,
} from '../../apps/worker/src/retention/retention.service.js';
import { hubEnvironment } from '../support/environment.js';

describe('retention job', () => {
  let dataSource: DataSource;
  let retention: RetentionService;
  let outbox: MailOutbox;

  beforeAll(async () => {
    const config = parseConfig(await hubEnvironment({ RETENTION_DAYS: '30' }));
    dataSource = await openDataSource(dataSourceOptions(config));
    outbox = new MailOutbox(config);
    retention = new RetentionService(
      config,
      dataSource.getRepository(SignInRequestEntity),
      dataSource.getRepository(OutgoingMailEntity),
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
    expect(report).toEqual({ signInRequestsDeleted: 1, mailsPseudonymised: 1 });
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

    expect(await retention.run()).toEqual({ signInRequestsDeleted: 0, mailsPseudonymised: 0 });
  });
});
