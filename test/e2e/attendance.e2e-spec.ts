import type { ApiErrorBody, AttendanceView } from '@app/contracts';
import { AccountEntity, AttendanceEntity, AuditEntryEntity, CityEntity } from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { AttendanceService } from '../../apps/api/src/attendance/attendance.service.js';
import { ChatService } from '../../apps/api/src/chat/chat.service.js';
import { PollsService } from '../../apps/api/src/polls/polls.service.js';
import { ANONYMOUS, csvLines, httpPeople, type Person } from '../support/http-people.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

describe('live room attendance, and the live data in my-data export and erasure', () => {
  let hub: TestApp;
  let attendance: AttendanceService;

  beforeAll(async () => {
    hub = await createTestApp();
    attendance = hub.app.get(AttendanceService);
  });
  afterAll(() => hub.close());

  const { call, person, grant, liveFixture } = httpPeople(() => hub);
  const fixture = (audience?: 'public' | 'cities') => liveFixture('live', 'Live lab', audience);

  async function city(name: string): Promise<CityEntity> {
    return hub.dataSource.getRepository(CityEntity).save({
      name: `${name} ${randomUUID().slice(0, 8)}`,
      country: 'FI',
      role: 'core',
    } as CityEntity);
  }

  /** A visit with chosen times: from `from` to `seen` minutes after `base`, left at `left`. */
  async function visit(
    sessionId: string,
    accountId: string | null,
    base: number,
    from: number,
    seen: number,
    left: number | null = null,
  ): Promise<string> {
    const id = await start(sessionId, accountId);
    await hub.dataSource.getRepository(AttendanceEntity).update(
      { id },
      {
        joinedAt: new Date(base + from * MINUTE),
        lastSeenAt: new Date(base + seen * MINUTE),
        leftAt: left === null ? null : new Date(base + left * MINUTE),
      },
    );
    return id;
  }

  /** Opens a visit now, as the live process's recorder does. */
  async function start(sessionId: string, accountId: string | null): Promise<string> {
    const id = randomUUID();
    await attendance.open([{ id, sessionId, accountId, joinedAt: new Date() }]);
    return id;
  }

  const end = (id: string) => attendance.close([{ id, at: new Date() }]);

  const report = (who: Person, sessionId: string) =>
    call<AttendanceView & ApiErrorBody>('GET', `/api/sessions/${sessionId}/attendance`, who);

  it('opens, touches and closes visits', async () => {
    const { sessionId } = await fixture();
    const alice = await person('alice');
    const [mine, guest] = await Promise.all([start(sessionId, alice.id), start(sessionId, null)]);
    const rows = hub.dataSource.getRepository(AttendanceEntity);
    const started = await rows.findOneByOrFail({ id: mine });
    expect(started).toMatchObject({ sessionId, accountId: alice.id, leftAt: null });
    expect(started.lastSeenAt.getTime()).toBe(started.joinedAt.getTime());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await attendance.touch([mine, guest], new Date());
    const touched = await rows.findOneByOrFail({ id: mine });
    expect(touched.lastSeenAt.getTime()).toBeGreaterThan(started.joinedAt.getTime());
    await end(mine);
    const ended = await rows.findOneByOrFail({ id: mine });
    expect(ended.leftAt).not.toBeNull();
    // A closed visit is neither touched nor closed again.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await attendance.touch([mine], new Date());
    await end(mine);
    expect(await rows.findOneByOrFail({ id: mine })).toEqual(ended);
    await attendance.touch([], new Date());
    expect((await rows.findOneByOrFail({ id: guest })).accountId).toBeNull();
  });

  it('reports time per person (to the last touch for a crashed process), roles, cities and aggregates', async () => {
    const { event, sessionId, moderator, organiser } = await fixture();
    const [turku, aarhus] = await Promise.all([city('Turku'), city('Aarhus')]);
    const [alice, bob, carol] = await Promise.all([
      person('alice', turku.id),
      person('bob', turku.id),
      person('carol', aarhus.id),
    ]);
    await grant(carol.id, event.id, 'speaker');
    const base = Date.UTC(2031, 4, 1, 9, 0);
    // Alice: 0–30 and a second tab 10–20 (counted once), then 40 until the last touch at 45.
    await visit(sessionId, alice.id, base, 0, 30, 30);
    await visit(sessionId, alice.id, base, 10, 20, 20);
    await visit(sessionId, alice.id, base, 40, 45);
    await visit(sessionId, bob.id, base, 5, 15, 15);
    await visit(sessionId, carol.id, base, 0, 60, 60);
    await visit(sessionId, null, base, 0, 10, 10);
    await visit(sessionId, null, base, 0, 20);
    // Another session's visit stays out.
    const other = await fixture();
    await visit(other.sessionId, alice.id, base, 0, 90, 90);

    for (const who of [moderator, organiser]) {
      const seen = await report(who, sessionId);
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual({
        sessionId,
        people: [
          {
            accountId: carol.id,
            name: carol.name,
            city: aarhus.name,
            roles: ['speaker'],
            firstJoinedAt: new Date(base).toISOString(),
            lastSeenAt: new Date(base + 60 * MINUTE).toISOString(),
            seconds: 3600,
          },
          {
            accountId: alice.id,
            name: alice.name,
            city: turku.name,
            roles: ['attendee'],
            firstJoinedAt: new Date(base).toISOString(),
            lastSeenAt: new Date(base + 45 * MINUTE).toISOString(),
            seconds: 35 * 60,
          },
          {
            accountId: bob.id,
            name: bob.name,
            city: turku.name,
            roles: ['attendee'],
            firstJoinedAt: new Date(base + 5 * MINUTE).toISOString(),
            lastSeenAt: new Date(base + 15 * MINUTE).toISOString(),
            seconds: 600,
          },
        ],
        anonymousVisits: 2,
        byCity: [
          { city: turku.name, people: 2 },
          { city: aarhus.name, people: 1 },
        ],
        byRole: [
          { role: 'attendee', people: 2 },
          { role: 'speaker', people: 1 },
        ],
      });
    }

    const summary = await attendance.summary(sessionId);
    expect(summary).toEqual({
      sessionId,
      people: 3,
      anonymousVisits: 2,
      totalSeconds: 3600 + 35 * 60 + 600,
      byCity: [
        { city: turku.name, people: 2 },
        { city: aarhus.name, people: 1 },
      ],
      byRole: [
        { role: 'attendee', people: 2 },
        { role: 'speaker', people: 1 },
      ],
    });
    const serialised = JSON.stringify(summary);
    for (const who of [alice, bob, carol]) {
      expect(serialised).not.toContain(who.id);
      expect(serialised).not.toContain(who.name);
    }

    const csv = await call('GET', `/api/sessions/${sessionId}/attendance.csv`, organiser);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const lines = csvLines(csv.text);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      '"accountId","name","city","roles","firstJoinedAt","lastSeenAt","seconds"',
    );
    expect(lines[1]).toContain(`"${carol.name}","${aarhus.name}","speaker"`);
    expect(lines[1]).toContain('"3600"');
    const audit = await hub.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ actorId: organiser.id, action: 'attendance.exported' });
    expect(audit.map((a) => a.details)).toEqual([{ sessionId, rows: 3 }]);
  });

  it('shows the report to the event’s organisers and moderators only', async () => {
    const { sessionId } = await fixture();
    const other = await fixture();
    const alice = await person('alice');
    await start(sessionId, alice.id);
    for (const who of [alice, other.organiser, other.moderator]) {
      expect((await report(who, sessionId)).status).toBe(403);
      expect((await call('GET', `/api/sessions/${sessionId}/attendance.csv`, who)).status).toBe(
        403,
      );
      await expect(attendance.report(who.id, sessionId)).rejects.toEqual(
        expect.objectContaining({ code: 'forbidden' }),
      );
    }
    expect((await report(ANONYMOUS, sessionId)).status).toBe(401);
    expect((await report(other.organiser, randomUUID())).status).toBe(403);
  });

  it('exports a person’s questions, votes, chat, poll votes and visits, and erasure keeps only aggregates', async () => {
    const { sessionId, moderator } = await fixture();
    const alice = await person('alice', (await city('Oulu')).id);
    const bob = await person('bob');
    const asked = await call<{ id: string }>(
      'POST',
      `/api/sessions/${sessionId}/questions`,
      alice,
      {
        body: 'Alice asks',
        clientId: randomUUID(),
      },
    );
    const bobs = await call<{ id: string }>('POST', `/api/sessions/${sessionId}/questions`, bob, {
      body: 'Bob asks',
      clientId: randomUUID(),
    });
    expect((await call('POST', `/api/questions/${bobs.body.id}/vote`, alice)).status).toBe(201);
    await hub.app
      .get(ChatService)
      .send(alice.id, { sessionId, body: 'Alice chats', clientId: randomUUID() });
    const polls = hub.app.get(PollsService);
    const poll = await polls.open(moderator.id, {
      sessionId,
      question: 'Tram or bike?',
      kind: 'single',
      options: ['Tram', 'Bike'],
    });
    await polls.vote(alice.id, { pollId: poll.id, optionIds: [poll.options[1].id] });
    const visitId = await start(sessionId, alice.id);
    await end(visitId);

    const exported = await call<Record<string, Array<Record<string, unknown>>>>(
      'GET',
      '/api/me/export',
      alice,
    );
    expect(exported.status).toBe(200);
    expect(exported.body.questions).toEqual([
      expect.objectContaining({
        id: asked.body.id,
        sessionId,
        body: 'Alice asks',
        anonymous: false,
      }),
    ]);
    expect(exported.body.questionVotes).toEqual([
      expect.objectContaining({ questionId: bobs.body.id }),
    ]);
    expect(exported.body.chatMessages).toEqual([
      expect.objectContaining({ sessionId, body: 'Alice chats', removedAt: null }),
    ]);
    expect(exported.body.pollVotes).toEqual([
      expect.objectContaining({
        pollId: poll.id,
        sessionId,
        poll: 'Tram or bike?',
        option: 'Bike',
      }),
    ]);
    expect(exported.body.attendance).toEqual([
      expect.objectContaining({ sessionId, leftAt: expect.any(String) as unknown }),
    ]);
    expect(JSON.stringify(exported.body)).not.toContain('Bob asks');

    expect((await call('DELETE', '/api/me', alice)).status).toBe(204);
    const rows = await hub.dataSource.getRepository(AttendanceEntity).findBy({ sessionId });
    expect(rows.map((r) => r.accountId)).toEqual([null]);
    const seen = await report(moderator, sessionId);
    expect(seen.body).toMatchObject({ people: [], anonymousVisits: 1 });
    expect(JSON.stringify(seen.body)).not.toContain(alice.id);
    const account = await hub.dataSource
      .getRepository(AccountEntity)
      .findOneByOrFail({ id: alice.id });
    expect(account).toMatchObject({ name: '', cityId: null, email: null });
    // Results stay: the poll still counts the erased person's vote, without naming them.
    expect((await polls.views([poll.id]))[0].voters).toBe(1);
  });
});
