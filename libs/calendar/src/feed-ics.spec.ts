import ICAL from 'ical.js';
import { CalendarInputError } from './calendar-input.error.js';
import { feedIcs, sessionUid } from './ics.js';
import {
  contentLines,
  readIcs,
  sampleEvent,
  textOf,
  timeOf,
  unescapeText,
} from './testing/read-ics.js';

const brussels = sampleEvent({ sessionId: 'brussels-1' });
const newYork = sampleEvent({
  sessionId: 'new-york-1',
  timeZone: 'America/New_York',
  startsAt: new Date('2020-11-02T15:00:00Z'),
  endsAt: new Date('2020-11-02T16:00:00Z'),
});
const cancelled = sampleEvent({ sessionId: 'brussels-2', sequence: 7, cancelled: true });

describe('feedIcs', () => {
  const ics = feedIcs({
    name: 'ICC Hub, my sessions',
    events: [brussels, newYork, cancelled],
    refreshInterval: { minutes: 60 },
  });
  const { calendar, vevents } = readIcs(ics);

  it('is a PUBLISH calendar named after the feed, with a refresh interval', () => {
    expect(textOf(calendar, 'method')).toBe('PUBLISH');
    expect(unescapeText(textOf(calendar, 'x-wr-calname'))).toBe('ICC Hub, my sessions');
    expect(unescapeText(textOf(calendar, 'name'))).toBe('ICC Hub, my sessions');
    const interval = calendar.getFirstPropertyValue('refresh-interval');
    expect(interval).toBeInstanceOf(ICAL.Duration);
    expect((interval as InstanceType<typeof ICAL.Duration>).toSeconds()).toBe(3600);
    expect(contentLines(ics)).toContain('X-PUBLISHED-TTL:PT1H');
  });

  it('holds every session once, in the given order, with their own UID and SEQUENCE', () => {
    expect(vevents.map((vevent) => textOf(vevent, 'uid'))).toEqual(
      [brussels, newYork, cancelled].map((event) => sessionUid(event.sessionId)),
    );
    expect(vevents.map((vevent) => vevent.getFirstPropertyValue('sequence'))).toEqual([3, 3, 7]);
  });

  it('keeps cancelled sessions, marked STATUS:CANCELLED, so subscribers drop them', () => {
    expect(vevents.map((vevent) => textOf(vevent, 'status'))).toEqual([
      'CONFIRMED',
      'CONFIRMED',
      'CANCELLED',
    ]);
  });

  it('has no organizer and no attendees', () => {
    for (const vevent of vevents) {
      expect(vevent.hasProperty('attendee')).toBe(false);
      expect(vevent.hasProperty('organizer')).toBe(false);
    }
  });

  it('writes each zone once and every time in its own zone', () => {
    const tzids = calendar
      .getAllSubcomponents('vtimezone')
      .map((vtimezone) => textOf(vtimezone, 'tzid'));
    // In the order the events first use them.
    expect(tzids).toEqual(['Europe/Brussels', 'America/New_York']);
    const nyStart = timeOf(vevents[1], 'dtstart');
    expect(nyStart.zone.tzid).toBe('America/New_York');
    expect(nyStart.toString()).toBe('2020-11-02T10:00:00');
    expect(nyStart.toJSDate()).toEqual(newYork.startsAt);
    expect(timeOf(vevents[0], 'dtstart').toJSDate()).toEqual(brussels.startsAt);
  });

  it('is byte-for-byte the same for the same input', () => {
    expect(
      feedIcs({
        name: 'ICC Hub, my sessions',
        events: [brussels, newYork, cancelled],
        refreshInterval: { minutes: 60 },
      }),
    ).toBe(ics);
  });

  it('is a valid, empty calendar when there is nothing to show', () => {
    const file = feedIcs({ name: 'Nothing yet', events: [] });
    const parsed = new ICAL.Component(ICAL.parse(file) as unknown[]);
    expect(parsed.getAllSubcomponents()).toHaveLength(0);
    expect(parsed.hasProperty('refresh-interval')).toBe(false);
  });

  it('escapes a hostile feed name instead of letting it start a component', () => {
    const file = feedIcs({ name: 'Mine\r\nBEGIN:VEVENT\r\nUID:evil;x,y\\', events: [brussels] });
    const parsed = readIcs(file);
    expect(parsed.vevents).toHaveLength(1);
    expect(unescapeText(textOf(parsed.calendar, 'x-wr-calname'))).toBe(
      'Mine BEGIN:VEVENT UID:evil;x,y\\',
    );
  });

  it('carries a description and the address it is refreshed from when given', () => {
    const source = 'https://hub.example.eu/api/events/icc-city-lab-2020/calendar.ics?x=1;y=2';
    const file = feedIcs({
      name: 'City Lab',
      description: 'Five days;\r\nonline, open on Day 1\\',
      source,
      events: [brussels],
    });
    const parsed = readIcs(file);
    expect(unescapeText(textOf(parsed.calendar, 'x-wr-caldesc'))).toBe(
      'Five days;\nonline, open on Day 1\\',
    );
    expect(parsed.calendar.getFirstPropertyValue('source')).toBe(source);
    expect(contentLines(file).filter((line) => line.startsWith('X-WR-CALDESC:'))).toEqual([
      'X-WR-CALDESC:Five days\\;\\nonline\\, open on Day 1\\\\',
    ]);
    expect(() => feedIcs({ name: 'x', source: '/relative.ics', events: [] })).toThrow(
      CalendarInputError,
    );
  });

  it('leaves an unnamed calendar without NAME, description or SOURCE', () => {
    const { calendar: unnamed } = readIcs(feedIcs({ name: '', events: [brussels] }));
    for (const property of ['name', 'x-wr-calname', 'x-wr-caldesc', 'source']) {
      expect(unnamed.hasProperty(property)).toBe(false);
    }
  });

  it('throws on the same session twice and on a bad refresh interval', () => {
    expect(() => feedIcs({ name: 'x', events: [brussels, { ...brussels }] })).toThrow(
      CalendarInputError,
    );
    for (const minutes of [0, -5, 1.5, Number.NaN]) {
      expect(() => feedIcs({ name: 'x', events: [], refreshInterval: { minutes } })).toThrow(
        CalendarInputError,
      );
    }
  });
});
