import { LOCALES, type Locale } from '@app/contracts';
import { MailerInputError } from '../mailer.errors.js';
import { renderMail } from '../mail-templates.js';
import { escapeHtml } from '../text-safety.js';
import type { SessionMailData } from './session.templates.js';

const CONTEXT = { publicBaseUrl: 'https://hub.example.eu' };
const SESSION_URL = 'https://hub.example.eu/sessions/5b2f7c1e-8d4a-4f3e-9a61-2c0f1d9e7b3a';

const DATA: SessionMailData = {
  recipientName: 'Ana <Moreau>',
  sessionTitle: 'Local green deals & practice',
  eventTitle: 'ICC City Lab: Green Economy',
  startsAt: new Date('2020-10-14T08:00:00Z'),
  endsAt: new Date('2020-10-14T09:30:00Z'),
  eventTimeZone: 'Europe/Brussels',
  recipientTimeZone: 'America/New_York',
  location: 'Stream B',
  joinUrl: 'https://meet.example.org/icc/green?pwd=a1&lang=en',
  sessionPath: '/sessions/5b2f7c1e-8d4a-4f3e-9a61-2c0f1d9e7b3a',
};

const TEMPLATES = [
  'registration-confirmed',
  'registration-waitlisted',
  'registration-promoted',
  'registration-cancelled',
] as const;
type Template = (typeof TEMPLATES)[number];

/** Words of the subject and the body that only the right mail in the right language has. */
const WORDS: Record<Template, Record<Locale, [string, string]>> = {
  'registration-confirmed': {
    en: ['Registered', 'is confirmed'],
    fr: ['Inscription confirmée', 'est confirmée'],
    de: ['Anmeldung bestätigt', 'ist bestätigt'],
  },
  'registration-waitlisted': {
    en: ['Waiting list', 'waiting list'],
    fr: ['Liste d’attente', 'liste d’attente'],
    de: ['Warteliste', 'Warteliste'],
  },
  'registration-promoted': {
    en: ['Seat confirmed', 'has become free'],
    fr: ['Place confirmée', 's’est libérée'],
    de: ['Platz bestätigt', 'frei geworden'],
  },
  'registration-cancelled': {
    en: ['Registration cancelled', 'has been cancelled'],
    fr: ['Inscription annulée', 'a été annulée'],
    de: ['Anmeldung storniert', 'wurde storniert'],
  },
};

describe.each(TEMPLATES.flatMap((t) => LOCALES.map((l) => [t, l] as const)))(
  'renderMail(%s, %s)',
  (template, locale) => {
    const mail = renderMail(template, locale, DATA, CONTEXT);
    const [subjectWords, bodyWords] = WORDS[template][locale];

    it('is written in the recipient’s language, in both parts', () => {
      expect(mail.subject).toContain(subjectWords);
      expect(mail.subject).toContain('Local green deals & practice');
      expect(mail.html).toContain(`<html lang="${locale}"`);
      expect(mail.text).toContain(bodyWords);
      expect(mail.html).toContain(escapeHtml(bodyWords));
    });

    it('escapes user text in the HTML part and links to the session', () => {
      expect(mail.html).toContain(escapeHtml('Ana <Moreau>'));
      expect(mail.html).not.toContain('<Moreau>');
      expect(mail.html).toContain(escapeHtml('Local green deals & practice'));
      expect(mail.text).toContain(SESSION_URL);
      expect(mail.html).toContain(`href="${SESSION_URL}"`);
    });

    it('shows the time in the recipient zone with the event time beside it', () => {
      expect(mail.text).toMatch(/04:00\s?–\s?05:30/);
      expect(mail.text).toMatch(/10:00\s?–\s?11:30/);
    });
  },
);

