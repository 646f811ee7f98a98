import { LOCALES, type Locale } from '@app/contracts';
import { MailerInputError } from '../mailer.errors.js';
import { renderMail } from '../mail-templates.js';
import { escapeHtml } from '../text-safety.js';
import type { KeyLearningsMailData } from './key-learnings.template.js';

const SESSION_ID = '3f2c9a64-5b1e-4d7a-9c0e-2a1b3c4d5e6f';
const CONTEXT = { publicBaseUrl: 'https://hub.example.eu' };
const PAGE_URL = `https://hub.example.eu/sessions/${SESSION_ID}/key-learnings`;
const PROFILE_URL = 'https://hub.example.eu/me';

function data(overrides: Partial<KeyLearningsMailData> = {}): KeyLearningsMailData {
  return {
    recipientName: 'Ana Moreau',
    sessionTitle: 'Data spaces for cities',
    eventTitle: 'ICC Summit 2026',
    versionNumber: 1,
    pagePath: `/sessions/${SESSION_ID}/key-learnings`,
    pdfAttached: false,
    correction: false,
    ...overrides,
  };
}

/** Words only the right language has: greeting, sentence, subject, PDF sentence, choice. */
const WORDS: Record<Locale, { first: string[]; correction: string[]; attached: string }> = {
  en: {
    first: ['Hello Ana Moreau,', 'are published', 'Key learnings: Data spaces for cities'],
    correction: [
      'Hello Ana Moreau,',
      'It replaces the earlier one',
      'Key learnings updated: Data spaces for cities (version 2)',
    ],
    attached: 'attached to this message as a PDF file',
  },
  fr: {
    first: [
      'Bonjour Ana Moreau,',
      'sont publiés',
      'Enseignements clés\u00a0: Data spaces for cities',
    ],
    correction: [
      'Bonjour Ana Moreau,',
      'Elle remplace la précédente',
      'Enseignements clés mis à jour\u00a0: Data spaces for cities (version\u00a02)',
    ],
    attached: 'joints à ce message au format PDF',
  },
  de: {
    first: [
      'Guten Tag Ana Moreau,',
      'sind veröffentlicht',
      'Zentrale Erkenntnisse: Data spaces for cities',
    ],
    correction: [
      'Guten Tag Ana Moreau,',
      'Sie ersetzt die vorherige',
      'Zentrale Erkenntnisse aktualisiert: Data spaces for cities (Version 2)',
    ],
    attached: 'als PDF-Datei im Anhang',
  },
};

describe.each(LOCALES)('renderMail(key-learnings-published, %s)', (locale) => {
  it('announces a first version in the recipient’s language, in both parts', () => {
    const mail = renderMail('key-learnings-published', locale, data(), CONTEXT);
    const [greeting, sentence, subject] = WORDS[locale].first;
    // A header is one line of plain spaces: the no-break space before French colons folds.
    expect(mail.subject).toBe(subject.replace(/\u00a0/g, ' '));
    expect(mail.html).toContain(`<html lang="${locale}"`);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(greeting);
      expect(part).toContain(sentence);
      expect(part).toContain('ICC Summit 2026');
      expect(part).not.toContain(WORDS[locale].attached);
    }
  });

  it('announces a later version as an update, with its number', () => {
    const mail = renderMail(
      'key-learnings-published',
      locale,
      data({ versionNumber: 2, correction: true }),
      CONTEXT,
    );
    const [greeting, sentence, subject] = WORDS[locale].correction;
    // A header is one line of plain spaces: the no-break space before French colons folds.
    expect(mail.subject).toBe(subject.replace(/\u00a0/g, ' '));
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(greeting);
      expect(part).toContain(sentence);
    }
  });

  it('says so when the PDF is attached', () => {
    const mail = renderMail(
      'key-learnings-published',
      locale,
      data({ pdfAttached: true }),
      CONTEXT,
    );
    expect(mail.text).toContain(WORDS[locale].attached);
    expect(mail.html).toContain(WORDS[locale].attached);
  });

  it('links to the key learnings page and to the profile where the choice is made', () => {
    const mail = renderMail('key-learnings-published', locale, data(), CONTEXT);
    expect(mail.text).toContain(PAGE_URL);
    expect(mail.html).toContain(`href="${PAGE_URL}"`);
    expect(mail.text).toContain(PROFILE_URL);
    expect(mail.html).toContain(`href="${PROFILE_URL}"`);
  });
});

describe('key learnings mail', () => {
  it('escapes a hostile name and titles in the HTML and keeps the subject one line', () => {
    const hostile = '<script>alert("x")</script>\r\nBcc: victim@example.org';
    const mail = renderMail(
      'key-learnings-published',
      'en',
      data({
        recipientName: `"><img src=x onerror=alert(1)>`,
        sessionTitle: hostile,
        eventTitle: '</title><body onload=alert(1)>',
      }),
      CONTEXT,
    );
    expect(mail.html).not.toMatch(/<script|<img|<body onload/i);
    expect(mail.html).toContain(escapeHtml('<script>alert("x")</script> Bcc: victim@example.org'));
    expect(mail.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('&lt;/title&gt;&lt;body onload=alert(1)&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe('Key learnings: <script>alert("x")</script> Bcc: victim@example.org');
    expect(mail.text).toContain('<script>alert("x")</script> Bcc: victim@example.org');
  });

  it('keeps a path prefix of the public base URL', () => {
    const mail = renderMail('key-learnings-published', 'en', data(), {
      publicBaseUrl: 'https://example.eu/icc/',
    });
    expect(mail.text).toContain(`https://example.eu/icc/sessions/${SESSION_ID}/key-learnings`);
    expect(mail.text).toContain('https://example.eu/icc/me');
  });

  it('shows the version number beside the titles', () => {
    const mail = renderMail(
      'key-learnings-published',
      'en',
      data({ versionNumber: 3, correction: true }),
      CONTEXT,
    );
    expect(mail.text).toContain('Version: 3');
  });

  it.each(['//evil.example/x', 'https://evil.example/x', '/sessions/../admin', 'sessions/x'])(
    'refuses a page path that would leave the hub: %j',
    (pagePath) => {
      expect(() =>
        renderMail('key-learnings-published', 'en', data({ pagePath }), CONTEXT),
      ).toThrow(MailerInputError);
    },
  );

  it.each([0, -1, 1.5, Number.NaN])('refuses the version number %p', (versionNumber) => {
    expect(() =>
      renderMail('key-learnings-published', 'en', data({ versionNumber }), CONTEXT),
    ).toThrow(MailerInputError);
  });
});
