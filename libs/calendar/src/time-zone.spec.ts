import fc from 'fast-check';
import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import { tzlib_get_timezones } from 'timezones-ical-library';
import { CalendarInputError } from './calendar-input.error.js';
import { invitationIcs } from './ics.js';
import {
  ATTENDEE,
  contentLines,
  icalZone,
  ORGANIZER,
  readIcs,
  sampleEvent,
  textOf,
  timeOf,
} from './testing/read-ics.js';
import { localTime, resolveZone } from './time-zone.js';
import { offsetAt, parseVtimezone, readingsOf } from './vtimezone.js';

const brussels = resolveZone('Europe/Brussels');
const utc = (iso: string) => new Date(iso).getTime();
const wallClock = (iso: string) => utc(`${iso}Z`);

describe('VTIMEZONE reader', () => {
  it('reads the two yearly observances of Europe/Brussels', () => {
    expect(brussels.tzid).toBe('Europe/Brussels');
    expect(brussels.observances).toEqual([
      expect.objectContaining({
        offsetFrom: 60,
        offsetTo: 120,
        rule: { month: 3, week: -1, weekday: 0 },
      }),
      expect.objectContaining({
        offsetFrom: 120,
        offsetTo: 60,
        rule: { month: 10, week: -1, weekday: 0 },
      }),
    ]);
  });

  it('gives the offsets around both DST changes of 2020', () => {
    const { observances } = brussels;
    expect(offsetAt(observances, utc('2020-03-29T00:59:59Z'))).toBe(60);
    expect(offsetAt(observances, utc('2020-03-29T01:00:00Z'))).toBe(120);
    expect(offsetAt(observances, utc('2020-10-14T10:00:00Z'))).toBe(120);
    expect(offsetAt(observances, utc('2020-10-25T00:59:59Z'))).toBe(120);
    expect(offsetAt(observances, utc('2020-10-25T01:00:00Z'))).toBe(60);
    expect(offsetAt(observances, utc('1969-12-31T00:00:00Z'))).toBeNull();
  });

  it('finds both runs of a repeated local time and none for a skipped one', () => {
    const { observances } = brussels;
    expect(readingsOf(observances, wallClock('2020-10-25T02:30:00'))).toEqual([
      utc('2020-10-25T00:30:00Z'),
      utc('2020-10-25T01:30:00Z'),
    ]);
    expect(readingsOf(observances, wallClock('2020-03-29T02:30:00'))).toEqual([]);
    expect(readingsOf(observances, wallClock('2020-10-25T03:30:00'))).toEqual([
      utc('2020-10-25T02:30:00Z'),
    ]);
  });

  it('refuses shapes it does not know rather than guessing', () => {
    const lines = [...brussels.vtimezone];
    const withRdate = [
      ...lines.slice(0, -1),
      'BEGIN:STANDARD',
      'RDATE:20300101T000000',
      'END:STANDARD',
      'END:VTIMEZONE',
    ];
    expect(parseVtimezone(withRdate)).toBeNull();
    const monthDay = lines.map((line) => line.replace('BYDAY=-1SU', 'BYMONTHDAY=25'));
    expect(parseVtimezone(monthDay)).toBeNull();
    expect(parseVtimezone(['BEGIN:VTIMEZONE', 'TZID:X', 'END:VTIMEZONE'])).toBeNull();
  });
});

