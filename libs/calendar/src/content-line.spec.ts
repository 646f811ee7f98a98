import fc from 'fast-check';
import { contentLine, foldLine, icsFile, MAX_LINE_OCTETS } from './content-line.js';
import { contentLines, octets, physicalLines } from './testing/read-ics.js';

const wideChar = fc.constantFrom('a', 'é', '€', '😀', '👩‍👩‍👧', 'ש', '\\', ' ');

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone and folds the 76th octet', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    expect(foldLine('x'.repeat(75 + 74 + 1))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`);
  });

  it('moves a multi-byte character that would cross the limit to the next line whole', () => {
    const folded = foldLine(`${'x'.repeat(73)}€y`);
    expect(folded).toBe(`${'x'.repeat(73)}\r\n €y`);
    const emoji = foldLine(`${'x'.repeat(72)}😀`);
    expect(emoji).toBe(`${'x'.repeat(72)}\r\n 😀`);
  });

  it('keeps every physical line within 75 octets and unfolds to the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: wideChar, maxLength: 400 }), (text) => {
        const line = `SUMMARY:${text}`;
        const folded = foldLine(line);
        const lines = folded.split('\r\n');
        expect(lines.every((physical) => octets(physical) <= MAX_LINE_OCTETS)).toBe(true);
        expect(lines.slice(1).every((physical) => physical.startsWith(' '))).toBe(true);
        expect(folded.replace(/\r\n /g, '')).toBe(line);
        // No physical line ends inside a UTF-8 sequence: each one is valid text of its own.
        expect(
          lines.every((physical) => Buffer.from(physical, 'utf8').toString() === physical),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('contentLine and icsFile', () => {
  it('joins name, parameters and value, and ends every line with CRLF', () => {
    const line = contentLine('ATTENDEE', 'mailto:a@b.eu', [
      ['ROLE', 'REQ-PARTICIPANT'],
      ['CN', '"A"'],
    ]);
    expect(line).toBe('ATTENDEE;ROLE=REQ-PARTICIPANT;CN="A":mailto:a@b.eu');
    const file = icsFile(['BEGIN:VCALENDAR', `X-LONG:${'z'.repeat(100)}`, 'END:VCALENDAR']);
    expect(file.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(physicalLines(file)).toHaveLength(4);
    expect(contentLines(file)).toEqual([
      'BEGIN:VCALENDAR',
      `X-LONG:${'z'.repeat(100)}`,
      'END:VCALENDAR',
    ]);
  });
});
