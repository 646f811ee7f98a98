import { LOCALES, type Locale } from '@app/contracts';
import fc from 'fast-check';
import { MailerInputError } from './mailer.errors.js';
import {
  MAIL_TEMPLATE_NAMES,
  type MailTemplateData,
  type MailTemplateName,
  renderMail,
} from './mail-templates.js';
import type { SessionMailData } from './templates/session.templates.js';
import { escapeHtml, safeHeaderText } from './text-safety.js';

const CONTEXT = { publicBaseUrl: 'https://hub.example.eu' };
const SESSION_URL = 'https://hub.example.eu/sessions/5b2f7c1e-8d4a-4f3e-9a61-2c0f1d9e7b3a';

function sessionData(overrides: Partial<SessionMailData> = {}): SessionMailData {
  return {
    recipientName: 'Ana Moreau',
    sessionTitle: 'Local green deals in practice',
    eventTitle: 'ICC City Lab: Green Economy',
    startsAt: new Date('2020-10-14T08:00:00Z'),
    endsAt: new Date('2020-10-14T09:30:00Z'),
    eventTimeZone: 'Europe/Brussels',
    recipientTimeZone: 'America/New_York',
    location: 'Stream B – Green economy',
    joinUrl: 'https://meet.example.org/icc/green?pwd=a1&lang=en',
    sessionPath: '/sessions/5b2f7c1e-8d4a-4f3e-9a61-2c0f1d9e7b3a',
    ...overrides,
  };
}

const SESSION_TEMPLATES = ['session-invitation', 'session-update', 'session-cancellation'] as const;
type SessionTemplate = (typeof SESSION_TEMPLATES)[number];

function dataFor<T extends SessionTemplate>(
  template: T,
  overrides: Partial<SessionMailData> = {},
): Pick<MailTemplateData, SessionTemplate>[T] {
  const data = sessionData(overrides);
  const byTemplate: Pick<MailTemplateData, SessionTemplate> = {
    'session-invitation': data,
    'session-update': { ...data, changes: ['time', 'link'] },
    'session-cancellation': data,
  };
  return byTemplate[template];
}

/** One word of the body that only the right language has, per template and locale. */
const EXPECTED_WORDS: Record<SessionTemplate, Record<Locale, string[]>> = {
  'session-invitation': {
    en: ['Hello', 'You are invited', 'Invitation'],
    fr: ['Bonjour', 'Vous êtes invité(e)', 'Invitation'],
    de: ['Guten Tag', 'eingeladen', 'Einladung'],
  },
  'session-update': {
    en: ['Hello', 'has changed', 'Updated'],
    fr: ['Bonjour', 'a été modifiée', 'Modification'],
    de: ['Guten Tag', 'wurde geändert', 'Geändert'],
  },
  'session-cancellation': {
    en: ['Hello', 'has been cancelled', 'Cancelled'],
    fr: ['Bonjour', 'a été annulée', 'Annulation'],
    de: ['Guten Tag', 'wurde abgesagt', 'Abgesagt'],
  },
};

/** Weekday of the session in New York, as each language writes it. */
const WEEKDAY: Record<Locale, string> = { en: 'Wednesday', fr: 'mercredi', de: 'Mittwoch' };

const TEMPLATE_LOCALE_PAIRS = SESSION_TEMPLATES.flatMap((template) =>
  LOCALES.map((locale) => [template, locale] as const),
);

describe('MAIL_TEMPLATE_NAMES', () => {
  it('lists the session, registration, reminder, Summit invitation and key learnings mails and the sign-in link', () => {
    expect([...MAIL_TEMPLATE_NAMES].sort()).toEqual([
      'key-learnings-published',
      'registration-cancelled',
      'registration-confirmed',
      'registration-promoted',
      'registration-waitlisted',
      'session-cancellation',
      'session-invitation',
      'session-reminder',
      'session-update',
      'sign-in-link',
      'summit-invitation',
      'summit-invitation-reminder',
    ]);
  });
});

describe.each(TEMPLATE_LOCALE_PAIRS)('renderMail(%s, %s)', (template, locale) => {
  const mail = renderMail(template, locale, dataFor(template), CONTEXT);
  const [greeting, sentence, subjectWord] = EXPECTED_WORDS[template][locale];

  it('renders a subject, a text part and an HTML part', () => {
    expect(mail.subject).toContain(subjectWord);
    expect(mail.subject).toContain('Local green deals in practice');
    expect(mail.text.trim().length).toBeGreaterThan(0);
    expect(mail.html).toMatch(/^<!DOCTYPE html>/);
  });

  it('is written in the recipient’s language', () => {
    expect(mail.html).toContain(`<html lang="${locale}"`);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(greeting);
      expect(part).toContain(sentence);
      expect(part).toContain(WEEKDAY[locale]);
    }
  });

  it('links to the session page with an absolute URL from the public base URL', () => {
    expect(mail.text).toContain(SESSION_URL);
    expect(mail.html).toContain(`href="${SESSION_URL}"`);
  });

  it('shows the time in the recipient zone with the event time beside it', () => {
    for (const part of [mail.text, mail.html]) {
      expect(part).toMatch(/04:00\s?–\s?05:30/);
      expect(part).toMatch(/10:00\s?–\s?11:30/);
    }
  });

  it('mentions the calendar file', () => {
    expect(mail.text).toContain('.ics');
    expect(mail.html).toContain('.ics');
  });

  it('carries the same details in both parts', () => {
    for (const value of ['Ana Moreau', 'ICC City Lab: Green Economy', 'Stream B – Green economy']) {
      expect(mail.text).toContain(value);
      expect(mail.html).toContain(escapeHtml(value));
    }
  });
});

