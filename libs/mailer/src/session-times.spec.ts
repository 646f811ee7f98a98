import { MailerInputError } from './mailer.errors.js';
import { formatSessionTimes } from './session-times.js';

/** 10:00–11:30 in Brussels (CEST) on 14 October 2020. */
const SESSION = {
  startsAt: new Date('2020-10-14T08:00:00Z'),
  endsAt: new Date('2020-10-14T09:30:00Z'),
  eventTimeZone: 'Europe/Brussels',
};

describe('formatSessionTimes', () => {
  it('shows the recipient zone first and the event zone beside it', () => {
    const times = formatSessionTimes(
      { ...SESSION, recipientTimeZone: 'America/New_York' },
      'en-GB',
    );
    expect(times.recipient).toBe('Wednesday, 14 October 2020, 04:00–05:30 (Eastern Daylight Time)');
    expect(times.event).toBe(
      'Wednesday, 14 October 2020, 10:00–11:30 (Central European Summer Time)',
    );
  });

  it('names days, months and zones in the language of the mail', () => {
    const fr = formatSessionTimes({ ...SESSION, recipientTimeZone: 'America/New_York' }, 'fr-FR');
    expect(fr.recipient).toContain('mercredi 14 octobre 2020');
    expect(fr.recipient).toContain('04:00');
    expect(fr.event).toContain('heure d’été d’Europe centrale');
    const de = formatSessionTimes({ ...SESSION, recipientTimeZone: 'Asia/Kolkata' }, 'de-DE');
    expect(de.recipient).toContain('Mittwoch, 14. Oktober 2020');
    expect(de.recipient).toContain('13:30–15:00');
    expect(de.event).toContain('Mitteleuropäische Sommerzeit');
  });

  it('shows one time when the clocks agree', () => {
    expect(
      formatSessionTimes({ ...SESSION, recipientTimeZone: 'Europe/Brussels' }, 'en-GB').event,
    ).toBeNull();
    expect(
      formatSessionTimes({ ...SESSION, recipientTimeZone: 'Europe/Paris' }, 'en-GB').event,
    ).toBeNull();
  });

  it('shows both dates when the session crosses midnight for the recipient', () => {
    const times = formatSessionTimes(
      {
        startsAt: new Date('2020-10-14T16:00:00Z'),
        endsAt: new Date('2020-10-14T17:30:00Z'),
        eventTimeZone: 'Europe/Brussels',
        recipientTimeZone: 'Pacific/Auckland',
      },
      'en-GB',
    );
    expect(times.recipient).toContain('Thursday, 15 October 2020');
    expect(times.recipient).toContain('05:00');
    expect(times.recipient).toContain('06:30');
  });

  it('falls back to the event zone for an unknown recipient zone', () => {
    const times = formatSessionTimes({ ...SESSION, recipientTimeZone: 'Mars/Olympus' }, 'en-GB');
    expect(times.recipient).toContain('10:00–11:30');
    expect(times.event).toBeNull();
  });

  it('refuses an unknown event zone and impossible dates', () => {
    const base = { ...SESSION, recipientTimeZone: 'Europe/Brussels' };
    expect(() => formatSessionTimes({ ...base, eventTimeZone: 'Nowhere/City' }, 'en-GB')).toThrow(
      MailerInputError,
    );
    expect(() => formatSessionTimes({ ...base, startsAt: new Date('nope') }, 'en-GB')).toThrow(
      MailerInputError,
    );
    expect(() =>
      formatSessionTimes({ ...base, endsAt: new Date('2020-10-14T07:00:00Z') }, 'en-GB'),
    ).toThrow(MailerInputError);
  });
});
