import { type CalendarEvent, type CalendarParty } from './calendar-event.js';
import { CalendarInputError } from './calendar-input.error.js';
import { contentLine, icsFile } from './content-line.js';
import {
  checkEmail,
  checkUrl,
  escapeText,
  normaliseMultiLine,
  normaliseName,
  normaliseSingleLine,
  quoteParam,
} from './text.js';
import { dateTimeLine, formatUtc, resolveZone, type ResolvedZone } from './time-zone.js';

export type InvitationMethod = 'REQUEST' | 'CANCEL';

const PRODID = '-//ICC Hub//Session calendar//EN';
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

function partyLine(
  name: 'ORGANIZER' | 'ATTENDEE',
  field: string,
  party: CalendarParty,
  params: ReadonlyArray<readonly [string, string]>,
): string {
  const email = checkEmail(`${field}.email`, party.email);
  const cn = normaliseName(party.name);
  return contentLine(name, `mailto:${email}`, [
    ...params,
    ...(cn === '' ? [] : [['CN', quoteParam(cn)] as const]),
  ]);
}

interface EventOptions {
  status: 'CONFIRMED' | 'CANCELLED';
  parties: readonly string[];
}

function veventLines(event: CalendarEvent, zone: ResolvedZone, options: EventOptions): string[] {
  const startsAt = checkDate('startsAt', event.startsAt);
  const endsAt = checkDate('endsAt', event.endsAt);
  const updatedAt = checkDate('updatedAt', event.updatedAt);
  if (endsAt < startsAt) throw new CalendarInputError('endsAt', 'before startsAt');
  const description = descriptionText(event);
  const location = event.location === null ? '' : normaliseSingleLine(event.location);
  return [
    'BEGIN:VEVENT',
    contentLine('UID', sessionUid(event.sessionId)),
    contentLine('SEQUENCE', String(checkSequence(event.sequence))),
    contentLine('DTSTAMP', formatUtc(updatedAt)),
    contentLine('LAST-MODIFIED', formatUtc(updatedAt)),
    dateTimeLine('DTSTART', startsAt, zone),
    // RFC 5545 wants DTEND after DTSTART; without one, a timed event lasts zero seconds.
    ...(endsAt > startsAt ? [dateTimeLine('DTEND', endsAt, zone)] : []),
    contentLine('SUMMARY', escapeText(normaliseSingleLine(event.title))),
    ...(description === '' ? [] : [contentLine('DESCRIPTION', escapeText(description))]),
    ...(location === '' ? [] : [contentLine('LOCATION', escapeText(location))]),
    ...(event.url === null ? [] : [contentLine('URL', checkUrl('url', event.url))]),
    contentLine('STATUS', options.status),
    contentLine('TRANSP', 'OPAQUE'),
    ...options.parties,
    'END:VEVENT',
  ];
}

function calendarHead(method: string): string[] {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    contentLine('PRODID', PRODID),
    'CALSCALE:GREGORIAN',
    contentLine('METHOD', method),
  ];
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
}): string {
  const { event, method } = input;
  if (method !== 'REQUEST' && method !== 'CANCEL') {
    throw new CalendarInputError('method', 'not REQUEST or CANCEL');
  }
  const zone = resolveZone(event.timeZone);
  // Registering is the acceptance, and the organizer address is not a mailbox anyone reads, so the
  // attendee is written as accepted and no reply is asked for.
  const answer =
    method === 'REQUEST'
      ? ([
          ['PARTSTAT', 'ACCEPTED'],
          ['RSVP', 'FALSE'],
        ] as const)
      : [];
  const parties = [
    partyLine('ORGANIZER', 'organizer', input.organizer, []),
    partyLine('ATTENDEE', 'attendee', input.attendee, [
      ['CUTYPE', 'INDIVIDUAL'],
      ['ROLE', 'REQ-PARTICIPANT'],
      ...answer,
    ]),
  ];
  const status = method === 'CANCEL' || event.cancelled ? 'CANCELLED' : 'CONFIRMED';
  return icsFile([
    ...calendarHead(method),
    ...zone.vtimezone,
    ...veventLines(event, zone, { status, parties }),
    'END:VCALENDAR',
  ]);
}

/**
 * A subscribable feed (METHOD:PUBLISH, no organizer or attendees). Cancelled sessions stay in it
 * with STATUS:CANCELLED so subscribed calendars drop them. Events keep the caller's order; each
 * zone's VTIMEZONE is written once, sorted by TZID.
 */
export function feedIcs(input: {
  name: string;
  events: CalendarEvent[];
  refreshInterval?: { minutes: number };
}): string {
  const name = escapeText(normaliseSingleLine(input.name));
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
  const vtimezones = new Map<string, readonly string[]>();
  for (const zone of zones) if (zone.tzid !== null) vtimezones.set(zone.tzid, zone.vtimezone);
  return icsFile([
    ...calendarHead('PUBLISH'),
    ...(name === '' ? [] : [contentLine('NAME', name), contentLine('X-WR-CALNAME', name)]),
    ...(refresh === undefined
      ? []
      : [
          contentLine('REFRESH-INTERVAL', `PT${refresh}M`, [['VALUE', 'DURATION']]),
          contentLine('X-PUBLISHED-TTL', `PT${refresh}M`),
        ]),
    ...[...vtimezones.keys()].sort().flatMap((tzid) => vtimezones.get(tzid) ?? []),
    ...input.events.flatMap((event, index) =>
      veventLines(event, zones[index], {
        status: event.cancelled ? 'CANCELLED' : 'CONFIRMED',
        parties: [],
      }),
    ),
    'END:VCALENDAR',
  ]);
}
