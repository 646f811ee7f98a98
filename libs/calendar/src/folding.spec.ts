import fc from 'fast-check';
import { feedIcs } from './ics.js';
import {
  contentLines,
  MAX_LINE_OCTETS,
  octets,
  physicalLines,
  readIcs,
  sampleEvent,
  textOf,
} from './testing/read-ics.js';

const wideChar = fc.constantFrom('a', 'é', '€', '😀', '👩‍👩‍👧', 'ש', '\\', ' ');

/** The physical lines of the SUMMARY content line of a one-event feed with this title. */
function summaryLines(title: string): { ics: string; lines: string[] } {
  const ics = feedIcs({ name: 'Folding', events: [sampleEvent({ title })] });
  const physical = physicalLines(ics);
  const first = physical.findIndex((line) => line.startsWith('SUMMARY:'));
  let last = first + 1;
  while (last < physical.length && physical[last].startsWith(' ')) last += 1;
  return { ics, lines: physical.slice(first, last) };
}

describe('line folding (ical-generator)', () => {
  it('folds a long line into lines of at most 75 octets that unfold to it', () => {
    const title = 'x'.repeat(75 + 74 + 1);
    const { ics, lines } = summaryLines(title);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((line) => octets(line) <= MAX_LINE_OCTETS)).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(contentLines(ics)).toContain(`SUMMARY:${title}`);
  });

  it('moves a multi-byte character that would cross the limit to the next line whole', () => {
    for (const title of [`${'x'.repeat(64)}€y${'z'.repeat(80)}`, `${'x'.repeat(63)}😀`]) {
      const { ics, lines } = summaryLines(title);
      expect(lines.every((line) => octets(line) <= MAX_LINE_OCTETS)).toBe(true);
      expect(lines.every((line) => Buffer.from(line, 'utf8').toString() === line)).toBe(true);
      expect(textOf(readIcs(ics).vevent, 'summary')).toBe(title);
    }
  });

  it('keeps every physical line within 75 octets and unfolds to the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: wideChar, maxLength: 400 }), (text) => {
        // Titles are trimmed and TEXT-escaped; the escaped form is what is folded.
        const title = `t${text}t`;
        const { ics, lines } = summaryLines(title);
        expect(lines.every((physical) => octets(physical) <= MAX_LINE_OCTETS)).toBe(true);
        expect(lines.slice(1).every((physical) => physical.startsWith(' '))).toBe(true);
        expect(lines.join('\r\n').replace(/\r\n /g, '')).toBe(
          `SUMMARY:${title.replace(/\\/g, '\\\\')}`,
        );
        // No physical line ends inside a UTF-8 sequence: each one is valid text of its own.
        expect(
          lines.every((physical) => Buffer.from(physical, 'utf8').toString() === physical),
        ).toBe(true);
        expect(textOf(readIcs(ics).vevent, 'summary')).toBe(title);
      }),
      { numRuns: 300 },
    );
  });
});

describe('line ends', () => {
  it('ends every line, the last one included, with CRLF', () => {
    const ics = feedIcs({ name: 'x'.repeat(100), events: [sampleEvent()] });
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(contentLines(ics)).toContain(`X-WR-CALNAME:${'x'.repeat(100)}`);
    expect(contentLines(ics)[0]).toBe('BEGIN:VCALENDAR');
  });
});
