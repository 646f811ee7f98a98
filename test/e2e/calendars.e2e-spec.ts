import { sessionUid } from '@app/calendar';
import type { EventDetail, ReleasedSession, SessionView } from '@app/contracts';
import {
  EventDayEntity,
  EventEntity,
  freezeRelease,
  ScheduleReleaseEntity,
  SessionEntity,
  StreamEntity,
  TrackEntity,
  TransactionRunner,
} from '@app/persistence';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import {
  contentLines,
  type IcalComponent,
  icalZone,
  readIcs,
  textOf,
  timeOf,
  unescapeText,
} from '../../libs/calendar/src/testing/read-ics.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const BASE_URL = 'https://hub.example.eu/icc';
const CITY_LAB = 'icc-city-lab-2020';
const BRUSSELS = 'Europe/Brussels';
const READERS = ['UTC', 'America/New_York', 'Asia/Tokyo'] as const;
const WALL_CLOCK = "yyyy-LL-dd'T'HH:mm:ss";

/** An instant as local time with an explicit offset, so the repeated hour is unambiguous. */
const instant = (isoWithOffset: string): Date =>
  DateTime.fromISO(isoWithOffset, { setZone: true }).toJSDate();

const uidsOf = (vevents: IcalComponent[]) => vevents.map((vevent) => textOf(vevent, 'uid'));

/** The DTSTART content lines of the VEVENTs (VTIMEZONE observances have DTSTARTs too). */
function eventStartLines(ics: string): string[] {
  const lines = contentLines(ics);
  return lines.filter(
    (line, index) =>
      /^DTSTART[;:]/.test(line) &&
      lines.lastIndexOf('BEGIN:VEVENT', index) > lines.lastIndexOf('END:VEVENT', index),
  );
}

/** The start as ical.js shows it to a reader in `zone`, and as luxon says it should be. */
function seenFrom(vevent: IcalComponent, zone: string) {
  const start = timeOf(vevent, 'dtstart');
  const reader = zone === 'UTC' ? ICAL.Timezone.utcTimezone : icalZone(zone);
  return {
    zone,
    seen: start.convertToZone(reader).toString().replace(/Z$/, ''),
    expected: DateTime.fromJSDate(start.toJSDate(), { zone }).toFormat(WALL_CLOCK),
  };
}

