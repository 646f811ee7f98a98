/**
 * @app/calendar — iCalendar (RFC 5545) files for ICC Hub sessions. Pure: no I/O, no clock, no
 * randomness, so the same input always gives the same bytes.
 *
 * - `invitationIcs`: one VEVENT for one attendee, METHOD:REQUEST (invitation, update) or
 *   METHOD:CANCEL (cancellation, withdrawal; STATUS:CANCELLED). The UID comes from the session id
 *   (`sessionUid`) and never changes; SEQUENCE is the caller's stored counter, which it raises on
 *   every change of time, place or link.
 * - `feedIcs`: a subscribable feed (METHOD:PUBLISH, no attendees); cancelled sessions stay in it
 *   with STATUS:CANCELLED so subscribed calendars drop them. It may carry a name, a description, a
 *   refresh interval (REFRESH-INTERVAL and X-PUBLISHED-TTL) and its own address (SOURCE).
 *
 * The file is built with ical-generator 10 (`ical()`, `createEvent`, `createAttendee`), whose own
 * VTIMEZONE hook is fed from timezones-ical-library. Times are local time with TZID plus the zone's
 * VTIMEZONE, so every reader sees the session in its own zone and at the right instant across DST
 * changes; they are passed as luxon DateTimes in the zone, because ical-generator formats a Date
 * with a TZID in the server's own zone. Both times of an event are written in UTC instead when one
 * local time could mislead: in the hour repeated when clocks go back (RFC 5545 means the first run,
 * ical.js reads the second), or when the VTIMEZONE data and the platform's zone data disagree about
 * the offset.
 *
 * Text is normalised before ical-generator escapes it: `normaliseSingleLine` for title, location
 * and feed name, `normaliseName` for people's names, `normaliseMultiLine` for the description.
 * Control characters are removed, line breaks become spaces (or `\n` in the description). Email
 * addresses and URLs are never cleaned up: one that cannot be written as it is throws a
 * CalendarInputError (`isCalendarUrl` tells beforehand, for a caller that would rather drop it). Where ical-generator 10 writes a value that ical.js would misread, it gets a
 * form that reads back right:
 * - the calendar NAME and X-WR-CALDESC are written unescaped, so they are TEXT-escaped here (after
 *   normalisation they have no line break that could start a component);
 * - CN values get backslash escapes (a `"` cuts the name short in ical.js), so names take the
 *   RFC 6868 caret form (`"` as ^', ^ as ^^) and hold no `"` or `\` to escape; the organizer,
 *   whose CN ical-generator always writes, is named by its address when the name is empty;
 * - URL values get TEXT escapes, so `;`, `,` and `\` are percent-encoded in the URL property (the
 *   description keeps the links exactly as parsed).
 * ical-generator folds lines at 75 octets without splitting a character; the last line gets its
 * CRLF here.
 */
export { type CalendarEvent, type CalendarParty } from './calendar-event.js';
export { CalendarInputError } from './calendar-input.error.js';
export { feedIcs, invitationIcs, type InvitationMethod, sessionUid } from './ics.js';
export { isCalendarUrl, normaliseMultiLine, normaliseName, normaliseSingleLine } from './text.js';
