import { randomUUID } from 'node:crypto';
import {
  type ClientToServerEvents,
  LIVE_JOINS_PER_PERSON_MINUTE,
  type LiveAck,
} from '@app/contracts';
import {
  EventEntity,
  EventRoleEntity,
  findOrCreateAccount,
  TransactionRunner,
} from '@app/persistence';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { LIVE_RULES, type LiveRequestName } from '../../apps/live/src/protocol/requests.js';
import { hubEnvironment } from '../support/environment.js';
import { type Live, startLive } from '../support/hub-process.js';
import { connected, type LiveClient, liveClient } from '../support/live-client.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ORIGIN = 'http://hub.test:8080';

interface Items {
  sessionId: string;
  questionId: string;
  messageId: string;
  pollId: string;
  optionId: string;
}

/** A valid request of every event; a new event without one does not compile. */
const SAMPLES: {
  [E in LiveRequestName]: (items: Items) => Parameters<ClientToServerEvents[E]>[0];
} = {
  join: ({ sessionId }) => ({ sessionId }),
  leave: ({ sessionId }) => ({ sessionId }),
  'question:ask': ({ sessionId }) => ({ sessionId, body: 'Access?', clientId: randomUUID() }),
  'question:vote': ({ questionId }) => ({ questionId, up: true }),
  'question:moderate': ({ questionId }) => ({ questionId, action: 'pin' }),
  'room:settings': ({ sessionId }) => ({ sessionId, qaClosed: false }),
  'chat:send': ({ sessionId }) => ({ sessionId, body: 'hello', clientId: randomUUID() }),
  'chat:remove': ({ messageId }) => ({ messageId }),
  'poll:open': ({ sessionId }) => ({
    sessionId,
    question: 'Which?',
    kind: 'single',
    options: ['a', 'b'],
  }),
  'poll:vote': ({ pollId, optionId }) => ({ pollId, optionIds: [optionId] }),
  'poll:close': ({ pollId }) => ({ pollId }),
};

const GUARDED = (Object.keys(LIVE_RULES) as LiveRequestName[]).filter(
  (event) => LIVE_RULES[event] !== 'anyone',
);
const MODERATED = GUARDED.filter((event) => LIVE_RULES[event] === 'moderator');

/**
 * The socket's route table tried by everyone who must be refused: every event that needs a
 * participant or a moderator, sent by an anonymous viewer, by a signed-in socket outside the
 * room, and (for moderator events) by an attendee and by an organiser of another event.
 */
describe('live events: authorization from the rule table', () => {
  let hub: TestApp;
  let live: Live;
  let items: Items;
  const clients: LiveClient[] = [];
  const tokens: Record<string, string> = {};

  async function person(name: string, role?: { eventId: string; role: 'moderator' | 'organiser' }) {
    // Through the transaction queue, which takes SQLite's write lock first (see live-qa).
    const account = await hub.app
      .get(TransactionRunner)
      .run((m) => findOrCreateAccount(m, `${name}@live-access.example`, { name }));
    if (role) {
      await hub.dataSource
        .getRepository(EventRoleEntity)
        .insert({ accountId: account.id, ...role, grantedBy: null });
    }
    tokens[name] = (await hub.app.get(AuthService).issue(account.id, 'api', 'access')).secret;
  }

  async function socket(name?: string, join = true): Promise<LiveClient> {
    const client = liveClient(live.url, ORIGIN, name ? tokens[name] : undefined);
    clients.push(client);
    await connected(client);
    if (join) {
      const ack = await client.emitWithAck('join', { sessionId: items.sessionId });
      if (!ack.ok) throw new Error(ack.error.message);
    }
    return client;
  }

  function send(client: LiveClient, event: LiveRequestName): Promise<LiveAck> {
    const emit = client.emitWithAck.bind(client) as (
      event: LiveRequestName,
      payload: unknown,
    ) => Promise<LiveAck>;
    return emit(event, SAMPLES[event](items));
  }

  beforeAll(async () => {
    const env = await hubEnvironment({ PUBLIC_BASE_URL: ORIGIN });
    hub = await createTestApp({ env });
    const events = hub.dataSource.getRepository(EventEntity);
    const lab = await events.findOneByOrFail({ slug: 'icc-city-lab-2020' });
    const other = (await events.find()).find((event) => event.id !== lab.id)!;
    const sessions = (await hub.request(`/api/events/${lab.slug}/sessions`)).body as Array<{
      id: string;
      audience: string;
    }>;
    const sessionId = sessions.find((s) => s.audience === 'public')!.id;
    await person('moderator', { eventId: lab.id, role: 'moderator' });
    await person('attendee');
    await person('elsewhere', { eventId: other.id, role: 'organiser' });
    live = await startLive(env);
    items = { sessionId, questionId: '', messageId: '', pollId: '', optionId: '' };
    const moderator = await socket('moderator');
    const asked = await moderator.emitWithAck('question:ask', SAMPLES['question:ask'](items));
    const sent = await moderator.emitWithAck('chat:send', SAMPLES['chat:send'](items));
    const poll = await moderator.emitWithAck('poll:open', SAMPLES['poll:open'](items));
    if (!asked.ok || !sent.ok || !poll.ok) throw new Error('could not set up the room');
    items = {
      sessionId,
      questionId: asked.question.id,
      messageId: sent.message.id,
      pollId: poll.poll.id,
      optionId: poll.poll.options[0].id,
    };
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await live?.process.stop();
    await hub?.close();
  });

  it('covers two events of each guarded kind at least', () => {
    expect(GUARDED.length - MODERATED.length).toBeGreaterThanOrEqual(2);
    expect(MODERATED.length).toBeGreaterThanOrEqual(2);
  });

  it.each(GUARDED)('%s: refused to an anonymous viewer in the room', async (event) => {
    const ack = await send(await socket(), event);
    expect(ack).toMatchObject({ ok: false, error: { code: 'sign_in_required' } });
  });

  it.each(GUARDED)('%s: refused to a signed-in socket outside the room', async (event) => {
    const ack = await send(await socket('attendee', false), event);
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_joined' } });
  });

  it.each(MODERATED)(
    "%s: refused to an attendee and to another event's organiser",
    async (event) => {
      for (const name of ['attendee', 'elsewhere']) {
        const ack = await send(await socket(name), event);
        expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    },
  );

  it('refuses a signed-in person’s joins beyond the limit a minute, counted over all their sockets', async () => {
    await person('joiner');
    // Each socket's own flood allowance (a burst of LIVE_SOCKET_BURST) is not what stops them.
    const sockets = await Promise.all(Array.from({ length: 3 }, () => socket('joiner', false)));
    const acks: LiveAck[] = [];
    for (let i = 0; i < LIVE_JOINS_PER_PERSON_MINUTE; i++) {
      const client = sockets[Math.floor(i / (LIVE_JOINS_PER_PERSON_MINUTE / 2))];
      acks.push(await client.emitWithAck('join', { sessionId: items.sessionId }));
    }
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
    const refused = await sockets[2].emitWithAck('join', { sessionId: items.sessionId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // Control: someone else, and an anonymous viewer, still join.
    expect(
      await (await socket('attendee', false)).emitWithAck('join', { sessionId: items.sessionId }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await (await socket(undefined, false)).emitWithAck('join', { sessionId: items.sessionId }),
    ).toMatchObject({
      ok: true,
    });
  });

  it.each(MODERATED)("%s: allowed to the session's moderator", async (event) => {
    const ack = await send(await socket('moderator'), event);
    expect(ack).toMatchObject({ ok: true });
  });
});
