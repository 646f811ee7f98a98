import fc from 'fast-check';
import { type CalendarParty } from './calendar-event.js';
import { CalendarInputError } from './calendar-input.error.js';
import { feedIcs, invitationIcs } from './ics.js';
import { normaliseMultiLine, normaliseName, normaliseSingleLine } from './text.js';
import {
  ATTENDEE,
  contentLines,
  type IcalComponent,
  mailtoAddress,
  MAX_LINE_OCTETS,
  octets,
  ORGANIZER,
  physicalLines,
  readIcs,
  sampleEvent,
  textOf,
  unescapeText,
} from './testing/read-ics.js';

/** Pieces that break naive writers: line breaks, controls, delimiters, escapes, property text. */
const FRAGMENTS = [
  '\r',
  '\n',
  '\r\n',
  '\n\r',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u009b',
  '\t',
  '\u000b',
  '\u000c',
  '\u0085',
  '\u2028',
  '\u2029',
  ';',
  ',',
  '\\',
  ':',
  '"',
  '=',
  '^',
  "^'",
  '^n',
  '\\n',
  '\\;',
  'X\r\nATTENDEE:mailto:evil@x',
  'END:VEVENT\r\nBEGIN:VEVENT',
  '\r\nEND:VCALENDAR\r\n',
  '";CN=evil:mailto:evil@x',
  'ATTENDEE;RSVP=TRUE:mailto:evil@x',
  '😀',
  '👩‍👩‍👧',
  'é',
  '€',
  'مرحبا بكم',
  'שלום',
  '\u202E',
  '\uFEFF',
  ' ',
  'a',
];

const hostileUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  },
);

/** Short strings, and long ones that must be folded (up to a few hundred octets). */
const hostile = fc.oneof(
  fc.string({ unit: hostileUnit, maxLength: 24 }),
  fc.string({ unit: hostileUnit, minLength: 40, maxLength: 120 }),
);

const RUNS = { numRuns: 300 };

/** The file is sound whatever went in: lines, line ends and components as we wrote them. */
function expectSoundFile(ics: string, vevents: number): void {
  expect(physicalLines(ics).every((line) => octets(line) <= MAX_LINE_OCTETS)).toBe(true);
  // Folding never splits a character: each physical line is valid text of its own.
  expect(physicalLines(ics).every((line) => Buffer.from(line, 'utf8').toString() === line)).toBe(
    true,
  );
  expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const lines = contentLines(ics);
  expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(vevents);
  expect(lines.filter((line) => line.startsWith('BEGIN:')).length).toBe(
    lines.filter((line) => line.startsWith('END:')).length,
  );
}

function propertyNames(component: IcalComponent): string[] {
  return component.getAllProperties().map((property) => property.name);
}

