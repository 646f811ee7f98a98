import {
  AccountEntity,
  CityEntity,
  DEMO_EVENT_SLUG,
  EventEntity,
  EventRoleEntity,
  findOrCreateAccount,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { PrivacyService } from '../../apps/api/src/me/privacy.service.js';
import { RegistrationsService } from '../../apps/api/src/registrations/registrations.service.js';
import { RolesService } from '../../apps/api/src/roles/roles.service.js';
import { ScheduleService } from '../../apps/api/src/schedule/schedule.service.js';
import { hubEnvironment } from '../support/environment.js';
import { httpPeople } from '../support/http-people.js';
import { type Live, startLive } from '../support/hub-process.js';
import { connected, type LiveClient, liveClient, record } from '../support/live-client.js';
import { openSessions } from '../support/open-sessions.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ORIGIN = 'http://hub.test:8080';

interface Signed {
  accountId: string;
  credentialId: string;
  token: string;
}

/**
 * A live connection is identified once, in its handshake, and keeps that identity across
 * reconnects within the recovery window. So what takes rights away in the api reaches the live
 * process too: a revoked sign-in or token ends the connections opened with it, an erased account
 * ends all of its connections, and a revoked moderator role takes the person's sockets out of the
 * moderators' rooms. The api (this test's app) and the built live process share one Redis.
 */
describe('live connections when rights are taken away', () => {
  let hub: TestApp;
  let live: Live;
  let lab: EventEntity;
  let sessionId: string;
  const clients: LiveClient[] = [];

  async function account(name: string): Promise<string> {
    const made = await hub.app
      .get(TransactionRunner)
      .run((m) =>
        findOrCreateAccount(m, `${name}-${randomUUID().slice(0, 6)}@revoke.example`, { name }),
      );
    return made.id;
  }

  async function signIn(accountId: string): Promise<Signed> {
    const { session, secret } = await hub.app.get(AuthService).issue(accountId, 'api', 'live');
    return { accountId, credentialId: session.id, token: secret };
  }

  async function socket(who: Signed | null): Promise<LiveClient> {
    const client = liveClient(live.url, ORIGIN, who?.token);
    clients.push(client);
    await connected(client);
    const ack = await client.emitWithAck('join', { sessionId });
    if (!ack.ok) throw new Error(ack.error.message);
    return client;
  }

  function disconnected(client: LiveClient, timeoutMs = 5_000): Promise<string> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error('still connected')), timeoutMs);
      client.once('disconnect', (reason) => {
        clearTimeout(timer);
        done(reason);
      });
    });
  }

  async function until(done: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * A socket of the person in a room, ended by `takeAway` (not a recoverable close), then
   * connected again as the web client does: it is in no room and has to join again.
   */
  async function droppedFromRoom(
    accountId: string,
    roomId: string,
    takeAway: () => Promise<unknown>,
  ): Promise<LiveClient> {
    const client = liveClient(live.url, ORIGIN, (await signIn(accountId)).token);
    clients.push(client);
    await connected(client);
    expect(await client.emitWithAck('join', { sessionId: roomId })).toMatchObject({ ok: true });
    const gone = disconnected(client);
    await takeAway();
    expect(await gone).toBe('io server disconnect');
    client.connect();
    await connected(client);
    return client;
  }

  const ask = (client: LiveClient, anonymous = false) =>
    client.emitWithAck('question:ask', {
      sessionId,
      body: `Question ${randomUUID().slice(0, 6)}?`,
      clientId: randomUUID(),
      anonymous,
    });

  beforeAll(async () => {
    const env = await hubEnvironment({ PUBLIC_BASE_URL: ORIGIN });
    hub = await createTestApp({ env });
    lab = await hub.dataSource
      .getRepository(EventEntity)
      .findOneByOrFail({ slug: DEMO_EVENT_SLUG });
    // Sessions of the demo event that end hours from now: a room takes questions, votes and chat
    // until its session ends.
    sessionId = (await openSessions(hub)).find((s) => s.audience === 'public')!.id;
    live = await startLive(env);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await live?.process.stop();
    await hub?.close();
  });

  it('ends the connections opened with a revoked token, not those of the same person’s other sign-in', async () => {
    const person = await account('reviewer');
    const [revoked, kept] = await Promise.all([signIn(person), signIn(person)]);
    const [ended, other] = await Promise.all([socket(revoked), socket(kept)]);
    expect(await ask(ended)).toMatchObject({ ok: true });

    const gone = disconnected(ended);
    expect(await hub.app.get(AuthService).revoke(person, revoked.credentialId)).toBe(true);
    expect(await gone).toBe('io server disconnect');

    // Connecting again, it is who its credentials make it now: nobody.
    ended.connect();
    await connected(ended);
    expect(await ended.emitWithAck('join', { sessionId })).toMatchObject({ ok: true });
    expect(await ask(ended)).toMatchObject({ ok: false, error: { code: 'sign_in_required' } });

    // Control: the other sign-in's socket stayed, and still asks as the person.
    expect(other.connected).toBe(true);
    expect(await ask(other)).toMatchObject({ ok: true });
  });

  it('ends every connection of an erased account, and nobody else’s', async () => {
    const erased = await account('leaving');
    const stays = await account('staying');
    const sockets = await Promise.all([socket(await signIn(erased)), socket(await signIn(erased))]);
    const bystander = await socket(await signIn(stays));
    const gone = Promise.all(sockets.map((s) => disconnected(s)));
    await hub.app.get(PrivacyService).erase(erased);
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
    expect(bystander.connected).toBe(true);
    expect(await ask(bystander)).toMatchObject({ ok: true });
  });

  async function grantRole(accountId: string, role: 'moderator' | 'rapporteur'): Promise<string> {
    const roles = hub.dataSource.getRepository(EventRoleEntity);
    await roles.insert({ accountId, eventId: lab.id, role, grantedBy: null });
    return (await roles.findOneByOrFail({ accountId, eventId: lab.id, role })).id;
  }

  it('ends a revoked moderator’s connections; joining again, they get the room without its moderators’ view', async () => {
    const moderatorId = await account('moderator');
    const organiserId = await account('organiser');
    const roleId = await grantRole(moderatorId, 'moderator');
    const moderator = await socket(await signIn(moderatorId));
    const asker = await socket(await signIn(await account('asker')));
    const seen = record(moderator, 'question:moderator');
    const publicSeen = record(moderator, 'question');

    const first = await ask(asker, true);
    if (!first.ok) throw new Error('not asked');
    // Recorded from before the question was asked: the update can arrive before the asker's ack.
    await until(() => seen.some((q) => q.id === first.question.id), 'the moderators’ update');

    const gone = disconnected(moderator);
    await hub.app.get(RolesService).revoke(organiserId, lab.slug, roleId);
    expect(await gone).toBe('io server disconnect');
    moderator.connect();
    await connected(moderator);
    const rejoined = await moderator.emitWithAck('join', { sessionId });
    expect(rejoined).toMatchObject({ ok: true, room: { moderator: false } });

    const second = await ask(asker, true);
    if (!second.ok) throw new Error('not asked');
    // In the room (the public update arrives), no longer among its moderators.
    await until(() => publicSeen.some((q) => q.id === second.question.id), 'the room’s update');
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.map((q) => q.id)).toEqual([first.question.id]);
    // Control: the asker, whose rights did not change, was never disconnected.
    expect(asker.connected).toBe(true);
  });

  it('lets someone whose team role was revoked back into a city session’s room no more', async () => {
    const cities = (await openSessions(hub)).find((s) => s.audience === 'cities');
    if (!cities) throw new Error('the demo has no city session ending hours from now');
    const rapporteurId = await account('rapporteur');
    const roleId = await grantRole(rapporteurId, 'rapporteur');
    const client = await droppedFromRoom(rapporteurId, cities.id, async () =>
      hub.app.get(RolesService).revoke(await account('organiser'), lab.slug, roleId),
    );
    expect(await client.emitWithAck('join', { sessionId: cities.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('ends the connections in a room a new release closes to the public, and lets in only its people', async () => {
    // A public session, published, with an organiser and a moderator of its event.
    const fixture = await httpPeople(() => hub).liveFixture('closing', 'Closing lab');
    const schedule = hub.app.get(ScheduleService);
    // The fixture has no days: its one hard conflict is overridden.
    const overrideReason = 'A fixture without days';

    const room = { sessionId: fixture.sessionId };
    const viewer = liveClient(live.url, ORIGIN);
    const team = liveClient(live.url, ORIGIN, (await signIn(fixture.moderator.id)).token);
    clients.push(viewer, team);
    await Promise.all([connected(viewer), connected(team)]);
    expect(await viewer.emitWithAck('join', room)).toMatchObject({ ok: true });
    expect(await team.emitWithAck('join', room)).toMatchObject({ ok: true });

    await hub.dataSource
      .getRepository(SessionEntity)
      .update({ id: fixture.sessionId }, { audience: 'cities' });
    const [viewerGone, teamGone] = [disconnected(viewer), disconnected(team)];
    await schedule.publish(fixture.event.slug, fixture.organiser.id, {
      name: 'For the cities',
      overrideReason,
    });
    expect(await viewerGone).toBe('io server disconnect');
    expect(await teamGone).toBe('io server disconnect');

    viewer.connect();
    team.connect();
    await Promise.all([connected(viewer), connected(team)]);
    expect(await viewer.emitWithAck('join', room)).toMatchObject({
      ok: false,
      error: { code: 'sign_in_required' },
    });
    expect(await team.emitWithAck('join', room)).toMatchObject({ ok: true });
  });

  it('lets someone who cancelled their seat in a city session back into its room no more', async () => {
    const cities = (await openSessions(hub)).find((s) => s.audience === 'cities');
    if (!cities) throw new Error('the demo has no city session ending hours from now');
    const city = await hub.dataSource.getRepository(CityEntity).findOneByOrFail({});
    const delegateId = await account('delegate');
    await hub.dataSource.getRepository(AccountEntity).update(delegateId, { cityId: city.id });
    const delegate = await hub.dataSource
      .getRepository(AccountEntity)
      .findOneByOrFail({ id: delegateId });
    const registrations = hub.app.get(RegistrationsService);
    const { result } = await registrations.register(
      {
        id: delegate.id,
        email: delegate.email,
        name: delegate.name,
        locale: delegate.locale,
        timeZone: delegate.timeZone,
        cityId: delegate.cityId,
      },
      cities.id,
    );
    expect(result.status).toBe('confirmed');
    const client = await droppedFromRoom(delegateId, cities.id, () =>
      registrations.cancel(delegateId, cities.id),
    );
    expect(await client.emitWithAck('join', { sessionId: cities.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Control: the public room still lets them in.
    expect(await client.emitWithAck('join', { sessionId })).toMatchObject({ ok: true });
  });
});
