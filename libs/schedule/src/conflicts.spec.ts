import type { AvailabilityWindow, ScheduleConflict, SessionPersonRole } from '@app/contracts';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  type ConflictEvent,
  type ConflictInput,
  type ConflictSession,
  type ConflictSpeaker,
  detectConflicts,
} from './conflicts.js';

const BRUSSELS = 'Europe/Brussels';

const EVENT: ConflictEvent = {
  timeZone: BRUSSELS,
  startDate: '2026-06-10',
  endDate: '2026-06-11',
  streamChangeBufferMinutes: 10,
};

const SPEAKERS: ConflictSpeaker[] = [
  { id: 'anna', name: 'Anna Novak', availability: null },
  { id: 'ben', name: 'Ben Duarte', availability: null },
  { id: 'chloe', name: 'Chloé Martin', availability: null },
];

const STREAMS = [
  { id: 'plenary', name: 'Plenary' },
  { id: 'room-b', name: 'Room B' },
];

/** A session at local Brussels times on a date. */
function session(
  id: string,
  date: string,
  start: string,
  end: string,
  extra: Partial<ConflictSession> = {},
): ConflictSession {
  return {
    id,
    title: `Session ${id}`,
    streamId: 'plenary',
    startsAt: DateTime.fromISO(`${date}T${start}`, { zone: BRUSSELS }).toJSDate(),
    endsAt: DateTime.fromISO(`${date}T${end}`, { zone: BRUSSELS }).toJSDate(),
    status: 'scheduled',
    people: [],
    ...extra,
  };
}

/** A session at UTC instants. */
function utc(
  id: string,
  startsAt: string,
  endsAt: string,
  extra: Partial<ConflictSession> = {},
): ConflictSession {
  return {
    ...session(id, '2026-06-10', '00:00', '00:01', extra),
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
  };
}

function detect(sessions: ConflictSession[], overrides: Partial<ConflictInput> = {}) {
  return detectConflicts({
    event: EVENT,
    sessions,
    speakers: SPEAKERS,
    streams: STREAMS,
    ...overrides,
  });
}

const speaking = (speakerId: string, role: SessionPersonRole = 'speaker') => [{ speakerId, role }];

