import { parseCsv } from '../invitations/csv.js';
import { csvCell, csvFile } from './csv-writer.js';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('puts a quote before a formula start: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes commas, quotes and line breaks and leaves other text as it is', () => {
    expect(csvCell('Moreau, Ana')).toBe('"Moreau, Ana"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('Łódź a=b')).toBe('"Łódź a=b"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(3)).toBe('"3"');
  });
});

describe('csvFile', () => {
  it('starts with a BOM, ends each record with CRLF, and reads back field for field', () => {
    const text = csvFile(
      ['Name', 'City'],
      [
        ['Ana "A" Sousa', 'Porto, PT'],
        ['=1+1', null],
      ],
    );
    expect(text.startsWith('\uFEFF"Name","City"\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text).records.map((r) => r.fields)).toEqual([
      ['Name', 'City'],
      ['Ana "A" Sousa', 'Porto, PT'],
      ["'=1+1", ''],
    ]);
  });
});
