/**
 * @app/calendar — iCalendar (RFC 5545) files for ICC Hub sessions. Pure: no I/O, no clock, no
 * randomness, so the same input always gives the same bytes.
 *
 * - `invitationIcs`: one VEVENT for one attendee, METHOD:REQUEST (invitation, update) or
 *   METHOD:CANCEL (cancellation, withdrawal; STATUS:CANCELLED). The UID comes from the session id
 *   (`sessionUid`) and never changes; SEQUENCE is the caller's stored counter, which it raises on
 *   every change of time, place or link.
 * - `feedIcs`: a subscribable feed (METHOD:PUBLISH, no attendees); cancelled sessions stay in it
 *   with STATUS:CANCELLED so subscribed calendars drop them.
 *
 * Times are local time with TZID plus the zone's VTIMEZONE (timezones-ical-library), so every
 * reader sees the session in its own zone and at the right instant across DST changes. A time is
 * written in UTC instead when a local time could mislead: in the hour repeated when clocks go back
 * (RFC 5545 means the first run, ical.js reads the second), or when the VTIMEZONE data and the
 * platform's zone data disagree about the offset.
 *
 * Text is normalised before it is escaped: `normaliseSingleLine` for title, location and feed name,
 * `normaliseName` for people's names, `normaliseMultiLine` for the description. Control characters
 * are removed, line breaks become spaces (or `\n` in the description). Email addresses and URLs are
 * never cleaned up: one that cannot be written as it is throws a CalendarInputError. Lines are
 * folded at 75 octets without splitting a character.
 *
 * The file is written here rather than with ical-generator 10, whose output ical.js misreads for
 * hostile text: the calendar NAME is not escaped (a line break in it starts a new component), CN
 * values get backslash escapes (a `"` cuts the name short), URL values get TEXT escapes (`;` and
 * `,` gain backslashes), and a Date with a TZID is formatted in the server's own zone.
 */
export { type CalendarEvent, type CalendarParty } from './calendar-event.js';
export { CalendarInputError } from './calendar-input.error.js';
export { feedIcs, invitationIcs, type InvitationMethod, sessionUid } from './ics.js';
export { normaliseMultiLine, normaliseName, normaliseSingleLine } from './text.js';