describe('calendar files of the published programme', () => {
  let hub: TestApp;

  beforeAll(async () => {
    hub = await createTestApp({ env: { PUBLIC_BASE_URL: BASE_URL } });
  });
  afterAll(() => hub.close());

  async function ics(path: string, headers: Record<string, string> = {}) {
    const response = await hub.request(path, { headers });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return { ...response, ...readIcsOrEmpty(response.text) };
  }

  /** readIcs insists on a VEVENT; an empty feed is a valid calendar too. */
  function readIcsOrEmpty(text: string) {
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    return { calendar, vevents: calendar.getAllSubcomponents('vevent') };
  }

  async function json<T>(path: string): Promise<T> {
    const response = await hub.request(path);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.body as T;
  }

  async function latestSnapshot(slug: string): Promise<Map<string, ReleasedSession>> {
    const event = await hub.dataSource.getRepository(EventEntity).findOneByOrFail({ slug });
    const release = await hub.dataSource
      .getRepository(ScheduleReleaseEntity)
      .findOneOrFail({ where: { eventId: event.id }, order: { number: 'DESC' } });
    return new Map(release.snapshot.sessions.map((s) => [s.id, s]));
  }

  function publish(slug: string, name: string) {
    return hub.app.get(TransactionRunner).run(async (manager) => {
      const event = await manager.getRepository(EventEntity).findOneByOrFail({ slug });
      return freezeRelease(manager, { event, name, publishedBy: null, now: new Date() });
    });
  }

  describe('the seeded City Lab', () => {
    it('is a PUBLISH feed of every released session, named after the event', async () => {
      const path = `/api/events/${CITY_LAB}/calendar.ics`;
      const file = await ics(path);
      expect(file.headers).toMatchObject({
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="${CITY_LAB}.ics"`,
        'cache-control': 'public, max-age=300',
        etag: expect.stringMatching(/^"[A-Za-z0-9_-]{43}"$/) as string,
      });
      const event = await json<EventDetail>(`/api/events/${CITY_LAB}`);
      expect(textOf(file.calendar, 'method')).toBe('PUBLISH');
      expect(unescapeText(textOf(file.calendar, 'x-wr-calname'))).toBe(event.title);
      expect(textOf(file.calendar, 'source')).toBe(`${BASE_URL}${path}`);
      const refresh = file.calendar.getFirstPropertyValue('refresh-interval');
      expect((refresh as InstanceType<typeof ICAL.Duration>).toSeconds()).toBe(3600);

      const sessions = await json<SessionView[]>(`/api/events/${CITY_LAB}/sessions`);
      expect(sessions.length).toBeGreaterThan(10);
      expect(uidsOf(file.vevents)).toEqual(sessions.map((s) => sessionUid(s.id)));
      const released = await latestSnapshot(CITY_LAB);
      for (const [index, vevent] of file.vevents.entries()) {
        const session = released.get(sessions[index].id);
        expect(vevent.getFirstPropertyValue('sequence')).toBe(session?.sequence);
        expect(timeOf(vevent, 'dtstart').toJSDate().toISOString()).toBe(session?.startsAt);
        expect(timeOf(vevent, 'dtend').toJSDate().toISOString()).toBe(session?.endsAt);
        expect(textOf(vevent, 'status')).toBe('CONFIRMED');
      }
    });

    it('has a file per day holding exactly that day’s sessions', async () => {
      const event = await json<EventDetail>(`/api/events/${CITY_LAB}`);
      const everything = await ics(`/api/events/${CITY_LAB}/calendar.ics`);
      const seen: string[] = [];
      for (const day of event.days) {
        const file = await ics(`/api/events/${CITY_LAB}/days/${day.date}/calendar.ics`);
        const listed = await json<SessionView[]>(
          `/api/events/${CITY_LAB}/sessions?day=${day.date}`,
        );
        expect(listed.length).toBeGreaterThan(0);
        expect(uidsOf(file.vevents)).toEqual(listed.map((s) => sessionUid(s.id)));
        expect(unescapeText(textOf(file.calendar, 'x-wr-calname'))).toBe(
          `${event.title}: ${day.title}`,
        );
        expect(file.headers['content-disposition']).toBe(
          `attachment; filename="${CITY_LAB}-${day.date}.ics"`,
        );
        seen.push(...uidsOf(file.vevents));
      }
      expect(seen).toEqual(uidsOf(everything.vevents));
    });

    it('has a file per track holding exactly that track’s sessions', async () => {
      const event = await json<EventDetail>(`/api/events/${CITY_LAB}`);
      let nonEmpty = 0;
      for (const track of event.tracks) {
        const file = await ics(`/api/events/${CITY_LAB}/tracks/${track.slug}/calendar.ics`);
        const listed = await json<SessionView[]>(
          `/api/events/${CITY_LAB}/sessions?track=${track.slug}`,
        );
        expect(uidsOf(file.vevents)).toEqual(listed.map((s) => sessionUid(s.id)));
        expect(unescapeText(textOf(file.calendar, 'x-wr-calname'))).toBe(
          `${event.title}: ${track.name}`,
        );
        if (listed.length > 0) nonEmpty += 1;
      }
      expect(nonEmpty).toBeGreaterThan(1);
    });

    it('has a file per session with its UID, link, place and join link', async () => {
      const [opening] = await json<SessionView[]>(
        `/api/events/${CITY_LAB}/sessions?day=2020-09-28`,
      );
      const released = (await latestSnapshot(CITY_LAB)).get(opening.id);
      // The links come from the configured base URL, never from what the request says.
      const file = await ics(`/api/sessions/${opening.id}/calendar.ics`, {
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'http',
      });
      expect(file.vevents).toHaveLength(1);
      const [vevent] = file.vevents;
      expect(textOf(vevent, 'uid')).toBe(sessionUid(opening.id));
      expect(vevent.getFirstPropertyValue('sequence')).toBe(released?.sequence);
      expect(textOf(vevent, 'summary')).toBe(opening.title);
      expect(textOf(vevent, 'url')).toBe(`${BASE_URL}/sessions/${opening.id}`);
      expect(textOf(vevent, 'location')).toBe('Plenary');
      const virtualUrl = released?.stream?.virtualUrl ?? '';
      expect(virtualUrl).toMatch(/^https:/);
      expect(textOf(vevent, 'description')).toContain(`Join online: ${virtualUrl}`);
      expect(timeOf(vevent, 'dtstart').toJSDate().toISOString()).toBe(opening.startsAt);
      // A file of one session is imported, not subscribed to.
      expect(file.calendar.hasProperty('x-wr-calname')).toBe(false);
      expect(file.calendar.hasProperty('refresh-interval')).toBe(false);
      expect(file.headers['content-disposition']).toMatch(
        /^attachment; filename="[a-z0-9-]+\.ics"$/,
      );
      expect(file.headers['cache-control']).toBe('public, max-age=300');
    });

    it('answers 404 for what does not exist and 400 for malformed parameters', async () => {
      const statuses: Record<string, number> = {};
      for (const path of [
        `/api/events/no-such-event/calendar.ics`,
        `/api/events/no-such-event/days/2020-09-28/calendar.ics`,
        `/api/events/${CITY_LAB}/days/2020-10-05/calendar.ics`,
        `/api/events/${CITY_LAB}/days/2020-02-30/calendar.ics`,
        `/api/events/${CITY_LAB}/days/29-09-2020/calendar.ics`,
        `/api/events/${CITY_LAB}/tracks/no-such-track/calendar.ics`,
        `/api/events/${CITY_LAB}/tracks/Not_A_Slug/calendar.ics`,
        `/api/sessions/00000000-0000-4000-8000-000000000000/calendar.ics`,
        `/api/sessions/not-a-uuid/calendar.ics`,
        `/api/events/Not_A_Slug/calendar.ics`,
      ]) {
        statuses[path] = (await hub.request(path)).status;
      }
      expect(Object.values(statuses)).toEqual([404, 404, 404, 400, 400, 404, 400, 404, 400, 400]);
      const missingDay = await hub.request(`/api/events/${CITY_LAB}/days/2020-10-05/calendar.ics`);
      expect(missingDay.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `Day 2020-10-05 of event "${CITY_LAB}" not found`,
      });
    });

    it('answers 304 to a calendar that already holds this version', async () => {
      const path = `/api/events/${CITY_LAB}/calendar.ics`;
      const first = await ics(path);
      const etag = String(first.headers.etag);
      expect(String((await ics(path)).headers.etag)).toBe(etag);
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await hub.request(path, { headers: { 'if-none-match': ifNoneMatch } });
        expect({ ifNoneMatch, status: again.status }).toEqual({ ifNoneMatch, status: 304 });
        expect(again.text).toBe('');
        expect(again.headers).toMatchObject({ etag, 'cache-control': 'public, max-age=300' });
      }
      const stale = await hub.request(path, { headers: { 'if-none-match': '"stale"' } });
      expect(stale.status).toBe(200);
      expect(stale.text).toBe(first.text);

      // Each filter is its own file with its own validator.
      const other = [
        `/api/events/${CITY_LAB}/days/2020-09-28/calendar.ics`,
        `/api/events/${CITY_LAB}/tracks/public-procurement/calendar.ics`,
        `/api/events/100-mayors-summit-2020/calendar.ics`,
      ];
      const etags = new Set([etag]);
      for (const otherPath of other) {
        const response = await hub.request(otherPath, { headers: { 'if-none-match': etag } });
        expect({ otherPath, status: response.status }).toEqual({ otherPath, status: 200 });
        etags.add(String(response.headers.etag));
      }
      expect(etags.size).toBe(other.length + 1);
    });

    it('leaves out a session that is only in the draft, and does not change for it', async () => {
      const path = `/api/events/${CITY_LAB}/calendar.ics`;
      const before = await ics(path);
      const sessions = hub.dataSource.getRepository(SessionEntity);
      const [first] = await json<SessionView[]>(`/api/events/${CITY_LAB}/sessions`);
      const template = await sessions.findOneByOrFail({ id: first.id });
      const draft = await sessions.save(
        sessions.create({
          eventId: template.eventId,
          dayId: template.dayId,
          trackId: template.trackId,
          streamId: template.streamId,
          title: 'Draft only: not yet published',
          abstract: '',
          audience: 'public',
          startsAt: template.startsAt,
          endsAt: template.endsAt,
          firstReleasedAt: null,
        }),
      );
      const after = await ics(path);
      expect(uidsOf(after.vevents)).not.toContain(sessionUid(draft.id));
      expect(after.text).toBe(before.text);
      expect(after.headers.etag).toBe(before.headers.etag);
      const day = DateTime.fromJSDate(template.startsAt, { zone: BRUSSELS }).toISODate() ?? '';
      const dayFile = await ics(`/api/events/${CITY_LAB}/days/${day}/calendar.ics`);
      expect(uidsOf(dayFile.vevents)).not.toContain(sessionUid(draft.id));
      expect((await hub.request(`/api/sessions/${draft.id}/calendar.ics`)).status).toBe(404);
      await sessions.delete({ id: draft.id });
    });
  });

  describe('a City Lab in Brussels on the weekend summer time ends (25 October 2026)', () => {
    const SLUG = 'dst-city-lab-2026';
    /** Session title → start and end. */
    const SLOTS: Record<string, { startsAt: Date; endsAt: Date; day: string; track: string }> = {
      'Saturday opening': {
        startsAt: instant('2026-10-24T10:00+02:00'),
        endsAt: instant('2026-10-24T11:00+02:00'),
        day: '2026-10-24',
        track: 'green-economy',
      },
      // 02:30 comes twice that night: first in summer time (+02:00), then in winter time.
      'Night owls, first 02:30': {
        startsAt: instant('2026-10-25T02:30+02:00'),
        endsAt: instant('2026-10-25T02:30+01:00'),
        day: '2026-10-25',
        track: 'green-economy',
      },
      'Night owls, second 02:30': {
        startsAt: instant('2026-10-25T02:30+01:00'),
        endsAt: instant('2026-10-25T03:00+01:00'),
        day: '2026-10-25',
        track: 'tourism',
      },
      'Sunday plenary': {
        startsAt: instant('2026-10-25T10:00+01:00'),
        endsAt: instant('2026-10-25T11:00+01:00'),
        day: '2026-10-25',
        track: 'tourism',
      },
      'Monday workshop': {
        startsAt: instant('2026-10-26T10:00+01:00'),
        endsAt: instant('2026-10-26T11:30+01:00'),
        day: '2026-10-26',
        track: 'green-economy',
      },
    };
    const ids = new Map<string, string>();

    beforeAll(async () => {
      const ds = hub.dataSource;
      const event = await ds.getRepository(EventEntity).save(
        ds.getRepository(EventEntity).create({
          slug: SLUG,
          kind: 'city-lab',
          title: 'City Lab across the clock change',
          summary: 'Three days around the end of summer time.',
          timeZone: BRUSSELS,
          startDate: '2026-10-24',
          endDate: '2026-10-26',
          venue: null,
        }),
      );
      const days = new Map<string, string>();
      for (const [index, date] of ['2026-10-24', '2026-10-25', '2026-10-26'].entries()) {
        const day = await ds
          .getRepository(EventDayEntity)
          .save({ eventId: event.id, date, dayNumber: index + 1, title: `Day ${index + 1}` });
        days.set(date, day.id);
      }
      const tracks = new Map<string, string>();
      for (const [index, slug] of ['green-economy', 'tourism'].entries()) {
        const track = await ds.getRepository(TrackEntity).save({
          eventId: event.id,
          slug,
          name: slug === 'tourism' ? 'Tourism' : 'Green economy',
          kind: 'theme' as const,
          color: '#1b5e20',
          position: index,
        });
        tracks.set(slug, track.id);
      }
      const stream = await ds.getRepository(StreamEntity).save({
        eventId: event.id,
        name: 'Online room',
        virtualUrl: 'https://meet.example.eu/dst?pwd=a;b',
        capacity: null,
      });
      for (const [title, slot] of Object.entries(SLOTS)) {
        const session = await ds.getRepository(SessionEntity).save(
          ds.getRepository(SessionEntity).create({
            eventId: event.id,
            dayId: days.get(slot.day) ?? null,
            trackId: tracks.get(slot.track) ?? null,
            streamId: stream.id,
            title,
            abstract: 'Across the change.',
            audience: 'public',
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
          }),
        );
        ids.set(title, session.id);
      }
    });

    it('rests on these facts (luxon, the platform’s zone data)', () => {
      const gap = (at: Date, zone: string) =>
        (DateTime.fromJSDate(at, { zone: BRUSSELS }).offset -
          DateTime.fromJSDate(at, { zone }).offset) /
        60;
      const starts = Object.values(SLOTS).map((slot) => slot.startsAt);
      expect(starts.map((at) => at.toISOString())).toEqual([
        '2026-10-24T08:00:00.000Z',
        '2026-10-25T00:30:00.000Z',
        '2026-10-25T01:30:00.000Z',
        '2026-10-25T09:00:00.000Z',
        '2026-10-26T09:00:00.000Z',
      ]);
      // New York leaves summer time a week later (1 November 2026): 6 h apart, then 5 h.
      expect(starts.map((at) => gap(at, 'America/New_York'))).toEqual([6, 6, 5, 5, 5]);
      expect(gap(instant('2026-11-02T10:00+01:00'), 'America/New_York')).toBe(6);
      expect(starts.map((at) => gap(at, 'Asia/Tokyo'))).toEqual([-7, -7, -8, -8, -8]);
      // A bare "02:30" that night is the second run for luxon, the first for RFC 5545: the hub
      // stores instants, and the calendar lib writes both runs in UTC.
      expect(DateTime.fromISO('2026-10-25T02:30', { zone: BRUSSELS }).toUTC().toISO()).toBe(
        '2026-10-25T01:30:00.000Z',
      );
    });

    it('is empty until a release is published, then holds the released sessions', async () => {
      const empty = await ics(`/api/events/${SLUG}/calendar.ics`);
      expect(empty.vevents).toHaveLength(0);
      expect(
        (await hub.request(`/api/sessions/${ids.get('Sunday plenary')}/calendar.ics`)).status,
      ).toBe(404);
      expect((await publish(SLUG, 'First programme'))?.release.number).toBe(1);
      const file = await ics(`/api/events/${SLUG}/calendar.ics`, {
        'if-none-match': String(empty.headers.etag),
      });
      expect(uidsOf(file.vevents)).toEqual(
        Object.keys(SLOTS).map((title) => sessionUid(ids.get(title) ?? '')),
      );
    });

    it('shows every session at the right instant in UTC, New York and Tokyo', async () => {
      const { text, vevents } = await ics(`/api/events/${SLUG}/calendar.ics`);
      expect(eventStartLines(text)).toEqual([
        'DTSTART;TZID=Europe/Brussels:20261024T100000',
        'DTSTART:20261025T003000Z',
        'DTSTART:20261025T013000Z',
        'DTSTART;TZID=Europe/Brussels:20261025T100000',
        'DTSTART;TZID=Europe/Brussels:20261026T100000',
      ]);
      Object.values(SLOTS).forEach((slot, index) => {
        expect(timeOf(vevents[index], 'dtstart').toJSDate()).toEqual(slot.startsAt);
        expect(timeOf(vevents[index], 'dtend').toJSDate()).toEqual(slot.endsAt);
        for (const zone of READERS) {
          const { seen, expected } = seenFrom(vevents[index], zone);
          expect({ index, zone, seen }).toEqual({ index, zone, seen: expected });
        }
      });
      expect(vevents.map((vevent) => seenFrom(vevent, 'America/New_York').seen)).toEqual([
        '2026-10-24T04:00:00',
        '2026-10-24T20:30:00',
        '2026-10-24T21:30:00',
        '2026-10-25T05:00:00',
        '2026-10-26T05:00:00',
      ]);
      expect(vevents.map((vevent) => seenFrom(vevent, 'Asia/Tokyo').seen)).toEqual([
        '2026-10-24T17:00:00',
        '2026-10-25T09:30:00',
        '2026-10-25T10:30:00',
        '2026-10-25T18:00:00',
        '2026-10-26T18:00:00',
      ]);
    });

    it('files the night sessions under Sunday, and each under its track', async () => {
      const sunday = await ics(`/api/events/${SLUG}/days/2026-10-25/calendar.ics`);
      expect(uidsOf(sunday.vevents)).toEqual(
        ['Night owls, first 02:30', 'Night owls, second 02:30', 'Sunday plenary'].map((title) =>
          sessionUid(ids.get(title) ?? ''),
        ),
      );
      const tourism = await ics(`/api/events/${SLUG}/tracks/tourism/calendar.ics`);
      expect(uidsOf(tourism.vevents)).toEqual(
        ['Night owls, second 02:30', 'Sunday plenary'].map((title) =>
          sessionUid(ids.get(title) ?? ''),
        ),
      );
      const night = await ics(`/api/sessions/${ids.get('Night owls, first 02:30')}/calendar.ics`);
      expect(timeOf(night.vevents[0], 'dtstart').toJSDate()).toEqual(
        SLOTS['Night owls, first 02:30'].startsAt,
      );
      expect(textOf(night.vevents[0], 'location')).toBe('Online room');
      expect(textOf(night.vevents[0], 'description')).toContain(
        'Join online: https://meet.example.eu/dst?pwd=a;b',
      );
    });

    it('shows a published change with the new time and a higher SEQUENCE', async () => {
      const path = `/api/events/${SLUG}/calendar.ics`;
      const before = await ics(path);
      const mondayId = ids.get('Monday workshop') ?? '';
      const saturdayId = ids.get('Saturday opening') ?? '';
      const sequenceOf = (vevents: IcalComponent[], id: string): number => {
        const sequence = vevents
          .find((vevent) => textOf(vevent, 'uid') === sessionUid(id))
          ?.getFirstPropertyValue('sequence');
        if (typeof sequence !== 'number') throw new Error(`no SEQUENCE for ${id}`);
        return sequence;
      };
      const mondayBefore = sequenceOf(before.vevents, mondayId);

      const sessions = hub.dataSource.getRepository(SessionEntity);
      // To the afternoon, and still in winter time; Saturday's opening is called off.
      await sessions.update(
        { id: mondayId },
        {
          startsAt: instant('2026-10-26T14:00+01:00'),
          endsAt: instant('2026-10-26T15:30+01:00'),
        },
      );
      await sessions.update({ id: saturdayId }, { status: 'cancelled' });
      // Not public until published.
      expect((await ics(path)).text).toBe(before.text);
      expect((await publish(SLUG, 'Monday moves'))?.release.number).toBe(2);

      const stale = await hub.request(path, {
        headers: { 'if-none-match': String(before.headers.etag) },
      });
      expect(stale.status).toBe(200);
      expect(stale.headers.etag).not.toBe(before.headers.etag);
      const after = readIcs(stale.text);
      expect(uidsOf(after.vevents)).toEqual(uidsOf(before.vevents));
      const monday = after.vevents.find((v) => textOf(v, 'uid') === sessionUid(mondayId));
      if (!monday) throw new Error('Monday workshop left the feed');
      expect(monday.getFirstPropertyValue('sequence')).toBe(mondayBefore + 1);
      expect(timeOf(monday, 'dtstart').toString()).toBe('2026-10-26T14:00:00');
      expect(timeOf(monday, 'dtstart').toJSDate().toISOString()).toBe('2026-10-26T13:00:00.000Z');
      expect(seenFrom(monday, 'America/New_York').seen).toBe('2026-10-26T09:00:00');

      const saturday = after.vevents.find((v) => textOf(v, 'uid') === sessionUid(saturdayId));
      if (!saturday) throw new Error('a cancelled session must stay in the feed');
      expect(textOf(saturday, 'status')).toBe('CANCELLED');
      expect(saturday.getFirstPropertyValue('sequence')).toBe(
        sequenceOf(before.vevents, saturdayId) + 1,
      );

      const single = await ics(`/api/sessions/${mondayId}/calendar.ics`);
      expect(single.vevents[0].getFirstPropertyValue('sequence')).toBe(mondayBefore + 1);
      expect(timeOf(single.vevents[0], 'dtstart').toJSDate().toISOString()).toBe(
        '2026-10-26T13:00:00.000Z',
      );
    });
  });

  describe('a Mayors’ Summit in Brussels on the weekend summer time starts (29 March 2026)', () => {
    const SLUG = 'spring-mayors-summit-2026';
    const SLOTS = [
      { title: 'Arrivals', from: '2026-03-28T10:00+01:00', to: '2026-03-28T11:00+01:00' },
      // One hour long: 02:00-03:00 does not exist that night.
      { title: 'Night train', from: '2026-03-29T01:30+01:00', to: '2026-03-29T03:30+02:00' },
      { title: 'Summit plenary', from: '2026-03-29T10:00+02:00', to: '2026-03-29T12:00+02:00' },
      { title: 'Field visits', from: '2026-03-30T10:00+02:00', to: '2026-03-30T12:00+02:00' },
    ];

    beforeAll(async () => {
      const ds = hub.dataSource;
      const event = await ds.getRepository(EventEntity).save(
        ds.getRepository(EventEntity).create({
          slug: SLUG,
          kind: 'mayors-summit',
          title: 'Mayors’ Summit in spring',
          summary: '',
          timeZone: BRUSSELS,
          startDate: '2026-03-28',
          endDate: '2026-03-30',
          venue: 'Brussels',
        }),
      );
      const stream = await ds
        .getRepository(StreamEntity)
        .save({ eventId: event.id, name: 'Summit hall', virtualUrl: null, capacity: 300 });
      for (const slot of SLOTS) {
        await ds.getRepository(SessionEntity).save(
          ds.getRepository(SessionEntity).create({
            eventId: event.id,
            dayId: null,
            trackId: null,
            streamId: stream.id,
            title: slot.title,
            abstract: '',
            audience: 'mayors',
            startsAt: instant(slot.from),
            endsAt: instant(slot.to),
          }),
        );
      }
      await publish(SLUG, 'Programme');
    });

    it('shows every session at the right instant in UTC, New York and Tokyo', async () => {
      const { text, vevents } = await ics(`/api/events/${SLUG}/calendar.ics`);
      expect(vevents.map((vevent) => textOf(vevent, 'summary'))).toEqual(
        SLOTS.map((slot) => slot.title),
      );
      expect(eventStartLines(text)).toEqual([
        'DTSTART;TZID=Europe/Brussels:20260328T100000',
        'DTSTART;TZID=Europe/Brussels:20260329T013000',
        'DTSTART;TZID=Europe/Brussels:20260329T100000',
        'DTSTART;TZID=Europe/Brussels:20260330T100000',
      ]);
      SLOTS.forEach((slot, index) => {
        expect(timeOf(vevents[index], 'dtstart').toJSDate()).toEqual(instant(slot.from));
        expect(timeOf(vevents[index], 'dtend').toJSDate()).toEqual(instant(slot.to));
        for (const zone of READERS) {
          const { seen, expected } = seenFrom(vevents[index], zone);
          expect({ index, zone, seen }).toEqual({ index, zone, seen: expected });
        }
      });
      const night = vevents[1];
      expect(
        timeOf(night, 'dtend').toJSDate().getTime() - timeOf(night, 'dtstart').toJSDate().getTime(),
      ).toBe(3_600_000);
      // New York moved its clocks on 8 March: 5 h behind Brussels on Saturday, 6 h from Sunday.
      expect(vevents.map((vevent) => seenFrom(vevent, 'America/New_York').seen)).toEqual([
        '2026-03-28T05:00:00',
        '2026-03-28T20:30:00',
        '2026-03-29T04:00:00',
        '2026-03-30T04:00:00',
      ]);
      expect(vevents.map((vevent) => seenFrom(vevent, 'Asia/Tokyo').seen)).toEqual([
        '2026-03-28T18:00:00',
        '2026-03-29T09:30:00',
        '2026-03-29T17:00:00',
        '2026-03-30T17:00:00',
      ]);
      // No join link, so none is written; the place is the hall.
      expect(textOf(vevents[2], 'location')).toBe('Summit hall');
      expect(textOf(vevents[2], 'description')).not.toContain('Join online');
    });

    it('files sessions without a day under the day they start, in Brussels', async () => {
      await hub.dataSource.getRepository(EventDayEntity).save({
        eventId: (await hub.dataSource.getRepository(EventEntity).findOneByOrFail({ slug: SLUG }))
          .id,
        date: '2026-03-29',
        dayNumber: 2,
        title: 'Summit day',
      });
      const sunday = await ics(`/api/events/${SLUG}/days/2026-03-29/calendar.ics`);
      expect(sunday.vevents.map((vevent) => textOf(vevent, 'summary'))).toEqual([
        'Night train',
        'Summit plenary',
      ]);
      expect((await hub.request(`/api/events/${SLUG}/days/2026-03-28/calendar.ics`)).status).toBe(
        404,
      );
    });
  });
});
