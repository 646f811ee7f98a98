import { randomUUID } from 'node:crypto';
import type { ModerateRequest, QuestionView } from '@app/contracts';
import {
  DEMO_EVENT_SLUG,
  EventEntity,
  EventRoleEntity,
  findOrCreateAccount,
  QuestionEntity,
  TransactionRunner,
} from '@app/persistence';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { hubEnvironment } from '../support/environment.js';
import { type Live, startLive } from '../support/hub-process.js';
import {
  connected,
  type LiveClient,
  liveClient,
  nextEvent,
  record,
} from '../support/live-client.js';
import { openSessions } from '../support/open-sessions.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ORIGIN = 'http://hub.test:8080';

/**
 * Live Q&A over /live on two built live processes sharing Redis, with the api in this process
 * (its REST writes reach the rooms through the live stream too).
 */
describe('live Q&A over Socket.IO', () => {
  let hub: TestApp;
  let lives: [Live, Live];
  let sessionId: string;
  let eventId: string;
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];

  async function person(name: string, role?: 'moderator'): Promise<string> {
    // Through the transaction queue, which takes SQLite's write lock first: the live processes
    // write on connections of their own, and a read-then-write transaction they wrote under fails.
    const account = await hub.app
      .get(TransactionRunner)
      .run((manager) => findOrCreateAccount(manager, `${name}@live-qa.example`, { name }));
    if (role) {
      await hub.dataSource
        .getRepository(EventRoleEntity)
        .insert({ accountId: account.id, eventId, role, grantedBy: null });
    }
    const token = (await hub.app.get(AuthService).issue(account.id, 'api', 'live qa')).secret;
    tokens.set(name, token);
    return token;
  }

  async function joined(live: Live, name?: string): Promise<LiveClient> {
    const client = liveClient(live.url, ORIGIN, name ? tokens.get(name) : undefined);
    clients.push(client);
    await connected(client);
    const ack = await client.emitWithAck('join', { sessionId });
    if (!ack.ok) throw new Error(ack.error.message);
    return client;
  }

  async function ask(client: LiveClient, body: string, anonymous = false) {
    const ack = await client.emitWithAck('question:ask', {
      sessionId,
      body,
      anonymous,
      clientId: randomUUID(),
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.question;
  }

  async function setMode(moderator: LiveClient, qaMode: 'open' | 'pre-approved') {
    const ack = await moderator.emitWithAck('room:settings', { sessionId, qaMode });
    expect(ack).toMatchObject({ ok: true, settings: { qaMode } });
  }

  beforeAll(async () => {
    const env = await hubEnvironment({ PUBLIC_BASE_URL: ORIGIN });
    hub = await createTestApp({ env });
    // Sessions of the demo event that end hours from now: a room takes questions, votes and chat
    // until its session ends.
    sessionId = (await openSessions(hub)).find((s) => s.audience === 'public')!.id;
    eventId = (
      await hub.dataSource.getRepository(EventEntity).findOneByOrFail({ slug: DEMO_EVENT_SLUG })
    ).id;
    for (const name of ['ada', 'bea', 'cem', 'dan', 'eva']) await person(name);
    await person('mod', 'moderator');
    lives = await Promise.all([startLive(env), startLive(env)]);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all((lives ?? []).map((live) => live.process.stop()));
    await hub?.close();
  });

  it('sends a question asked on one process to the room on the other, anonymous to the room and named to moderators', async () => {
    const asker = await joined(lives[0], 'ada');
    const viewer = await joined(lives[1]);
    const moderator = await joined(lives[1], 'mod');
    const seen = nextEvent(viewer, 'question', (q) => q.body === 'How do cities share data?');
    const moderated = nextEvent(
      moderator,
      'question:moderator',
      (q) => q.body === 'How do cities share data?',
    );
    const asked = await ask(asker, '  How do cities share data?  ', true);
    expect(asked).toMatchObject({
      mine: true,
      anonymous: true,
      authorName: null,
      status: 'visible',
    });
    const inRoom = await seen;
    expect(inRoom).toMatchObject({ id: asked.id, authorName: null, anonymous: true });
    expect(inRoom).not.toHaveProperty('author');
    expect(inRoom).not.toHaveProperty('clientId');
    expect(await moderated).toMatchObject({ id: asked.id, author: { name: 'ada' } });
  });

  it('keeps pending questions to moderators until one approves, and removes dismissed ones from the room', async () => {
    const asker = await joined(lives[0], 'bea');
    const viewer = await joined(lives[1]);
    const moderator = await joined(lives[0], 'mod');
    await setMode(moderator, 'pre-approved');
    const roomQuestions = record(viewer, 'question');
    const pendingSeen = nextEvent(moderator, 'question:moderator', (q) => q.status === 'pending');
    const asked = await ask(asker, 'Is the open data portal GDPR-proof?');
    expect(asked.status).toBe('pending');
    expect((await pendingSeen).id).toBe(asked.id);

    // A late joiner's snapshot leaves it out too.
    const late = liveClient(lives[1].url, ORIGIN);
    clients.push(late);
    await connected(late);
    const snapshot = await late.emitWithAck('join', { sessionId });
    expect(snapshot.ok && snapshot.room.questions.map((q) => q.id)).not.toContain(asked.id);

    const approved = nextEvent(viewer, 'question', (q) => q.id === asked.id);
    const ack = await moderator.emitWithAck('question:moderate', {
      questionId: asked.id,
      action: 'approve',
    });
    expect(ack).toMatchObject({ ok: true, question: { status: 'visible' } });
    expect((await approved).status).toBe('visible');
    expect(roomQuestions.filter((q) => q.id === asked.id)).toHaveLength(1);

    const removed = nextEvent(viewer, 'question:removed', (r) => r.questionId === asked.id);
    await moderator.emitWithAck('question:moderate', { questionId: asked.id, action: 'dismiss' });
    expect(await removed).toEqual({ sessionId, questionId: asked.id });
    await setMode(moderator, 'open');
  });

  it('shows authors their own question awaiting moderation, and tells them when it is dismissed', async () => {
    const moderator = await joined(lives[0], 'mod');
    await setMode(moderator, 'pre-approved');
    const asker = await joined(lives[0], 'eva');
    const asked = await ask(asker, 'Mine, awaiting moderation?');
    const otherTab = liveClient(lives[1].url, ORIGIN, tokens.get('eva'));
    clients.push(otherTab);
    await connected(otherTab);
    const snapshot = await otherTab.emitWithAck('join', { sessionId });
    const mine = snapshot.ok ? snapshot.room.questions.find((q) => q.id === asked.id) : undefined;
    expect(mine).toMatchObject({ status: 'pending', mine: true });
    const stranger = liveClient(lives[1].url, ORIGIN, tokens.get('dan'));
    clients.push(stranger);
    await connected(stranger);
    const theirs = await stranger.emitWithAck('join', { sessionId });
    expect(theirs.ok && theirs.room.questions.map((q) => q.id)).not.toContain(asked.id);

    const told = nextEvent(otherTab, 'question:removed', (r) => r.questionId === asked.id);
    await moderator.emitWithAck('question:moderate', { questionId: asked.id, action: 'dismiss' });
    expect(await told).toEqual({ sessionId, questionId: asked.id });
    await setMode(moderator, 'open');
  });

  it('pins, answers and edits with history, and refuses moderation to others', async () => {
    const asker = await joined(lives[0], 'cem');
    const viewer = await joined(lives[1]);
    const moderator = await joined(lives[1], 'mod');
    const asked = await ask(asker, 'Wich cities lead on mobility?');
    expect(
      await asker.emitWithAck('question:moderate', { questionId: asked.id, action: 'pin' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const pinned = nextEvent(viewer, 'question', (q) => q.id === asked.id && q.pinned);
    await moderator.emitWithAck('question:moderate', { questionId: asked.id, action: 'pin' });
    await pinned;
    const edited = nextEvent(viewer, 'question', (q) => q.id === asked.id && q.edited);
    const edit = await moderator.emitWithAck('question:moderate', {
      questionId: asked.id,
      action: 'edit',
      body: 'Which cities lead on mobility?',
    });
    expect(edit.ok && edit.question.edits).toEqual([
      expect.objectContaining({
        before: 'Wich cities lead on mobility?',
        after: 'Which cities lead on mobility?',
      }),
    ]);
    expect((await edited).body).toBe('Which cities lead on mobility?');
    const answered = nextEvent(
      viewer,
      'question',
      (q) => q.id === asked.id && q.status === 'answered',
    );
    await moderator.emitWithAck('question:moderate', { questionId: asked.id, action: 'answer' });
    const done = await answered;
    expect(done.pinned).toBe(false);
    expect(typeof done.answeredAt).toBe('string');
    expect(
      await moderator.emitWithAck('question:moderate', { questionId: asked.id, action: 'edit' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('notes an answer: moderators see it at once, the room only once the question is answered', async () => {
    const asker = await joined(lives[0], 'dan');
    const viewer = await joined(lives[1]);
    const moderator = await joined(lives[0], 'mod');
    const asked = await ask(asker, 'Who funds the pilots?');
    expect(asked.answerNote).toBeNull();
    const roomSeen = record(viewer, 'question');
    const moderate = (request: Omit<ModerateRequest, 'questionId'>) =>
      moderator.emitWithAck('question:moderate', { questionId: asked.id, ...request });

    const modNoted = nextEvent(
      moderator,
      'question:moderator',
      (q) => q.id === asked.id && q.answerNote === 'EU and cities.',
    );
    expect(await moderate({ action: 'note', note: ' EU and cities.\u0000 ' })).toMatchObject({
      ok: true,
      question: { status: 'visible', answerNote: 'EU and cities.' },
    });
    await modNoted;
    expect(await moderate({ action: 'note', note: 'x'.repeat(2_001) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await moderate({ action: 'note' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await asker.emitWithAck('question:moderate', {
        questionId: asked.id,
        action: 'note',
        note: 'Mine',
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const answered = nextEvent(
      viewer,
      'question',
      (q) => q.id === asked.id && q.status === 'answered',
    );
    await moderate({ action: 'answer' });
    expect((await answered).answerNote).toBe('EU and cities.');
    const renoted = nextEvent(viewer, 'question', (q) => q.answerNote === 'EU, cities, banks.');
    await moderate({ action: 'note', note: 'EU, cities, banks.' });
    expect((await renoted).status).toBe('answered');
    // Before it was answered, the room never got the note.
    const early = roomSeen.filter((q) => q.id === asked.id && q.status !== 'answered');
    expect(early.every((q) => q.answerNote === null)).toBe(true);
  });

  it('stores a question once when a reconnecting client sends it again with its client id', async () => {
    const asker = await joined(lives[0], 'dan');
    const clientId = randomUUID();
    const request = { sessionId, body: 'Sent twice after a blip?', clientId };
    const first = await asker.emitWithAck('question:ask', request);
    asker.io.engine.close();
    await new Promise<void>((done) => asker.once('connect', () => done()));
    if (!asker.recovered) await asker.emitWithAck('join', { sessionId });
    const again = await asker.emitWithAck('question:ask', request);
    expect(first).toMatchObject({ ok: true, created: true });
    expect(again).toMatchObject({ ok: true, created: false });
    expect(again.ok && first.ok && again.question.id).toBe(first.ok && first.question.id);
    const stored = await hub.dataSource
      .getRepository(QuestionEntity)
      .countBy({ sessionId, clientId });
    expect(stored).toBe(1);
  });

  it('coalesces a burst of votes into a few score broadcasts with the final count', async () => {
    const voters: LiveClient[] = [];
    for (let i = 0; i < 30; i += 1) {
      const name = `voter${i}`;
      await person(name);
      voters.push(await joined(lives[i % 2], name));
    }
    const asked = await ask(await joined(lives[0], 'eva'), 'Vote for me?');
    const watcher = await joined(lives[1]);
    const scores = record(watcher, 'scores');
    const started = Date.now();
    const acks = await Promise.all(
      voters.map((voter) => voter.emitWithAck('question:vote', { questionId: asked.id, up: true })),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
    // The same votes again change nothing (one vote per person).
    await Promise.all(
      voters
        .slice(0, 5)
        .map((v) => v.emitWithAck('question:vote', { questionId: asked.id, up: true })),
    );
    const withdrawn = await voters[0].emitWithAck('question:vote', {
      questionId: asked.id,
      up: false,
    });
    expect(withdrawn).toMatchObject({ ok: true, vote: { voteCount: 29, votedByMe: false } });
    await new Promise((done) => setTimeout(done, 800));
    const mine = scores.filter((s) => s.scores.some((q) => q.questionId === asked.id));
    const last = mine.at(-1)?.scores.find((q) => q.questionId === asked.id);
    expect(last?.voteCount).toBe(29);
    // At most one broadcast per 250 ms window per process that took votes (two here).
    const seconds = (Date.now() - started) / 1000;
    expect(mine.length).toBeLessThanOrEqual(Math.ceil(seconds * 4 + 1) * 2);
    expect(mine.length).toBeLessThan(31);
  });

  it('refuses writes from anonymous viewers, from sockets outside the room and beyond the flood limit', async () => {
    const anonymous = await joined(lives[0]);
    expect(
      await anonymous.emitWithAck('question:ask', {
        sessionId,
        body: 'hi',
        clientId: randomUUID(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'sign_in_required' } });
    const outsider = liveClient(lives[0].url, ORIGIN, tokens.get('ada'));
    clients.push(outsider);
    await connected(outsider);
    expect(
      await outsider.emitWithAck('question:ask', { sessionId, body: 'hi', clientId: randomUUID() }),
    ).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    expect(
      await outsider.emitWithAck('question:vote', { questionId: 'nope', up: true }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const flood = await Promise.all(
      Array.from({ length: 60 }, () => outsider.emitWithAck('leave', { sessionId })),
    );
    const limited = flood.filter((ack) => !ack.ok && ack.error.code === 'rate_limited').length;
    // A burst of 30 (two of them spent just above), then about 10 a second.
    expect(limited).toBeGreaterThanOrEqual(25);
    expect(flood.length - limited).toBeGreaterThanOrEqual(25);
    expect(flood.length - limited).toBeLessThanOrEqual(32);
  });

  it('sends a question asked over REST to the room through the live stream', async () => {
    const viewer = await joined(lives[1]);
    const seen = nextEvent(viewer, 'question', (q) => q.body === 'Asked over REST');
    const response = await fetch(`${hub.baseUrl}/api/sessions/${sessionId}/questions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.get('bea')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ body: 'Asked over REST', clientId: randomUUID() }),
    });
    expect(response.status).toBe(201);
    const asked = (await response.json()) as QuestionView;
    expect((await seen).id).toBe(asked.id);
  });

  it('replays a question asked while a client was briefly away', async () => {
    const watcherRef: { client?: LiveClient } = {};
    const firstPresence = new Promise<void>((done) => {
      const client = liveClient(lives[0].url, ORIGIN);
      clients.push(client);
      client.once('presence', () => done());
      void connected(client).then(() => client.emitWithAck('join', { sessionId }));
      watcherRef.client = client;
    });
    // A client recovers from the offset of the last broadcast it got: wait for one first.
    await firstPresence;
    const watcher = watcherRef.client!;
    const asker = await joined(lives[1], 'ada');
    const reconnected = new Promise<void>((done) => watcher.once('connect', () => done()));
    const missed = nextEvent(watcher, 'question', (q) => q.body === 'Asked while you were away');
    watcher.io.engine.close();
    await ask(asker, 'Asked while you were away');
    await reconnected;
    expect(watcher.recovered).toBe(true);
    await expect(missed).resolves.toMatchObject({ body: 'Asked while you were away' });
  });
});
