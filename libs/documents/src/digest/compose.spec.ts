import { composeDocument, dayWhen, demoteHeadings, versionMarkdown } from './compose.js';
import { sessionWhen } from './digest-markdown.js';

describe('demoteHeadings', () => {
  it('moves ATX headings deeper, caps at level 6 and leaves code fences alone', () => {
    const source = [
      '# Title',
      'text # not a heading',
      '###### Deepest',
      '```',
      '# inside a fence',
      '```',
      '~~~md',
      '## also inside',
      '~~~',
      '  ## indented heading',
      '#hashtag',
    ].join('\n');
    expect(demoteHeadings(source, 1).split('\n')).toEqual([
      '## Title',
      'text # not a heading',
      '###### Deepest',
      '```',
      '# inside a fence',
      '```',
      '~~~md',
      '## also inside',
      '~~~',
      '  ### indented heading',
      '#hashtag',
    ]);
  });
});

describe('composeDocument and versionMarkdown', () => {
  it('puts an escaped title and header lines first, then the non-empty parts', () => {
    const markdown = composeDocument({ title: 'A *bold* <b>claim</b>', lines: ['Event [x]'] }, [
      '  Notes  ',
      '',
      null,
      'Digest',
    ]);
    expect(markdown).toBe(
      '# A \\*bold\\* \\<b\\>claim\\</b\\>\n\n*Event \\[x\\]*\n\nNotes\n\nDigest\n',
    );
  });

  it('names the version and the day it was published in the event’s time zone', () => {
    const markdown = versionMarkdown({
      subject: 'Opening',
      eventTitle: 'City Lab',
      when: 'Monday 28 September 2020',
      number: 3,
      // 23:30 UTC is already the next day in Brussels.
      publishedAt: new Date('2026-11-28T23:30:00Z'),
      timeZone: 'Europe/Brussels',
      parts: ['Body'],
    });
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '# Key learnings: Opening',
      '',
      '*City Lab*  ',
      '*Monday 28 September 2020*  ',
      '*Version 3, published 29 November 2026*',
    ]);
    expect(markdown.trimEnd().endsWith('Body')).toBe(true);
  });

  it('writes its own lines in the session’s language', () => {
    const markdown = versionMarkdown({
      subject: 'Ouverture',
      eventTitle: 'City Lab',
      when: sessionWhen(
        {
          startsAt: '2020-09-28T08:00:00Z',
          endsAt: '2020-09-28T09:30:00Z',
          timeZone: 'Europe/Paris',
        },
        'fr',
      ),
      number: 2,
      publishedAt: new Date('2026-11-28T23:30:00Z'),
      timeZone: 'Europe/Brussels',
      language: 'fr',
      parts: ['Corps'],
    });
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '# Enseignements clés : Ouverture',
      '',
      '*City Lab*  ',
      '*lundi 28 septembre 2020, 10:00–11:30 \\(Europe/Paris\\)*  ',
      '*Version 2, publiée le 29 novembre 2026*',
    ]);
    expect(dayWhen('2020-09-28', 'de')).toBe('Montag, 28. September 2020');
    const german = versionMarkdown({
      subject: 'Eröffnung',
      eventTitle: 'City Lab',
      when: dayWhen('2020-09-28', 'de'),
      number: 1,
      publishedAt: new Date('2026-11-28T23:30:00Z'),
      timeZone: 'Europe/Brussels',
      language: 'de',
      parts: [],
    });
    expect(german).toContain('# Wichtigste Erkenntnisse: Eröffnung');
    expect(german).toContain('*Version 1, veröffentlicht am 29\\. November 2026*');
    expect(dayWhen('2020-09-28', 'it')).toBe('Monday 28 September 2020');
  });
});