describe('hostile text (property tests)', () => {
  it('never adds properties or components to an invitation, and reads back normalised', () => {
    fc.assert(
      fc.property(
        fc.record({
          title: hostile,
          description: hostile,
          location: hostile,
          attendeeName: hostile,
          organizerName: hostile,
          method: fc.constantFrom('REQUEST' as const, 'CANCEL' as const),
        }),
        ({ title, description, location, attendeeName, organizerName, method }) => {
          const event = sampleEvent({ title, description, location });
          const ics = invitationIcs({
            event,
            organizer: { ...ORGANIZER, name: organizerName },
            attendee: { ...ATTENDEE, name: attendeeName },
            method,
          });
          expectSoundFile(ics, 1);

          const { calendar, vevents, vevent, event: parsed } = readIcs(ics);
          expect(vevents).toHaveLength(1);
          expect(calendar.getAllSubcomponents().map((component) => component.name)).toEqual([
            'vtimezone',
            'vevent',
          ]);
          expect(propertyNames(calendar)).toEqual(['version', 'prodid', 'calscale', 'method']);

          const normalisedLocation = normaliseSingleLine(location);
          expect(propertyNames(vevent)).toEqual([
            'uid',
            'sequence',
            'dtstamp',
            'dtstart',
            'dtend',
            'summary',
            'transp',
            ...(normalisedLocation === '' ? [] : ['location']),
            'description',
            'organizer',
            'attendee',
            'url',
            'status',
            'last-modified',
          ]);

          expect(parsed.summary).toBe(normaliseSingleLine(title));
          const links = `Join online: ${event.joinUrl}\nSession page: ${event.url}`;
          const normalisedDescription = normaliseMultiLine(description);
          expect(parsed.description).toBe(
            normalisedDescription === '' ? links : `${normalisedDescription}\n\n${links}`,
          );
          if (normalisedLocation !== '') expect(parsed.location).toBe(normalisedLocation);

          const attendees = vevent.getAllProperties('attendee');
          expect(attendees).toHaveLength(1);
          expect(mailtoAddress(attendees[0].getFirstValue())).toBe(ATTENDEE.email);
          expect(textOf(vevent, 'organizer')).toBe(`mailto:${ORGANIZER.email}`);
          const cn = (name: string) => normaliseName(name) || undefined;
          expect(attendees[0].getParameter('cn')).toBe(cn(attendeeName));
          // ical-generator always writes the organizer's CN: the address stands in for no name.
          expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe(
            cn(organizerName) ?? ORGANIZER.email,
          );
          expect(textOf(vevent, 'uid')).toBe(`session-${event.sessionId}@icc-hub`);
          expect(textOf(vevent, 'status')).toBe(method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED');
        },
      ),
      RUNS,
    );
  });

  it('never adds components to a feed, and reads its name and titles back normalised', () => {
    fc.assert(
      fc.property(hostile, fc.array(hostile, { minLength: 1, maxLength: 4 }), (name, titles) => {
        const events = titles.map((title, index) =>
          sampleEvent({ sessionId: `s${index}`, title, location: title, description: title }),
        );
        const ics = feedIcs({ name, events, refreshInterval: { minutes: 30 } });
        expectSoundFile(ics, events.length);

        const { calendar, vevents } = readIcs(ics);
        expect(vevents).toHaveLength(events.length);
        const normalisedName = normaliseSingleLine(name);
        if (normalisedName === '') {
          expect(calendar.hasProperty('x-wr-calname')).toBe(false);
        } else {
          expect(unescapeText(textOf(calendar, 'x-wr-calname'))).toBe(normalisedName);
          expect(unescapeText(textOf(calendar, 'name'))).toBe(normalisedName);
        }
        vevents.forEach((vevent, index) => {
          expect(textOf(vevent, 'summary')).toBe(normaliseSingleLine(titles[index]));
          expect(vevent.hasProperty('attendee')).toBe(false);
        });
      }),
      RUNS,
    );
  });

  it('throws on any email address with CR or LF, wherever the break is', () => {
    fc.assert(
      fc.property(
        fc.emailAddress(),
        fc.nat(),
        fc.constantFrom('\r', '\n', '\r\n', '\r\nATTENDEE:mailto:evil@x'),
        fc.constantFrom('attendee', 'organizer'),
        (email, at, lineBreak, role) => {
          const position = at % (email.length + 1);
          const party: CalendarParty = {
            name: 'Ana',
            email: email.slice(0, position) + lineBreak + email.slice(position),
          };
          expect(() =>
            invitationIcs({
              event: sampleEvent(),
              organizer: role === 'organizer' ? party : ORGANIZER,
              attendee: role === 'attendee' ? party : ATTENDEE,
              method: 'REQUEST',
            }),
          ).toThrow(CalendarInputError);
        },
      ),
      RUNS,
    );
  });

  it('writes an email address exactly as given or throws, never something else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), hostile), (email) => {
        let ics: string;
        try {
          ics = invitationIcs({
            event: sampleEvent(),
            organizer: ORGANIZER,
            attendee: { name: 'Ana', email },
            method: 'REQUEST',
          });
        } catch (error) {
          expect(error).toBeInstanceOf(CalendarInputError);
          return;
        }
        expect(email).not.toMatch(/[\r\n]/);
        expectSoundFile(ics, 1);
        const attendees = readIcs(ics).vevent.getAllProperties('attendee');
        expect(attendees).toHaveLength(1);
        expect(mailtoAddress(attendees[0].getFirstValue())).toBe(email);
      }),
      RUNS,
    );
  });

  it('writes a link exactly as parsed or throws, and it never breaks the file', () => {
    const link = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      hostile.map((text) => `https://meet.example.eu/${text}`),
    );
    fc.assert(
      fc.property(link, link, (url, joinUrl) => {
        let ics: string;
        try {
          ics = invitationIcs({
            event: sampleEvent({ url, joinUrl }),
            organizer: ORGANIZER,
            attendee: ATTENDEE,
            method: 'REQUEST',
          });
        } catch (error) {
          expect(error).toBeInstanceOf(CalendarInputError);
          return;
        }
        expectSoundFile(ics, 1);
        const { vevent, event } = readIcs(ics);
        // URL values have ; , and \ percent-encoded, which ical-generator would TEXT-escape.
        const href = new URL(url).href;
        expect(textOf(vevent, 'url')).toBe(href.replace(/[;,\\]/g, encodeURIComponent));
        expect(new URL(textOf(vevent, 'url')).href).toBe(textOf(vevent, 'url'));
        expect(event.description).toContain(`Join online: ${new URL(joinUrl).href}\n`);
      }),
      RUNS,
    );
  });
});