describe('detectConflicts', () => {
  it('finds nothing in a clean programme', () => {
    expect(
      detect([
        session('a', '2026-06-10', '09:00', '10:00', { people: speaking('anna') }),
        session('b', '2026-06-10', '10:00', '11:00', { people: speaking('anna') }),
        session('c', '2026-06-10', '10:00', '11:00', {
          streamId: 'room-b',
          people: speaking('ben'),
        }),
      ]),
    ).toEqual([]);
  });

  it('reports a speaker in two overlapping sessions, naming both and the person', () => {
    const conflicts = detect([
      session('late', '2026-06-10', '10:30', '11:30', {
        streamId: 'room-b',
        people: speaking('anna', 'rapporteur'),
      }),
      session('early', '2026-06-10', '10:00', '11:00', { people: speaking('anna') }),
    ]);
    expect(conflicts).toEqual([
      {
        kind: 'speaker-double-booked',
        severity: 'hard',
        sessionIds: ['early', 'late'],
        speakerId: 'anna',
        message:
          'Anna Novak is on the programme of both "Session early" and "Session late", which overlap.',
      },
    ]);
  });

  it('reports a moderator who is elsewhere at the same time as moderator-double-booked', () => {
    const conflicts = detect([
      session('panel', '2026-06-10', '10:00', '11:00', {
        people: [
          { speakerId: 'ben', role: 'moderator' },
          { speakerId: 'ben', role: 'speaker' },
        ],
      }),
      session('workshop', '2026-06-10', '10:30', '12:00', {
        streamId: 'room-b',
        people: speaking('ben'),
      }),
    ]);
    expect(conflicts).toEqual([
      expect.objectContaining({
        kind: 'moderator-double-booked',
        severity: 'hard',
        sessionIds: ['panel', 'workshop'],
        speakerId: 'ben',
        message:
          'Ben Duarte moderates "Session panel" while also taking part in "Session workshop" at the same time.',
      }),
    ]);
  });

  it('reports two sessions overlapping in one stream, not ones that touch', () => {
    const conflicts = detect([
      session('a', '2026-06-10', '09:00', '10:00'),
      session('b', '2026-06-10', '10:00', '11:00'),
      session('c', '2026-06-10', '10:59', '11:30'),
      session('d', '2026-06-10', '10:30', '11:30', { streamId: 'room-b' }),
    ]);
    expect(conflicts).toEqual([
      {
        kind: 'stream-overlap',
        severity: 'hard',
        sessionIds: ['b', 'c'],
        streamId: 'plenary',
        message: '"Session b" and "Session c" overlap in stream "Plenary".',
      },
    ]);
  });

  it('never counts a cancelled session', () => {
    expect(
      detect([
        session('a', '2026-06-10', '10:00', '11:00', { people: speaking('anna') }),
        session('b', '2026-06-10', '10:30', '11:30', {
          people: speaking('anna'),
          status: 'cancelled',
        }),
        session('c', '2026-06-12', '10:30', '11:30', { status: 'cancelled' }),
      ]),
    ).toEqual([]);
  });

  describe('availability', () => {
    const windows = (...spans: Array<[string, string]>): AvailabilityWindow[] =>
      spans.map(([startsAt, endsAt]) => ({ startsAt, endsAt }));

    it('reports a session not inside the windows a person gave', () => {
      const speakers: ConflictSpeaker[] = [
        {
          id: 'anna',
          name: 'Anna Novak',
          availability: windows(['2026-06-10T07:00:00Z', '2026-06-10T09:00:00Z']),
        },
      ];
      const inside = session('inside', '2026-06-10', '09:00', '10:30', {
        people: speaking('anna'),
      });
      const across = session('across', '2026-06-10', '10:30', '11:30', {
        people: speaking('anna', 'moderator'),
      });
      expect(detect([inside, across], { speakers })).toEqual([
        {
          kind: 'speaker-unavailable',
          severity: 'hard',
          sessionIds: ['across'],
          speakerId: 'anna',
          message: '"Session across" is outside the times Anna Novak said they are available.',
        },
      ]);
    });

    it('joins windows that touch or overlap', () => {
      const speakers: ConflictSpeaker[] = [
        {
          id: 'anna',
          name: 'Anna Novak',
          availability: windows(
            ['2026-06-10T09:00:00Z', '2026-06-10T10:00:00Z'],
            ['2026-06-10T07:00:00Z', '2026-06-10T09:00:00Z'],
            ['2026-06-10T08:00:00Z', '2026-06-10T08:30:00Z'],
          ),
        },
      ];
      const across = utc('x', '2026-06-10T07:30:00Z', '2026-06-10T10:00:00Z', {
        people: speaking('anna'),
      });
      expect(detect([across], { speakers })).toEqual([]);
    });

    it('leaves people without windows unconstrained', () => {
      const speakers: ConflictSpeaker[] = [{ id: 'anna', name: 'Anna Novak', availability: [] }];
      expect(
        detect([session('a', '2026-06-10', '03:00', '04:00', { people: speaking('anna') })], {
          speakers,
        }),
      ).toEqual([]);
    });
  });

  describe('a change of stream', () => {
    it('warns when one person has less than the buffer to change stream', () => {
      const conflicts = detect([
        session('a', '2026-06-10', '09:00', '10:00', { people: speaking('chloe') }),
        session('b', '2026-06-10', '10:05', '11:00', {
          streamId: 'room-b',
          people: speaking('chloe', 'moderator'),
        }),
      ]);
      expect(conflicts).toEqual([
        {
          kind: 'stream-change-too-short',
          severity: 'soft',
          sessionIds: ['a', 'b'],
          speakerId: 'chloe',
          message:
            'Chloé Martin has 5 minutes to get from "Session a" in stream "Plenary" to "Session b" ' +
            'in stream "Room B"; a change of stream needs 10 minutes.',
        },
      ]);
    });

    it('is fine with the whole buffer, in the same stream, or without a stream', () => {
      expect(
        detect([
          session('a', '2026-06-10', '09:00', '10:00', { people: speaking('chloe') }),
          session('b', '2026-06-10', '10:10', '11:00', {
            streamId: 'room-b',
            people: speaking('chloe'),
          }),
          session('c', '2026-06-10', '11:00', '12:00', {
            streamId: 'room-b',
            people: speaking('chloe'),
          }),
          session('d', '2026-06-10', '12:00', '13:00', {
            streamId: null,
            people: speaking('chloe'),
          }),
        ]),
      ).toEqual([]);
    });

    it('only looks at the session a person goes to next', () => {
      // a → short break in room-b → c: the person is in room-b before c, so a → c is no change.
      const conflicts = detect([
        session('a', '2026-06-10', '09:00', '10:00', { people: speaking('chloe') }),
        session('break', '2026-06-10', '10:02', '10:04', {
          streamId: 'room-b',
          people: speaking('chloe'),
        }),
        session('c', '2026-06-10', '10:06', '11:00', {
          streamId: 'room-b',
          people: speaking('chloe'),
        }),
      ]);
      expect(conflicts.map((c) => c.sessionIds)).toEqual([['a', 'break']]);
    });

    it('is off with a buffer of zero', () => {
      expect(
        detect(
          [
            session('a', '2026-06-10', '09:00', '10:00', { people: speaking('chloe') }),
            session('b', '2026-06-10', '10:00', '11:00', {
              streamId: 'room-b',
              people: speaking('chloe'),
            }),
          ],
          { event: { ...EVENT, streamChangeBufferMinutes: 0 } },
        ),
      ).toEqual([]);
    });
  });

  describe('event dates in the event’s zone, across a change of clocks', () => {
    // Brussels leaves summer time on Sunday 25 October 2026 at 03:00 CEST (01:00 UTC): that day
    // has 25 hours and ends at 23:00 UTC, not 22:00.
    const autumn: ConflictEvent = {
      timeZone: BRUSSELS,
      startDate: '2026-10-24',
      endDate: '2026-10-25',
      streamChangeBufferMinutes: 10,
    };
    it('counts the 25th hour of the last day as inside', () => {
      const conflicts = detect(
        [
          utc('first', '2026-10-23T22:00:00Z', '2026-10-23T23:00:00Z'),
          utc('last-hour', '2026-10-25T22:00:00Z', '2026-10-25T23:00:00Z'),
        ],
        { event: autumn },
      );
      expect(conflicts).toEqual([]);
    });

    it('flags a session starting before the first local midnight or ending after the last', () => {
      const conflicts = detect(
        [
          utc('too-early', '2026-10-23T21:30:00Z', '2026-10-23T22:30:00Z'),
          utc('too-late', '2026-10-25T22:30:00Z', '2026-10-25T23:30:00Z'),
          utc('next-day', '2026-10-26T09:00:00Z', '2026-10-26T10:00:00Z', { streamId: 'room-b' }),
        ],
        { event: autumn },
      );
      expect(conflicts.map((c) => [c.kind, c.sessionIds])).toEqual([
        ['outside-event-dates', ['too-early']],
        ['outside-event-dates', ['too-late']],
        ['outside-event-dates', ['next-day']],
      ]);
      expect(conflicts[0].message).toBe(
        '"Session too-early" is outside the event\'s dates (2026-10-24 to 2026-10-25, ' +
          'Europe/Brussels time).',
      );
    });

    it('measures the repeated hour on instants, not wall-clock times', () => {
      // 02:00–02:55 CEST, then 02:00 CET: the wall clock goes back, but there are 5 minutes between.
      const conflicts = detect(
        [
          utc('summer', '2026-10-25T00:00:00Z', '2026-10-25T00:55:00Z', {
            people: speaking('anna'),
          }),
          utc('winter', '2026-10-25T01:00:00Z', '2026-10-25T01:30:00Z', {
            streamId: 'room-b',
            people: speaking('anna'),
          }),
        ],
        { event: autumn },
      );
      expect(conflicts.map((c) => c.kind)).toEqual(['stream-change-too-short']);
    });

    it('counts a 23-hour spring day right too', () => {
      const spring: ConflictEvent = { ...autumn, startDate: '2026-03-29', endDate: '2026-03-29' };
      const conflicts = detect(
        [
          utc('inside', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'),
          utc('after', '2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z', { streamId: 'room-b' }),
        ],
        { event: spring },
      );
      expect(conflicts.map((c) => c.sessionIds)).toEqual([['after']]);
    });
  });

  it('checks a 500-session City Lab well within an edit request', () => {
    // 5 days × 10 streams × 10 hourly slots. Everyone speaks once and moderates the session an
    // hour later in the next stream (5 minutes to change); rapporteurs cover two streams at once;
    // speakers are available on two of the days. A busy event with real conflicts in it.
    const people: ConflictSpeaker[] = Array.from({ length: 500 }, (_, i) => ({
      id: `p${i}`,
      name: `Person ${i}`,
      availability: [0, 2].map((d) => ({
        startsAt: `2026-06-${10 + ((i + d) % 5)}T06:00:00Z`,
        endsAt: `2026-06-${10 + ((i + d) % 5)}T18:00:00Z`,
      })),
    }));
    const sessions = Array.from({ length: 500 }, (_, i) => {
      const hour = String(8 + (i % 10)).padStart(2, '0');
      return session(`s${i}`, `2026-06-${10 + Math.floor(i / 100)}`, `${hour}:00`, `${hour}:55`, {
        streamId: `stream-${Math.floor(i / 10) % 10}`,
        people: [
          { speakerId: `p${i}`, role: 'speaker' },
          { speakerId: `p${(i + 489) % 500}`, role: 'moderator' },
          { speakerId: `r${Math.floor(i / 20)}`, role: 'rapporteur' },
        ],
      });
    });
    const started = performance.now();
    const conflicts = detect(sessions, {
      speakers: people,
      event: { ...EVENT, endDate: '2026-06-14' },
    });
    // Milliseconds in practice; the bound leaves room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(new Set(conflicts.map((c) => c.kind))).toEqual(
      new Set(['speaker-double-booked', 'speaker-unavailable', 'stream-change-too-short']),
    );
  });
});

