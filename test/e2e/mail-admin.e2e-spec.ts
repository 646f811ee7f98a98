import {
  findOrCreateAccount,
  grantRole,
  MailOutbox,
  OutgoingMailEntity,
  SessionEntity,
} from '@app/persistence';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('organiser view of mail', () => {
  let hub: TestApp;
  let bearer: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestApp();
    const account = await hub.dataSource.transaction(async (manager) => {
      const a = await findOrCreateAccount(manager, 'mail-organiser@icc.example');
      await grantRole(manager, {
        actorId: null,
        accountId: a.id,
        eventId: null,
        role: 'organiser',
      });
      return a;
    });
    const { secret } = await hub.app.get(AuthService).issue(account.id, 'api', 'test');
    bearer = { authorization: `Bearer ${secret}` };
  });
  afterAll(() => hub.close());

  async function mailIn(state: 'sent' | 'failed' | 'sending', email: string) {
    const session = await hub.dataSource.getRepository(SessionEntity).findOneByOrFail({
      title: 'Opening of the first ICC City Lab',
    });
    const row = await hub.dataSource.transaction((manager) =>
      new MailOutbox(hub.config).queue(manager, {
        to: { email, name: 'X', locale: 'en', timeZone: 'Europe/Brussels' },
        template: 'session-invitation',
        dataRef: { sessionId: session.id, calendar: 'REQUEST' },
      }),
    );
    await hub.dataSource
      .getRepository(OutgoingMailEntity)
      .update(
        { id: row!.id },
        { state, attempts: 3, lastError: state === 'failed' ? '550 no such user' : null },
      );
    return hub.dataSource.getRepository(OutgoingMailEntity).findOneByOrFail({ id: row!.id });
  }

  const post = (path: string) =>
    fetch(`${hub.baseUrl}${path}`, { method: 'POST', headers: bearer });
  const get = async <T>(path: string) =>
    (await (await fetch(`${hub.baseUrl}${path}`, { headers: bearer })).json()) as T;

  it('counts mail per state and lists failures with their error', async () => {
    await mailIn('sent', 'a@city.example');
    await mailIn('failed', 'b@city.example');
    const counts = await get<Record<string, number>>('/api/admin/mail/summary');
    expect(counts).toEqual({ queued: 0, sending: 0, sent: 1, retrying: 0, failed: 1 });
    const failed = await get<Array<{ recipientEmail: string; lastError: string }>>(
      '/api/admin/mail?state=failed',
    );
    expect(failed).toEqual([
      expect.objectContaining({ recipientEmail: 'b@city.example', lastError: '550 no such user' }),
    ]);
  });

  it('puts a failed mail back on the queue as it was, and copies a sent one under a new Message-ID', async () => {
    const failed = await mailIn('failed', 'c@city.example');
    const again = await post(`/api/admin/mail/${failed.id}/resend`);
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({
      id: failed.id,
      state: 'queued',
      attempts: 0,
      messageId: failed.messageId,
    });

    const sent = await mailIn('sent', 'd@city.example');
    const copy = await post(`/api/admin/mail/${sent.id}/resend`);
    expect(copy.status).toBe(202);
    const body = (await copy.json()) as { id: string; messageId: string; state: string };
    expect(body.id).not.toBe(sent.id);
    expect(body.messageId).not.toBe(sent.messageId);
    expect(body.state).toBe('queued');

    const busy = await mailIn('sending', 'e@city.example');
    expect((await post(`/api/admin/mail/${busy.id}/resend`)).status).toBe(409);
    expect((await post('/api/admin/mail/00000000-0000-4000-8000-000000000000/resend')).status).toBe(
      404,
    );
  });
});
