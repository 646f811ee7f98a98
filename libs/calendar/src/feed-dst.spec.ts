import { DateTime } from 'luxon';
import { feedIcs } from './ics.js';
import { contentLines, icalZone, readIcs, sampleEvent, timeOf } from './testing/read-ics.js';

/**
 * A Brussels programme on the weekends European clocks change in 2026, read from New York and
 * Tokyo. Every expectation is computed with luxon (the platform's zone data) rather than written
 * from memory, except the few gaps stated outright as the facts the feature rests on.
 */
const ZONE = 'Europe/Brussels';
const READERS = ['America/New_York', 'Asia/Tokyo'] as const;
const WALL_CLOCK = "yyyy-LL-dd'T'HH:mm:ss";

/** An instant given as local time with an explicit offset, so a repeated hour is unambiguous. */
const instant = (isoWithOffset: string): Date => {
  const parsed = DateTime.fromISO(isoWithOffset, { setZone: true });
  if (!parsed.isValid) throw new Error(`bad instant ${isoWithOffset}`);
  return parsed.toJSDate();
};

interface Slot {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

function feedOf(slots: Slot[]) {
  const ics = feedIcs({
    name: 'DST weekend',
    events: slots.map((slot) =>
      sampleEvent({
        sessionId: slot.id,
        timeZone: ZONE,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
      }),
    ),
  });
  return { ics, ...readIcs(ics) };
}

/** The DTSTART content line of each VEVENT (VTIMEZONE observances have DTSTARTs too). */
function eventStartLines(ics: string): string[] {
  const lines = contentLines(ics);
  return lines.filter(
    (line, index) =>
      /^DTSTART[;:]/.test(line) &&
      lines.lastIndexOf('BEGIN:VEVENT', index) > lines.lastIndexOf('END:VEVENT', index),
  );
}

function expectSeenRight(slots: Slot[], ics: string): void {
  const { vevents } = readIcs(ics);
  expect(vevents).toHaveLength(slots.length);
  slots.forEach((slot, index) => {
    const start = timeOf(vevents[index], 'dtstart');
    const end = timeOf(vevents[index], 'dtend');
    expect(start.toJSDate().toISOString()).toBe(slot.startsAt.toISOString());
    expect(end.toJSDate().toISOString()).toBe(slot.endsAt.toISOString());
    for (const reader of READERS) {
      const seen = start.convertToZone(icalZone(reader));
      expect({ reader, seen: seen.toString() }).toEqual({
        reader,
        seen: DateTime.fromJSDate(slot.startsAt, { zone: reader }).toFormat(WALL_CLOCK),
      });
      const seenEnd = end.convertToZone(icalZone(reader));
      expect(seenEnd.toString()).toBe(
        DateTime.fromJSDate(slot.endsAt, { zone: reader }).toFormat(WALL_CLOCK),
      );
    }
  });
}

/** Hours between Brussels and another zone at an instant, from the platform's zone data. */
const gapHours = (at: Date, zone: string): number =>
  (DateTime.fromJSDate(at, { zone: ZONE }).offset - DateTime.fromJSDate(at, { zone }).offset) / 60;

describe('feed across the end of summer time (Sunday 25 October 2026)', () => {
  const slots: Slot[] = [
    {
      id: 'saturday',
      startsAt: instant('2026-10-24T10:00+02:00'),
      endsAt: instant('2026-10-24T11:00+02:00'),
    },
    // 02:30 comes twice: first in summer time, then an hour later in winter time.
    {
      id: 'first-0230',
      startsAt: instant('2026-10-25T02:30+02:00'),
      endsAt: instant('2026-10-25T02:30+01:00'),
    },
    {
      id: 'second-0230',
      startsAt: instant('2026-10-25T02:30+01:00'),
      endsAt: instant('2026-10-25T03:00+01:00'),
    },
    {
      id: 'sunday',
      startsAt: instant('2026-10-25T10:00+01:00'),
      endsAt: instant('2026-10-25T11:00+01:00'),
    },
    {
      id: 'monday',
      startsAt: instant('2026-10-26T10:00+01:00'),
      endsAt: instant('2026-10-26T11:00+01:00'),
    },
  ];
  const { ics } = feedOf(slots);

  it('rests on these facts: New York changes a week later, Tokyo never', () => {
    expect(slots.map((slot) => slot.startsAt.toISOString())).toEqual([
      '2026-10-24T08:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T09:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
    ]);
    expect(slots.map((slot) => gapHours(slot.startsAt, 'America/New_York'))).toEqual([
      6, 6, 5, 5, 5,
    ]);
    expect(gapHours(instant('2026-11-02T10:00+01:00'), 'America/New_York')).toBe(6);
    expect(slots.map((slot) => gapHours(slot.startsAt, 'Asia/Tokyo'))).toEqual([
      -7, -7, -8, -8, -8,
    ]);
  });

  it('writes local Brussels time, except in the repeated hour where it writes UTC', () => {
    expect(eventStartLines(ics)).toEqual([
      'DTSTART;TZID=Europe/Brussels:20261024T100000',
      'DTSTART:20261025T003000Z',
      'DTSTART:20261025T013000Z',
      'DTSTART;TZID=Europe/Brussels:20261025T100000',
      'DTSTART;TZID=Europe/Brussels:20261026T100000',
    ]);
  });

  it('brings every reader to the right instant, in UTC, New York and Tokyo', () => {
    expectSeenRight(slots, ics);
    const { vevents } = readIcs(ics);
    const newYork = icalZone('America/New_York');
    expect(
      vevents.map((vevent) => timeOf(vevent, 'dtstart').convertToZone(newYork).toString()),
    ).toEqual([
      '2026-10-24T04:00:00',
      '2026-10-24T20:30:00',
      '2026-10-24T21:30:00',
      '2026-10-25T05:00:00',
      '2026-10-26T05:00:00',
    ]);
  });
});

describe('feed across the start of summer time (Sunday 29 March 2026)', () => {
  const slots: Slot[] = [
    {
      id: 'saturday',
      startsAt: instant('2026-03-28T10:00+01:00'),
      endsAt: instant('2026-03-28T11:00+01:00'),
    },
    // An hour long, though the clock face says two: 02:00-03:00 does not exist that night.
    {
      id: 'night',
      startsAt: instant('2026-03-29T01:30+01:00'),
      endsAt: instant('2026-03-29T03:30+02:00'),
    },
    {
      id: 'sunday',
      startsAt: instant('2026-03-29T10:00+02:00'),
      endsAt: instant('2026-03-29T11:00+02:00'),
    },
    {
      id: 'monday',
      startsAt: instant('2026-03-30T10:00+02:00'),
      endsAt: instant('2026-03-30T11:00+02:00'),
    },
  ];
  const { ics } = feedOf(slots);

  it('rests on these facts: New York changed three weeks earlier', () => {
    expect(slots.map((slot) => gapHours(slot.startsAt, 'America/New_York'))).toEqual([5, 5, 6, 6]);
    expect(slots[1].endsAt.getTime() - slots[1].startsAt.getTime()).toBe(3_600_000);
  });

  it('writes every time as local Brussels time, the night session too', () => {
    expect(eventStartLines(ics)).toEqual([
      'DTSTART;TZID=Europe/Brussels:20260328T100000',
      'DTSTART;TZID=Europe/Brussels:20260329T013000',
      'DTSTART;TZID=Europe/Brussels:20260329T100000',
      'DTSTART;TZID=Europe/Brussels:20260330T100000',
    ]);
    expect(contentLines(ics)).toContain('DTEND;TZID=Europe/Brussels:20260329T033000');
  });

  it('brings every reader to the right instant, in UTC, New York and Tokyo', () => {
    expectSeenRight(slots, ics);
    const { vevents } = readIcs(ics);
    const tokyo = icalZone('Asia/Tokyo');
    expect(
      vevents.map((vevent) => timeOf(vevent, 'dtstart').convertToZone(tokyo).toString()),
    ).toEqual([
      '2026-03-28T18:00:00',
      '2026-03-29T09:30:00',
      '2026-03-29T17:00:00',
      '2026-03-30T17:00:00',
    ]);
  });
});
