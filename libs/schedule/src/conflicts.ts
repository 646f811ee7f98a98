import {
  type AvailabilityWindow,
  CONFLICT_KINDS,
  type ConflictKind,
  type ConflictSeverity,
  type ScheduleConflict,
  type SessionPersonRole,
  type SessionStatus,
} from '@app/contracts';
import { DateTime } from 'luxon';

export interface ConflictEvent {
  timeZone: string;
  /** `YYYY-MM-DD` in the event's zone. */
  startDate: string;
  endDate: string;
  streamChangeBufferMinutes: number;
}

export interface ConflictSession {
  id: string;
  title: string;
  streamId: string | null;
  startsAt: Date;
  endsAt: Date;
  status: SessionStatus;
  people: ReadonlyArray<{ speakerId: string; role: SessionPersonRole }>;
}

export interface ConflictSpeaker {
  id: string;
  name: string;
  /** Null or empty: the person gave no constraint. */
  availability: readonly AvailabilityWindow[] | null;
}

export interface ConflictInput {
  event: ConflictEvent;
  sessions: readonly ConflictSession[];
  speakers: readonly ConflictSpeaker[];
  /** Stream names for the messages. */
  streams?: ReadonlyArray<{ id: string; name: string }>;
}

export const CONFLICT_SEVERITY: Readonly<Record<ConflictKind, ConflictSeverity>> = {
  'speaker-double-booked': 'hard',
  'moderator-double-booked': 'hard',
  'speaker-unavailable': 'hard',
  'stream-overlap': 'hard',
  'outside-event-dates': 'hard',
  'stream-change-too-short': 'soft',
};

interface Slot {
  session: ConflictSession;
  start: number;
  end: number;
}

/** One person's place in one session, with every role they hold there. */
interface Booking extends Slot {
  roles: Set<SessionPersonRole>;
}

const MINUTE = 60_000;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTime(a: Slot, b: Slot): number {
  return a.start - b.start || a.end - b.end || compareIds(a.session.id, b.session.id);
}

/**
 * Every overlapping pair of a time-sorted list, earlier first: a sweep that keeps only the
 * intervals still running, so the cost is the sort plus the pairs found, not all pairs.
 */
function overlappingPairs<T extends Slot>(sorted: readonly T[]): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  let running: T[] = [];
  for (const item of sorted) {
    running = running.filter((other) => other.end > item.start);
    for (const other of running) if (other.start < item.end) pairs.push([other, item]);
    running.push(item);
  }
  return pairs;
}

/** The first index whose start is at or after `time`. */
function firstStartingFrom(sorted: readonly Slot[], time: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].start < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

function minutes(count: number): string {
  return count === 1 ? '1 minute' : `${count} minutes`;
}

function conflict(
  kind: ConflictKind,
  slots: readonly Slot[],
  message: string,
  subject: { speakerId?: string; streamId?: string } = {},
): ScheduleConflict {
  return {
    kind,
    severity: CONFLICT_SEVERITY[kind],
    sessionIds: slots.map((s) => s.session.id),
    ...subject,
    message,
  };
}

function outsideEventDates(slots: readonly Slot[], event: ConflictEvent): ScheduleConflict[] {
  // Local midnights, so a day of 23 or 25 hours (a change of clocks) is measured as it is lived.
  const opens = DateTime.fromISO(event.startDate, { zone: event.timeZone }).startOf('day');
  const closes = DateTime.fromISO(event.endDate, { zone: event.timeZone })
    .plus({ days: 1 })
    .startOf('day');
  if (!opens.isValid || !closes.isValid) {
    throw new Error(
      `Event dates ${event.startDate}–${event.endDate} in ${event.timeZone} are not valid`,
    );
  }
  const from = opens.toMillis();
  const until = closes.toMillis();
  return slots
    .filter((slot) => slot.start < from || slot.end > until)
    .map((slot) =>
      conflict(
        'outside-event-dates',
        [slot],
        `"${slot.session.title}" is outside the event's dates ` +
          `(${event.startDate} to ${event.endDate}, ${event.timeZone} time).`,
      ),
    );
}

function streamOverlaps(
  slots: readonly Slot[],
  streamLabel: (streamId: string) => string,
): ScheduleConflict[] {
  const byStream = new Map<string, Slot[]>();
  for (const slot of slots) {
    const streamId = slot.session.streamId;
    if (streamId === null) continue;
    const list = byStream.get(streamId);
    if (list) list.push(slot);
    else byStream.set(streamId, [slot]);
  }
  return [...byStream].flatMap(([streamId, list]) =>
    overlappingPairs(list).map(([a, b]) =>
      conflict(
        'stream-overlap',
        [a, b],
        `"${a.session.title}" and "${b.session.title}" overlap in ${streamLabel(streamId)}.`,
        { streamId },
      ),
    ),
  );
}

/** Each person's bookings in time order (the slots come sorted). */
function bookingsByPerson(slots: readonly Slot[]): Map<string, Booking[]> {
  const people = new Map<string, Booking[]>();
  for (const slot of slots) {
    for (const { speakerId, role } of slot.session.people) {
      const list = people.get(speakerId) ?? [];
      const last = list.at(-1);
      if (last?.session === slot.session) last.roles.add(role);
      else list.push({ ...slot, roles: new Set([role]) });
      people.set(speakerId, list);
    }
  }
  return people;
}

