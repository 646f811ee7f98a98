import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Marked, type MarkedToken, type Token, type Tokens } from 'marked';
import PDFDocument from 'pdfkit';
import { unescapeHtml } from './escape.js';
import { normaliseLang } from './lang.js';
import { safeHref } from './safe-url.js';

/** Document information of a rendered PDF; `createdAt` makes the output reproducible. */
export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  lang?: string;
  createdAt?: Date;
}

type FontName = 'Sans' | 'Sans-Bold' | 'Sans-Oblique' | 'Sans-BoldOblique' | 'Mono';

const FONT_FILES: Readonly<Record<FontName, string>> = {
  Sans: 'DejaVuSans.ttf',
  'Sans-Bold': 'DejaVuSans-Bold.ttf',
  'Sans-Oblique': 'DejaVuSans-Oblique.ttf',
  'Sans-BoldOblique': 'DejaVuSans-BoldOblique.ttf',
  Mono: 'DejaVuSansMono.ttf',
};

let fontCache: ReadonlyMap<FontName, Buffer> | undefined;

/*
 * Resolved through the package, not relative to this file: the compiled code runs from dist/.
 * Read once per process; pdfkit embeds only the glyphs used (subset), so any script the DejaVu
 * family covers (Polish, Greek, Cyrillic, €, typographic quotes) renders without network access.
 */
function fonts(): ReadonlyMap<FontName, Buffer> {
  if (!fontCache) {
    const require = createRequire(import.meta.url);
    fontCache = new Map(
      (Object.entries(FONT_FILES) as Array<[FontName, string]>).map(([name, file]) => [
        name,
        readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
      ]),
    );
  }
  return fontCache;
}

const MARGIN = 56;
const BODY_SIZE = 10.5;
const CODE_SIZE = 9;
const LINE_GAP = 2;
const BLOCK_GAP = 7;
const LIST_INDENT = 18;
const QUOTE_INDENT = 16;
const HEADING_SIZES: readonly number[] = [20, 16, 13.5, 12, 11, 10.5];
const TEXT_COLOR = '#1a1a1a';
const MUTED_COLOR = '#555555';
const LINK_COLOR = '#0b4f9c';
const RULE_COLOR = '#c9ced6';
const SHADE_COLOR = '#f2f4f7';
const BULLETS = ['•', '◦', '▪'];

interface RunStyle {
  bold: boolean;
  italic: boolean;
  code: boolean;
  strike: boolean;
  link: string | null;
}

interface Run {
  text: string;
  style: RunStyle;
}

interface Box {
  /** Distance from the left margin. */
  indent: number;
  color: string;
  /** Nesting level of lists, which picks the bullet. */
  listDepth: number;
}

const PLAIN: RunStyle = { bold: false, italic: false, code: false, strike: false, link: null };

function asMarked(token: Token): MarkedToken {
  return token as MarkedToken;
}

/** Inline tokens → styled text runs; entities in text tokens are decoded for the PDF. */
function collectRuns(tokens: readonly Token[], style: RunStyle, out: Run[]): Run[] {
  for (const raw of tokens) {
    const token = asMarked(raw);
    switch (token.type) {
      case 'text':
        if (token.tokens?.length) collectRuns(token.tokens, style, out);
        else
          out.push({
            text: (token.escaped ? token.text : unescapeHtml(token.text)).replace(/\s*\n\s*/g, ' '),
            style,
          });
        break;
      case 'escape':
        out.push({ text: token.text, style });
        break;
      case 'strong':
        collectRuns(token.tokens, { ...style, bold: true }, out);
        break;
      case 'em':
        collectRuns(token.tokens, { ...style, italic: true }, out);
        break;
      case 'del':
        collectRuns(token.tokens, { ...style, strike: true }, out);
        break;
      case 'codespan':
        out.push({ text: token.text, style: { ...style, code: true } });
        break;
      case 'br': {
        // pdfkit drops a line break sent as a run of its own in a `continued` chain.
        const last = out.at(-1);
        if (last) last.text += '\n';
        else out.push({ text: '\n', style });
        break;
      }
      case 'link': {
        const inner = { ...style, link: safeHref(token.href) ?? style.link };
        if (token.autolink) out.push({ text: token.text, style: inner });
        else collectRuns(token.tokens, inner, out);
        break;
      }
      case 'image': {
        const url = safeHref(token.href);
        const link = url !== null && /^https?:/.test(url) ? url : style.link;
        const alt = token.tokens.length ? collectRuns(token.tokens, style, []) : [];
        const text = alt.map((r) => r.text).join('') || unescapeHtml(token.text) || 'image';
        out.push({ text, style: { ...style, link } });
        break;
      }
      case 'html':
        out.push({ text: token.text.replace(/\s*\n\s*/g, ' '), style });
        break;
      case 'checkbox':
        out.push({ text: token.checked ? '☑ ' : '☐ ', style });
        break;
      default:
        if ('tokens' in raw && raw.tokens) collectRuns(raw.tokens, style, out);
        else if ('text' in raw && typeof raw.text === 'string') out.push({ text: raw.text, style });
    }
  }
  return out;
}

