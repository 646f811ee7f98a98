/**
 * Writes of concurrent requests on SQLite, where every query of the api shares one connection and
 * TransactionRunner queues the transactions. A write beside that queue runs inside whatever
 * transaction is open on the connection, and another request's rollback undoes it; one that opens a
 * transaction of its own (TypeORM's `save()` does) also crosses the queued one's BEGIN and COMMIT,
 * and a request fails with a 500 (the fuzz found it at twelve requests in flight). PostgreSQL runs
 * the same tests as a reference.
 */
import {
  type ApiErrorBody,
  type ConsentView,
  type CreatedApiToken,
  CURRENT_CONSENT_WORDING,
  type MeView,
  type QuestionView,
} from '@app/contracts';
import {
  MailOutbox,
  OutgoingMailEntity,
  QuestionEntity,
  SignInRequestEntity,
  TransactionRunner,
} from '@app/persistence';
import type { TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { MailSender } from '../../apps/worker/src/mail/mail-sender.service.js';
import { httpPeople, type Person } from '../support/http-people.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { duringARollback as rollingBack } from '../support/rollback.js';
import { workerMailModule } from '../support/worker-mail.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('writes of concurrent requests on the shared connection', () => {
  let hub: TestApp;
  let sink: SmtpSink;
  /** The mail worker's providers, on a connection of their own as in the worker process. */
  let worker: TestingModule;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    hub = await createTestApp({ env: { SMTP_URL: sink.url } });
    worker = await workerMailModule(hub.config);
  });
  afterAll(async () => {
    await worker?.close();
    await hub?.close();
    await sink?.stop();
  });

  const { call, person, liveFixture } = httpPeople(() => hub);
  const bearer = (secret: string): Person => ({
    id: '',
    name: '',
    email: '',
    headers: { authorization: `Bearer ${secret}` },
  });

  /** Runs `meanwhile` while another request's transaction is open, which then rolls back. */
  const duringARollback = <T>(
    meanwhile: () => Promise<T>,
    transactions = hub.app.get(TransactionRunner),
  ): Promise<T> => rollingBack(transactions, meanwhile);

  it('keeps an api token issued while another request rolls its transaction back', async () => {
    const alice = await person('alice');
    const { secret } = await duringARollback(() =>
      hub.app.get(AuthService).issue(alice.id, 'api', 'meanwhile'),
    );
    expect((await call('GET', '/api/me', bearer(secret))).status).toBe(200);
  });

  it('keeps a token revoked while another request rolls its transaction back', async () => {
    const alice = await person('alice');
    const { session, secret } = await hub.app.get(AuthService).issue(alice.id, 'api', 'revoked');
    expect(await duringARollback(() => hub.app.get(AuthService).revoke(alice.id, session.id))).toBe(
      true,
    );
    expect((await call('GET', '/api/me', bearer(secret))).status).toBe(401);
  });

  it('keeps a profile change made while another request rolls its transaction back', async () => {
    const alice = await person('alice');
    const changed = await duringARollback(() =>
      call<MeView>('PATCH', '/api/me', alice, { name: 'Alice Meanwhile', organisation: 'Kept' }),
    );
    expect(changed.status).toBe(200);
    const { body } = await call<MeView>('GET', '/api/me', alice);
    expect(body).toMatchObject({ name: 'Alice Meanwhile', organisation: 'Kept' });
  });

  it('keeps a consent withdrawn while another request rolls its transaction back', async () => {
    const alice = await person('alice');
    const purpose = 'programme-updates';
    const wordingVersion = CURRENT_CONSENT_WORDING[purpose];
    expect(
      (await call('POST', '/api/me/consents', alice, { purpose, wordingVersion })).status,
    ).toBe(200);
    const withdrawn = await duringARollback(() =>
      call('DELETE', `/api/me/consents/${purpose}`, alice),
    );
    expect(withdrawn.status).toBe(200);
    const { body } = await call<ConsentView[]>('GET', '/api/me/consents', alice);
    expect(body).toHaveLength(1);
    expect(body[0].withdrawnAt).not.toBeNull();
  });

  it('keeps a mail marked sent while another transaction of the worker rolls back', async () => {
    const email = `meanwhile-${randomUUID().slice(0, 8)}@city.example`;
    const row = await hub.app.get(TransactionRunner).run(async (manager) => {
      const request = await manager.getRepository(SignInRequestEntity).save({ email });
      return hub.app.get(MailOutbox).queue(manager, {
        to: { email, name: '', locale: 'en', timeZone: 'Europe/Brussels' },
        template: 'sign-in-link',
        dataRef: { signInRequestId: request.id },
      });
    });
    const sending = () => worker.get(MailSender).send(row!.id);
    expect(await duringARollback(sending, worker.get(TransactionRunner))).toBe('sent');
    // Rolled back, the row would be sent again once its lease ran out: a second mail.
    const mails = hub.dataSource.getRepository(OutgoingMailEntity);
    expect((await mails.findOneByOrFail({ id: row!.id })).state).toBe('sent');
    expect(sink.to(email)).toHaveLength(1);
  });

  it('answers tokens and questions asked at once with no 5xx, and keeps what it answered', async () => {
    const { sessionId, organiser } = await liveFixture('shared', 'Shared connection lab');
    const tokens: Array<Promise<{ status: number; body: CreatedApiToken & ApiErrorBody }>> = [];
    const asks: Array<Promise<{ status: number; body: QuestionView & ApiErrorBody }>> = [];
    for (let round = 0; round < 20; round += 1) {
      const clientId = randomUUID();
      for (let i = 0; i < 4; i += 1) {
        tokens.push(call('POST', '/api/me/tokens', organiser, { label: `t${round}-${i}` }));
        // Four asks with one client id: one question, three repeats (as the fuzz's organiser sent).
        asks.push(
          call('POST', `/api/sessions/${sessionId}/questions`, organiser, {
            body: `Question ${round}`,
            clientId,
          }),
        );
      }
    }
    const issued = await Promise.all(tokens);
    const asked = await Promise.all(asks);
    const statuses = [...issued, ...asked].map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // Every token answered is usable; every question answered is stored.
    for (const token of issued.filter((r) => r.status === 201)) {
      expect((await call('GET', '/api/me', bearer(token.body.token))).status).toBe(200);
    }
    for (const question of asked.filter((r) => r.status === 201 || r.status === 200)) {
      expect(
        await hub.dataSource.getRepository(QuestionEntity).existsBy({ id: question.body.id }),
      ).toBe(true);
    }
  });
});
