import { downloadHeaders, safeFileName } from './content-disposition.js';

describe('safeFileName', () => {
  it('keeps Unicode letters and digits and replaces everything else with single dashes', () => {
    expect(safeFileName('Mobilité & "Green" / Łódź', 'pdf')).toBe('Mobilité-Green-Łódź.pdf');
    expect(safeFileName('Πράσινη μετάβαση 2024', 'md')).toBe('Πράσινη-μετάβαση-2024.md');
  });

  it('cannot produce a path', () => {
    const name = safeFileName('../../etc/passwd', 'html');
    expect(name).toBe('etc-passwd.html');
    expect(name).not.toMatch(/[/\\]|\.\./);
    expect(safeFileName('a\u0000b\r\nc\\d:e*f?.g', 'pdf')).toBe('a-b-c-d-e-f-g.pdf');
  });

  it('caps the base at 80 characters and never returns an empty name', () => {
    const long = safeFileName('Ł'.repeat(200), 'pdf');
    expect(long).toBe(`${'Ł'.repeat(80)}.pdf`);
    expect(safeFileName(`${'a'.repeat(79)} b`, 'pdf')).toBe(`${'a'.repeat(79)}.pdf`);
    expect(safeFileName('', 'pdf')).toBe('key-learnings.pdf');
    expect(safeFileName('../..//"', 'md')).toBe('key-learnings.md');
  });
});

describe('downloadHeaders', () => {
  it('gives an ASCII filename and a UTF-8 filename* (RFC 6266)', () => {
    const headers = downloadHeaders({
      fileName: 'Mobilité & "Green" / Łódź.pdf',
      contentType: 'application/pdf',
      disposition: 'attachment',
    });
    const disposition = headers['Content-Disposition'] ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''\S+$/);
    expect(disposition).toContain('filename="Mobilite & -Green- - Lodz.pdf"');
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent('Mobilité & "Green" - Łódź.pdf').replace(/'/g, '%27')}`,
    );
    expect(headers['Content-Type']).toBe('application/pdf');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('adds a UTF-8 charset to text types and supports inline display', () => {
    expect(
      downloadHeaders({
        fileName: 'notes.md',
        contentType: 'text/markdown',
        disposition: 'inline',
      }),
    ).toEqual({
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': 'inline; filename="notes.md"',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(
      downloadHeaders({
        fileName: 'a.html',
        contentType: 'text/html; charset=utf-8',
        disposition: 'inline',
      })['Content-Type'],
    ).toBe('text/html; charset=utf-8');
  });
});
