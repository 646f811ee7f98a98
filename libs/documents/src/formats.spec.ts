import { DOCUMENT_FILE_TYPES, renderAll } from './formats.js';

describe('renderAll', () => {
  it('renders HTML, Markdown and PDF from one source', async () => {
    const markdown = '# Key learnings\n\nŁódź <b>bold?</b> [link](https://example.eu)\n';
    const documents = await renderAll(markdown, {
      title: 'Key learnings — Łódź',
      lang: 'pl',
      createdAt: new Date('2024-05-14T08:00:00Z'),
      meta: [{ label: 'Session', value: 'Green deals' }],
    });
    expect(documents.map((d) => [d.format, d.contentType])).toEqual([
      ['html', DOCUMENT_FILE_TYPES.html.contentType],
      ['md', DOCUMENT_FILE_TYPES.md.contentType],
      ['pdf', DOCUMENT_FILE_TYPES.pdf.contentType],
    ]);
    const [html, md, pdf] = documents.map((d) => d.body);
    expect(html?.toString('utf8')).toContain(
      '<p>Łódź &lt;b&gt;bold?&lt;/b&gt; <a href="https://example.eu/"',
    );
    expect(html?.toString('utf8')).toContain('<dd>Green deals</dd>');
    expect(html?.toString('utf8')).toContain('<html lang="pl">');
    expect(md?.equals(Buffer.from(markdown, 'utf8'))).toBe(true);
    expect(pdf?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
