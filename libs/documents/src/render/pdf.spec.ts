import { markdownToPdf } from './pdf.js';

interface ExtractedPdf {
  pages: string[];
  info: Record<string, unknown>;
}

async function extract(pdf: Buffer): Promise<ExtractedPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
          .join(''),
      );
    }
    const { info } = await document.getMetadata();
    return { pages, info: info as Record<string, unknown> };
  } finally {
    await task.destroy();
  }
}

const SAMPLE = `# Kluczowe wnioski — Łódź & Ελλάδα

Rapporteur: **Zofia Żółć**, *Kraków*; price 15 € and “quoted” text, \`code span\`, Tom &amp; Jerry's.

## Questions from the public

1. Как улучшить городскую мобильность?
2. Πώς μπορούμε να μειώσουμε τις εκπομπές;
   - nested item one
   - nested item two
3. Zażółć gęślą jaźń

- bullet with [a link](https://example.eu/icc?x=1&y=2)
- [bad link](javascript:alert(1)) stays text
- ![chart of emissions](https://tracker.example/pixel.png)

> A quoted remark
> over two lines.

| City | Country |
|------|---------|
| Łódź | Polska |
| Θεσσαλονίκη | Ελλάδα |

\`\`\`
const mobility = "ścieżka rowerowa";
\`\`\`

---

<script>alert(1)</script> raw html
`;

const CREATED_AT = new Date('2024-05-14T08:00:00Z');

describe('markdownToPdf', () => {
  let pdf: Buffer;
  let extracted: ExtractedPdf;

  beforeAll(async () => {
    pdf = await markdownToPdf(SAMPLE, {
      title: 'Key learnings — Łódź',
      author: 'ICC rapporteurs',
      subject: 'City Lab Day 2',
      lang: 'pl',
      createdAt: CREATED_AT,
    });
    extracted = await extract(pdf);
  });

  it('produces a PDF whose text contains every script and block type', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = extracted.pages.join('\n');
    for (const expected of [
      'Kluczowe wnioski — Łódź & Ελλάδα',
      'Zofia Żółć',
      '15 € and “quoted” text',
      'code span',
      "Tom & Jerry's",
      'Как улучшить городскую мобильность?',
      'Πώς μπορούμε να μειώσουμε τις εκπομπές;',
      'nested item two',
      'Zażółć gęślą jaźń',
      'a link',
      'bad link',
      'chart of emissions',
      'A quoted remark over two lines.',
      'Θεσσαλονίκη',
      'Polska',
      'const mobility = "ścieżka rowerowa";',
      '<script>alert(1)</script> raw html',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('&amp;');
  });

  it('embeds subset DejaVu fonts and never references a standard font', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSansMono\b/);
    expect(raw).not.toContain('Helvetica');
  });

  it('links only safe URLs and loads no image', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toContain('(https://example.eu/icc?x=1&y=2)');
    expect(raw).not.toContain('javascript');
    expect(raw).not.toContain('/Subtype /Image');
  });

  it('numbers pages "n / N" and sets the document information and language', () => {
    const count = extracted.pages.length;
    expect(extracted.pages[0]).toContain(`1 / ${count}`);
    expect(extracted.info).toMatchObject({
      Title: 'Key learnings — Łódź',
      Author: 'ICC rapporteurs',
      Subject: 'City Lab Day 2',
    });
    expect(pdf.toString('latin1')).toContain('/Lang (pl)');
  });

  it('is byte-for-byte reproducible for the same input and creation date', async () => {
    const again = await markdownToPdf(SAMPLE, {
      title: 'Key learnings — Łódź',
      author: 'ICC rapporteurs',
      subject: 'City Lab Day 2',
      lang: 'pl',
      createdAt: CREATED_AT,
    });
    expect(again.equals(pdf)).toBe(true);
  });

  it('renders 1,000 questions (~200 KB) well under 3 s with a footer on every page', async () => {
    const questions = Array.from(
      { length: 1000 },
      (_, i) =>
        `${i + 1}. **Question ${i + 1}** from *Łódź*: how will the city fund the green deal measures for mobility, ` +
        `tourism and upskilling in ${2025 + (i % 5)}, and what did [the mentor city](https://example.eu/${i}) learn? — ` +
        `votes: ${i % 37}, answered: ${i % 2 ? 'yes' : 'no'}.`,
    );
    const markdown = `# Questions\n\n${questions.join('\n')}\n`;
    expect(markdown.length).toBeGreaterThan(190_000);
    const started = performance.now();
    const big = await markdownToPdf(markdown, { title: 'Questions', createdAt: CREATED_AT });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(3000);
    const { pages } = await extract(big);
    expect(pages.length).toBeGreaterThan(10);
    pages.forEach((page, i) => expect(page).toContain(`${i + 1} / ${pages.length}`));
    expect(pages.join('\n')).toContain('Question 1000');
  });

  it('breaks a 5,000-character word without hanging or leaving blank pages', async () => {
    const word = 'x'.repeat(5000);
    const started = performance.now();
    const out = await markdownToPdf(
      `before\n\n${word}\n\n| ${word} | b |\n|---|---|\n| c | d |\n\nafter`,
      {
        title: 'Long word',
        createdAt: CREATED_AT,
      },
    );
    expect(performance.now() - started).toBeLessThan(3000);
    const { pages } = await extract(out);
    expect(pages.join('')).toContain('after');
    // Cut into lines, but no character lost or added.
    const body = pages.map((page) => page.replace(/\d+ \/ \d+/, '')).join('');
    expect(body.replace(/\s/g, '')).toContain(`before${word}`);
    for (const page of pages) expect(page.replace(/\d+ \/ \d+/, '').trim()).not.toBe('');
  });

  it('renders an empty document as one numbered page', async () => {
    const { pages } = await extract(
      await markdownToPdf('', { title: 'Empty', createdAt: CREATED_AT }),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('1 / 1');
  });

  it('keeps hard line breaks (two trailing spaces) as line breaks', async () => {
    const { pages } = await extract(
      await markdownToPdf('*First line*  \n*Second line*  \n*Third line*', {
        title: 'Breaks',
        createdAt: CREATED_AT,
      }),
    );
    expect(pages[0]).toMatch(/First line\n+Second line\n+Third line/);
  });
});
