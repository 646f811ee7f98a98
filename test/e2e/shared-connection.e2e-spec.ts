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
import { QuestionEntity, TransactionRunner } from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { httpPeople, type Person } from '../support/http-people.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('writes of concurrent requests on the shared connection', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  const { call, person, liveFixture } = httpPeople(() => hub);
  const bearer = (secret: string): Person => ({
    id: '',
    name: '',
    email: '',
    headers: { authorization: `Bearer ${secret}` },
  });

  /** Runs `meanwhile` while another request's transaction is open, which then rolls back. */
  async function duringARollback<T>(meanwhile: () => Promise<T>): Promise<T> {
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    let refuse!: () => void;
    const refused = new Promise<void>((resolve) => (refuse = resolve));
    const other = hub.app.get(TransactionRunner).run(async () => {
      opened();
      await refused;
      throw new Error('refused');
    });
    await open;
    const result = meanwhile();
    await new Promise((resolve) => setTimeout(resolve, 50));
    refuse();
    await expect(other).rejects.toThrow('refused');
    return result;
  }

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
