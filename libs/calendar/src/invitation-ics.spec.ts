import { CalendarInputError } from './calendar-input.error.js';
import { type CalendarEvent } from './calendar-event.js';
import { invitationIcs, sessionUid } from './ics.js';
import {
  ATTENDEE,
  contentLines,
  mailtoAddress,
  ORGANIZER,
  paramOf,
  readIcs,
  sampleEvent,
  textOf,
  timeOf,
} from './testing/read-ics.js';

function invite(event: CalendarEvent, method: 'REQUEST' | 'CANCEL' = 'REQUEST'): string {
  return invitationIcs({ event, organizer: ORGANIZER, attendee: ATTENDEE, method });
}

describe('sessionUid', () => {
  it('derives a stable UID from the session id', () => {
    expect(sessionUid('0b7c2a4e-5d1f-4c3b-9a8e-2f6d1c0e9b7a')).toBe(
      'session-0b7c2a4e-5d1f-4c3b-9a8e-2f6d1c0e9b7a@icc-hub',
    );
    expect(sessionUid('42')).toBe(sessionUid('42'));
  });

  it.each(['', 'a b', 'a\r\nUID:x', 'a;b', 'a@b', '-leading', 'x'.repeat(129)])(
    'rejects %j rather than writing it into UID',
    (sessionId) => {
      expect(() => sessionUid(sessionId)).toThrow(CalendarInputError);
    },
  );
});