function sameStyle(a: RunStyle, b: RunStyle): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.code === b.code &&
    a.strike === b.strike &&
    a.link === b.link
  );
}

/*
 * pdfkit measures the rest of an unbreakable word again after every line it cuts off, which is
 * quadratic in the word's length (a 5,000-character "word" takes most of a second). Words longer
 * than LONG_WORD are therefore handed over in WORD_CHUNK pieces: each piece is a separate
 * `continued` fragment, and pdfkit may wrap between fragments, so no character is added.
 */
const LONG_WORD = 40;
const WORD_CHUNK = 16;
const LONG_WORD_PATTERN = new RegExp(`(\\S{${LONG_WORD},})`, 'u');
const LONG_WORD_GLOBAL = new RegExp(`\\S{${LONG_WORD},}`, 'gu');
const CHUNK_PATTERN = new RegExp(`.{1,${WORD_CHUNK}}`, 'gsu');

function chunkLongWords(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (!LONG_WORD_PATTERN.test(run.text)) {
      out.push(run);
      continue;
    }
    for (const part of run.text.split(LONG_WORD_PATTERN)) {
      if (part.length < LONG_WORD) {
        if (part) out.push({ text: part, style: run.style });
        continue;
      }
      const chars = Array.from(part);
      for (let i = 0; i < chars.length; i += WORD_CHUNK) {
        out.push({ text: chars.slice(i, i + WORD_CHUNK).join(''), style: run.style });
      }
    }
  }
  return out;
}

/** Zero-width spaces (DejaVu Sans has the glyph) as break opportunities in single-call text. */
function breakLongWords(text: string): string {
  return text.replace(LONG_WORD_GLOBAL, (word) =>
    (word.match(CHUNK_PATTERN) ?? [word]).join('\u200B'),
  );
}

/** Monospace: a long unbroken line is cut exactly where wrapping would cut it anyway. */
function hardWrap(text: string, columns: number): string {
  const chunk = new RegExp(`.{1,${Math.max(1, columns)}}`, 'gsu');
  return text.replace(LONG_WORD_GLOBAL, (word) =>
    Array.from(word).length <= columns ? word : (word.match(chunk) ?? [word]).join('\n'),
  );
}

/** Fewer, longer runs: one pdfkit `text` call per style change keeps large documents fast. */
function mergeRuns(runs: readonly Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const last = merged.at(-1);
    if (last && sameStyle(last.style, run.style)) last.text += run.text;
    else merged.push({ text: run.text, style: run.style });
  }
  return merged;
}

function fontFor(style: RunStyle): FontName {
  if (style.code) return 'Mono';
  if (style.bold) return style.italic ? 'Sans-BoldOblique' : 'Sans-Bold';
  return style.italic ? 'Sans-Oblique' : 'Sans';
}

/** Lays the token tree out on pdfkit pages; one instance per document. */
class PdfLayout {
  private color = TEXT_COLOR;

