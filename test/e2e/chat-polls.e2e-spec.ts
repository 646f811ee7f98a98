import type { ApiErrorBody, ChatMessageView, MyPollView, QuestionListView } from '@app/contracts';
import { AuditEntryEntity, ChatMessageEntity, PollVoteEntity } from '@app/persistence';
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ChatService } from '../../apps/api/src/chat/chat.service.js';
import { RoomBroadcaster } from '../../apps/api/src/live-broadcast/room-broadcaster.js';
import { PollsService } from '../../apps/api/src/polls/polls.service.js';
import { ANONYMOUS, httpPeople, type Person } from '../support/http-people.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** What a refused service call carries: the code the REST filter and the live process map. */
const refusal = (code: string): unknown => expect.objectContaining({ code });

describe('live room: chat and polls', () => {
  let hub: TestApp;
  let chat: ChatService;
  let polls: PollsService;

  beforeAll(async () => {
    hub = await createTestApp();
    chat = hub.app.get(ChatService);
    polls = hub.app.get(PollsService);
  });
  afterAll(() => hub.close());

  const { call, person, liveFixture, register } = httpPeople(() => hub);
  const fixture = (audience?: 'public' | 'cities') => liveFixture('live', 'Live lab', audience);

  const history = (who: Person, sessionId: string) =>
    call<ChatMessageView[] & ApiErrorBody>('GET', `/api/sessions/${sessionId}/chat`, who);
  const pollList = (who: Person, sessionId: string) =>
    call<MyPollView[] & ApiErrorBody>('GET', `/api/sessions/${sessionId}/polls`, who);
  const send = (who: Person, sessionId: string, body: string, clientId = randomUUID()) =>
    chat.send(who.id, { sessionId, body, clientId });

  describe('chat', () => {
    it('sends trimmed plain text and shows the history oldest first, to anyone for a public session', async () => {
      const { sessionId } = await fixture();
      const [alice, bob] = await Promise.all([person('alice'), person('bob')]);
      const first = await send(alice, sessionId, '  <b>Hello</b>\u0000 ');
      expect(first).toEqual({
        created: true,
        message: {
          id: expect.any(String) as unknown,
          sessionId,
          authorName: alice.name,
          body: '<b>Hello</b>',
          createdAt: expect.any(String) as unknown,
        },
      });
      await send(bob, sessionId, 'Second');
      await send(alice, sessionId, 'Third');
      const room = await history(ANONYMOUS, sessionId);
      expect(room.status).toBe(200);
      expect(room.body.map((m) => [m.authorName, m.body])).toEqual([
        [alice.name, '<b>Hello</b>'],
        [bob.name, 'Second'],
        [alice.name, 'Third'],
      ]);
      const serialised = JSON.stringify(room.body);
      expect(serialised).not.toContain(alice.id);
      expect(serialised).not.toContain('@city.example');
      expect((await chat.history(sessionId, null, 2)).map((m) => m.body)).toEqual([
        'Second',
        'Third',
      ]);
    });

    it('refuses empty and overlong messages, unknown sessions, and readers a closed session is not for', async () => {
      const { sessionId } = await fixture();
      const alice = await person('alice');
      await expect(send(alice, sessionId, ' \u0007 ')).rejects.toEqual(refusal('invalid_input'));
      await expect(send(alice, sessionId, 'x'.repeat(501))).rejects.toEqual(
        refusal('invalid_input'),
      );
      expect((await send(alice, sessionId, 'x'.repeat(500))).created).toBe(true);
      await expect(send(alice, randomUUID(), 'Hi')).rejects.toEqual(refusal('not_found'));
      expect((await history(ANONYMOUS, randomUUID())).status).toBe(404);
      expect((await history(ANONYMOUS, 'not-a-uuid')).status).toBe(400);

      const closed = await fixture('cities');
      expect((await history(ANONYMOUS, closed.sessionId)).status).toBe(401);
      expect((await history(alice, closed.sessionId)).status).toBe(403);
      await register(closed.sessionId, alice);
      expect((await history(alice, closed.sessionId)).status).toBe(200);
    });

    it('stores a message once per clientId, also when sent concurrently', async () => {
      const { sessionId } = await fixture();
      const alice = await person('alice');
      const id = randomUUID();
      const once = await send(alice, sessionId, 'Once', id);
      const again = await send(alice, sessionId, 'Once', id);
      expect([once.created, again.created]).toEqual([true, false]);
      expect(again.message).toEqual(once.message);

      const racing = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => send(alice, sessionId, 'Race', racing)),
      );
      expect(answers.filter((a) => a.created)).toHaveLength(1);
      expect(new Set(answers.map((a) => a.message.id)).size).toBe(1);
      expect(
        await hub.dataSource
          .getRepository(ChatMessageEntity)
          .countBy({ sessionId, authorAccountId: alice.id }),
      ).toBe(2);
    });

    it('refuses every repeat of a message the chat limit refused, never returning it', async () => {
      const { sessionId } = await fixture();
      const carol = await person('carol');
      for (let i = 0; i < 10; i += 1) await send(carol, sessionId, `M${i}`);
      for (let round = 0; round < 8; round += 1) {
        const racing = randomUUID();
        const outcomes = await Promise.all(
          Array.from({ length: 6 }, () =>
            send(carol, sessionId, 'One more', racing).then(
              () => 'sent',
              (e: { code: string }) => e.code,
            ),
          ),
        );
        expect(outcomes).toEqual(Array.from({ length: 6 }, () => 'rate_limited'));
      }
      expect(await chat.history(sessionId, null)).toHaveLength(10);
    });

    it('limits how many messages one person sends in 30 seconds', async () => {
      const { sessionId } = await fixture();
      const alice = await person('alice');
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        outcomes.push(
          await send(alice, sessionId, `M${i}`).then(
            () => 'sent',
            (e: { code: string }) => e.code,
          ),
        );
      }
      expect(outcomes).toEqual([...Array<string>(10).fill('sent'), 'rate_limited', 'rate_limited']);
      expect((await chat.history(sessionId, null)).map((m) => m.body)).toHaveLength(10);
      expect((await send(await person('bob'), sessionId, 'Mine')).created).toBe(true);
    });

    it('turns chat off and on (moderators, audited, room told), refusing messages while off', async () => {
      const { sessionId, moderator, organiser } = await fixture();
      const alice = await person('alice');
      const broadcaster = hub.app.get(RoomBroadcaster);
      const sent: unknown[][] = [];
      const toRoom = jest.spyOn(broadcaster, 'toRoom').mockImplementation((...args: unknown[]) => {
        sent.push(args);
      });
      try {
        const id = randomUUID();
        const before = await send(alice, sessionId, 'Before', id);
        const off = await chat.setChatEnabled(moderator.id, sessionId, false);
        expect(off).toEqual({ sessionId, qaMode: 'open', qaClosed: false, chatEnabled: false });
        await expect(send(alice, sessionId, 'While off')).rejects.toEqual(refusal('conflict'));
        // A client repeating an earlier message still gets it back.
        expect((await send(alice, sessionId, 'Before', id)).message.id).toBe(before.message.id);
        expect((await history(ANONYMOUS, sessionId)).body).toEqual([]);
        expect((await chat.roomSettings(sessionId)).chatEnabled).toBe(false);
        const on = await chat.setChatEnabled(organiser.id, sessionId, true);
        expect(on.chatEnabled).toBe(true);
        expect((await send(alice, sessionId, 'After')).created).toBe(true);
        expect((await history(ANONYMOUS, sessionId)).body.map((m) => m.body)).toEqual([
          'Before',
          'After',
        ]);
        expect(sent.map(([, event]) => event)).toEqual(['chat', 'settings', 'settings', 'chat']);
        expect(sent[1]).toEqual([sessionId, 'settings', off]);
      } finally {
        toRoom.mockRestore();
      }
      const audit = await hub.dataSource
        .getRepository(AuditEntryEntity)
        .findBy({ action: 'chat.settings-changed' });
      expect(
        audit
          .filter((a) => (a.details as { sessionId?: string }).sessionId === sessionId)
          .map((a) => [a.actorId, (a.details as { chatEnabled: boolean }).chatEnabled])
          .sort(),
      ).toEqual(
        [
          [moderator.id, false],
          [organiser.id, true],
        ].sort(),
      );
    });

    it('lets only moderators of the event remove messages and turn chat off', async () => {
      const { sessionId, moderator } = await fixture();
      const other = await fixture();
      const alice = await person('alice');
      const { message } = await send(alice, sessionId, 'Remove me');
      await send(alice, sessionId, 'Keep me');
      for (const who of [alice, other.organiser, other.moderator]) {
        await expect(chat.remove(who.id, message.id)).rejects.toEqual(refusal('forbidden'));
        await expect(chat.setChatEnabled(who.id, sessionId, false)).rejects.toEqual(
          refusal('forbidden'),
        );
      }
      await expect(chat.remove(moderator.id, randomUUID())).rejects.toEqual(refusal('not_found'));
      await chat.remove(moderator.id, message.id);
      await chat.remove(moderator.id, message.id);
      expect((await history(ANONYMOUS, sessionId)).body.map((m) => m.body)).toEqual(['Keep me']);
      const row = await hub.dataSource
        .getRepository(ChatMessageEntity)
        .findOneByOrFail({ id: message.id });
      expect(row.removedAt).not.toBeNull();
    });
  });

  describe('polls', () => {
    const open = (who: Person, sessionId: string, kind: 'single' | 'multiple', options: string[]) =>
      polls.open(who.id, { sessionId, question: 'Which mode?', kind, options });

    it('opens polls (moderators only) with validated question and options', async () => {
      const { sessionId, moderator, organiser } = await fixture();
      const other = await fixture();
      const alice = await person('alice');
      const poll = await polls.open(moderator.id, {
        sessionId,
        question: '  Best <i>mode</i>? ',
        kind: 'single',
        options: [' Bike ', 'Tram', 'Walk'],
      });
      expect(poll).toMatchObject({
        sessionId,
        question: 'Best <i>mode</i>?',
        kind: 'single',
        status: 'open',
        voters: 0,
        closedAt: null,
        myChoices: [],
      });
      expect(poll.options.map((o) => [o.label, o.votes])).toEqual([
        ['Bike', 0],
        ['Tram', 0],
        ['Walk', 0],
      ]);
      expect((await open(organiser, sessionId, 'multiple', ['A', 'B'])).kind).toBe('multiple');
      for (const who of [alice, other.organiser, other.moderator]) {
        await expect(open(who, sessionId, 'single', ['A', 'B'])).rejects.toEqual(
          refusal('forbidden'),
        );
      }
      for (const options of [['A'], Array.from({ length: 11 }, (_, i) => `${i}`), ['A', ' a ']]) {
        await expect(open(moderator, sessionId, 'single', options)).rejects.toEqual(
          refusal('invalid_input'),
        );
      }
      await expect(
        polls.open(moderator.id, { sessionId, question: ' ', kind: 'single', options: ['A', 'B'] }),
      ).rejects.toEqual(refusal('invalid_input'));
      await expect(open(moderator, randomUUID(), 'single', ['A', 'B'])).rejects.toEqual(
        refusal('not_found'),
      );
    });

    it('takes one choice in a single-choice poll and several in a multiple-choice poll, replacing earlier ones', async () => {
      const { sessionId, moderator } = await fixture();
      const alice = await person('alice');
      const single = await open(moderator, sessionId, 'single', ['A', 'B', 'C']);
      const [a, b, c] = single.options.map((o) => o.id);
      const first = await polls.vote(alice.id, { pollId: single.id, optionIds: [a] });
      expect(first.myChoices).toEqual([a]);
      const changed = await polls.vote(alice.id, { pollId: single.id, optionIds: [b] });
      expect(changed.myChoices).toEqual([b]);
      expect(changed.options.map((o) => o.votes)).toEqual([0, 1, 0]);
      expect(changed.voters).toBe(1);
      await expect(polls.vote(alice.id, { pollId: single.id, optionIds: [a, b] })).rejects.toEqual(
        refusal('invalid_input'),
      );
      await expect(polls.vote(alice.id, { pollId: single.id, optionIds: [] })).rejects.toEqual(
        refusal('invalid_input'),
      );

      const multiple = await open(moderator, sessionId, 'multiple', ['X', 'Y', 'Z']);
      const [x, y, z] = multiple.options.map((o) => o.id);
      await expect(
        polls.vote(alice.id, { pollId: multiple.id, optionIds: [x, x] }),
      ).rejects.toEqual(refusal('invalid_input'));
      // An option of another poll is not an option of this one.
      await expect(polls.vote(alice.id, { pollId: multiple.id, optionIds: [c] })).rejects.toEqual(
        refusal('invalid_input'),
      );
      await expect(polls.vote(alice.id, { pollId: randomUUID(), optionIds: [x] })).rejects.toEqual(
        refusal('not_found'),
      );
      const both = await polls.vote(alice.id, { pollId: multiple.id, optionIds: [z, x] });
      expect(both.myChoices).toEqual([x, z]);
      expect(both.options.map((o) => o.votes)).toEqual([1, 0, 1]);
      const fewer = await polls.vote(alice.id, { pollId: multiple.id, optionIds: [y] });
      expect(fewer.options.map((o) => o.votes)).toEqual([0, 1, 0]);
      expect(fewer.voters).toBe(1);
    });

    it('counts 50 concurrent voters exactly, and one person racing themselves once', async () => {
      const { sessionId, moderator } = await fixture();
      const single = await open(moderator, sessionId, 'single', ['A', 'B', 'C']);
      const multiple = await open(moderator, sessionId, 'multiple', ['X', 'Y', 'Z']);
      const voters = await Promise.all(Array.from({ length: 50 }, (_, i) => person(`voter${i}`)));
      await Promise.all(
        voters.flatMap((v, i) => [
          polls.vote(v.id, { pollId: single.id, optionIds: [single.options[i % 3].id] }),
          polls.vote(v.id, {
            pollId: multiple.id,
            optionIds:
              i % 2 ? [multiple.options[0].id, multiple.options[1].id] : [multiple.options[2].id],
          }),
        ]),
      );
      const [counted, countedMultiple] = await polls.views([single.id, multiple.id]);
      expect(counted.options.map((o) => o.votes)).toEqual([17, 17, 16]);
      expect(counted.voters).toBe(50);
      expect(countedMultiple.options.map((o) => o.votes)).toEqual([25, 25, 25]);
      expect(countedMultiple.voters).toBe(50);
      expect(counted).not.toHaveProperty('myChoices');

      // One person sending ten different choices at once ends with exactly one of them.
      const racer = voters[0];
      const racing = await open(moderator, sessionId, 'single', ['0', '1', '2', '3', '4', '5']);
      await Promise.all(
        racing.options.map((o) => polls.vote(racer.id, { pollId: racing.id, optionIds: [o.id] })),
      );
      expect(
        await hub.dataSource
          .getRepository(PollVoteEntity)
          .countBy({ pollId: racing.id, accountId: racer.id }),
      ).toBe(1);
      const [after] = await polls.views([racing.id]);
      expect(after.voters).toBe(1);
      expect(after.options.reduce((sum, o) => sum + o.votes, 0)).toBe(1);
    });

    it('control: replacing a choice without the per-person guard leaves several choices', async () => {
      const { sessionId, moderator } = await fixture();
      const racer = await person('racer');
      const poll = await open(moderator, sessionId, 'single', ['0', '1', '2', '3', '4']);
      const postgres = hub.dataSource.options.type === 'postgres';
      // The interleaving the guard rules out: every request deletes before any inserts.
      let arrived = 0;
      let release: () => void = () => undefined;
      const allDeleted = new Promise<void>((resolve) => (release = resolve));
      const naiveVote = (optionId: string) => async (manager: EntityManager) => {
        const repo = manager.getRepository(PollVoteEntity);
        await repo.delete({ pollId: poll.id, accountId: racer.id });
        arrived += 1;
        if (arrived === poll.options.length) release();
        await allDeleted;
        await repo.insert({
          pollId: poll.id,
          optionId,
          accountId: racer.id,
          createdAt: new Date(),
        });
      };
      await Promise.all(
        poll.options.map((o) =>
          postgres
            ? hub.dataSource.transaction(naiveVote(o.id))
            : naiveVote(o.id)(hub.dataSource.manager),
        ),
      );
      const [view] = await polls.views([poll.id]);
      expect(view.options.reduce((sum, o) => sum + o.votes, 0)).toBeGreaterThan(1);
    });

    it('closes polls (moderators only): votes are then refused and results stay', async () => {
      const { sessionId, moderator } = await fixture();
      const other = await fixture();
      const alice = await person('alice');
      const poll = await open(moderator, sessionId, 'single', ['A', 'B']);
      await polls.vote(alice.id, { pollId: poll.id, optionIds: [poll.options[1].id] });
      for (const who of [alice, other.organiser, other.moderator]) {
        await expect(polls.close(who.id, poll.id)).rejects.toEqual(refusal('forbidden'));
      }
      const closed = await polls.close(moderator.id, poll.id);
      expect(closed).toMatchObject({ status: 'closed', voters: 1, myChoices: [] });
      expect(closed.closedAt).not.toBeNull();
      expect((await polls.close(moderator.id, poll.id)).closedAt).toBe(closed.closedAt);
      await expect(
        polls.vote(alice.id, { pollId: poll.id, optionIds: [poll.options[0].id] }),
      ).rejects.toEqual(refusal('conflict'));
      const mine = await pollList(alice, sessionId);
      expect(mine.body[0]).toMatchObject({ status: 'closed', myChoices: [poll.options[1].id] });
    });

    it('lists polls newest first with the viewer’s choices; a closed session’s only to the people it is for', async () => {
      const { sessionId, moderator } = await fixture();
      const alice = await person('alice');
      const older = await open(moderator, sessionId, 'single', ['A', 'B']);
      const newer = await open(moderator, sessionId, 'multiple', ['C', 'D']);
      await polls.vote(alice.id, { pollId: newer.id, optionIds: [newer.options[1].id] });
      const room = await pollList(ANONYMOUS, sessionId);
      expect(room.status).toBe(200);
      expect(room.body.map((p) => p.id)).toEqual([newer.id, older.id]);
      expect(room.body.map((p) => p.myChoices)).toEqual([[], []]);
      expect(JSON.stringify(room.body)).not.toContain(alice.id);
      const mine = await pollList(alice, sessionId);
      expect(mine.body.map((p) => p.myChoices)).toEqual([[newer.options[1].id], []]);
      expect((await pollList(ANONYMOUS, randomUUID())).status).toBe(404);

      const closed = await fixture('cities');
      expect((await pollList(ANONYMOUS, closed.sessionId)).status).toBe(401);
      expect((await pollList(alice, closed.sessionId)).status).toBe(403);
      await register(closed.sessionId, alice);
      expect((await pollList(alice, closed.sessionId)).status).toBe(200);
    });
  });

  it('shows an erased person’s questions as anonymous and their chat as a former participant', async () => {
    const { sessionId, moderator } = await fixture();
    const leaving = await person('leaving');
    const asked = await call<{ id: string }>(
      'POST',
      `/api/sessions/${sessionId}/questions`,
      leaving,
      {
        body: 'Who pays?',
        clientId: randomUUID(),
      },
    );
    expect(asked.status).toBe(201);
    await send(leaving, sessionId, 'Bye all');
    expect((await call('DELETE', '/api/me', leaving)).status).toBe(204);

    const room = await call<QuestionListView>(
      'GET',
      `/api/sessions/${sessionId}/questions`,
      ANONYMOUS,
    );
    expect(room.body.questions).toEqual([
      expect.objectContaining({ id: asked.body.id, anonymous: true, authorName: null }),
    ]);
    const exported = await call<
      Array<{ id: string; anonymous: boolean; authorName: string | null; author: { name: string } }>
    >('GET', `/api/sessions/${sessionId}/questions/export?format=json`, moderator);
    expect(exported.body).toEqual([
      expect.objectContaining({
        anonymous: true,
        authorName: null,
        author: { accountId: leaving.id, name: '' },
      }),
    ]);
    expect(exported.text).not.toContain(leaving.name);
    const messages = (await history(ANONYMOUS, sessionId)).body;
    expect(messages.map((m) => [m.authorName, m.body])).toEqual([
      ['Former participant', 'Bye all'],
    ]);
  });
});
