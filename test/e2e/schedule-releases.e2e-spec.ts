import type {
  ApiErrorBody,
  PublishedReleaseView,
  ReleasePreview,
  ReleaseSummaryView,
  ReleaseView,
  SessionDetail,
  SessionView,
} from '@app/contracts';
import {
  AccountEntity,
  AuditEntryEntity,
  EventEntity,
  findOrCreateAccount,
  grantRole,
  OutgoingMailEntity,
  RegistrationEntity,
  ScheduleReleaseEntity,
  SessionEntity,
  SessionPersonEntity,
  SpeakerEntity,
  StreamEntity,
} from '@app/persistence';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { readIcs } from '../../libs/calendar/src/testing/read-ics.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { mailComposerFor } from '../support/mail-composer.js';

const HOUR = 3_600_000;

describe('schedule releases: draft, preview, publish, changelog and notices', () => {
  let hub: TestApp;
  let organiser: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestApp();
    const account = await hub.dataSource.transaction(async (manager) => {
      const a = await findOrCreateAccount(manager, 'release-organiser@icc.example');
      await grantRole(manager, {
        actorId: null,
        accountId: a.id,
        eventId: null,
        role: 'organiser',
      });
      return a;
    });
    const { secret } = await hub.app.get(AuthService).issue(account.id, 'api', 'test');
    organiser = { authorization: `Bearer ${secret}` };
  });
  afterAll(() => hub.close());

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = organiser,
  ): Promise<{ status: number; body: T; text: string }> {
    const response = await fetch(`${hub.baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed as T, text };
  }

  /** An event of its own per test: two streams, three people, three sessions, 3 registrants. */
  async function fixture() {
    const tag = randomUUID().slice(0, 8);
    const repo = <T extends object>(entity: new () => T) => hub.dataSource.getRepository(entity);
    const event = await repo(EventEntity).save({
      slug: `release-test-${tag}`,
      kind: 'mayors-summit',
      title: `Release test ${tag}`,
      summary: '',
      timeZone: 'Europe/Brussels',
      startDate: '2027-03-10',
      endDate: '2027-03-11',
      venue: null,
      isDemo: false,
    } as EventEntity);
    const [plenary, room] = await repo(StreamEntity).save([
      {
        eventId: event.id,
        name: 'Plenary',
        virtualUrl: 'https://meet.example/plenary',
        position: 0,
      },
      { eventId: event.id, name: 'Room B', virtualUrl: 'https://meet.example/b', position: 1 },
    ] as StreamEntity[]);
    const speakerAccount = await hub.dataSource.transaction((m) =>
      findOrCreateAccount(m, `mayor-${tag}@city.example`, { name: 'Mayor With Account' }),
    );
    const [mayor, expert, newcomer] = await repo(SpeakerEntity).save([
      { name: 'Mayor With Account', accountId: speakerAccount.id },
      { name: 'Expert By Email', email: `expert-${tag}@city.example` },
      { name: 'Newcomer', email: `newcomer-${tag}@city.example` },
    ] as Array<Partial<SpeakerEntity>> as SpeakerEntity[]);
    const base = Date.parse('2027-03-10T09:00:00Z');
    const [opening, panel, workshop] = await repo(SessionEntity).save(
      ['Opening', 'Panel', 'Workshop'].map((title, i) => ({
        eventId: event.id,
        streamId: i === 2 ? room.id : plenary.id,
        title: `${title} ${tag}`,
        abstract: '',
        format: 'plenary',
        audience: 'public',
        language: 'en',
        status: 'scheduled',
        capacity: 100,
        startsAt: new Date(base + i * 2 * HOUR),
        endsAt: new Date(base + i * 2 * HOUR + HOUR),
      })) as SessionEntity[],
    );
    await repo(SessionPersonEntity).save([
      { sessionId: opening.id, speakerId: mayor.id, role: 'speaker', position: 0 },
      { sessionId: panel.id, speakerId: expert.id, role: 'speaker', position: 0 },
      { sessionId: workshop.id, speakerId: expert.id, role: 'moderator', position: 0 },
    ] as SessionPersonEntity[]);
    const attendees = await hub.dataSource.transaction(async (m) =>
      Promise.all(
        [1, 2, 3].map((n) =>
          findOrCreateAccount(m, `attendee${n}-${tag}@city.example`, { name: `Attendee ${n}` }),
        ),
      ),
    );
    const registrations: Array<Partial<RegistrationEntity>> = [
      { sessionId: opening.id, accountId: attendees[0].id, status: 'confirmed' },
      { sessionId: opening.id, accountId: attendees[1].id, status: 'confirmed' },
      { sessionId: panel.id, accountId: attendees[1].id, status: 'confirmed' },
      { sessionId: panel.id, accountId: attendees[2].id, status: 'waitlisted' },
      { sessionId: workshop.id, accountId: attendees[2].id, status: 'cancelled' },
    ];
    await repo(RegistrationEntity).save(registrations as RegistrationEntity[]);
    return {
      tag,
      event,
      plenary,
      room,
      mayor,
      expert,
      newcomer,
      opening,
      panel,
      workshop,
      attendees,
    };
  }

  async function mailsOf(releaseNumber: number, eventId: string) {
    const release = await hub.dataSource
      .getRepository(ScheduleReleaseEntity)
      .findOneByOrFail({ eventId, number: releaseNumber });
    const rows = await hub.dataSource.getRepository(OutgoingMailEntity).find();
    return {
      release,
      mails: rows
        .filter((r) => r.dataRef.releaseId === release.id)
        .map((r) => ({
          to: r.recipientEmail,
          template: r.template,
          session: r.dataRef.sessionId,
          calendar: r.dataRef.calendar,
          changes: r.dataRef.changes,
          mail: r,
        })),
    };
  }

  const sessions = () => hub.dataSource.getRepository(SessionEntity);

  it('publishes the first release: the public agenda shows nothing of the draft before it', async () => {
    const f = await fixture();
    const before = await call<SessionView[]>('GET', `/api/events/${f.event.slug}/sessions`);
    expect(before.body).toEqual([]);
    expect((await call('GET', `/api/sessions/${f.opening.id}`)).status).toBe(404);

    const preview = await call<ReleasePreview>(
      'GET',
      `/api/events/${f.event.slug}/schedule/preview`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.basedOn).toBeNull();
    expect(preview.body.diff.counts).toEqual({ new: 3, moved: 0, changed: 0, cancelled: 0 });
    // The people of new sessions are invited; registrants of unreleased sessions do not exist yet.
    expect(preview.body.notices).toEqual({ updates: 0, cancellations: 0, invitations: 3 });

    const published = await call<ReleaseView>(
      'POST',
      `/api/events/${f.event.slug}/schedule/releases`,
      {
        name: 'First programme',
        notes: 'Hello <b>mayors</b>',
      },
    );
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      number: 1,
      name: 'First programme',
      overrideReason: null,
    });
    const listed = await call<ReleaseSummaryView[]>(
      'GET',
      `/api/events/${f.event.slug}/schedule/releases`,
      undefined,
      {},
    );
    expect(listed.body[0]).not.toHaveProperty('overrideReason');

    const agenda = await call<SessionView[]>('GET', `/api/events/${f.event.slug}/sessions`);
    expect(agenda.body.map((s) => s.title)).toEqual([
      f.opening.title,
      f.panel.title,
      f.workshop.title,
    ]);
    const { mails } = await mailsOf(1, f.event.id);
    expect(mails.map((m) => [m.to, m.template, m.calendar]).sort()).toEqual(
      [
        [`expert-${f.tag}@city.example`, 'session-invitation', 'REQUEST'],
        [`expert-${f.tag}@city.example`, 'session-invitation', 'REQUEST'],
        [`mayor-${f.tag}@city.example`, 'session-invitation', 'REQUEST'],
      ].sort(),
    );
  });

  it('keeps draft edits private until published, then mails only the people concerned', async () => {
    const f = await fixture();
    const slug = f.event.slug;
    expect(
      (await call('POST', `/api/events/${slug}/schedule/releases`, { name: 'v1' })).status,
    ).toBe(201);

    // Opening moves an hour later; the panel gets a new title only; the workshop is cancelled.
    const movedStart = new Date(f.opening.startsAt.getTime() + HOUR);
    await sessions().update(
      { id: f.opening.id },
      { startsAt: movedStart, endsAt: new Date(movedStart.getTime() + HOUR) },
    );
    await sessions().update({ id: f.panel.id }, { title: `Panel renamed ${f.tag}` });
    await sessions().update({ id: f.workshop.id }, { status: 'cancelled' });

    const stillPublic = await call<SessionDetail>('GET', `/api/sessions/${f.opening.id}`);
    expect(stillPublic.body.startsAt).toBe(f.opening.startsAt.toISOString());

    const preview = await call<ReleasePreview>('GET', `/api/events/${slug}/schedule/preview`);
    expect(preview.body.basedOn).toBe(1);
    expect(preview.body.diff.counts).toEqual({ new: 0, moved: 1, changed: 1, cancelled: 1 });
    const moved = preview.body.diff.changes.find((c) => c.kind === 'moved');
    expect(moved).toMatchObject({
      sessionId: f.opening.id,
      fields: ['time'],
      before: { startsAt: f.opening.startsAt.toISOString(), stream: 'Plenary' },
      after: { startsAt: movedStart.toISOString(), stream: 'Plenary' },
    });
    expect(preview.body.diff.changes.find((c) => c.kind === 'changed')?.fields).toEqual(['title']);
    expect(preview.body.notices).toEqual({ updates: 3, cancellations: 1, invitations: 0 });

    const published = await call<ReleaseView>('POST', `/api/events/${slug}/schedule/releases`, {
      name: 'Opening later',
    });
    expect(published.status).toBe(201);
    expect(published.body.number).toBe(2);

    const { mails } = await mailsOf(2, f.event.id);
    const summary = mails.map((m) => [m.to, m.template, m.calendar, m.session]).sort();
    expect(summary).toEqual(
      [
        // Opening moved: its speaker and both confirmed registrants get an update.
        [`mayor-${f.tag}@city.example`, 'session-update', 'REQUEST', f.opening.id],
        [`attendee1-${f.tag}@city.example`, 'session-update', 'REQUEST', f.opening.id],
        [`attendee2-${f.tag}@city.example`, 'session-update', 'REQUEST', f.opening.id],
        // Workshop cancelled: its moderator; attendee 3 had cancelled, so hears nothing.
        [`expert-${f.tag}@city.example`, 'session-cancellation', 'CANCEL', f.workshop.id],
      ].sort(),
    );
    expect(mails.find((m) => m.template === 'session-update')?.changes).toEqual(['time']);

    // SEQUENCE went up for the moved and the cancelled session, not for the renamed one.
    const stored = await sessions().findBy({ id: In([f.opening.id, f.panel.id, f.workshop.id]) });
    const sequence = new Map(stored.map((s) => [s.id, s.calendarSequence]));
    expect([
      sequence.get(f.opening.id),
      sequence.get(f.panel.id),
      sequence.get(f.workshop.id),
    ]).toEqual([1, 0, 1]);
    const detail = await call<SessionDetail>('GET', `/api/sessions/${f.opening.id}`);
    expect(detail.body.startsAt).toBe(movedStart.toISOString());
    const cancelled = await call<SessionDetail>('GET', `/api/sessions/${f.workshop.id}`);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('publishing again with no change is refused and sends nothing', async () => {
    const f = await fixture();
    const slug = f.event.slug;
    expect(
      (await call('POST', `/api/events/${slug}/schedule/releases`, { name: 'v1' })).status,
    ).toBe(201);
    const mailCount = await hub.dataSource.getRepository(OutgoingMailEntity).count();
    const again = await call<ApiErrorBody>('POST', `/api/events/${slug}/schedule/releases`, {
      name: 'v2',
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/nothing changed/i);
    expect(await hub.dataSource.getRepository(OutgoingMailEntity).count()).toBe(mailCount);
    expect(
      await hub.dataSource.getRepository(ScheduleReleaseEntity).countBy({ eventId: f.event.id }),
    ).toBe(1);
  });

  it('invites people added to a session and withdraws those removed', async () => {
    const f = await fixture();
    const slug = f.event.slug;
    await call('POST', `/api/events/${slug}/schedule/releases`, { name: 'v1' });
    const people = hub.dataSource.getRepository(SessionPersonEntity);
    await people.delete({ sessionId: f.panel.id, speakerId: f.expert.id });
    await people.insert({
      sessionId: f.panel.id,
      speakerId: f.newcomer.id,
      role: 'speaker',
      position: 0,
    });
    const published = await call<ReleaseView>('POST', `/api/events/${slug}/schedule/releases`, {
      name: 'New panellist',
    });
    expect(published.status).toBe(201);
    expect(published.body.diff.changes).toEqual([
      expect.objectContaining({
        sessionId: f.panel.id,
        kind: 'changed',
        fields: ['people'],
        peopleAdded: [f.newcomer.id],
        peopleRemoved: [f.expert.id],
      }),
    ]);
    const { mails } = await mailsOf(2, f.event.id);
    expect(mails.map((m) => [m.to, m.template, m.calendar]).sort()).toEqual(
      [
        [`expert-${f.tag}@city.example`, 'session-cancellation', 'CANCEL'],
        [`newcomer-${f.tag}@city.example`, 'session-invitation', 'REQUEST'],
      ].sort(),
    );
  });

  it('refuses to publish over hard conflicts unless an organiser gives a reason, which is logged', async () => {
    const f = await fixture();
    const slug = f.event.slug;
    // The workshop moves onto the panel's time: the expert would be in two places at once.
    await sessions().update(
      { id: f.workshop.id },
      { startsAt: f.panel.startsAt, endsAt: f.panel.endsAt },
    );
    const preview = await call<ReleasePreview>('GET', `/api/events/${slug}/schedule/preview`);
    expect(preview.body.conflicts.some((c) => c.severity === 'hard')).toBe(true);

    const refused = await call<ApiErrorBody>('POST', `/api/events/${slug}/schedule/releases`, {
      name: 'v1',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/hard conflict/);
    expect(refused.body.details?.some((d) => d.includes('double-booked'))).toBe(true);
    expect(
      await hub.dataSource.getRepository(ScheduleReleaseEntity).countBy({ eventId: f.event.id }),
    ).toBe(0);

    const overridden = await call<PublishedReleaseView>(
      'POST',
      `/api/events/${slug}/schedule/releases`,
      {
        name: 'v1',
        overrideReason: 'The expert joins the workshop by video from the panel',
      },
    );
    expect(overridden.status).toBe(201);
    expect(overridden.body.overrideReason).toBe(
      'The expert joins the workshop by video from the panel',
    );
    const audit = await hub.dataSource
      .getRepository(AuditEntryEntity)
      .findOneByOrFail({ eventId: f.event.id, action: 'schedule.published' });
    expect(audit.details).toMatchObject({
      release: 1,
      overrideReason: 'The expert joins the workshop by video from the panel',
    });
    expect(Number(audit.details.hardConflicts)).toBeGreaterThan(0);
  });

  it('lets only the event’s organisers preview and publish', async () => {
    const f = await fixture();
    const attendee = await hub.dataSource.getRepository(AccountEntity).findOneByOrFail({
      id: f.attendees[0].id,
    });
    const { secret } = await hub.app.get(AuthService).issue(attendee.id, 'api', 'test');
    const asAttendee = { authorization: `Bearer ${secret}` };
    expect(
      (await call('GET', `/api/events/${f.event.slug}/schedule/preview`, undefined, asAttendee))
        .status,
    ).toBe(403);
    expect(
      (
        await call(
          'POST',
          `/api/events/${f.event.slug}/schedule/releases`,
          { name: 'x' },
          asAttendee,
        )
      ).status,
    ).toBe(403);
    expect(
      (await call('POST', `/api/events/${f.event.slug}/schedule/releases`, { name: 'x' }, {}))
        .status,
    ).toBe(401);
    const invalid = await call<ApiErrorBody>(
      'POST',
      `/api/events/${f.event.slug}/schedule/releases`,
      {
        name: '',
        extra: 1,
      },
    );
    expect(invalid.status).toBe(400);
  });

  it('serves the changelog as JSON and as an Atom feed with escaped text', async () => {
    const f = await fixture();
    const slug = f.event.slug;
    await call('POST', `/api/events/${slug}/schedule/releases`, { name: 'First <script>' });
    await sessions().update({ id: f.panel.id }, { status: 'cancelled' });
    await call('POST', `/api/events/${slug}/schedule/releases`, { name: 'Panel & co cancelled' });

    const list = await call<ReleaseSummaryView[]>(
      'GET',
      `/api/events/${slug}/schedule/releases`,
      undefined,
      {},
    );
    expect(list.status).toBe(200);
    expect(list.body.map((r) => [r.number, r.name, r.counts.cancelled])).toEqual([
      [2, 'Panel & co cancelled', 1],
      [1, 'First <script>', 0],
    ]);
    const one = await call<ReleaseView>(
      'GET',
      `/api/events/${slug}/schedule/releases/2`,
      undefined,
      {},
    );
    expect(one.body.diff.changes).toEqual([
      expect.objectContaining({ kind: 'cancelled', sessionId: f.panel.id }),
    ]);
    expect(
      (await call('GET', `/api/events/${slug}/schedule/releases/9`, undefined, {})).status,
    ).toBe(404);
    expect(
      (await call('GET', `/api/events/${slug}/schedule/releases/zero`, undefined, {})).status,
    ).toBe(400);

    const feed = await fetch(`${hub.baseUrl}/api/events/${slug}/schedule/releases.atom`);
    expect(feed.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    const xml = await feed.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('Release 1: First &lt;script&gt;');
    expect(xml).toContain(`Cancelled: ${f.panel.title}`);
    expect(xml).toContain(
      `${hub.config.publicBaseUrl.replace(/\/$/, '')}/events/${slug}/changelog`,
    );
  });

  it('answers an Atom feed of an unknown event with a JSON 404, not a 500', async () => {
    const feed = await fetch(`${hub.baseUrl}/api/events/no-such-event/schedule/releases.atom`);
    expect(feed.status).toBe(404);
    expect(feed.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await feed.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('writes update mails from the frozen release, not from later draft edits', async () => {
    const f = await fixture();
    const slug = f.event.slug;
    await call('POST', `/api/events/${slug}/schedule/releases`, { name: 'v1' });
    const movedStart = new Date(f.opening.startsAt.getTime() + HOUR);
    await sessions().update(
      { id: f.opening.id },
      { startsAt: movedStart, endsAt: new Date(movedStart.getTime() + HOUR) },
    );
    expect(
      (await call('POST', `/api/events/${slug}/schedule/releases`, { name: 'v2' })).status,
    ).toBe(201);
    // An unpublished edit made before the worker gets to the mail.
    await sessions().update({ id: f.opening.id }, { title: 'Secret draft title' });

    const { mails } = await mailsOf(2, f.event.id);
    const update = mails.find((m) => m.to === `attendee1-${f.tag}@city.example`);
    expect(update).toBeDefined();
    const composer = mailComposerFor(hub);
    const message = await composer.compose(update!.mail);
    expect(message.text).toContain(f.opening.title);
    expect(message.text).not.toContain('Secret draft title');
    const calendar = readIcs(message.icalEvent!.content);
    expect(calendar.calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.event.sequence).toBe(1);
    expect(calendar.event.startDate.toJSDate().toISOString()).toBe(movedStart.toISOString());
  });
});
