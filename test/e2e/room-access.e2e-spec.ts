import { jest } from '@jest/globals';
import type { ApiErrorBody, MyPollView, QuestionView } from '@app/contracts';
import { QuestionEntity, SessionEntity } from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { ChatService } from '../../apps/api/src/chat/chat.service.js';
import { RoomRules } from '../../apps/api/src/live-broadcast/room-rules.service.js';
import { PollsService } from '../../apps/api/src/polls/polls.service.js';
import { QuestionsService } from '../../apps/api/src/questions/questions.service.js';
import { PublishedScheduleService } from '../../apps/api/src/sessions/published-schedule.service.js';
import { SessionsService } from '../../apps/api/src/sessions/sessions.service.js';
import { RoomSnapshotService } from '../../apps/live/src/rooms/room-snapshot.service.js';
import { SessionAccessService } from '../../apps/live/src/rooms/session-access.service.js';
import { ANONYMOUS, httpPeople, type Person } from '../support/http-people.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A city, mayors' or invite-only session's live room is for the people who may join it (confirmed
 * registrants and the event's team), on every path: REST reads and writes, and the service calls
 * the live process makes for socket events. Before, REST only asked for a signed-in caller, so
 * anyone with an account could read and write the room the live process refused them.
 */
describe('who may read and write a closed session’s room', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp();
  });
  afterAll(() => hub.close());

  const { call, person, liveFixture, register, grant, eventWithStream, publish } = httpPeople(
    () => hub,
  );
  const refusal = (code: string): unknown => expect.objectContaining({ code });

  async function room() {
    const fixture = await liveFixture('closed', 'Closed lab', 'cities');
    const [member, outsider] = await Promise.all([person('member'), person('outsider')]);
    await register(fixture.sessionId, member);
    const poll = await hub.app.get(PollsService).open(fixture.moderator.id, {
      sessionId: fixture.sessionId,
      kind: 'single',
      question: 'Which theme?',
      options: ['Green', 'Digital'],
    });
    return { ...fixture, member, outsider, poll };
  }

  const ask = (who: Person, sessionId: string) =>
    call<QuestionView & ApiErrorBody>('POST', `/api/sessions/${sessionId}/questions`, who, {
      body: 'Who pays?',
      clientId: randomUUID(),
    });
  const reads = (sessionId: string) => [
    `/api/sessions/${sessionId}/questions`,
    `/api/sessions/${sessionId}/chat`,
    `/api/sessions/${sessionId}/polls`,
  ];

  it('lets registrants and the event’s team read; refuses others (403) and nobody (401)', async () => {
    const { sessionId, member, outsider, moderator } = await room();
    for (const path of reads(sessionId)) {
      expect([path, (await call('GET', path, ANONYMOUS)).status]).toEqual([path, 401]);
      expect([path, (await call('GET', path, outsider)).status]).toEqual([path, 403]);
      expect([path, (await call('GET', path, member)).status]).toEqual([path, 200]);
      expect([path, (await call('GET', path, moderator)).status]).toEqual([path, 200]);
    }
  });

  it('refuses an outsider’s question, vote, chat message and poll vote, and takes a member’s', async () => {
    const { sessionId, member, outsider, poll } = await room();

    const refused = await ask(outsider, sessionId);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/registered participants/);
    const asked = await ask(member, sessionId);
    expect(asked.status).toBe(201);

    const questionId = asked.body.id;
    expect((await call('POST', `/api/questions/${questionId}/vote`, outsider)).status).toBe(403);
    expect((await call('DELETE', `/api/questions/${questionId}/vote`, outsider)).status).toBe(403);
    const other = await person('other-member');
    await register(sessionId, other);
    expect((await call('POST', `/api/questions/${questionId}/vote`, other)).status).toBe(201);

    const chat = hub.app.get(ChatService);
    await expect(
      chat.send(outsider.id, { sessionId, body: 'Hello', clientId: randomUUID() }),
    ).rejects.toEqual(refusal('forbidden'));
    expect(
      (await chat.send(member.id, { sessionId, body: 'Hello', clientId: randomUUID() })).created,
    ).toBe(true);

    const polls = hub.app.get(PollsService);
    const choice = { pollId: poll.id, optionIds: [poll.options[0].id] };
    await expect(polls.vote(outsider.id, choice)).rejects.toEqual(refusal('forbidden'));
    const mine: MyPollView = await polls.vote(member.id, choice);
    expect(mine.myChoices).toEqual([poll.options[0].id]);

    // Nothing of the outsider's reached the room.
    const questions = await call<{ questions: QuestionView[] }>(
      'GET',
      `/api/sessions/${sessionId}/questions`,
      member,
    );
    expect(questions.body.questions.map((q) => q.id)).toEqual([questionId]);
    expect(questions.body.questions[0].voteCount).toBe(1);
  });

  it('is written in until the session ends; then read by all, and written only by its moderators', async () => {
    const { event, stream, tag } = await eventWithStream('ended', 'Ended lab');
    const hour = 3_600_000;
    const session = await hub.dataSource.getRepository(SessionEntity).save({
      eventId: event.id,
      streamId: stream.id,
      title: `Over ${tag}`,
      abstract: '',
      format: 'plenary',
      audience: 'public',
      language: 'en',
      status: 'scheduled',
      capacity: null,
      startsAt: new Date(Date.now() - 2 * hour),
      endsAt: new Date(Date.now() - 60_000),
    } as SessionEntity);
    await publish(event);
    const sessionId = session.id;
    const [attendee, moderator] = await Promise.all([person('late'), person('moderator')]);
    await grant(moderator.id, event.id, 'moderator');
    // Asked while it ran.
    const earlier = await hub.dataSource.getRepository(QuestionEntity).save({
      sessionId,
      authorAccountId: moderator.id,
      clientId: randomUUID(),
      body: 'Asked in time?',
      anonymous: false,
      status: 'visible',
    } as QuestionEntity);
    const poll = await hub.app.get(PollsService).open(moderator.id, {
      sessionId,
      kind: 'single',
      question: 'Useful?',
      options: ['Yes', 'No'],
    });

    const late = await ask(attendee, sessionId);
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/has ended/);
    expect((await call('POST', `/api/questions/${earlier.id}/vote`, attendee)).status).toBe(409);
    await expect(
      hub.app
        .get(ChatService)
        .send(attendee.id, { sessionId, body: 'Too late', clientId: randomUUID() }),
    ).rejects.toEqual(refusal('conflict'));
    await expect(
      hub.app
        .get(PollsService)
        .vote(attendee.id, { pollId: poll.id, optionIds: [poll.options[0].id] }),
    ).rejects.toEqual(refusal('conflict'));

    // Still there to read, for anyone (a public session).
    for (const path of reads(sessionId)) {
      expect([path, (await call('GET', path, ANONYMOUS)).status]).toEqual([path, 200]);
    }
    // Its moderators may still write in it (a question from the floor, for the record).
    expect((await ask(moderator, sessionId)).status).toBe(201);

    // Control: ahead of a session, the room takes questions.
    const { sessionId: upcoming } = await liveFixture('ahead', 'Ahead lab', 'public');
    expect((await ask(attendee, upcoming)).status).toBe(201);
  });

  it('checks a live join once: the snapshot is read with the admission, not checked again', async () => {
    const { sessionId, member, outsider, moderator, poll } = await room();
    expect((await ask(member, sessionId)).status).toBe(201);
    // The live process's services, over this app's: the same rules the gateway's join uses.
    const rules = hub.app.get(RoomRules);
    const access = new SessionAccessService(rules, hub.app.get(PublishedScheduleService));
    const snapshots = new RoomSnapshotService(
      rules,
      hub.app.get(QuestionsService),
      hub.app.get(ChatService),
      hub.app.get(PollsService),
    );
    const sessions = hub.app.get(SessionsService);
    const checks = jest.spyOn(sessions, 'seesJoinLink');
    const lookups = jest.spyOn(sessions, 'findReleased');
    try {
      const join = async (viewerId: string | null) => {
        checks.mockClear();
        lookups.mockClear();
        const admission = await access.admit(sessionId, viewerId);
        if ('refused' in admission) return { refused: admission.refused.code };
        const snapshot = await snapshots.snapshot(admission.admitted);
        return {
          snapshot,
          checks: checks.mock.calls.length,
          lookups: lookups.mock.calls.length,
        };
      };

      const joined = await join(member.id);
      expect(joined).toMatchObject({ checks: 1, lookups: 1 });
      expect(joined.snapshot?.moderator).toBe(false);
      expect(joined.snapshot?.questions.map((q) => q.body)).toEqual(['Who pays?']);
      expect(joined.snapshot?.polls.map((p) => p.id)).toEqual([poll.id]);

      const team = await join(moderator.id);
      expect(team).toMatchObject({ checks: 1, lookups: 1 });
      expect(team.snapshot?.moderator).toBe(true);

      expect(await join(outsider.id)).toEqual({ refused: 'forbidden' });
      expect(await join(null)).toEqual({ refused: 'sign_in_required' });
    } finally {
      checks.mockRestore();
      lookups.mockRestore();
    }
    expect(await access.admit(randomUUID(), member.id)).toEqual({ refused: refusal('not_found') });
  });

  it('control: a public session’s room is open to anyone to read and to anyone signed in to write', async () => {
    const { sessionId } = await liveFixture('open', 'Open lab', 'public');
    const passer = await person('passer-by');
    for (const path of reads(sessionId)) {
      expect([path, (await call('GET', path, ANONYMOUS)).status]).toEqual([path, 200]);
    }
    expect((await ask(passer, sessionId)).status).toBe(201);
  });
});
