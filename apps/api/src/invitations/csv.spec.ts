import fc from 'fast-check';
import { parseCsv } from './csv.js';

const fieldsOf = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF and lone CR line ends', () => {
    expect(fieldsOf('a,b\n1,2\r\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('drops a leading byte-order mark', () => {
    expect(fieldsOf('\uFEFFname,email\r\n')).toEqual([['name', 'email']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quotes', () => {
    expect(fieldsOf('"Moreau, Ana","say ""hi""","two\r\nlines",x\n')).toEqual([
      ['Moreau, Ana', 'say "hi"', 'two\r\nlines', 'x'],
    ]);
  });

  it('keeps empty fields, a trailing comma and an empty quoted field', () => {
    expect(fieldsOf('a,,""\n,\nb,')).toEqual([
      ['a', '', ''],
      ['', ''],
      ['b', ''],
    ]);
  });

  it('gives each record the line it starts on, counting line breaks inside quotes', () => {
    const { records } = parseCsv('h\n"x\r\ny\nz"\n\nlast\r\n"a\rb"\nend');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6, 7, 9]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(fieldsOf('O"Brien,5"')).toEqual([['O"Brien', '5"']]);
  });

  it('reports text after a closing quote and reads on from the next line', () => {
    const parsed = parseCsv('a,b\n"x"y,2\nc,d\n');
    expect(parsed.records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parsed.problems).toEqual([
      { line: 2, reason: 'text after the closing quote of a field' },
    ]);
  });

  it('reports a quote that is never closed at the line where it opens', () => {
    const parsed = parseCsv('a,b\nc,d\n"open,e\nf,g\n');
    expect(parsed.records.map((r) => r.line)).toEqual([1, 2]);
    expect(parsed.problems).toEqual([{ line: 3, reason: 'a quoted field is never closed' }]);
  });

  it('reads nothing from an empty text', () => {
    expect(parseCsv('')).toEqual({ records: [], problems: [] });
    expect(parseCsv('\uFEFF')).toEqual({ records: [], problems: [] });
  });

  it('reads back any table written the RFC 4180 way', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\r\n', '\n'),
        (table, eol) => {
          const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
          const text = table.map((row) => row.map(quote).join(',')).join(eol) + eol;
          expect(fieldsOf(text)).toEqual(table);
        },
      ),
      { numRuns: 200 },
    );
  });
});