/**
 * The rules as plainly as they can be written: every pair of sessions, every person. The
 * detector must find exactly the same conflicts.
 */
function naiveConflicts(input: ConflictInput): string[] {
  const live = input.sessions.filter((s) => s.status !== 'cancelled');
  const order = (a: ConflictSession, b: ConflictSession) =>
    a.startsAt.getTime() - b.startsAt.getTime() ||
    a.endsAt.getTime() - b.endsAt.getTime() ||
    (a.id < b.id ? -1 : 1);
  const overlap = (a: ConflictSession, b: ConflictSession) =>
    a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const rolesOf = (s: ConflictSession, person: string) =>
    s.people.filter((p) => p.speakerId === person).map((p) => p.role);
  const people = [...new Set(live.flatMap((s) => s.people.map((p) => p.speakerId)))];
  const keys: string[] = [];
  const key = (kind: string, ids: string[], subject: string) =>
    `${kind}|${ids.join(',')}|${subject}`;

  const [y1, m1, d1] = input.event.startDate.split('-').map(Number);
  const opens = DateTime.fromObject(
    { year: y1, month: m1, day: d1 },
    { zone: input.event.timeZone },
  );
  const dayAfter = new Date(`${input.event.endDate}T00:00:00Z`);
  dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
  const closes = DateTime.fromObject(
    {
      year: dayAfter.getUTCFullYear(),
      month: dayAfter.getUTCMonth() + 1,
      day: dayAfter.getUTCDate(),
    },
    { zone: input.event.timeZone },
  );
  for (const s of live) {
    if (s.startsAt.getTime() < opens.toMillis() || s.endsAt.getTime() > closes.toMillis()) {
      keys.push(key('outside-event-dates', [s.id], ''));
    }
  }

  for (const a of live) {
    for (const b of live) {
      if (order(a, b) >= 0 || !overlap(a, b)) continue;
      if (a.streamId !== null && a.streamId === b.streamId) {
        keys.push(key('stream-overlap', [a.id, b.id], a.streamId));
      }
      for (const person of people) {
        const ra = rolesOf(a, person);
        const rb = rolesOf(b, person);
        if (!ra.length || !rb.length) continue;
        const moderates = ra.includes('moderator') || rb.includes('moderator');
        const kind = moderates ? 'moderator-double-booked' : 'speaker-double-booked';
        keys.push(key(kind, [a.id, b.id], person));
      }
    }
  }

  for (const person of people) {
    const mine = live.filter((s) => rolesOf(s, person).length);
    const windows = input.speakers.find((s) => s.id === person)?.availability ?? [];
    if (windows.length) {
      for (const s of mine) {
        // Walk from the start through windows until the end is reached or nothing covers.
        let covered = s.startsAt.getTime();
        for (let step = 0; step <= windows.length && covered < s.endsAt.getTime(); step++) {
          for (const w of windows) {
            const from = Date.parse(w.startsAt);
            const to = Date.parse(w.endsAt);
            if (from <= covered && to > covered) covered = to;
          }
        }
        if (covered < s.endsAt.getTime()) keys.push(key('speaker-unavailable', [s.id], person));
      }
    }
    const buffer = input.event.streamChangeBufferMinutes * 60_000;
    for (const a of mine) {
      for (const b of mine) {
        if (a === b) continue;
        const gap = b.startsAt.getTime() - a.endsAt.getTime();
        if (gap < 0 || gap >= buffer) continue;
        if (a.streamId === null || b.streamId === null || a.streamId === b.streamId) continue;
        const between = mine.some(
          (c) => c !== a && c !== b && c.startsAt >= a.endsAt && c.endsAt <= b.startsAt,
        );
        if (!between) keys.push(key('stream-change-too-short', [a.id, b.id], person));
      }
    }
  }
  return keys.sort();
}