describe('what each registration mail promises', () => {
  it('gives the room link only with a seat', () => {
    const link = 'https://meet.example.org/icc/green?pwd=a1&lang=en';
    expect(renderMail('registration-confirmed', 'en', DATA, CONTEXT).text).toContain(link);
    expect(renderMail('registration-promoted', 'en', DATA, CONTEXT).text).toContain(link);
    expect(renderMail('registration-waitlisted', 'en', DATA, CONTEXT).text).not.toContain(link);
    expect(renderMail('registration-cancelled', 'en', DATA, CONTEXT).text).not.toContain(link);
  });

  it('mentions a calendar file exactly where one is attached', () => {
    for (const template of TEMPLATES) {
      const { text } = renderMail(template, 'en', DATA, CONTEXT);
      if (template === 'registration-waitlisted') expect(text).not.toContain('.ics');
      else expect(text).toContain('.ics');
    }
  });

  it('does not state a waiting-list position that may be stale when it is read', () => {
    const { text } = renderMail('registration-waitlisted', 'en', DATA, CONTEXT);
    expect(text).toContain('The session page shows your place on the list.');
    expect(text).not.toMatch(/position|number \d/i);
  });
});

describe('session-reminder', () => {
  const HOUR = 3_600_000;
  const at = (hoursBefore: number) => ({
    ...DATA,
    writtenAt: new Date(DATA.startsAt.getTime() - hoursBefore * HOUR),
  });

  it.each([
    [
      'en',
      1,
      'Reminder: Local green deals & practice starts in about an hour',
      'starts in about an hour.',
    ],
    ['en', 24, 'Reminder: Local green deals & practice starts tomorrow', 'starts tomorrow.'],
    [
      'fr',
      1,
      'Rappel : Local green deals & practice commence dans environ une heure',
      'à laquelle vous êtes inscrit(e), commence dans environ une heure.',
    ],
    ['fr', 24, 'Rappel : Local green deals & practice commence demain', 'commence demain.'],
    [
      'de',
      1,
      'Erinnerung: Local green deals & practice beginnt in etwa einer Stunde',
      'zu der Sie angemeldet sind, beginnt in etwa einer Stunde.',
    ],
    ['de', 24, 'Erinnerung: Local green deals & practice beginnt morgen', 'beginnt morgen.'],
  ] as const)(
    'in %s, %d hour(s) ahead, says when in the subject (one line) and both parts',
    (...row) => {
      const [locale, hours, subject, sentence] = row;
      const mail = renderMail('session-reminder', locale, at(hours), CONTEXT);
      expect(mail.subject).toBe(subject);
      expect(mail.html).toContain(`<html lang="${locale}"`);
      expect(mail.text).toContain(sentence);
      expect(mail.html).toContain(escapeHtml(sentence));
    },
  );

  it('counts the lead from when the mail is written, in minutes, hours or days', () => {
    expect(renderMail('session-reminder', 'en', at(0.25), CONTEXT).text).toContain(
      'starts in about 15 minutes.',
    );
    expect(renderMail('session-reminder', 'fr', at(3), CONTEXT).text).toContain(
      'commence dans environ 3\u00a0heures.',
    );
    expect(renderMail('session-reminder', 'de', at(72), CONTEXT).text).toContain(
      'beginnt in 3 Tagen.',
    );
  });

  it('gives the join link, the times in both zones and the session page, but no calendar file', () => {
    const mail = renderMail('session-reminder', 'en', at(1), CONTEXT);
    expect(mail.text).toContain('Join online: https://meet.example.org/icc/green?pwd=a1&lang=en');
    expect(mail.html).toContain('href="https://meet.example.org/icc/green?pwd=a1&amp;lang=en"');
    expect(mail.text).toMatch(/04:00\s?–\s?05:30/);
    expect(mail.text).toMatch(/10:00\s?–\s?11:30/);
    expect(mail.text).toContain(SESSION_URL);
    expect(mail.html).toContain(escapeHtml('Ana <Moreau>'));
    expect(mail.text).not.toContain('.ics');
  });

  it('refuses to remind of a session that has started', () => {
    expect(() => renderMail('session-reminder', 'en', at(0), CONTEXT)).toThrow(MailerInputError);
  });
});
