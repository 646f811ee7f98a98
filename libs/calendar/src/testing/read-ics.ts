/**
 * Reads generated files back with ical.js, the parser behind Thunderbird, for the specs of this
 * library. Not used by the library itself.
 */
import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { type CalendarEvent, type CalendarParty } from '../calendar-event.js';

export type IcalComponent = InstanceType<typeof ICAL.Component>;
export type IcalTime = InstanceType<typeof ICAL.Time>;

export interface ReadIcs {
  calendar: IcalComponent;
  vevents: IcalComponent[];
  /** The first VEVENT; throws when there is none. */
  vevent: IcalComponent;
  event: InstanceType<typeof ICAL.Event>;
}

export function readIcs(ics: string): ReadIcs {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const vevents = calendar.getAllSubcomponents('vevent');
  const vevent = vevents[0];
  if (!vevent) throw new Error('no VEVENT in the file');
  return { calendar, vevents, vevent, event: new ICAL.Event(vevent) };
}

/** Lines as stored, before unfolding; a file ends with CRLF, so the empty tail is dropped. */
export function physicalLines(ics: string): string[] {
  if (!ics.endsWith('\r\n')) throw new Error('the file does not end with CRLF');
  return ics.slice(0, -2).split('\r\n');
}

/** RFC 5545 unfolding: a CRLF followed by one space or tab disappears. */
export function contentLines(ics: string): string[] {
  return physicalLines(ics.replace(/\r\n[ \t]/g, ''));
}

/** RFC 5545 section 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
export const MAX_LINE_OCTETS = 75;

export function octets(line: string): number {
  return Buffer.byteLength(line, 'utf8');
}

/** A property value as a string; fails the test when the property is missing or not text. */
export function textOf(component: IcalComponent, name: string): string {
  const value = component.getFirstPropertyValue(name);
  if (typeof value !== 'string') throw new Error(`${name} is not a text value`);
  return value;
}

/**
 * The address of a `mailto:` value. URI schemes are case-insensitive (RFC 3986 section 3.1), and
 * ical-generator writes ATTENDEE values as `MAILTO:`; the address itself must be exact.
 */
export function mailtoAddress(value: unknown): string {
  if (typeof value !== 'string' || !/^mailto:/i.test(value)) throw new Error('not a mailto: URI');
  return value.slice('mailto:'.length);
}

/** A DATE-TIME property as parsed; fails the test when it is missing. */
export function timeOf(component: IcalComponent, name: string): IcalTime {
  const value = component.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value;
}

export function paramOf(component: IcalComponent, property: string, param: string): unknown {
  const found = component.getFirstProperty(property);
  if (!found) throw new Error(`no ${property}`);
  return found.getParameter(param);
}

/** An ICAL.Timezone from the same VTIMEZONE data the library ships, e.g. the reader's own zone. */
export function icalZone(name: string): InstanceType<typeof ICAL.Timezone> {
  const block = tzlib_get_ical_block(name, false);
  if (!Array.isArray(block)) throw new Error(`no VTIMEZONE for ${name}`);
  return new ICAL.Timezone(ICAL.Component.fromString(block[0]));
}

/** Decodes a TEXT value that ical.js does not know the type of (NAME, X-WR-CALNAME). */
export function unescapeText(raw: string): string {
  return raw.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function sampleEvent(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    sessionId: '0b7c2a4e-5d1f-4c3b-9a8e-2f6d1c0e9b7a',
    sequence: 3,
    title: 'Green mobility: lessons from Porto',
    description: 'How Porto rebuilt its bus network.\nQuestions welcome.',
    startsAt: new Date('2020-10-14T08:00:00Z'),
    endsAt: new Date('2020-10-14T09:30:00Z'),
    timeZone: 'Europe/Brussels',
    location: 'Main stage',
    url: 'https://hub.example.eu/sessions/0b7c2a4e-5d1f-4c3b-9a8e-2f6d1c0e9b7a',
    joinUrl: 'https://meet.example.eu/j/123456?pwd=abc',
    cancelled: false,
    updatedAt: new Date('2020-10-01T12:34:56Z'),
    ...overrides,
  };
}

export const ORGANIZER: CalendarParty = { name: 'ICC Hub', email: 'no-reply@icc-hub.example.eu' };
export const ATTENDEE: CalendarParty = { name: 'Ana Sousa', email: 'ana.sousa@porto.example.pt' };