describe('invitationIcs with METHOD:REQUEST', () => {
  const event = sampleEvent();
  const ics = invite(event);
  const { calendar, vevents, vevent, event: parsed } = readIcs(ics);

  it('is one VEVENT in a REQUEST calendar', () => {
    expect(textOf(calendar, 'version')).toBe('2.0');
    expect(textOf(calendar, 'method')).toBe('REQUEST');
    expect(textOf(calendar, 'prodid')).toBe('-//ICC Hub//Session calendar//EN');
    expect(vevents).toHaveLength(1);
  });

  it('carries the stable UID, the stored SEQUENCE and STATUS:CONFIRMED', () => {
    expect(parsed.uid).toBe(sessionUid(event.sessionId));
    expect(parsed.sequence).toBe(3);
    expect(textOf(vevent, 'status')).toBe('CONFIRMED');
  });

  it('stamps DTSTAMP and LAST-MODIFIED in UTC with the update time', () => {
    expect(timeOf(vevent, 'dtstamp').toString()).toBe('2020-10-01T12:34:56Z');
    expect(timeOf(vevent, 'last-modified').toString()).toBe('2020-10-01T12:34:56Z');
  });

  it('has DTSTART and DTEND in the event zone, with its VTIMEZONE', () => {
    expect(contentLines(ics)).toEqual(
      expect.arrayContaining([
        'DTSTART;TZID=Europe/Brussels:20201014T100000',
        'DTEND;TZID=Europe/Brussels:20201014T113000',
      ]),
    );
    const vtimezone = calendar.getFirstSubcomponent('vtimezone');
    expect(vtimezone && textOf(vtimezone, 'tzid')).toBe('Europe/Brussels');
    expect(parsed.startDate.zone.tzid).toBe('Europe/Brussels');
    expect(parsed.startDate.toJSDate()).toEqual(event.startsAt);
    expect(parsed.endDate.toJSDate()).toEqual(event.endsAt);
  });

  it('has title, location, session URL and a description that includes the join link', () => {
    expect(parsed.summary).toBe('Green mobility: lessons from Porto');
    expect(parsed.location).toBe('Main stage');
    expect(textOf(vevent, 'url')).toBe(event.url);
    expect(parsed.description).toBe(
      'How Porto rebuilt its bus network.\nQuestions welcome.\n\n' +
        'Join online: https://meet.example.eu/j/123456?pwd=abc\n' +
        `Session page: ${event.url}`,
    );
  });

  it('names the organizer and the attendee, accepted, with no reply asked for', () => {
    expect(textOf(vevent, 'organizer')).toBe('mailto:no-reply@icc-hub.example.eu');
    expect(paramOf(vevent, 'organizer', 'cn')).toBe('ICC Hub');
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(mailtoAddress(attendees[0].getFirstValue())).toBe('ana.sousa@porto.example.pt');
    expect(attendees[0].getParameter('cn')).toBe('Ana Sousa');
    expect(attendees[0].getParameter('partstat')).toBe('ACCEPTED');
    expect(attendees[0].getParameter('rsvp')).toBe('FALSE');
    expect(attendees[0].getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendees[0].getParameter('cutype')).toBe('INDIVIDUAL');
  });

  it('writes an invitation still to be answered as NEEDS-ACTION, with no reply by mail', () => {
    const ics = invitationIcs({
      event: sampleEvent(),
      organizer: ORGANIZER,
      attendee: ATTENDEE,
      method: 'REQUEST',
      awaitingAnswer: true,
    });
    const attendee = readIcs(ics).vevent.getFirstProperty('attendee');
    expect(attendee?.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee?.getParameter('rsvp')).toBe('FALSE');
  });

  it('is byte-for-byte the same for the same input', () => {
    expect(invite(sampleEvent())).toBe(ics);
  });

  it('writes names so that ical.js reads them as normaliseName says', () => {
    const { vevent: named } = readIcs(
      invitationIcs({
        event,
        organizer: { ...ORGANIZER, name: 'Hub \\; "ops" ^n:' },
        attendee: { ...ATTENDEE, name: 'C:\\new\r\nfolder:' },
        method: 'REQUEST',
      }),
    );
    expect(paramOf(named, 'organizer', 'cn')).toBe('Hub /; "ops" ^n:');
    expect(textOf(named, 'organizer')).toBe('mailto:no-reply@icc-hub.example.eu');
    expect(paramOf(named, 'attendee', 'cn')).toBe('C:/new folder:');
    expect(mailtoAddress(named.getFirstPropertyValue('attendee'))).toBe(
      'ana.sousa@porto.example.pt',
    );
  });

  it('(control) ical.js decodes backslashes in parameters and then loses the value', () => {
    const { vevent: misread } = readIcs(
      ics.replace(
        /^ORGANIZER;.*$/m,
        'ORGANIZER;CN="Hub \\\\;:":mailto:no-reply@icc-hub.example.eu',
      ),
    );
    expect(paramOf(misread, 'organizer', 'cn')).toBe('Hub \\;:');
    expect(textOf(misread, 'organizer')).toBe('":mailto:no-reply@icc-hub.example.eu');
  });

  it('ends every line with CRLF', () => {
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('leaves out what the session does not have', () => {
    const bare = invite(
      sampleEvent({ location: null, url: null, joinUrl: null, description: ' \r\n ' }),
    );
    const { vevent: bareEvent } = readIcs(bare);
    for (const name of ['location', 'url', 'description']) {
      expect(bareEvent.hasProperty(name)).toBe(false);
    }
  });

  it('keeps the join link when the session has no description or page', () => {
    const { event: joinOnly } = readIcs(
      invite(sampleEvent({ description: '', url: null, joinUrl: 'https://meet.example.eu/x' })),
    );
    expect(joinOnly.description).toBe('Join online: https://meet.example.eu/x');
  });

  it('writes a zero-length session without DTEND', () => {
    const point = sampleEvent({ endsAt: sampleEvent().startsAt });
    const { vevent: zero, event: parsedZero } = readIcs(invite(point));
    expect(zero.hasProperty('dtend')).toBe(false);
    expect(parsedZero.startDate.toJSDate()).toEqual(point.startsAt);
  });

  it('writes URLs as URI values, without TEXT escapes', () => {
    const url = 'https://hub.example.eu/s/1;view=full,compact\\x?q=a;b,c\\d';
    const { vevent: withUrl, event: parsedUrl } = readIcs(
      invite(sampleEvent({ url, joinUrl: 'https://meet.example.eu/j?a=1;b=2,3' })),
    );
    // ical-generator would TEXT-escape them, so ; , and \ are percent-encoded in URL values.
    expect(textOf(withUrl, 'url')).toBe(
      'https://hub.example.eu/s/1%3Bview=full%2Ccompact/x?q=a%3Bb%2Cc%5Cd',
    );
    expect(parsedUrl.description).toContain(`Session page: ${new URL(url).href}`);
    expect(parsedUrl.description).toContain('Join online: https://meet.example.eu/j?a=1;b=2,3');
  });
});

describe('invitationIcs with METHOD:CANCEL', () => {
  const event = sampleEvent({ sequence: 4, cancelled: true });
  const { calendar, vevents, vevent, event: parsed } = readIcs(invite(event, 'CANCEL'));

  it('cancels the same UID with STATUS:CANCELLED and the SEQUENCE it is given', () => {
    expect(textOf(calendar, 'method')).toBe('CANCEL');
    expect(vevents).toHaveLength(1);
    expect(parsed.uid).toBe(readIcs(invite(sampleEvent())).event.uid);
    expect(textOf(vevent, 'status')).toBe('CANCELLED');
    expect(parsed.sequence).toBe(4);
  });

  it('still names organizer and attendee, without asking for an answer', () => {
    expect(textOf(vevent, 'organizer')).toBe('mailto:no-reply@icc-hub.example.eu');
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(mailtoAddress(attendees[0].getFirstValue())).toBe('ana.sousa@porto.example.pt');
    expect(attendees[0].getParameter('partstat')).toBeUndefined();
    expect(attendees[0].getParameter('rsvp')).toBeUndefined();
  });

  it('cancels a withdrawal (the session itself goes on) just the same', () => {
    const withdrawal = readIcs(invite(sampleEvent({ sequence: 5, cancelled: false }), 'CANCEL'));
    expect(textOf(withdrawal.calendar, 'method')).toBe('CANCEL');
    expect(textOf(withdrawal.vevent, 'status')).toBe('CANCELLED');
    expect(withdrawal.event.sequence).toBe(5);
  });

  it('marks a REQUEST for an already cancelled session as cancelled too', () => {
    const late = readIcs(invite(sampleEvent({ cancelled: true }), 'REQUEST'));
    expect(textOf(late.calendar, 'method')).toBe('REQUEST');
    expect(textOf(late.vevent, 'status')).toBe('CANCELLED');
  });
});

describe('invitationIcs input checks', () => {
  it.each<[string, Partial<CalendarEvent>]>([
    ['a negative sequence', { sequence: -1 }],
    ['a fractional sequence', { sequence: 1.5 }],
    ['an invalid start', { startsAt: new Date('nope') }],
    ['an invalid update time', { updatedAt: new Date(Number.NaN) }],
    ['a five-digit year', { endsAt: new Date('+010000-01-01T00:00:00Z') }],
    ['an end before the start', { endsAt: new Date('2020-10-14T07:00:00Z') }],
    ['a relative URL', { url: '/sessions/1' }],
    ['a join link with a line break', { joinUrl: 'https://meet.example.eu/x\r\nATTENDEE:x' }],
    ['a javascript: join link', { joinUrl: 'javascript:alert(1)' }],
    ['a hostile session id', { sessionId: 'x\r\nEND:VEVENT' }],
  ])('throws on %s', (_, overrides) => {
    expect(() => invite(sampleEvent(overrides))).toThrow(CalendarInputError);
  });

  it.each([
    ['attendee', { ...ATTENDEE, email: 'ana@porto.example.pt\r\nATTENDEE:mailto:evil@x' }],
    ['attendee', { ...ATTENDEE, email: 'ana@porto.example.pt\n' }],
    ['organizer', { ...ORGANIZER, email: 'no-reply@icc-hub.example.eu\rX' }],
  ] as const)('throws on a %s email with CR or LF', (role, party) => {
    expect(() =>
      invitationIcs({
        event: sampleEvent(),
        organizer: role === 'organizer' ? party : ORGANIZER,
        attendee: role === 'attendee' ? party : ATTENDEE,
        method: 'REQUEST',
      }),
    ).toThrow(CalendarInputError);
  });

  it('throws on a method other than REQUEST or CANCEL', () => {
    expect(() =>
      invitationIcs({
        event: sampleEvent(),
        organizer: ORGANIZER,
        attendee: ATTENDEE,
        method: 'PUBLISH' as 'REQUEST',
      }),
    ).toThrow(CalendarInputError);
  });
});
