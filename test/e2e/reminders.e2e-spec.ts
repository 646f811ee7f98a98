import type { RegistrationResult } from '@app/contracts';
import {
  EventEntity,
  findOrCreateAccount,
  grantRole,
  OutgoingMailEntity,
  RegistrationEntity,
  SessionEntity,
  StreamEntity,
  TransactionRunner,
} from '@app/persistence';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { UncomposableMailError } from '../../apps/worker/src/mail/composed-mail.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { mailComposerFor, reminderComposerFor } from '../support/mail-composer.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Person {
  id: string;
  email: string;
  headers: Record<string, string>;
}

/** With the default REMINDER_OFFSETS (1d,1h). */
describe('session reminders: queued with a seat, taken back with it, moved with the session', () => {
  let hub: TestApp;
  let organiser: Person;

  beforeAll(async () => {
    hub = await createTestApp();
    organiser = await person('organiser');
    await transactions().run((m) =>
      grantRole(m, { actorId: null, accountId: organiser.id, eventId: null, role: 'organiser' }),
    );
  });
  afterAll(() => hub.close());

  const transactions = () => hub.app.get(TransactionRunner);
  const mails = () => hub.dataSource.getRepository(OutgoingMailEntity);
  const sessions = () => hub.dataSource.getRepository(SessionEntity);

  async function call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    who: Person,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${hub.baseUrl}${path}`, {
      method,
      headers:
        body === undefined ? who.headers : { ...who.headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async function person(label: string, locale = 'en'): Promise<Person> {
    const email = `${label}-${randomUUID().slice(0, 8)}@city.example`;
    const account = await transactions().run((m) =>
      findOrCreateAccount(m, email, { name: label, locale }),
    );
    const { secret } = await hub.app.get(AuthService).issue(account.id, 'api', 'test');
    return { id: account.id, email, headers: { authorization: `Bearer ${secret}` } };
  }

  /** An event of its own with one session per start (ms from now), published as release 1. */
  async function fixture(startsIn: number[], capacity: number | null = null) {
    const tag = randomUUID().slice(0, 8);
    // Whole seconds: the release keeps ISO times, the reminder key carries them.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const day = (ms: number) => new Date(now + ms).toISOString().slice(0, 10);
    const event = await hub.dataSource.getRepository(EventEntity).save({
      slug: `reminders-${tag}`,
      kind: 'city-lab',
      title: `Reminder lab ${tag}`,
      summary: '',
      timeZone: 'Europe/Brussels',
      startDate: day(-2 * DAY),
      endDate: day(10 * DAY),
      venue: null,
      isDemo: false,
    } as EventEntity);
    const stream = await hub.dataSource.getRepository(StreamEntity).save({
      eventId: event.id,
      name: 'Plenary',
      virtualUrl: 'https://meet.example/plenary',
      position: 0,
    } as StreamEntity);
    const rows = await sessions().save(
      startsIn.map((ms, i) => ({
        eventId: event.id,
        streamId: stream.id,
        title: `Session ${i + 1} ${tag}`,
        abstract: '',
        format: 'workshop',
        audience: 'public',
        language: 'en',
        status: 'scheduled',
        capacity,
        startsAt: new Date(now + ms),
        endsAt: new Date(now + ms + HOUR),
      })) as SessionEntity[],
    );
    await publish(event.slug, 'v1');
    return { tag, event, ids: rows.map((s) => s.id), starts: rows.map((s) => s.startsAt) };
  }

  async function publish(slug: string, name: string): Promise<void> {
    const response = await call('POST', `/api/events/${slug}/schedule/releases`, organiser, {
      name,
    });
    expect(response).toMatchObject({ status: 201 });
  }

  const register = (who: Person, sessionId: string) =>
    call<RegistrationResult>('POST', `/api/sessions/${sessionId}/registration`, who);
  const cancel = (who: Person, sessionId: string) =>
    call<undefined>('DELETE', `/api/sessions/${sessionId}/registration`, who);

  async function remindersOf(who: Person) {
    return mails().find({
      where: { recipientEmail: who.email, template: 'session-reminder' },
      order: { availableAt: 'ASC' },
    });
  }

  const before = (start: Date, ms: number) => new Date(start.getTime() - ms);

  it('queues one reminder per offset at start − offset, with ids and the start only', async () => {
    const { ids, starts } = await fixture([3 * DAY]);
    const a = await person('a');
    expect((await register(a, ids[0])).body.status).toBe('confirmed');
    const registration = await hub.dataSource
      .getRepository(RegistrationEntity)
      .findOneByOrFail({ sessionId: ids[0], accountId: a.id });

    const rows = await remindersOf(a);
    expect(rows.map((r) => r.availableAt)).toEqual([
      before(starts[0], DAY),
      before(starts[0], HOUR),
    ]);
    for (const row of rows) {
      expect(row.state).toBe('queued');
      expect(row.accountId).toBe(a.id);
      expect(row.dataRef).toEqual({
        sessionId: ids[0],
        registrationId: registration.id,
        reminderFor: starts[0].toISOString(),
      });
    }
    expect(rows.map((r) => r.dedupeKey)).toEqual([
      `reminder:${ids[0]}:${registration.id}:1440m:${starts[0].toISOString()}`,
      `reminder:${ids[0]}:${registration.id}:60m:${starts[0].toISOString()}`,
    ]);

    // Registering again changes nothing, reminders included.
    expect((await register(a, ids[0])).status).toBe(200);
    expect(await remindersOf(a)).toHaveLength(2);
  });

  it('skips the offsets that are past already', async () => {
    const { ids, starts } = await fixture([3 * HOUR, 30 * MINUTE]);
    const a = await person('a');
    await register(a, ids[0]);
    await register(a, ids[1]);
    const rows = await remindersOf(a);
    expect(rows.map((r) => [r.dataRef.sessionId, r.availableAt])).toEqual([
      [ids[0], before(starts[0], HOUR)],
    ]);
  });

  it('takes back the reminders not yet sent when the seat is given up, and sends each once', async () => {
    const { ids, starts } = await fixture([3 * DAY]);
    const a = await person('a');
    await register(a, ids[0]);
    const [dayBefore, hourBefore] = await remindersOf(a);
    await mails().update({ id: dayBefore.id }, { state: 'sent', sentAt: new Date() });

    expect((await cancel(a, ids[0])).status).toBe(204);
    const left = await remindersOf(a);
    expect(left.map((r) => [r.id, r.state])).toEqual([[dayBefore.id, 'sent']]);
    expect(await mails().findOneBy({ id: hourBefore.id })).toBeNull();

    // Back again: the hour-before reminder is queued anew; the day-before one went out already.
    expect((await register(a, ids[0])).body.status).toBe('confirmed');
    const again = await remindersOf(a);
    expect(again.map((r) => [r.state, r.availableAt])).toEqual([
      ['sent', before(starts[0], DAY)],
      ['queued', before(starts[0], HOUR)],
    ]);
  });

  it('queues reminders for whoever a freed seat goes to, none for the waiting list', async () => {
    const { ids, starts } = await fixture([2 * DAY], 1);
    const [a, b] = [await person('a'), await person('b')];
    await register(a, ids[0]);
    expect((await register(b, ids[0])).body.status).toBe('waitlisted');
    expect(await remindersOf(b)).toEqual([]);

    await cancel(a, ids[0]);
    expect(await remindersOf(a)).toEqual([]);
    const promoted = await remindersOf(b);
    expect(promoted.map((r) => r.availableAt)).toEqual([
      before(starts[0], DAY),
      before(starts[0], HOUR),
    ]);
    expect(promoted.map((r) => r.template)).toEqual(['session-reminder', 'session-reminder']);
  });

  it('moves the reminders with the session when a release moves it, once', async () => {
    const { event, ids, starts } = await fixture([3 * DAY, 4 * DAY], 1);
    const [a, b, c] = [await person('a'), await person('b'), await person('c')];
    await register(a, ids[0]);
    await register(b, ids[0]); // waiting: no reminders now or after the move
    await register(c, ids[1]); // another session: untouched
    const [oldDay, oldHour] = await remindersOf(a);
    const untouched = await remindersOf(c);
    // A worker holds the day-before reminder already: it is left to the worker's own check.
    await mails().update({ id: oldDay.id }, { state: 'sending' });

    const moved = new Date(starts[0].getTime() + 2 * HOUR);
    await sessions().update(
      { id: ids[0] },
      { startsAt: moved, endsAt: new Date(moved.getTime() + HOUR) },
    );
    await publish(event.slug, 'v2');

    expect(await mails().findOneBy({ id: oldHour.id })).toBeNull();
    const after = await remindersOf(a);
    expect(after.map((r) => [r.state, r.availableAt, r.dataRef.reminderFor])).toEqual([
      ['sending', oldDay.availableAt, starts[0].toISOString()],
      ['queued', before(moved, DAY), moved.toISOString()],
      ['queued', before(moved, HOUR), moved.toISOString()],
    ]);
    expect(await remindersOf(b)).toEqual([]);
    expect((await remindersOf(c)).map((r) => r.id)).toEqual(untouched.map((r) => r.id));

    // Another release that does not touch the time: the same rows, no duplicates.
    await sessions().update({ id: ids[0] }, { title: 'Renamed session' });
    await publish(event.slug, 'v3');
    expect((await remindersOf(a)).map((r) => r.id)).toEqual(after.map((r) => r.id));
  });

  it('takes back the reminders of a cancelled session, and queues them again if it comes back', async () => {
    const { event, ids, starts } = await fixture([3 * DAY]);
    const a = await person('a');
    await register(a, ids[0]);
    expect(await remindersOf(a)).toHaveLength(2);

    await sessions().update({ id: ids[0] }, { status: 'cancelled' });
    await publish(event.slug, 'cancelled');
    expect(await remindersOf(a)).toEqual([]);

    await sessions().update({ id: ids[0] }, { status: 'scheduled' });
    await publish(event.slug, 'back');
    expect((await remindersOf(a)).map((r) => r.availableAt)).toEqual([
      before(starts[0], DAY),
      before(starts[0], HOUR),
    ]);
  });

  describe('in the worker', () => {
    const reminderComposer = () => reminderComposerFor(hub);
    const mailComposer = () => mailComposerFor(hub);

    async function composeError(row: OutgoingMailEntity): Promise<string> {
      const error = await mailComposer()
        .compose(row)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(UncomposableMailError);
      return (error as UncomposableMailError).message;
    }

    it('writes a reminder in the recipient’s language, its lead counted from the moment', async () => {
      // Noon in Brussels three days on (to the second): "tomorrow" is a day's lead, and a day
      // before a start near midnight is not always the previous calendar day (summer time).
      const noon = DateTime.now()
        .setZone('Europe/Brussels')
        .plus({ days: 3 })
        .set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
      const { tag, ids } = await fixture([
        Math.round((noon.toMillis() - Date.now()) / 1000) * 1000,
      ]);
      const a = await person('amelie', 'fr');
      await register(a, ids[0]);
      const [dayBefore, hourBefore] = await remindersOf(a);

      const tomorrow = await reminderComposer().compose(dayBefore, 'fr', dayBefore.availableAt);
      expect(tomorrow.subject).toBe(`Rappel : Session 1 ${tag} commence demain`);
      expect(tomorrow.icalEvent).toBeUndefined();
      const soon = await reminderComposer().compose(hourBefore, 'fr', hourBefore.availableAt);
      expect(soon.text).toContain('Bonjour amelie,');
      expect(soon.text).toContain('commence dans environ une heure.');
      expect(soon.text).toContain('https://meet.example/plenary');
      expect(soon.text).toContain(`/sessions/${ids[0]}`);

      // Through the composer's dispatch, written now: three days ahead.
      const now = await mailComposer().compose(dayBefore);
      expect(now.subject).toBe(`Rappel : Session 1 ${tag} commence dans 3 jours`);
      expect(now.html).toContain('<html lang="fr"');
    });

    it('refuses a reminder whose seat was given up or whose session moved', async () => {
      const { event, ids, starts } = await fixture([3 * DAY, 3 * DAY + 2 * HOUR]);
      const [a, b] = [await person('a'), await person('b')];
      await register(a, ids[0]);
      await register(b, ids[1]);
      // Rows a worker might have claimed before the cause took them back.
      const [ofCancelled] = await remindersOf(a);
      const [ofMoved] = await remindersOf(b);

      await cancel(a, ids[0]);
      expect(await composeError(ofCancelled)).toBe('reminder obsolete: registration cancelled');

      const moved = new Date(starts[1].getTime() + HOUR);
      await sessions().update(
        { id: ids[1] },
        { startsAt: moved, endsAt: new Date(moved.getTime() + HOUR) },
      );
      await publish(event.slug, 'v2');
      expect(await composeError(ofMoved)).toBe('reminder obsolete: session moved');
      // The ones queued for the new time are fine.
      const [current] = await remindersOf(b);
      expect(current.dataRef.reminderFor).toBe(moved.toISOString());
      expect((await mailComposer().compose(current)).subject).toContain('Reminder: ');
    });
  });
});
