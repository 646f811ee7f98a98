import ical, {
  type ICalCalendar,
  ICalCalendarMethod,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalAttendeeType,
  type ICalEventData,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { type CalendarEvent, type CalendarParty } from './calendar-event.js';
import { CalendarInputError } from './calendar-input.error.js';
import {
  caretParam,
  checkEmail,
  checkUrl,
  escapeText,
  normaliseMultiLine,
  normaliseName,
  normaliseSingleLine,
  uriValue,
} from './text.js';
import { localTime, resolveZone, type ResolvedZone } from './time-zone.js';

export type InvitationMethod = 'REQUEST' | 'CANCEL';

/** ical-generator writes it after `PRODID:-`. */
const PRODID = '//ICC Hub//Session calendar//EN';
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The UID of a session's VEVENT; it never changes, so every update replaces the same entry. */
export function sessionUid(sessionId: string): string {
  if (!SESSION_ID.test(sessionId)) {
    throw new CalendarInputError('sessionId', 'not a plain identifier');
  }
  return `session-${sessionId}@icc-hub`;
}

/** DATE-TIME has a four-digit year (RFC 5545 section 3.3.4). */
function checkDate(field: string, date: Date): Date {
  const year = date instanceof Date ? date.getUTCFullYear() : Number.NaN;
  if (!(year >= 1 && year <= 9999)) {
    throw new CalendarInputError(field, 'not a valid date between years 1 and 9999');
  }
  return date;
}

function checkSequence(sequence: number): number {
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new CalendarInputError('sequence', 'not a non-negative integer');
  }
  return sequence;
}

/** The description as shown in clients: the abstract, then the links on lines of their own. */
function descriptionText(event: CalendarEvent): string {
  const links = [
    event.joinUrl === null ? null : `Join online: ${checkUrl('joinUrl', event.joinUrl)}`,
    event.url === null ? null : `Session page: ${checkUrl('url', event.url)}`,
  ].filter((line) => line !== null);
  return [normaliseMultiLine(event.description), links.join('\n')]
    .filter((part) => part !== '')
    .join('\n\n');
}

/** The CN of a party in the form ical-generator can write; null leaves CN out. */
function commonName(party: CalendarParty): string | null {
  const name = normaliseName(party.name);
  return name === '' ? null : caretParam(name);
}

/**
 * DTSTART and DTEND: local time with the zone's TZID when both can be written so, else both in UTC
 * (see localTime). An event has one TZID in ical-generator, so one time that cannot be local time
 * puts both in UTC. A zero-length session has no DTEND (RFC 5545 wants DTEND after DTSTART).
 */
function eventTimes(
  startsAt: Date,
  endsAt: Date,
  zone: ResolvedZone,
): Pick<ICalEventData, 'start' | 'end' | 'timezone'> {
  const hasEnd = endsAt > startsAt;
  const start = localTime(startsAt, zone);
  const end = hasEnd ? localTime(endsAt, zone) : null;
  if (start && (end || !hasEnd)) return { start, end, timezone: zone.tzid };
  return { start: startsAt, end: hasEnd ? endsAt : null, timezone: null };
}

interface EventOptions {
  status: ICalEventStatus;
  organizer?: CalendarParty;
  attendee?: { party: CalendarParty; method: InvitationMethod; awaitingAnswer: boolean };
}

function addEvent(
  calendar: ICalCalendar,
  event: CalendarEvent,
  zone: ResolvedZone,
  options: EventOptions,
): void {
  const startsAt = checkDate('startsAt', event.startsAt);
  const endsAt = checkDate('endsAt', event.endsAt);
  const updatedAt = checkDate('updatedAt', event.updatedAt);
  if (endsAt < startsAt) throw new CalendarInputError('endsAt', 'before startsAt');
  const description = descriptionText(event);
  const location = event.location === null ? '' : normaliseSingleLine(event.location);
  const url = event.url === null ? null : checkUrl('url', event.url);
  const vevent = calendar.createEvent({
    id: sessionUid(event.sessionId),
    sequence: checkSequence(event.sequence),
    stamp: updatedAt,
    lastModified: updatedAt,
    ...eventTimes(startsAt, endsAt, zone),
    summary: normaliseSingleLine(event.title),
    ...(description === '' ? {} : { description }),
    ...(location === '' ? {} : { location }),
    ...(url === null ? {} : { url: uriValue(url) }),
    status: options.status,
    transparency: ICalEventTransparency.OPAQUE,
  });
  if (options.organizer) {
    const email = checkEmail('organizer.email', options.organizer.email);
    // ical-generator always writes CN and needs one; the address is what a client shows without.
    vevent.organizer({ name: commonName(options.organizer) ?? caretParam(email), email });
  }
  if (options.attendee) {
    const { party, method, awaitingAnswer } = options.attendee;
    const email = checkEmail('attendee.email', party.email);
    const name = commonName(party);
    // Registering is the acceptance; an invitation (Summit) is answered through the hub's link.
    // The organizer address is not a mailbox anyone reads, so no reply by mail is asked for.
    const status = awaitingAnswer ? ICalAttendeeStatus.NEEDSACTION : ICalAttendeeStatus.ACCEPTED;
    vevent.createAttendee({
      email,
      ...(name === null ? {} : { name }),
      type: ICalAttendeeType.INDIVIDUAL,
      role: ICalAttendeeRole.REQ,
      ...(method === 'REQUEST' ? { status, rsvp: false } : {}),
    });
  }
}