  constructor(private readonly doc: PDFKit.PDFDocument) {
    // A PDF page starts with black fill: restore the colour of text that flows onto a new page.
    doc.on('pageAdded', () => {
      doc.fillColor(this.color);
    });
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get maxY(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private get pageIndex(): number {
    return this.doc.bufferedPageRange().count - 1;
  }

  private setColor(color: string): void {
    this.color = color;
    this.doc.fillColor(color);
  }

  /** Starts a new page when less than `height` is left, so a line never strands its marker. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.maxY && this.doc.y > this.doc.page.margins.top) {
      this.doc.addPage();
    }
  }

  private gap(height: number): void {
    this.doc.y = Math.min(this.doc.y + height, this.maxY);
  }

  blocks(tokens: readonly Token[], box: Box, tight = false): void {
    for (const raw of tokens) this.block(asMarked(raw), box, tight);
  }

  private block(token: MarkedToken, box: Box, tight: boolean): void {
    switch (token.type) {
      case 'heading':
        this.heading(token, box);
        break;
      case 'paragraph':
        this.paragraph(collectRuns(token.tokens, PLAIN, []), box, BODY_SIZE);
        this.gap(tight ? LINE_GAP : BLOCK_GAP);
        break;
      case 'text':
        this.paragraph(
          token.tokens
            ? collectRuns(token.tokens, PLAIN, [])
            : [{ text: token.text, style: PLAIN }],
          box,
          BODY_SIZE,
        );
        this.gap(tight ? LINE_GAP : BLOCK_GAP);
        break;
      case 'list':
        this.list(token, box);
        break;
      case 'blockquote':
        this.blockquote(token, box);
        break;
      case 'code':
        this.code(token, box);
        break;
      case 'table':
        this.table(token, box);
        break;
      case 'hr':
        this.rule(box);
        break;
      case 'html': {
        const text = token.text.trim();
        if (text) {
          this.paragraph([{ text, style: PLAIN }], box, BODY_SIZE);
          this.gap(BLOCK_GAP);
        }
        break;
      }
      default:
        break;
    }
  }

  private heading(token: Tokens.Heading, box: Box): void {
    const size = HEADING_SIZES[Math.min(token.depth, HEADING_SIZES.length) - 1] ?? BODY_SIZE;
    if (this.doc.y > this.doc.page.margins.top) this.gap(size * 0.6);
    // Keep the heading with at least a few lines of what follows it.
    this.ensureSpace(size * 1.4 + BODY_SIZE * 4);
    const runs = collectRuns(token.tokens, { ...PLAIN, bold: true }, []);
    this.paragraph(runs, box, size);
    this.gap(size * 0.35);
  }

  /** Writes inline runs as one wrapped paragraph (pdfkit `continued` chains the style changes). */
  private paragraph(input: readonly Run[], box: Box, size: number): void {
    const runs = chunkLongWords(mergeRuns(input));
    if (runs.length === 0) return;
    const doc = this.doc;
    this.ensureSpace(size * 1.3);
    const x = this.left + box.indent;
    const width = this.contentWidth - box.indent;
    runs.forEach((run, i) => {
      const last = i === runs.length - 1;
      const link = run.style.link;
      this.setColor(link ? LINK_COLOR : box.color);
      doc.font(fontFor(run.style)).fontSize(run.style.code ? size * 0.9 : size);
      const options: PDFKit.Mixins.TextOptions = {
        continued: !last,
        link,
        underline: link !== null,
        strike: run.style.strike,
        lineGap: LINE_GAP,
      };
      if (i === 0) doc.text(run.text, x, doc.y, { ...options, width });
      else doc.text(run.text, options);
    });
    this.setColor(TEXT_COLOR);
    doc.x = this.left;
  }

  private list(token: Tokens.List, box: Box): void {
    const doc = this.doc;
    const start = typeof token.start === 'number' ? token.start : 1;
    const width = token.ordered
      ? Math.max(
          LIST_INDENT,
          doc
            .font('Sans')
            .fontSize(BODY_SIZE)
            .widthOfString(`${start + token.items.length}.`) + 6,
        )
      : LIST_INDENT;
    token.items.forEach((item, i) => {
      this.ensureSpace(BODY_SIZE * 1.4);
      const marker = token.ordered
        ? `${start + i}.`
        : (BULLETS[box.listDepth % BULLETS.length] ?? '•');
      const y = doc.y;
      this.setColor(box.color);
      doc
        .font('Sans')
        .fontSize(BODY_SIZE)
        .text(marker, this.left + box.indent, y, { width, lineBreak: false });
      doc.y = y;
      this.blocks(
        item.tokens,
        { ...box, indent: box.indent + width, listDepth: box.listDepth + 1 },
        !token.loose,
      );
    });
    this.gap(token.loose ? 0 : BLOCK_GAP - LINE_GAP);
  }

  private blockquote(token: Tokens.Blockquote, box: Box): void {
    const doc = this.doc;
    this.ensureSpace(BODY_SIZE * 1.4);
    const startPage = this.pageIndex;
    const startY = doc.y;
    this.blocks(token.tokens, { ...box, indent: box.indent + QUOTE_INDENT, color: MUTED_COLOR });
    const endPage = this.pageIndex;
    const endY = doc.y - BLOCK_GAP;
    const barX = this.left + box.indent + 2;
    for (let page = startPage; page <= endPage; page++) {
      doc.switchToPage(page);
      const top = page === startPage ? startY : doc.page.margins.top;
      const bottom = page === endPage ? endY : this.maxY;
      if (bottom > top) doc.rect(barX, top, 3, bottom - top).fill(RULE_COLOR);
    }
    doc.switchToPage(endPage);
    doc.y = endY + BLOCK_GAP;
    this.setColor(TEXT_COLOR);
  }

  private code(token: Tokens.Code, box: Box): void {
    const doc = this.doc;
    const pad = 6;
    const x = this.left + box.indent;
    const width = this.contentWidth - box.indent;
    doc.font('Mono').fontSize(CODE_SIZE);
    const columns = Math.floor((width - 2 * pad) / doc.widthOfString('M'));
    const text = hardWrap(token.text.replace(/\t/g, '    ').replace(/\n+$/, ''), columns) || ' ';
    const height = doc.heightOfString(text, { width: width - 2 * pad, lineGap: 1 }) + 2 * pad;
    const pageHeight = this.maxY - doc.page.margins.top;
    if (height <= pageHeight) this.ensureSpace(height);
    else this.ensureSpace(CODE_SIZE * 4);
    if (doc.y + height <= this.maxY) {
      doc.rect(x, doc.y, width, height).fill(SHADE_COLOR);
    }
    this.setColor(TEXT_COLOR);
    doc
      .font('Mono')
      .fontSize(CODE_SIZE)
      .text(text, x + pad, doc.y + pad, { width: width - 2 * pad, lineGap: 1 });
    this.gap(pad + BLOCK_GAP);
    doc.x = this.left;
  }

  private table(token: Tokens.Table, box: Box): void {
    const doc = this.doc;
    const columns = Math.max(1, token.header.length);
    const x0 = this.left + box.indent;
    const colWidth = (this.contentWidth - box.indent) / columns;
    const pad = 4;
    const cellText = (cell: Tokens.TableCell): string =>
      breakLongWords(
        mergeRuns(collectRuns(cell.tokens, PLAIN, []))
          .map((r) => r.text)
          .join('')
          .trim(),
      );
    const rows: Array<{ cells: string[]; header: boolean }> = [
      { cells: token.header.map(cellText), header: true },
      ...token.rows.map((row) => ({ cells: row.map(cellText), header: false })),
    ];
    for (const row of rows) {
      const font: FontName = row.header ? 'Sans-Bold' : 'Sans';
      doc.font(font).fontSize(BODY_SIZE - 1);
      const textHeight = Math.max(
        ...row.cells.map((c) => doc.heightOfString(c || ' ', { width: colWidth - 2 * pad })),
      );
      const pageHeight = this.maxY - doc.page.margins.top;
      const height = Math.min(textHeight + 2 * pad, pageHeight);
      this.ensureSpace(height);
      const y = doc.y;
      if (row.header) doc.rect(x0, y, colWidth * columns, height).fill(SHADE_COLOR);
      this.setColor(box.color);
      row.cells.forEach((cell, i) => {
        // A fixed height clips an oversized cell instead of letting it push onto a new page.
        doc.font(font).text(cell, x0 + i * colWidth + pad, y + pad, {
          width: colWidth - 2 * pad,
          height: height - 2 * pad,
          ellipsis: true,
        });
      });
      doc.lineWidth(0.5).strokeColor(RULE_COLOR);
      for (let i = 0; i < columns; i++) doc.rect(x0 + i * colWidth, y, colWidth, height).stroke();
      doc.x = this.left;
      doc.y = y + height;
    }
    this.setColor(TEXT_COLOR);
    this.gap(BLOCK_GAP);
  }

  private rule(box: Box): void {
    const doc = this.doc;
    this.ensureSpace(BLOCK_GAP * 2);
    const y = doc.y + BLOCK_GAP;
    doc
      .moveTo(this.left + box.indent, y)
      .lineTo(this.left + this.contentWidth, y)
      .lineWidth(0.75)
      .strokeColor(RULE_COLOR)
      .stroke();
    doc.y = y + BLOCK_GAP;
  }

  /** "n / N" centred in the bottom margin of every buffered page. */
  pageNumbers(): void {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      // Writing below the bottom margin would otherwise make pdfkit open a new page.
      doc.page.margins.bottom = 0;
      this.setColor(MUTED_COLOR);
      doc
        .font('Sans')
        .fontSize(8)
        .text(`${i + 1} / ${count}`, this.left, doc.page.height - bottom / 2 - 4, {
          width: this.contentWidth,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottom;
    }
  }
}

const lexer = new Marked({ gfm: true, async: false });

/**
 * Renders the Markdown of a key-learnings document to an A4 PDF with embedded DejaVu fonts, page
 * numbers and document information. Pure and offline; the same input and `createdAt` give the same
 * bytes, so the worker can re-run a job and tests can compare output.
 */
export async function markdownToPdf(markdown: string, info: PdfInfo): Promise<Buffer> {
  const createdAt = info.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // No default font: pdfkit would otherwise reference Helvetica, which is not embedded.
    font: '',
    lang: normaliseLang(info.lang),
    displayTitle: true,
    info: {
      Title: info.title,
      ...(info.author ? { Author: info.author } : {}),
      ...(info.subject ? { Subject: info.subject } : {}),
      Creator: 'ICC Hub',
      Producer: 'ICC Hub',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, data] of fonts()) doc.registerFont(name, data);
  doc.font('Sans').fontSize(BODY_SIZE).fillColor(TEXT_COLOR);

  const layout = new PdfLayout(doc);
  layout.blocks(lexer.lexer(markdown), { indent: 0, color: TEXT_COLOR, listDepth: 0 });
  layout.pageNumbers();
  doc.end();
  return done;
}