function keysOf(conflicts: ScheduleConflict[]): string[] {
  return conflicts
    .map((c) => `${c.kind}|${c.sessionIds.join(',')}|${c.speakerId ?? c.streamId ?? ''}`)
    .sort();
}

describe('detectConflicts against the all-pairs rules', () => {
  // On a 5-minute grid from 22:00 CEST the day before the event (local midnight is slot 24), so
  // touching sessions and windows are common; a schedule is either packed into a few hours
  // (people and streams crowded) or spread over the days around the change of clocks.
  const base = Date.parse('2026-10-23T20:00:00Z');
  const slot = (n: number) => new Date(base + n * 5 * 60_000);
  const speakerIds = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];

  const sessionArb = (id: string, span: number) =>
    fc
      .record({
        start: fc.integer({ min: 0, max: span }),
        length: fc.integer({ min: 1, max: 24 }),
        streamId: fc.constantFrom<string | null>('s1', 's2', 's3', null),
        cancelled: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        people: fc.uniqueArray(
          fc.record({
            speakerId: fc.constantFrom(...speakerIds),
            role: fc.constantFrom<SessionPersonRole>('speaker', 'moderator', 'rapporteur'),
          }),
          { maxLength: 4, selector: (p) => `${p.speakerId}/${p.role}` },
        ),
      })
      .map((r): ConflictSession => ({
        id,
        title: id,
        streamId: r.streamId,
        startsAt: slot(r.start),
        endsAt: slot(r.start + r.length),
        status: r.cancelled ? 'cancelled' : 'scheduled',
        people: r.people,
      }));

  // Windows on a half-hour grid, so that they often touch and a session can straddle two.
  const windowArb = (span: number) =>
    fc
      .record({
        start: fc.integer({ min: 0, max: Math.ceil(span / 6) }),
        length: fc.integer({ min: 1, max: 12 }),
      })
      .map(({ start, length }) => ({
        startsAt: slot(start * 6).toISOString(),
        endsAt: slot((start + length) * 6).toISOString(),
      }));

  const inputArb: fc.Arbitrary<ConflictInput> = fc
    .record({
      span: fc.constantFrom(60, 800),
      count: fc.integer({ min: 0, max: 40 }),
      buffer: fc.integer({ min: 0, max: 30 }),
      startDate: fc.constantFrom('2026-10-24', '2026-10-25'),
      endDate: fc.constantFrom('2026-10-25', '2026-10-26'),
    })
    .chain((r) =>
      fc
        .record({
          sessions: fc.tuple(
            ...Array.from({ length: r.count }, (_, i) => sessionArb(`s${i}`, r.span)),
          ),
          availability: fc.tuple(
            ...speakerIds.map(() => fc.option(fc.array(windowArb(r.span), { maxLength: 5 }))),
          ),
        })
        .map(({ sessions, availability }) => ({
          event: {
            timeZone: BRUSSELS,
            startDate: r.startDate,
            endDate: r.endDate,
            streamChangeBufferMinutes: r.buffer,
          },
          sessions,
          speakers: speakerIds.map((id, i) => ({ id, name: id, availability: availability[i] })),
        })),
    );

  it('finds exactly the conflicts that checking every pair finds', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(keysOf(detectConflicts(input))).toEqual(naiveConflicts(input));
      }),
      { numRuns: 500, seed: 20261025 },
    );
  });

  it('lists conflicts and their sessions in time order', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const start = new Map(input.sessions.map((s) => [s.id, s.startsAt.getTime()]));
        const firsts = detectConflicts(input).map((c) => {
          const starts = c.sessionIds.map((id) => start.get(id) ?? NaN);
          expect([...starts].sort((a, b) => a - b)).toEqual(starts);
          return starts[0];
        });
        expect([...firsts].sort((a, b) => a - b)).toEqual(firsts);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