/**
 * A calendar whose VTIMEZONEs come from timezones-ical-library through resolveZone, one for each
 * TZID an event uses. The zone has no name, so no TIMEZONE-ID or X-WR-TIMEZONE is written.
 */
function newCalendar(method: ICalCalendarMethod, zones: readonly ResolvedZone[]): ICalCalendar {
  const vtimezones = new Map<string, string>();
  for (const zone of zones) {
    if (zone.tzid !== null) vtimezones.set(zone.tzid, zone.vtimezone.join('\r\n'));
  }
  return ical({
    prodId: PRODID,
    scale: 'GREGORIAN',
    method,
    timezone: { name: null, generator: (tzid) => vtimezones.get(tzid) ?? null },
  });
}

/** ical-generator ends the last line without CRLF; RFC 5545 ends every content line with one. */
function icsText(calendar: ICalCalendar): string {
  return `${calendar.toString()}\r\n`;
}

/**
 * One VEVENT for one attendee: METHOD:REQUEST for invitations and updates, METHOD:CANCEL
 * (+ STATUS:CANCELLED) for cancellations and withdrawals. A REQUEST for a session that is already
 * cancelled carries STATUS:CANCELLED too, so a late invitation cannot revive it.
 */
export function invitationIcs(input: {
  event: CalendarEvent;
  organizer: CalendarParty;
  attendee: CalendarParty;
  method: InvitationMethod;
  /** An invitation still to be answered (NEEDS-ACTION) rather than a registration (ACCEPTED). */
  awaitingAnswer?: boolean;
}): string {
  const { event, method } = input;
  if (method !== 'REQUEST' && method !== 'CANCEL') {
    throw new CalendarInputError('method', 'not REQUEST or CANCEL');
  }
  const zone = resolveZone(event.timeZone);
  const calendar = newCalendar(
    method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    [zone],
  );
  addEvent(calendar, event, zone, {
    status:
      method === 'CANCEL' || event.cancelled
        ? ICalEventStatus.CANCELLED
        : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendee: { party: input.attendee, method, awaitingAnswer: input.awaitingAnswer ?? false },
  });
  return icsText(calendar);
}

/**
 * A subscribable feed (METHOD:PUBLISH, no organizer or attendees). Cancelled sessions stay in it
 * with STATUS:CANCELLED so subscribed calendars drop them. Events keep the caller's order; each
 * zone's VTIMEZONE is written once, in the order the events first use it.
 *
 * An empty name leaves the calendar unnamed, which suits a file of one session: some clients offer
 * to import a named calendar as a new calendar rather than into the reader's own. `description`
 * becomes X-WR-CALDESC and `source` (RFC 7986 SOURCE) the address the feed is refreshed from.
 */
export function feedIcs(input: {
  name: string;
  description?: string;
  source?: string;
  events: CalendarEvent[];
  refreshInterval?: { minutes: number };
}): string {
  const refresh = input.refreshInterval?.minutes;
  if (refresh !== undefined && (!Number.isSafeInteger(refresh) || refresh <= 0)) {
    throw new CalendarInputError('refreshInterval.minutes', 'not a positive integer');
  }
  const uids = new Set<string>();
  for (const event of input.events) {
    const uid = sessionUid(event.sessionId);
    if (uids.has(uid)) throw new CalendarInputError('events', 'the same session twice');
    uids.add(uid);
  }
  const zones = input.events.map((event) => resolveZone(event.timeZone));
  const calendar = newCalendar(ICalCalendarMethod.PUBLISH, zones);
  // ical-generator writes NAME and X-WR-CALNAME as given, without TEXT escapes.
  const name = escapeText(normaliseSingleLine(input.name));
  if (name !== '') calendar.name(name);
  // X-WR-CALDESC is written as given too; SOURCE is a URI value, which has no escapes.
  const description = escapeText(normaliseMultiLine(input.description ?? ''));
  if (description !== '') calendar.description(description);
  if (input.source !== undefined) calendar.source(checkUrl('source', input.source));
  // REFRESH-INTERVAL and X-PUBLISHED-TTL.
  if (refresh !== undefined) calendar.ttl(refresh * 60);
  input.events.forEach((event, index) =>
    addEvent(calendar, event, zones[index], {
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    }),
  );
  return icsText(calendar);
}