describe('DTSTART and DTEND', () => {
  it('are local time with TZID, right on both sides of the October 2020 change', () => {
    const before = readIcs(
      invitationIcs({
        event: sampleEvent(),
        organizer: ORGANIZER,
        attendee: ATTENDEE,
        method: 'REQUEST',
      }),
    );
    const start = timeOf(before.vevent, 'dtstart');
    expect(start.zone.tzid).toBe('Europe/Brussels');
    expect(start.toString()).toBe('2020-10-14T10:00:00');
    expect(start.utcOffset()).toBe(2 * 3600);
    expect(start.toJSDate().toISOString()).toBe('2020-10-14T08:00:00.000Z');

    const after = readIcs(
      invitationIcs({
        event: sampleEvent({
          startsAt: new Date('2020-10-25T09:00:00Z'),
          endsAt: new Date('2020-10-25T10:00:00Z'),
        }),
        organizer: ORGANIZER,
        attendee: ATTENDEE,
        method: 'REQUEST',
      }),
    );
    const late = timeOf(after.vevent, 'dtstart');
    expect(late.toString()).toBe('2020-10-25T10:00:00');
    expect(late.utcOffset()).toBe(3600);
    expect(late.toJSDate().toISOString()).toBe('2020-10-25T09:00:00.000Z');
    expect(timeOf(after.vevent, 'dtend').toJSDate().toISOString()).toBe('2020-10-25T10:00:00.000Z');
  });

  it('show the right instant to a reader in America/New_York', () => {
    const { vevent } = readIcs(
      invitationIcs({
        event: sampleEvent({
          startsAt: new Date('2020-10-25T09:00:00Z'),
          endsAt: new Date('2020-10-25T10:00:00Z'),
        }),
        organizer: ORGANIZER,
        attendee: ATTENDEE,
        method: 'REQUEST',
      }),
    );
    const newYork = icalZone('America/New_York');
    // Brussels is back on CET (UTC+1) while New York is still on EDT (UTC-4): 5 hours apart.
    const seen = timeOf(vevent, 'dtstart').convertToZone(newYork);
    expect(seen.toString()).toBe('2020-10-25T05:00:00');
    expect(seen.convertToZone(ICAL.Timezone.utcTimezone).toString()).toBe('2020-10-25T09:00:00Z');
  });

  it('are written in UTC in the repeated hour, where readers disagree on local time', () => {
    // The control: RFC 5545 says a repeated local time means its first run, ical.js takes the second.
    const handWritten = readIcs(
      invitationIcs({
        event: sampleEvent(),
        organizer: ORGANIZER,
        attendee: ATTENDEE,
        method: 'REQUEST',
      })
        .replace(
          /DTSTART;TZID=Europe\/Brussels:\d{8}T\d{6}/,
          'DTSTART;TZID=Europe/Brussels:20201025T023000',
        )
        .replace(
          /DTEND;TZID=Europe\/Brussels:\d{8}T\d{6}/,
          'DTEND;TZID=Europe/Brussels:20201025T040000',
        ),
    );
    expect(timeOf(handWritten.vevent, 'dtstart').toJSDate().toISOString()).toBe(
      '2020-10-25T01:30:00.000Z',
    );

    /** The DTSTART lines of the VEVENT (a VTIMEZONE has some too). */
    const dtstart = (iso: string) => {
      const lines = contentLines(
        invitationIcs({
          event: sampleEvent({ startsAt: new Date(iso), endsAt: new Date(iso) }),
          organizer: ORGANIZER,
          attendee: ATTENDEE,
          method: 'REQUEST',
        }),
      );
      return lines.slice(lines.indexOf('BEGIN:VEVENT')).filter((line) => /^DTSTART[;:]/.test(line));
    };
    expect(localTime(new Date('2020-10-25T00:30:00Z'), brussels)).toBeNull();
    expect(dtstart('2020-10-25T00:30:00Z')).toEqual(['DTSTART:20201025T003000Z']);
    expect(localTime(new Date('2020-10-25T01:30:00Z'), brussels)).toBeNull();
    expect(dtstart('2020-10-25T01:30:00Z')).toEqual(['DTSTART:20201025T013000Z']);
    expect(localTime(new Date('2020-10-25T02:00:00Z'), brussels)?.toISO()).toBe(
      '2020-10-25T03:00:00.000+01:00',
    );
    expect(dtstart('2020-10-25T02:00:00Z')).toEqual([
      'DTSTART;TZID=Europe/Brussels:20201025T030000',
    ]);
    for (const iso of ['2020-10-25T00:30:00.000Z', '2020-10-25T01:30:00.000Z']) {
      const { vevent } = readIcs(
        invitationIcs({
          event: sampleEvent({ startsAt: new Date(iso), endsAt: new Date(utc(iso) + 3_600_000) }),
          organizer: ORGANIZER,
          attendee: ATTENDEE,
          method: 'REQUEST',
        }),
      );
      expect(timeOf(vevent, 'dtstart').toJSDate().toISOString()).toBe(iso);
    }
  });

  it('bring ical.js back to the same instant on the nights clocks change (property)', () => {
    const changes = DST_ZONES.flatMap((timeZone) =>
      transitions(timeZone, 2024, 2030).map((at) => ({ timeZone, at })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.integer({ min: -180, max: 180 }),
        fc.integer({ min: 0, max: 240 }),
        ({ timeZone, at }, minutesFromChange, durationMinutes) => {
          const startsAt = new Date(at + minutesFromChange * 60_000);
          const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
          const { vevent } = readIcs(
            invitationIcs({
              event: sampleEvent({ timeZone, startsAt, endsAt }),
              organizer: ORGANIZER,
              attendee: ATTENDEE,
              method: 'REQUEST',
            }),
          );
          expect(timeOf(vevent, 'dtstart').toJSDate().getTime()).toBe(startsAt.getTime());
          if (durationMinutes > 0) {
            expect(timeOf(vevent, 'dtend').toJSDate().getTime()).toBe(endsAt.getTime());
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('are written in UTC when the VTIMEZONE data disagree with the platform zone data', () => {
    const stale = {
      ...brussels,
      observances: parseVtimezone(resolveZone('Europe/Moscow').vtimezone) ?? [],
    };
    expect(localTime(new Date('2020-10-14T08:00:00Z'), brussels)).not.toBeNull();
    expect(localTime(new Date('2020-10-14T08:00:00Z'), stale)).toBeNull();
  });

  it('are written in UTC, without VTIMEZONE, for a zone only the platform knows', () => {
    // SystemV/AST4 is an old name ICU still accepts and timezones-ical-library does not carry.
    const zone = resolveZone('SystemV/AST4');
    expect(zone.tzid).toBeNull();
    const ics = invitationIcs({
      event: sampleEvent({ timeZone: 'SystemV/AST4' }),
      organizer: ORGANIZER,
      attendee: ATTENDEE,
      method: 'REQUEST',
    });
    expect(ics).not.toContain('BEGIN:VTIMEZONE');
    expect(contentLines(ics)).toContain('DTSTART:20201014T080000Z');
  });

  it('reject a zone the platform does not know', () => {
    for (const timeZone of ['Mars/Olympus_Mons', 'CT', '', 'Europe/Brussels\r\nX']) {
      expect(() =>
        invitationIcs({
          event: sampleEvent({ timeZone }),
          organizer: ORGANIZER,
          attendee: ATTENDEE,
          method: 'REQUEST',
        }),
      ).toThrow(CalendarInputError);
    }
  });

  it('bring ical.js back to the same instant in every zone (property)', () => {
    const zones = (tzlib_get_timezones(false) as string[]).filter((zone) =>
      IANAZone.isValidZone(zone),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({
          min: utc('1971-01-01T00:00:00Z') / 1000,
          max: utc('2037-12-31T00:00:00Z') / 1000,
        }),
        fc.integer({ min: 0, max: 48 * 3600 }),
        (timeZone, startSeconds, durationSeconds) => {
          const startsAt = new Date(startSeconds * 1000);
          const endsAt = new Date((startSeconds + durationSeconds) * 1000);
          const event = sampleEvent({ timeZone, startsAt, endsAt });
          const { calendar, vevent } = readIcs(
            invitationIcs({ event, organizer: ORGANIZER, attendee: ATTENDEE, method: 'REQUEST' }),
          );
          const start = timeOf(vevent, 'dtstart');
          expect(start.toJSDate().getTime()).toBe(startsAt.getTime());
          if (durationSeconds > 0) {
            expect(timeOf(vevent, 'dtend').toJSDate().getTime()).toBe(endsAt.getTime());
          }
          if (start.zone.tzid !== 'UTC') {
            const vtimezone = calendar.getFirstSubcomponent('vtimezone');
            expect(vtimezone && textOf(vtimezone, 'tzid')).toBe(start.zone.tzid);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

/** Zones with DST, in both hemispheres, changing at various local hours (Havana at midnight). */
const DST_ZONES = [
  'Europe/Brussels',
  'Europe/Dublin',
  'Europe/Chisinau',
  'America/New_York',
  'America/Havana',
  'America/Santiago',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Asia/Jerusalem',
];

/** Instants at which the platform's zone data change the offset, found to the minute. */
function transitions(timeZone: string, fromYear: number, toYear: number): number[] {
  const zone = IANAZone.create(timeZone);
  const found: number[] = [];
  const day = 24 * 3_600_000;
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear + 1, 0, 1); t += day) {
    if (zone.offset(t) === zone.offset(t + day)) continue;
    let [low, high] = [t, t + day];
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (zone.offset(middle) === zone.offset(low)) low = middle;
      else high = middle;
    }
    found.push(high);
  }
  return found;
}
