import { composeDocument, demoteHeadings, versionMarkdown } from './compose.js';

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
});
