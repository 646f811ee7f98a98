import type {
  ApiErrorBody,
  Audience,
  EventRegistrationCounts,
  MyRegistrationView,
  RegistrationResult,
  RegistrationView,
  SessionCapacityResult,
  EventDetail,
  SessionDetail,
  SessionView,
} from '@app/contracts';
import {
  CityEntity,
  InvitationEntity,
  OutgoingMailEntity,
  RegistrationEntity,
  SessionCitySeatEntity,
  SessionEntity,
} from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS, httpPeople, type Method, type Person } from '../support/http-people.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('session registration: rules, waiting list, promotion and mails', () => {
  let hub: TestApp;
  let organiser: Person;

  beforeAll(async () => {
    hub = await createTestApp();
    organiser = await person('organiser');
    await grant(organiser.id, null, 'organiser');
  });
  afterAll(() => hub.close());

  const helpers = httpPeople(() => hub);
  const { grant, eventWithStream, publish } = helpers;
  /** Here a reply is its status and body only: the assertions compare whole replies. */
  async function call<T>(method: Method, path: string, who: Person, body?: unknown) {
    const reply = await helpers.call<T>(method, path, who, body);
    return { status: reply.status, body: reply.body };
  }
  /** Here an account's name is just its label. */
  const person = (label: string, cityId: string | null = null) =>
    helpers.person(label, cityId, label);

  async function city(): Promise<string> {
    const saved = await hub.dataSource.getRepository(CityEntity).save({
      name: `City ${randomUUID().slice(0, 8)}`,
      country: 'BE',
      role: 'core',
    } as CityEntity);
    return saved.id;
  }

  interface SessionSpec {
    capacity: number | null;
    audience?: Audience;
    registrationOpensAt?: Date | null;
    registrationClosesAt?: Date | null;
    delegationQuota?: number | null;
  }

  /** An event of its own with the given sessions, all published in release 1. */
  async function fixture(specs: SessionSpec[], eventQuota: number | null = null) {
    const { event, stream, tag } = await eventWithStream('registration', 'Registration lab', {
      delegationQuota: eventQuota,
    });
    const start = Date.now() + 30 * DAY;
    const sessions = await hub.dataSource.getRepository(SessionEntity).save(
      specs.map((spec, i) => ({
        eventId: event.id,
        streamId: stream.id,
        title: `Session ${i + 1} ${tag}`,
        abstract: '',
        format: 'workshop',
        audience: spec.audience ?? 'public',
        language: 'en',
        status: 'scheduled',
        capacity: spec.capacity,
        registrationOpensAt: spec.registrationOpensAt ?? null,
        registrationClosesAt: spec.registrationClosesAt ?? null,
        delegationQuota: spec.delegationQuota ?? null,
        startsAt: new Date(start + i * 2 * HOUR),
        endsAt: new Date(start + i * 2 * HOUR + HOUR),
      })) as SessionEntity[],
    );
    await publish(event);
    return { event, sessions, ids: sessions.map((s) => s.id) };
  }

  const register = (who: Person, sessionId: string) =>
    call<RegistrationResult & ApiErrorBody>('POST', `/api/sessions/${sessionId}/registration`, who);
  const cancel = (who: Person, sessionId: string) =>
    call<undefined>('DELETE', `/api/sessions/${sessionId}/registration`, who);
  const mine = (who: Person, sessionId: string) =>
    call<RegistrationView>('GET', `/api/sessions/${sessionId}/registration`, who);

  /** The registration mails; the reminders that come with a seat have their own suite. */
  async function mailsTo(who: Person) {
    const rows = await hub.dataSource
      .getRepository(OutgoingMailEntity)
      .find({ where: { recipientEmail: who.email }, order: { createdAt: 'ASC' } });
    return rows
      .filter((r) => r.template !== 'session-reminder')
      .map((r) => ({ template: r.template, dataRef: r.dataRef }));
  }

  async function confirmedCount(sessionId: string): Promise<number> {
    const row = await hub.dataSource
      .getRepository(SessionEntity)
      .findOneByOrFail({ id: sessionId });
    return row.confirmedCount;
  }

  it('confirms while seats last, then waitlists in order; a repeat changes nothing', async () => {
    const { event, ids } = await fixture([{ capacity: 2 }]);
    const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((l) => person(l)));

    const first = await register(a, ids[0]);
    expect(first).toEqual({
      status: 201,
      body: { status: 'confirmed', position: null, sessionId: ids[0], seatsLeft: 1 },
    });
    expect(await register(a, ids[0])).toEqual({
      status: 200,
      body: { ...first.body, seatsLeft: 1 },
    });
    const seatsShown = async () => {
      const detail = await call<SessionDetail>('GET', `/api/sessions/${ids[0]}`, a);
      const agenda = await call<SessionView[]>('GET', `/api/events/${event.slug}/sessions`, a);
      return [detail.body.seatsLeft, agenda.body[0].seatsLeft];
    };
    expect(await seatsShown()).toEqual([1, 1]);
    expect((await register(b, ids[0])).body).toMatchObject({ status: 'confirmed', seatsLeft: 0 });
    expect(await seatsShown()).toEqual([0, 0]);
    expect(await register(c, ids[0])).toMatchObject({
      status: 201,
      body: { status: 'waitlisted', position: 1, seatsLeft: 0 },
    });
    expect((await register(d, ids[0])).body).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(await register(d, ids[0])).toMatchObject({ status: 200, body: { position: 2 } });

    expect((await mine(c, ids[0])).body).toMatchObject({ status: 'waitlisted', position: 1 });
    const list = await call<MyRegistrationView[]>('GET', '/api/me/registrations', d);
    expect(list.body).toEqual([
      expect.objectContaining({ sessionId: ids[0], status: 'waitlisted', position: 2 }),
    ]);
    expect(await confirmedCount(ids[0])).toBe(2);

    expect(await mailsTo(a)).toEqual([
      {
        template: 'registration-confirmed',
        dataRef: expect.objectContaining({ sessionId: ids[0], calendar: 'REQUEST' }) as unknown,
      },
    ]);
    const waitMails = await mailsTo(c);
    expect(waitMails.map((m) => m.template)).toEqual(['registration-waitlisted']);
    expect(waitMails[0].dataRef.calendar).toBeUndefined();
  });

  it('gives a cancelled seat to the first person waiting, and mails both', async () => {
    const { ids } = await fixture([{ capacity: 1 }]);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((l) => person(l)));
    await register(a, ids[0]);
    await register(b, ids[0]);
    await register(c, ids[0]);

    expect((await cancel(a, ids[0])).status).toBe(204);
    expect((await mine(a, ids[0])).body).toMatchObject({ status: 'cancelled', position: null });
    expect((await mine(b, ids[0])).body).toMatchObject({ status: 'confirmed', position: null });
    expect((await mine(c, ids[0])).body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await confirmedCount(ids[0])).toBe(1);

    expect((await mailsTo(a)).map((m) => [m.template, m.dataRef.calendar])).toEqual([
      ['registration-confirmed', 'REQUEST'],
      ['registration-cancelled', 'CANCEL'],
    ]);
    expect((await mailsTo(b)).map((m) => [m.template, m.dataRef.calendar])).toEqual([
      ['registration-waitlisted', undefined],
      ['registration-promoted', 'REQUEST'],
    ]);

    // Again: nothing more happens. Leaving the waiting list frees no seat and sends no mail.
    expect((await cancel(a, ids[0])).status).toBe(204);
    expect((await cancel(c, ids[0])).status).toBe(204);
    expect(await mailsTo(c)).toHaveLength(1);
    expect((await mine(b, ids[0])).body.status).toBe('confirmed');
    expect(await confirmedCount(ids[0])).toBe(1);

    // Back again: to the end of the queue, with a mail of its own.
    expect((await register(a, ids[0])).body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await mailsTo(a)).map((m) => m.template)).toContain('registration-waitlisted');

    const stranger = await person('stranger');
    expect((await cancel(stranger, ids[0])).status).toBe(404);
    expect((await mine(stranger, ids[0])).status).toBe(404);
  });

  it('promotes as many as a capacity raise allows, and refuses a capacity below the confirmed', async () => {
    const { event, ids } = await fixture([{ capacity: 1 }]);
    const people = await Promise.all(['a', 'b', 'c', 'd'].map((l) => person(l)));
    for (const p of people) await register(p, ids[0]);

    const lower = await call<ApiErrorBody>(
      'PATCH',
      `/api/events/${event.slug}/sessions/${ids[0]}/capacity`,
      organiser,
      { capacity: 0 },
    );
    expect(lower.status).toBe(409);
    expect(lower.body.message).toMatch(/below the 1 confirmed/);

    const raise = await call<SessionCapacityResult>(
      'PATCH',
      `/api/events/${event.slug}/sessions/${ids[0]}/capacity`,
      organiser,
      { capacity: 3 },
    );
    expect(raise.status).toBe(200);
    expect(raise.body).toMatchObject({ promoted: 2, confirmed: 3, waitlisted: 1, seatsLeft: 0 });
    expect((await mine(people[1], ids[0])).body.status).toBe('confirmed');
    expect((await mine(people[2], ids[0])).body.status).toBe('confirmed');
    expect((await mine(people[3], ids[0])).body).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
    expect((await mailsTo(people[2])).map((m) => m.template)).toEqual([
      'registration-waitlisted',
      'registration-promoted',
    ]);

    const unlimited = await call<SessionCapacityResult>(
      'PATCH',
      `/api/events/${event.slug}/sessions/${ids[0]}/capacity`,
      organiser,
      { capacity: null },
    );
    expect(unlimited.body).toMatchObject({ promoted: 1, confirmed: 4, seatsLeft: null });

    const attendee = await call<ApiErrorBody>(
      'PATCH',
      `/api/events/${event.slug}/sessions/${ids[0]}/capacity`,
      people[0],
      { capacity: 10 },
    );
    expect(attendee.status).toBe(403);
  });

  it('applies a capacity set in the draft editor to the live seats at once', async () => {
    const { event, ids } = await fixture([{ capacity: 2 }]);
    const people = await Promise.all(['a', 'b', 'c', 'd'].map((l) => person(l)));
    for (const p of people) await register(p, ids[0]);
    const draft = (body: unknown) =>
      call<ApiErrorBody>(
        'PATCH',
        `/api/events/${event.slug}/draft/sessions/${ids[0]}`,
        organiser,
        body,
      );

    const lower = await draft({ capacity: 1, title: 'Renamed in the same request' });
    expect(lower.status).toBe(409);
    expect(lower.body.message).toMatch(/below the 2 confirmed/);
    // Refused as a whole: the title in the same request did not land either.
    const row = await hub.dataSource.getRepository(SessionEntity).findOneByOrFail({ id: ids[0] });
    expect([row.title, row.capacity]).toEqual([expect.stringMatching(/^Session 1/), 2]);

    expect((await draft({ capacity: 2 })).status).toBe(200);
    expect(await confirmedCount(ids[0])).toBe(2);
    expect((await mine(people[1], ids[0])).body.status).toBe('confirmed');
    expect((await mine(people[2], ids[0])).body).toMatchObject({
      status: 'waitlisted',
      position: 1,
    });
  });

  it('shows the room link of a city session only to the people in it', async () => {
    const cityId = await city();
    const { event, ids } = await fixture([{ capacity: 5, audience: 'cities' }]);
    const [rep, outsider] = [await person('rep', cityId), await person('outsider')];
    const anonymous = ANONYMOUS;
    const linkSeenBy = async (who: Person) =>
      (await call<SessionDetail>('GET', `/api/sessions/${ids[0]}`, who)).body.stream?.virtualUrl;

    expect(await linkSeenBy(anonymous)).toBeNull();
    expect(await linkSeenBy(rep)).toBeNull();
    expect((await register(rep, ids[0])).body.status).toBe('confirmed');
    expect(await linkSeenBy(rep)).toBe('https://meet.example/plenary');
    expect(await linkSeenBy(outsider)).toBeNull();
    expect(await linkSeenBy(organiser)).toBe('https://meet.example/plenary');

    const streams = async (who: Person) =>
      (await call<EventDetail>('GET', `/api/events/${event.slug}`, who)).body.streams.map(
        (s) => s.virtualUrl,
      );
    expect(await streams(anonymous)).toEqual([null]);
    expect(await streams(rep)).toEqual([null]);
    expect(await streams(organiser)).toEqual(['https://meet.example/plenary']);

    const ics = await fetch(`${hub.baseUrl}/api/sessions/${ids[0]}/calendar.ics`);
    expect(await ics.text()).not.toContain('meet.example');
  });

  it('keeps city sessions for city representatives and invitation sessions for the invited', async () => {
    const { event, ids } = await fixture([
      { capacity: 10, audience: 'cities' },
      { capacity: 10, audience: 'mayors' },
      { capacity: 10, audience: 'invite-only' },
    ]);
    const [citySession, mayorsSession, inviteSession] = ids;
    const cityId = await city();
    const [member, representative, mayor, pending, guest] = await Promise.all([
      person('public'),
      person('representative', cityId),
      person('mayor', cityId),
      person('pending'),
      person('guest'),
    ]);

    const refused = await register(member, citySession);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ details: ['cities-only'] });
    expect((await register(representative, citySession)).status).toBe(201);

    const invitations = hub.dataSource.getRepository(InvitationEntity);
    await invitations.save([
      { eventId: event.id, email: mayor.email, name: 'Mayor', role: 'mayor', status: 'accepted' },
      { eventId: event.id, email: pending.email, name: 'Pending', role: 'mayor' },
      {
        eventId: event.id,
        email: 'old-address@city.example',
        accountId: guest.id,
        name: 'Guest',
        role: 'guest',
        status: 'accepted',
      },
    ] as InvitationEntity[]);
    for (const sessionId of [mayorsSession, inviteSession]) {
      expect((await register(member, sessionId)).body).toMatchObject({
        statusCode: 403,
        details: ['invitation-required'],
      });
      expect((await register(pending, sessionId)).status).toBe(403);
    }
    expect((await register(mayor, mayorsSession)).status).toBe(201);
    expect((await register(guest, inviteSession)).status).toBe(201);
  });

  it('opens and closes registration at the set times', async () => {
    const { ids } = await fixture([
      { capacity: 5, registrationOpensAt: new Date(Date.now() + DAY) },
      { capacity: 5, registrationClosesAt: new Date(Date.now() - HOUR) },
      { capacity: 5, registrationOpensAt: new Date(Date.now() - HOUR) },
    ]);
    const someone = await person('early');
    expect((await register(someone, ids[0])).body).toMatchObject({
      statusCode: 409,
      details: ['not-open-yet'],
    });
    expect((await register(someone, ids[1])).body).toMatchObject({
      statusCode: 409,
      details: ['closed'],
    });
    expect((await register(someone, ids[2])).status).toBe(201);
    expect(
      await hub.dataSource.getRepository(RegistrationEntity).countBy({ accountId: someone.id }),
    ).toBe(1);
  });

  it('holds each city to its delegation quota, per event and per session', async () => {
    const { event, ids } = await fixture([{ capacity: 10, audience: 'cities' }], 1);
    const [x, y] = [await city(), await city()];
    const [x1, x2, y1] = await Promise.all([person('x1', x), person('x2', x), person('y1', y)]);

    expect((await register(x1, ids[0])).body.status).toBe('confirmed');
    const full = await register(x2, ids[0]);
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ details: ['quota-reached'] });
    expect(full.body.message).toMatch(/delegation/);
    expect((await register(y1, ids[0])).body.status).toBe('confirmed');

    const raised = await call<SessionCapacityResult>(
      'PATCH',
      `/api/events/${event.slug}/sessions/${ids[0]}/capacity`,
      organiser,
      { capacity: 10, delegationQuota: 2 },
    );
    expect(raised.body).toMatchObject({ delegationQuota: 2, effectiveDelegationQuota: 2 });
    expect((await register(x2, ids[0])).body.status).toBe('confirmed');

    const seats = await hub.dataSource
      .getRepository(SessionCitySeatEntity)
      .findBy({ sessionId: ids[0] });
    expect(Object.fromEntries(seats.map((s) => [s.cityId, s.confirmed]))).toEqual({
      [x]: 2,
      [y]: 1,
    });
    await cancel(x1, ids[0]);
    expect(
      (
        await hub.dataSource.getRepository(SessionCitySeatEntity).findOneByOrFail({
          sessionId: ids[0],
          cityId: x,
        })
      ).confirmed,
    ).toBe(1);

    const counts = await call<EventRegistrationCounts>(
      'GET',
      `/api/events/${event.slug}/registrations/counts`,
      organiser,
    );
    expect(counts.body.delegationQuota).toBe(1);
    expect(counts.body.sessions[0]).toMatchObject({ confirmed: 2, waitlisted: 0, seatsLeft: 8 });
    expect(counts.body.sessions[0].byCity).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cityId: x, confirmed: 1 }),
        expect.objectContaining({ cityId: y, confirmed: 1 }),
      ]),
    );
    expect((await call('GET', `/api/events/${event.slug}/registrations/counts`, x1)).status).toBe(
      403,
    );
  });

  it('passes over a waiting representative whose city has used its quota', async () => {
    const { event, ids } = await fixture([{ capacity: 1, audience: 'cities' }], 1);
    const [x, y, z] = [await city(), await city(), await city()];
    const [ax, by1, by2, cz] = await Promise.all([
      person('ax', x),
      person('by1', y),
      person('by2', y),
      person('cz', z),
    ]);
    expect((await register(ax, ids[0])).body.status).toBe('confirmed');
    expect((await register(by1, ids[0])).body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await register(by2, ids[0])).body).toMatchObject({ status: 'waitlisted', position: 2 });
    expect((await register(cz, ids[0])).body).toMatchObject({ status: 'waitlisted', position: 3 });

    const raised = await call<SessionCapacityResult>(
      'PATCH',
      `/api/events/${event.slug}/sessions/${ids[0]}/capacity`,
      organiser,
      { capacity: 3 },
    );
    expect(raised.body).toMatchObject({ promoted: 2, confirmed: 3, waitlisted: 1 });
    expect((await mine(by1, ids[0])).body.status).toBe('confirmed');
    expect((await mine(by2, ids[0])).body).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await mine(cz, ids[0])).body.status).toBe('confirmed');

    // A higher quota for the whole event lets the passed-over representative in.
    const settings = await call<EventRegistrationCounts>(
      'PATCH',
      `/api/events/${event.slug}/registrations/settings`,
      organiser,
      { delegationQuota: 2 },
    );
    expect(settings.status).toBe(200);
    expect(settings.body.delegationQuota).toBe(2);
    expect((await mine(by2, ids[0])).body.status).toBe('waitlisted');
    await call('PATCH', `/api/events/${event.slug}/sessions/${ids[0]}/capacity`, organiser, {
      capacity: 4,
    });
    expect((await mine(by2, ids[0])).body.status).toBe('confirmed');
  });

  it('refuses a cancelled session and one that was never published', async () => {
    const { event, ids, sessions } = await fixture([{ capacity: 5 }, { capacity: 5 }]);
    const someone = await person('late');
    await hub.dataSource.getRepository(SessionEntity).update(ids[0], { status: 'cancelled' });
    expect((await register(someone, ids[0])).status).toBe(201);
    await cancel(someone, ids[0]);
    // The draft's cancellation counts once a release carries it.
    await publish(event);
    expect((await register(someone, ids[0])).body).toMatchObject({
      statusCode: 409,
      details: ['session-cancelled'],
    });

    const draftOnly = await hub.dataSource.getRepository(SessionEntity).save({
      ...sessions[1],
      id: undefined,
      title: 'Not yet published',
    } as unknown as SessionEntity);
    expect((await register(someone, draftOnly.id)).status).toBe(404);
    expect((await register(someone, randomUUID())).status).toBe(404);
    const anonymous = ANONYMOUS;
    expect((await register(anonymous, ids[1])).status).toBe(401);
  });
});
