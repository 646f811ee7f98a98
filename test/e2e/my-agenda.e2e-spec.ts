import { createHash, randomUUID } from 'node:crypto';
import { sessionUid } from '@app/calendar';
import type { ApiErrorBody, CalendarFeedView, MyAgenda, MyRegistrationView } from '@app/contracts';
import {
  CalendarFeedEntity,
  EventEntity,
  findOrCreateAccount,
  freezeRelease,
  OutgoingMailEntity,
  RegistrationEntity,
  SessionEntity,
  StreamEntity,
  TransactionRunner,
} from '@app/persistence';
import ICAL from 'ical.js';
import { readIcs, textOf } from '../../libs/calendar/src/testing/read-ics.js';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const BASE_URL = 'https://hub.example.eu/icc';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Method = 'GET' | 'POST' | 'DELETE';

interface Person {
  id: string;
  headers: Record<string, string>;
}

/** A session by its start and length in hours from the event's first hour. */
interface SessionSpec {
  at: number;
  hours: number;
  capacity?: number | null;
}

describe('my agenda and my private calendar feed', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp({ env: { PUBLIC_BASE_URL: BASE_URL } });
  });
  afterAll(() => hub.close());

  const transactions = () => hub.app.get(TransactionRunner);

  async function call<T>(method: Method, path: string, who?: Person, headers = {}) {
    const response = await fetch(`${hub.baseUrl}${path}`, {
      method,
      headers: { ...who?.headers, ...headers },
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: (text && response.headers.get('content-type')?.includes('json')
        ? JSON.parse(text)
        : undefined) as T,
    };
  }

  async function person(label: string): Promise<Person> {
    const email = `${label}-${randomUUID().slice(0, 8)}@city.example`;
    const account = await transactions().run((m) => findOrCreateAccount(m, email, { name: label }));
    const { secret } = await hub.app.get(AuthService).issue(account.id, 'api', 'test');
    return { id: account.id, headers: { authorization: `Bearer ${secret}` } };
  }

  // Whole hours from one fixed hour for every fixture of the file, so that sessions of different
  // fixtures can overlap (computed once: a fixture made after 00:00 UTC would otherwise move a day).
  const start = Math.ceil((Date.now() + 30 * DAY) / DAY) * DAY + 8 * HOUR;

  /** An event of its own with the sessions, published in release 1. */
  async function fixture(specs: SessionSpec[]) {
    const tag = randomUUID().slice(0, 8);
    const event = await hub.dataSource.getRepository(EventEntity).save({
      slug: `agenda-${tag}`,
      kind: 'city-lab',
      title: `Agenda lab ${tag}`,
      summary: '',
      timeZone: 'Europe/Brussels',
      startDate: '2031-05-01',
      endDate: '2031-05-02',
      venue: null,
      isDemo: false,
      delegationQuota: null,
    } as EventEntity);
    const stream = await hub.dataSource.getRepository(StreamEntity).save({
      eventId: event.id,
      name: `Room ${tag}`,
      virtualUrl: 'https://meet.example/room',
      position: 0,
    } as StreamEntity);
    const sessions = await hub.dataSource.getRepository(SessionEntity).save(
      specs.map((spec, i) => ({
        eventId: event.id,
        streamId: stream.id,
        title: `Session ${i + 1} ${tag}`,
        abstract: 'About it',
        format: 'workshop',
        audience: 'public',
        language: 'en',
        status: 'scheduled',
        capacity: spec.capacity ?? null,
        startsAt: new Date(start + spec.at * HOUR),
        endsAt: new Date(start + (spec.at + spec.hours) * HOUR),
      })) as SessionEntity[],
    );
    await publish(event);
    return { event, stream, ids: sessions.map((s) => s.id) };
  }

  async function publish(event: EventEntity): Promise<void> {
    await transactions().run((manager) =>
      freezeRelease(manager, { event, name: 'release', publishedBy: null, now: new Date() }),
    );
  }

  const register = async (who: Person, sessionId: string) => {
    const { status } = await call('POST', `/api/sessions/${sessionId}/registration`, who);
    expect([200, 201]).toContain(status);
  };
  const cancel = async (who: Person, sessionId: string) => {
    expect((await call('DELETE', `/api/sessions/${sessionId}/registration`, who)).status).toBe(204);
  };
  const agendaOf = async (who: Person) => {
    const response = await call<MyAgenda>('GET', '/api/me/agenda', who);
    expect(response.status).toBe(200);
    return response.body;
  };
  const feedOf = async (who: Person) => {
    const response = await call<CalendarFeedView>('GET', '/api/me/calendar-feed', who);
    expect(response.status).toBe(200);
    return response.body;
  };
  /** The feed as a calendar app fetches it; the address names the public base, not this app. */
  const fetchFeed = (url: string, headers: Record<string, string> = {}) =>
    call<ApiErrorBody>('GET', url.slice(BASE_URL.length), undefined, headers);
  const uidsIn = (ics: string) => readIcs(ics).vevents.map((v) => textOf(v, 'uid'));
  const statusIn = (ics: string, sessionId: string) =>
    readIcs(ics)
      .vevents.filter((v) => textOf(v, 'uid') === sessionUid(sessionId))
      .map((v) => textOf(v, 'status'));

  it('lists my confirmed and waiting sessions as released, with their clashes', async () => {
    // 09-11, 10-11 (full: a waits), 11-12 (right after the first); 11:30-12:30 in another event.
    const lab = await fixture([
      { at: 1, hours: 2 },
      { at: 2, hours: 1, capacity: 1 },
      { at: 3, hours: 1 },
    ]);
    const other = await fixture([{ at: 3.5, hours: 1 }]);
    const [a, b] = [await person('a'), await person('b')];
    await register(b, lab.ids[1]);
    for (const id of [...lab.ids, ...other.ids]) await register(a, id);

    // An unpublished edit of the draft shows nowhere.
    await hub.dataSource
      .getRepository(SessionEntity)
      .update({ id: lab.ids[0] }, { title: 'Draft title nobody saw' });

    const agenda = await agendaOf(a);
    expect(agenda.items.map((i) => [i.sessionId, i.status, i.position])).toEqual([
      [lab.ids[0], 'confirmed', null],
      [lab.ids[1], 'waitlisted', 1],
      [lab.ids[2], 'confirmed', null],
      [other.ids[0], 'confirmed', null],
    ]);
    expect(agenda.items[0]).toMatchObject({
      eventSlug: lab.event.slug,
      sessionTitle: expect.stringMatching(/^Session 1 /) as unknown,
      sessionStatus: 'scheduled',
      timeZone: 'Europe/Brussels',
      stream: { id: lab.stream.id, name: lab.stream.name, virtualUrl: 'https://meet.example/room' },
    });
    expect(agenda.overlaps).toEqual([
      {
        sessionIds: [lab.ids[0], lab.ids[1]],
        startsAt: agenda.items[1].startsAt,
        endsAt: agenda.items[1].endsAt,
        waitlisted: true,
      },
      {
        sessionIds: [lab.ids[2], other.ids[0]],
        startsAt: agenda.items[3].startsAt,
        endsAt: agenda.items[2].endsAt,
        waitlisted: false,
      },
    ]);

    // The same list as GET /api/me/registrations: one code path.
    const list = await call<MyRegistrationView[]>('GET', '/api/me/registrations', a);
    expect(list.body).toEqual(agenda.items.map(({ stream: _stream, ...rest }) => rest));

    // Nobody reaches another person's registrations: no id to change, a query is ignored.
    expect((await agendaOf(b)).items.map((i) => i.sessionId)).toEqual([lab.ids[1]]);
    const asB = await call<MyAgenda>('GET', `/api/me/agenda?accountId=${a.id}`, b);
    expect(asB.body.items.map((i) => i.sessionId)).toEqual([lab.ids[1]]);
    expect((await call('GET', `/api/sessions/${lab.ids[0]}/registration`, b)).status).toBe(404);
    expect((await call('GET', '/api/me/agenda')).status).toBe(401);
    expect((await call('GET', '/api/me/calendar-feed')).status).toBe(401);
  });

  it('feeds exactly my confirmed sessions at a private address, with ETag and reset', async () => {
    const lab = await fixture([
      { at: 0, hours: 1 },
      { at: 2, hours: 1, capacity: 1 },
      { at: 4, hours: 1 },
      { at: 6, hours: 1 },
    ]);
    const [a, b] = [await person('feed-a'), await person('feed-b')];
    await register(b, lab.ids[1]);
    for (const id of lab.ids) await register(a, id);
    await register(b, lab.ids[3]);

    const feed = await feedOf(a);
    expect(feed.url).toMatch(
      /^https:\/\/hub\.example\.eu\/icc\/api\/calendar\/feeds\/[\w-]{43}\.ics$/,
    );
    expect(feed.webcalUrl).toBe(feed.url.replace(/^https:/, 'webcal:'));
    expect(Date.parse(feed.createdAt)).not.toBeNaN();
    // Shown again, the same; the request's Host never makes the address.
    expect(await feedOf(a)).toEqual(feed);
    const viaOtherHost = await call<CalendarFeedView>('GET', '/api/me/calendar-feed', a, {
      'x-forwarded-host': 'evil.example',
    });
    expect(viaOtherHost.body.url).toBe(feed.url);

    // Only the hash and a sealed copy are stored.
    const token = /feeds\/([\w-]+)\.ics$/.exec(feed.url)?.[1] ?? '';
    const row = await hub.dataSource
      .getRepository(CalendarFeedEntity)
      .findOneByOrFail({ accountId: a.id });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row.sealedToken).not.toContain(token);

    const first = await fetchFeed(feed.url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    // Waiting for s1 is no seat: it is not in.
    expect(uidsIn(first.text)).toEqual([0, 2, 3].map((i) => sessionUid(lab.ids[i])));
    expect(readIcs(first.text).calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(statusIn(first.text, lab.ids[0])).toEqual(['CONFIRMED']);
    expect(first.text).not.toContain(token);

    const unchanged = await fetchFeed(feed.url, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');

    // Another person's address gives theirs, and only theirs.
    const feedB = await feedOf(b);
    expect(feedB.url).not.toBe(feed.url);
    expect(uidsIn((await fetchFeed(feedB.url)).text)).toEqual(
      [1, 3].map((i) => sessionUid(lab.ids[i])),
    );

    // My own cancellation drops out; b's seat, given up, comes to me.
    await cancel(a, lab.ids[2]);
    await cancel(b, lab.ids[1]);
    const changed = await fetchFeed(feed.url, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(uidsIn(changed.text)).toEqual([0, 1, 3].map((i) => sessionUid(lab.ids[i])));

    // A session the organisers cancel in a release stays in, cancelled.
    await hub.dataSource
      .getRepository(SessionEntity)
      .update({ id: lab.ids[0] }, { status: 'cancelled' });
    await publish(lab.event);
    const cancelled = await fetchFeed(feed.url);
    expect(uidsIn(cancelled.text)).toEqual([0, 1, 3].map((i) => sessionUid(lab.ids[i])));
    expect(statusIn(cancelled.text, lab.ids[0])).toEqual(['CANCELLED']);

    // A reset kills the old address at once.
    const reset = await call<CalendarFeedView>('POST', '/api/me/calendar-feed/reset', a);
    expect(reset.status).toBe(200);
    expect(reset.body.url).not.toBe(feed.url);
    expect(await feedOf(a)).toEqual(reset.body);
    expect((await fetchFeed(feed.url)).status).toBe(404);
    expect((await fetchFeed(reset.body.url)).status).toBe(200);
    expect((await fetchFeed(feedB.url)).status).toBe(200);
  });

  it('answers 404 for an address that is no feed, and resets a feed never shown', async () => {
    const nobody = `${BASE_URL}/api/calendar/feeds/${'A'.repeat(43)}.ics`;
    const missing = await fetchFeed(nobody);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404 });
    expect((await fetchFeed(`${BASE_URL}/api/calendar/feeds/short.ics`)).status).toBe(404);
    expect((await fetchFeed(`${BASE_URL}/api/calendar/feeds/x'%20OR%201=1.ics`)).status).toBe(404);

    const c = await person('feed-c');
    const made = await call<CalendarFeedView>('POST', '/api/me/calendar-feed/reset', c);
    expect(made.status).toBe(200);
    const empty = await fetchFeed(made.body.url);
    expect(empty.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(empty.text) as unknown[]);
    expect(calendar.getAllSubcomponents('vevent')).toEqual([]);
  });

  it('keeps a cancelled session in the feed until a week after its date', async () => {
    const lab = await fixture([]);
    const sessions = hub.dataSource.getRepository(SessionEntity);
    const endedDaysAgo = async (days: number) =>
      sessions.save({
        eventId: lab.event.id,
        title: `Cancelled ${days} days ago`,
        audience: 'public',
        status: 'scheduled',
        capacity: null,
        startsAt: new Date(Date.now() - days * DAY - HOUR),
        endsAt: new Date(Date.now() - days * DAY),
      } as SessionEntity);
    const [recent, old] = [await endedDaysAgo(6), await endedDaysAgo(8)];
    await publish(lab.event);
    await sessions.update({ eventId: lab.event.id }, { status: 'cancelled' });
    await publish(lab.event);
    const me = await person('past');
    for (const session of [recent, old]) {
      await hub.dataSource.getRepository(RegistrationEntity).insert({
        sessionId: session.id,
        accountId: me.id,
        cityId: null,
        status: 'confirmed',
        confirmedAt: new Date(Date.now() - 40 * DAY),
        waitlistedAt: null,
        cancelledAt: null,
      });
    }
    const feed = await fetchFeed((await feedOf(me)).url);
    expect(uidsIn(feed.text)).toEqual([sessionUid(recent.id)]);
    expect(statusIn(feed.text, recent.id)).toEqual(['CANCELLED']);
  });

  it('on erasure cancels my live registrations by the rule, forgets my feed, keeps the past', async () => {
    const lab = await fixture([
      { at: 0, hours: 1, capacity: 1 },
      { at: 2, hours: 1, capacity: 1 },
    ]);
    const [leaving, next, seated] = [
      await person('erase-me'),
      await person('next'),
      await person('seated'),
    ];
    await register(leaving, lab.ids[0]);
    await register(next, lab.ids[0]);
    await register(seated, lab.ids[1]);
    await register(leaving, lab.ids[1]);
    // A session that is over keeps what it had, for the retention job.
    const over = await hub.dataSource.getRepository(SessionEntity).save({
      eventId: lab.event.id,
      title: 'Over',
      audience: 'public',
      status: 'scheduled',
      capacity: null,
      startsAt: new Date(Date.now() - 3 * HOUR),
      endsAt: new Date(Date.now() - 2 * HOUR),
    } as SessionEntity);
    await publish(lab.event);
    const registrations = hub.dataSource.getRepository(RegistrationEntity);
    await registrations.insert({
      sessionId: over.id,
      accountId: leaving.id,
      cityId: null,
      status: 'confirmed',
      confirmedAt: new Date(Date.now() - 5 * DAY),
      waitlistedAt: null,
      cancelledAt: null,
    });
    const feed = await feedOf(leaving);

    expect((await call('DELETE', '/api/me', leaving)).status).toBe(204);

    const statusOf = async (sessionId: string, who: Person) =>
      (await registrations.findOneByOrFail({ sessionId, accountId: who.id })).status;
    expect(await statusOf(lab.ids[0], leaving)).toBe('cancelled');
    expect(await statusOf(lab.ids[1], leaving)).toBe('cancelled');
    expect(await statusOf(over.id, leaving)).toBe('confirmed');
    // The freed seat went to the person waiting, who is mailed; the full session stays full.
    expect(await statusOf(lab.ids[0], next)).toBe('confirmed');
    const seats = hub.dataSource.getRepository(SessionEntity);
    expect((await seats.findOneByOrFail({ id: lab.ids[0] })).confirmedCount).toBe(1);
    expect((await seats.findOneByOrFail({ id: lab.ids[1] })).confirmedCount).toBe(1);
    const promoted = await hub.dataSource
      .getRepository(OutgoingMailEntity)
      .findBy({ accountId: next.id, template: 'registration-promoted' });
    expect(promoted).toHaveLength(1);
    expect(
      await hub.dataSource.getRepository(OutgoingMailEntity).countBy({ accountId: leaving.id }),
    ).toBe(0);

    expect(
      await hub.dataSource.getRepository(CalendarFeedEntity).countBy({ accountId: leaving.id }),
    ).toBe(0);
    expect((await fetchFeed(feed.url)).status).toBe(404);
  });
});
