import { LOCALES, type Locale } from '@app/contracts';
import { MailerInputError } from '../mailer.errors.js';
import { renderMail } from '../mail-templates.js';
import { escapeHtml } from '../text-safety.js';
import type { SummitInvitationMailData } from './summit-invitation.templates.js';

const TOKEN = 'Q'.repeat(20) + '_-abcdefghijklmnopqrstu';
const CONTEXT = { publicBaseUrl: 'https://hub.example.eu' };
const ANSWER_URL = `https://hub.example.eu/invitations/respond#token=${TOKEN}`;
const EVENT_URL = 'https://hub.example.eu/events/100-mayors-summit-2026';
const TEMPLATES = ['summit-invitation', 'summit-invitation-reminder'] as const;

function data(overrides: Partial<SummitInvitationMailData> = {}): SummitInvitationMailData {
  return {
    recipientName: 'Ana Moreau',
    eventTitle: 'The 100 Mayors’ Summit',
    startsAt: new Date('2026-10-14T07:00:00Z'),
    endsAt: new Date('2026-10-14T15:30:00Z'),
    eventTimeZone: 'Europe/Brussels',
    recipientTimeZone: 'Europe/Brussels',
    venue: 'Square – Brussels Meeting Centre',
    role: 'mayor',
    token: TOKEN,
    eventPath: '/events/100-mayors-summit-2026',
    ...overrides,
  };
}

/** Words only the right language and template have: greeting, sentence, subject, role. */
const WORDS: Record<(typeof TEMPLATES)[number], Record<Locale, string[]>> = {
  'summit-invitation': {
    en: ['Hello Ana Moreau,', 'You are personally invited to', 'Invitation:', 'Mayor'],
    fr: ['Bonjour Ana Moreau,', 'Vous êtes personnellement invité(e)', 'Invitation', 'Maire'],
    de: ['Guten Tag Ana Moreau,', 'persönlich zur Veranstaltung', 'Einladung:', 'Bürgermeister'],
  },
  'summit-invitation-reminder': {
    en: ['Hello Ana Moreau,', 'You have not answered', 'Reminder:', 'Mayor'],
    fr: ['Bonjour Ana Moreau,', 'pas encore répondu', 'Rappel', 'Maire'],
    de: ['Guten Tag Ana Moreau,', 'noch nicht geantwortet', 'Erinnerung:', 'Bürgermeister'],
  },
};

const WEEKDAY: Record<Locale, string> = { en: 'Wednesday', fr: 'mercredi', de: 'Mittwoch' };

describe.each(TEMPLATES.flatMap((t) => LOCALES.map((l) => [t, l] as const)))(
  'renderMail(%s, %s)',
  (template, locale) => {
    const mail = renderMail(template, locale, data(), CONTEXT);
    const [greeting, sentence, subjectWord, role] = WORDS[template][locale];

    it('is written in the recipient’s language, in both parts', () => {
      expect(mail.subject).toContain(subjectWord);
      expect(mail.subject).toContain('The 100 Mayors’ Summit');
      expect(mail.html).toContain(`<html lang="${locale}"`);
      for (const part of [mail.text, mail.html]) {
        expect(part).toContain(greeting);
        expect(part).toContain(sentence);
        expect(part).toContain(role);
        expect(part).toContain(WEEKDAY[locale]);
        expect(part).toMatch(/09:00\s?–\s?17:30/);
        expect(part).toContain('.ics');
      }
    });

    it('carries the personal answer link in the fragment and the event link', () => {
      expect(mail.text).toContain(ANSWER_URL);
      expect(mail.html).toContain(`href="${ANSWER_URL}"`);
      expect(mail.text).toContain(EVENT_URL);
      expect(mail.html).toContain(`href="${EVENT_URL}"`);
    });
  },
);

describe('summit invitation mails', () => {
  it('escape a hostile name, title and venue in the HTML and keep the subject one line', () => {
    const hostile = '<script>alert("x")</script>\r\nBcc: victim@example.org';
    for (const template of TEMPLATES) {
      const mail = renderMail(
        template,
        'en',
        data({
          recipientName: `"><img src=x onerror=alert(1)> =HYPERLINK("https://evil.example")`,
          eventTitle: hostile,
          venue: '</title><body onload=alert(1)>',
        }),
        CONTEXT,
      );
      expect(mail.html).not.toMatch(/<script|<img|<body onload/i);
      expect(mail.html).toContain(
        escapeHtml('<script>alert("x")</script> Bcc: victim@example.org'),
      );
      expect(mail.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text).toContain('<script>alert("x")</script> Bcc: victim@example.org');
    }
  });

  it('show the event’s own clock beside the recipient’s when they differ', () => {
    const mail = renderMail(
      'summit-invitation',
      'en',
      data({ recipientTimeZone: 'America/New_York' }),
      CONTEXT,
    );
    expect(mail.text).toMatch(/When: .*03:00\s?–\s?11:30/);
    expect(mail.text).toMatch(/Event time: .*09:00\s?–\s?17:30/);
  });

  it('span several days', () => {
    const mail = renderMail(
      'summit-invitation',
      'en',
      data({ endsAt: new Date('2026-10-15T15:00:00Z') }),
      CONTEXT,
    );
    expect(mail.text).toMatch(/14 October.*15 October/);
  });

  it('leave out a missing venue', () => {
    const mail = renderMail('summit-invitation', 'de', data({ venue: null }), CONTEXT);
    expect(mail.text).not.toContain('Ort:');
  });

  it('keep a path prefix of the public base URL', () => {
    const mail = renderMail('summit-invitation', 'en', data(), {
      publicBaseUrl: 'https://example.eu/icc/',
    });
    expect(mail.text).toContain(`https://example.eu/icc/invitations/respond#token=${TOKEN}`);
  });

  it.each(['', 'short', 'x"><script>', `${'a'.repeat(40)}#evil`])(
    'refuse a token the hub does not make: %j',
    (token) => {
      expect(() => renderMail('summit-invitation', 'en', data({ token }), CONTEXT)).toThrow(
        MailerInputError,
      );
    },
  );

  it('refuse an event path that would leave the hub', () => {
    expect(() =>
      renderMail('summit-invitation', 'en', data({ eventPath: '//evil.example/x' }), CONTEXT),
    ).toThrow(MailerInputError);
  });
});
