import fc from 'fast-check';
import { markdownToHtml } from '../render/markdown-html.js';
import { digestMarkdown, escapeMarkdown, TOP_OPEN_QUESTIONS } from './digest-markdown.js';
import type { DigestData } from './digest-source.js';

const html = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function data(overrides: Partial<DigestData> = {}): DigestData {
  return {
    session: {
      id: 's1',
      title: 'Opening',
      startsAt: '2031-05-01T08:00:00.000Z',
      endsAt: '2031-05-01T09:00:00.000Z',
      timeZone: 'Europe/Brussels',
      language: 'en',
      people: [
        {
          id: 'p1',
          name: 'Anna Novak',
          title: 'Mayor',
          organisation: 'Ljubljana',
          role: 'speaker',
          bio: null,
          city: null,
        },
        {
          id: 'p2',
          name: 'Ben',
          title: null,
          organisation: null,
          role: 'moderator',
          bio: null,
          city: null,
        },
      ],
    },
    eventTitle: 'City Lab',
    compiledAt: new Date('2031-05-01T09:05:00.000Z'),
    answered: [],
    open: [],
    polls: [],
    attendance: {
      sessionId: 's1',
      people: 0,
      anonymousVisits: 0,
      totalSeconds: 0,
      byCity: [],
      byRole: [],
    },
    ...overrides,
  };
}

/** The digest of {@link data} for a session in `language`. */
function digestIn(language: string, overrides: Partial<DigestData> = {}): string {
  const base = data(overrides);
  return digestMarkdown({
    ...base,
    session: { ...base.session, language: language as DigestData['session']['language'] },
  });
}