function doubleBookings(
  bookings: readonly Booking[],
  speakerId: string,
  name: string,
): ScheduleConflict[] {
  return overlappingPairs(bookings).map(([a, b]) => {
    const first = a.session.title;
    const second = b.session.title;
    const aModerates = a.roles.has('moderator');
    const bModerates = b.roles.has('moderator');
    if (!aModerates && !bModerates) {
      return conflict(
        'speaker-double-booked',
        [a, b],
        `${name} is on the programme of both "${first}" and "${second}", which overlap.`,
        { speakerId },
      );
    }
    const message =
      aModerates && bModerates
        ? `${name} moderates both "${first}" and "${second}", which overlap.`
        : `${name} moderates "${aModerates ? first : second}" while also taking part in ` +
          `"${aModerates ? second : first}" at the same time.`;
    return conflict('moderator-double-booked', [a, b], message, { speakerId });
  });
}

/** Windows as sorted, disjoint spans; touching windows join, so 9–12 and 12–15 cover 11–13. */
function availableSpans(windows: readonly AvailabilityWindow[]): Array<[number, number]> {
  const spans = windows
    .map((w): [number, number] => [Date.parse(w.startsAt), Date.parse(w.endsAt)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function unavailability(
  bookings: readonly Booking[],
  speaker: ConflictSpeaker | undefined,
  speakerId: string,
  name: string,
): ScheduleConflict[] {
  if (!speaker?.availability?.length) return [];
  const spans = availableSpans(speaker.availability);
  return bookings
    .filter((booking) => {
      let low = 0;
      let high = spans.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (spans[mid][0] <= booking.start) low = mid + 1;
        else high = mid;
      }
      const span = spans[low - 1];
      return !span || span[1] < booking.end;
    })
    .map((booking) =>
      conflict(
        'speaker-unavailable',
        [booking],
        `"${booking.session.title}" is outside the times ${name} said they are available.`,
        { speakerId },
      ),
    );
}

/**
 * A person going straight from one session to the next (nothing of theirs in between) in another
 * stream, with less than the event's buffer. Sessions without a stream are left out: their place
 * is unknown.
 */
function streamChanges(
  bookings: readonly Booking[],
  bufferMinutes: number,
  speakerId: string,
  name: string,
  streamLabel: (streamId: string) => string,
): ScheduleConflict[] {
  const found: ScheduleConflict[] = [];
  const buffer = bufferMinutes * MINUTE;
  if (buffer <= 0) return found;
  for (const before of bookings) {
    const nearby: Booking[] = [];
    for (let i = firstStartingFrom(bookings, before.end); i < bookings.length; i++) {
      if (bookings[i].start >= before.end + buffer) break;
      if (bookings[i].session !== before.session) nearby.push(bookings[i]);
    }
    for (const after of nearby) {
      const from = before.session.streamId;
      const to = after.session.streamId;
      if (from === null || to === null || from === to) continue;
      if (nearby.some((c) => c !== after && c.end <= after.start)) continue;
      const gap = Math.floor((after.start - before.end) / MINUTE);
      found.push(
        conflict(
          'stream-change-too-short',
          [before, after],
          `${name} has ${minutes(gap)} to get from "${before.session.title}" in ` +
            `${streamLabel(from)} to "${after.session.title}" in ${streamLabel(to)}; ` +
            `a change of stream needs ${minutes(bufferMinutes)}.`,
          { speakerId },
        ),
      );
    }
  }
  return found;
}

/**
 * The conflicts of a draft schedule. Pure, and linear after sorting per person and per stream
 * (plus the conflicts found), so a 500-session event is checked on every edit. Cancelled sessions
 * never conflict; touching sessions (one ends as the next starts) do not overlap. The result is in
 * the order of the sessions' times, each conflict's sessions too.
 */
export function detectConflicts(input: ConflictInput): ScheduleConflict[] {
  const slots: Slot[] = input.sessions
    .filter((session) => session.status !== 'cancelled')
    .map((session) => ({
      session,
      start: session.startsAt.getTime(),
      end: session.endsAt.getTime(),
    }))
    .sort(byTime);
  const speakers = new Map(input.speakers.map((s) => [s.id, s]));
  const streamNames = new Map((input.streams ?? []).map((s) => [s.id, s.name]));
  const streamLabel = (streamId: string) => {
    const streamName = streamNames.get(streamId);
    return streamName === undefined ? `stream ${streamId}` : `stream "${streamName}"`;
  };

  const found = [...outsideEventDates(slots, input.event), ...streamOverlaps(slots, streamLabel)];
  for (const [speakerId, bookings] of bookingsByPerson(slots)) {
    const speaker = speakers.get(speakerId);
    const name = speaker?.name ?? `Person ${speakerId}`;
    found.push(
      ...doubleBookings(bookings, speakerId, name),
      ...unavailability(bookings, speaker, speakerId, name),
      ...streamChanges(
        bookings,
        input.event.streamChangeBufferMinutes,
        speakerId,
        name,
        streamLabel,
      ),
    );
  }

  const rank = new Map(slots.map((slot, index) => [slot.session.id, index]));
  return found
    .map((c) => ({
      c,
      first: rank.get(c.sessionIds[0]) ?? -1,
      second: c.sessionIds.length > 1 ? (rank.get(c.sessionIds[1]) ?? -1) : -1,
      kind: CONFLICT_KINDS.indexOf(c.kind),
      subject: c.speakerId ?? c.streamId ?? '',
    }))
    .sort(
      (a, b) =>
        a.first - b.first ||
        a.second - b.second ||
        a.kind - b.kind ||
        compareIds(a.subject, b.subject),
    )
    .map(({ c }) => c);
}