describe('session-invitation', () => {
  it('gives the join link, escaped in the HTML', () => {
    const mail = renderMail('session-invitation', 'en', sessionData(), CONTEXT);
    expect(mail.text).toContain('Join online: https://meet.example.org/icc/green?pwd=a1&lang=en');
    expect(mail.html).toContain('href="https://meet.example.org/icc/green?pwd=a1&amp;lang=en"');
  });

  it('has an accessible HTML skeleton', () => {
    const { html } = renderMail('session-invitation', 'de', sessionData(), CONTEXT);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<title>Einladung: /);
    expect(html).toMatch(/<h1 style="[^"]*">Einladung zu einer Session<\/h1>/);
    expect(html).toContain('<th scope="row"');
    expect(html).not.toMatch(/<(?:style|script|link)\b/);
  });

  it('leaves out a missing location and join link', () => {
    const mail = renderMail(
      'session-invitation',
      'en',
      sessionData({ location: null, joinUrl: null }),
      CONTEXT,
    );
    expect(mail.text).not.toContain('Where:');
    expect(mail.text).not.toContain('Join online');
    expect(mail.html).not.toContain('Join online');
  });

  it.each([
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://files.example.org/x',
    '//meet.example.org/x',
    'meet.example.org/x',
    'https://hub.example.eu@evil.example/',
  ])('leaves out the join link %j', (joinUrl) => {
    const mail = renderMail('session-invitation', 'en', sessionData({ joinUrl }), CONTEXT);
    expect(mail.text).not.toContain('Join online');
    expect(mail.html).not.toContain('Join online');
    expect(mail.html).not.toMatch(/javascript:|data:|ftp:|evil\.example/);
  });

  it('shows a single time when recipient and event share a zone', () => {
    const mail = renderMail(
      'session-invitation',
      'en',
      sessionData({ recipientTimeZone: 'Europe/Brussels' }),
      CONTEXT,
    );
    expect(mail.text).toContain('When: Wednesday, 14 October 2020, 10:00–11:30');
    expect(mail.text).not.toContain('Event time');
  });

  it('keeps a path prefix of the public base URL', () => {
    const mail = renderMail(
      'session-invitation',
      'en',
      sessionData({ sessionPath: '/sessions/1' }),
      {
        publicBaseUrl: 'https://example.eu/icc/',
      },
    );
    expect(mail.text).toContain('https://example.eu/icc/sessions/1');
  });

  it('uses French punctuation in French', () => {
    const mail = renderMail('session-invitation', 'fr', sessionData(), CONTEXT);
    expect(mail.text).toContain('«\u00a0Local green deals in practice\u00a0»');
    expect(mail.text).toContain('Lieu\u00a0: Stream B');
  });

  it('falls back to English for a locale it does not know', () => {
    const mail = renderMail('session-invitation', 'es' as Locale, sessionData(), CONTEXT);
    expect(mail.html).toContain('<html lang="en"');
    expect(mail.text).toContain('You are invited');
  });
});

describe('session-update', () => {
  it('lists what changed, once each and in a fixed order', () => {
    const mail = renderMail(
      'session-update',
      'en',
      { ...sessionData(), changes: ['link', 'time', 'link'] },
      CONTEXT,
    );
    expect(mail.text).toContain('What has changed:\n- Date and time\n- Online link\n');
    expect(mail.text).not.toContain('Place (room or stream)');
    expect(mail.html).toContain('<li>Date and time</li><li>Online link</li>');
  });

  it('translates the changes', () => {
    const changes: Array<'time' | 'place' | 'link'> = ['time', 'place', 'link'];
    const fr = renderMail('session-update', 'fr', { ...sessionData(), changes }, CONTEXT);
    expect(fr.text).toContain('- Le lieu (salle ou canal)');
    const de = renderMail('session-update', 'de', { ...sessionData(), changes }, CONTEXT);
    expect(de.text).toContain('- Datum und Uhrzeit');
    expect(de.text).toContain('- Online-Link');
  });

  it('says the calendar entry is updated and has no list when nothing is named', () => {
    const mail = renderMail('session-update', 'en', { ...sessionData(), changes: [] }, CONTEXT);
    expect(mail.text).not.toContain('What has changed');
    expect(mail.text).toContain('updates the entry in your calendar');
  });
});