describe('escapeMarkdown', () => {
  it('makes anything the public typed inert: the page shows exactly the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), (text) => {
        const shown = markdownToHtml(escapeMarkdown(text)).replace(/^<p>|<\/p>\n?$/g, '');
        expect(shown).toBe(html(text.replace(/\s+/g, ' ').trim()).replace(/'/g, '&#39;'));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no link, tag or emphasis in hostile input', () => {
    const shown = markdownToHtml(
      escapeMarkdown('**bold** [x](javascript:alert(1)) <img src=x onerror=alert(1)> # h'),
    );
    expect(shown).not.toMatch(/<(strong|a|img|h1)\b/);
  });
});

describe('digestMarkdown', () => {
  it('lists speakers, answered questions with notes, the top open ones, polls and attendance', () => {
    const open = Array.from({ length: TOP_OPEN_QUESTIONS + 2 }, (_, i) => ({
      body: `Open question ${i + 1}`,
      votes: 20 - i,
      answerNote: null,
      pinned: false,
    }));
    const markdown = digestMarkdown(
      data({
        answered: [{ body: 'Funding?', votes: 1, answerNote: 'The RRF.', pinned: false }],
        open,
        polls: [
          {
            question: 'Which themes?',
            kind: 'multiple',
            closed: true,
            voters: 4,
            options: [
              { label: 'Green', votes: 3 },
              { label: 'Digital', votes: 2 },
            ],
          },
        ],
        attendance: {
          sessionId: 's1',
          people: 3,
          anonymousVisits: 7,
          totalSeconds: 5400,
          byCity: [
            { city: 'Porto', people: 2 },
            { city: null, people: 1 },
          ],
          byRole: [{ role: 'attendee', people: 3 }],
        },
      }),
    );
    expect(markdown).toContain('*Compiled by the hub on 1 May 2031, 11:05 (Europe/Brussels)');
    expect(markdown).toContain('- **Anna Novak** — Mayor, Ljubljana');
    expect(markdown).toContain('- **Ben** (moderator)');
    expect(markdown).toContain('1. Funding? — *1 vote*\n\n   > **Answer:** The RRF\\.');
    expect(markdown).toContain(`### Questions still open (${TOP_OPEN_QUESTIONS + 2})`);
    expect(markdown).toContain('10. Open question 10 — *11 votes*');
    expect(markdown).toContain('Also asked:\n\n- Open question 11 — *10 votes*');
    // Several answers per person: shares of the people who answered (3 of 4, 2 of 4).
    expect(markdown).toContain('| Green | 3 | 75 % |');
    expect(markdown).toContain('| Digital | 2 | 50 % |');
    expect(markdown).toContain('3 people followed the session signed in (1.5 hours in all)');
    expect(markdown).toContain('7 visits from viewers who were not signed in');
    expect(markdown).toContain('| *No city given* | 1 |');
  });

  it('speaks the session’s language: French and German words, dates and numbers', () => {
    const room = (language: string) =>
      digestIn(language, {
        answered: [{ body: 'Financement ?', votes: 1, answerNote: 'La FRR.', pinned: false }],
        polls: [
          {
            question: 'Thèmes ?',
            kind: 'single',
            closed: false,
            voters: 1,
            options: [{ label: 'Vert', votes: 1 }],
          },
        ],
        attendance: {
          sessionId: 's1',
          people: 1234,
          anonymousVisits: 5678,
          totalSeconds: 5400,
          byCity: [{ city: null, people: 1 }],
          byRole: [
            { role: 'attendee', people: 1233 },
            { role: 'moderator', people: 1 },
          ],
        },
      });
    const fr = room('fr');
    expect(fr).toContain('## Issu de la session en direct');
    expect(fr).toContain('*Compilé par le hub le 1 mai 2031 à 11:05 (Europe/Brussels)');
    expect(fr).toContain('- **Ben** (modérateur)');
    expect(fr).toContain('1. Financement ? — *1 voix*\n\n   > **Réponse :** La FRR\\.');
    expect(fr).toContain('*1 personne a répondu (encore ouvert lors de la compilation).*');
    expect(fr).toContain('| Réponse | Voix | Part |');
    // Thousands as French writes them (a narrow no-break space).
    expect(fr).toMatch(
      /1\u202f234 personnes ont suivi la session en étant connectées \(1,5 heure au total\)/,
    );
    expect(fr).toContain('| *Ville non indiquée* | 1 |');
    expect(fr).toContain('| modérateur | 1 |');
    expect(fr).toMatch(/\| participant \| 1\u202f?233 \|/);
    expect(fr).not.toMatch(/Questions answered|Attendance|people/);

    const de = room('de');
    expect(de).toContain('## Aus der Live-Session');
    expect(de).toContain('*Vom Hub am 1. Mai 2031, 11:05 Uhr (Europe/Brussels)');
    expect(de).toContain('### Beantwortete Fragen (1)');
    expect(de).toContain('*1 Person hat geantwortet (beim Zusammenstellen noch offen).*');
    expect(de).toContain('1.234 Personen haben die Session angemeldet verfolgt (1,5 Stunden');
    expect(de).toContain('| Teilnehmende | 1233 |');

    // A language the hub does not speak: English words.
    expect(room('pl')).toContain('### Questions answered (1)');
  });

  it('writes one hour and one visit in the singular', () => {
    const one = { sessionId: 's1', people: 1, anonymousVisits: 1, totalSeconds: 3600 };
    const attendance = { ...one, byCity: [], byRole: [] };
    const words = (language: string) => digestIn(language, { attendance });
    expect(words('en')).toContain(
      '1 person followed the session signed in (1 hour in all), and the room had 1 visit from',
    );
    expect(words('fr')).toContain(
      '1 personne a suivi la session en étant connectée (1 heure au total), et la salle a reçu 1 visite de',
    );
    expect(words('de')).toContain(
      '1 Person hat die Session angemeldet verfolgt (1 Stunde insgesamt), und der Raum hatte 1 Besuch von',
    );
  });

  it('says so when nothing was asked', () => {
    const markdown = digestMarkdown(data());
    expect(markdown).toContain('No question was marked as answered.');
    expect(markdown).toContain('Every question the room saw was answered.');
    expect(markdown).not.toContain('### Polls');
  });
});
