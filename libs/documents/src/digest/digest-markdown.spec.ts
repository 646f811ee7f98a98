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

  it('says so when nothing was asked', () => {
    const markdown = digestMarkdown(data());
    expect(markdown).toContain('No question was marked as answered.');
    expect(markdown).toContain('Every question the room saw was answered.');
    expect(markdown).not.toContain('### Polls');
  });
});