describe('session-cancellation', () => {
  it.each([
    ['en', 'will be removed from your calendar'],
    ['fr', 'sera supprimée de votre agenda'],
    ['de', 'wird aus Ihrem Kalender entfernt'],
  ] as const)('says in %s that the calendar entry will be removed', (locale, words) => {
    const mail = renderMail('session-cancellation', locale, sessionData(), CONTEXT);
    expect(mail.text).toContain(words);
    expect(mail.html).toContain(words);
  });

  it('does not offer the join link of a cancelled session', () => {
    const mail = renderMail('session-cancellation', 'en', sessionData(), CONTEXT);
    expect(mail.text).not.toContain('meet.example.org');
    expect(mail.html).not.toContain('meet.example.org');
    expect(mail.text).toContain('Was planned for: Wednesday, 14 October 2020, 04:00–05:30');
  });
});

describe('bad input', () => {
  it.each([
    'sessions/1',
    '//evil.example/sessions/1',
    'https://evil.example/sessions/1',
    '/sessions\\1',
    '/sessions//1',
    '/../admin',
  ])('throws for the session path %j in every template', (sessionPath) => {
    for (const template of SESSION_TEMPLATES) {
      expect(() => renderMail(template, 'en', dataFor(template, { sessionPath }), CONTEXT)).toThrow(
        MailerInputError,
      );
    }
  });

  it('throws for a public base URL that is not http(s)', () => {
    expect(() =>
      renderMail('session-invitation', 'en', sessionData(), { publicBaseUrl: 'javascript:x' }),
    ).toThrow(MailerInputError);
  });

  it('throws for an unknown template name', () => {
    expect(() =>
      renderMail('toString' as MailTemplateName, 'en', sessionData() as never, CONTEXT),
    ).toThrow(MailerInputError);
  });
});

describe('hostile user text', () => {
  const HOSTILE_PIECES = [
    '\r\n',
    '\r',
    '\n',
    '\r\nBcc: victim@example.org\r\n',
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '</title></head><body>',
    '<!--',
    ']]>',
    '&',
    '&amp;',
    '&lt;script&gt;',
    '\u0000',
    '\u0007',
    '\u001b[31m',
    '\u007f',
    '\u0085',
    '\u009b',
    '\u2028',
    '\u202e',
    '\uD800',
    '\uFEFF',
    '🏙️👩🏽‍💼',
    'Zürich – Liège – Łódź',
    'https://evil.example/',
  ];
  const hostileText = fc
    .array(
      fc.oneof(
        fc.constantFrom(...HOSTILE_PIECES),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }),
      ),
      { maxLength: 12 },
    )
    .map((pieces) => pieces.join(''));

  const ALLOWED_TAGS =
    /<(?!\/?(?:html|head|meta|title|body|div|h1|h2|p|ul|li|table|tbody|tr|th|td|a|hr)[\s>]|!DOCTYPE html>)/i;
  /** A tag is a name and double-quoted attributes, nothing else. */
  const TAG_SHAPE = /^<(?:!DOCTYPE html|\/?[a-z0-9]+(?:\s[a-z-]+="[^"<>]*")*)>$/;
  const ALLOWED_ATTRIBUTES = new Set([
    'lang',
    'dir',
    'charset',
    'name',
    'content',
    'style',
    'role',
    'aria-label',
    'scope',
    'href',
  ]);
  // eslint-disable-next-line no-control-regex
  const HEADER_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
  // eslint-disable-next-line no-control-regex
  const TEXT_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

  it('cannot inject markup, attributes or headers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SESSION_TEMPLATES),
        fc.constantFrom(...LOCALES),
        fc.record({
          recipientName: hostileText,
          sessionTitle: hostileText,
          eventTitle: hostileText,
          location: fc.option(hostileText),
        }),
        (template, locale, hostile) => {
          const mail = renderMail(template, locale, dataFor(template, hostile), CONTEXT);

          expect(mail.html).not.toMatch(/<script|<img|<svg|<!--/i);
          expect(mail.html).not.toMatch(ALLOWED_TAGS);
          for (const tag of mail.html.match(/<[^>]*>/g) ?? []) {
            expect(tag).toMatch(TAG_SHAPE);
            for (const [, attribute] of tag.matchAll(/\s([a-z-]+)="[^"]*"/g)) {
              expect(ALLOWED_ATTRIBUTES.has(attribute)).toBe(true);
            }
          }
          const title = safeHeaderText(hostile.sessionTitle, 300);
          expect(mail.html).toContain(escapeHtml(title));
          expect(mail.text).toContain(title);

          expect(mail.subject).not.toMatch(HEADER_UNSAFE);
          expect(mail.subject.length).toBeLessThanOrEqual(200);
          expect(mail.text).not.toMatch(TEXT_UNSAFE);
          expect(mail.text).toContain(SESSION_URL);
        },
      ),
      { numRuns: 300 },
    );
  });
});
