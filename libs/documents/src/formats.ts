import { htmlDocument } from './render/html-page.js';
import { markdownToHtml } from './render/markdown-html.js';
import { markdownToPdf, type PdfInfo } from './render/pdf.js';

/** The downloadable formats of a key-learnings document, with their media type and extension. */
export const DOCUMENT_FILE_TYPES = {
  html: { contentType: 'text/html', ext: 'html' },
  md: { contentType: 'text/markdown', ext: 'md' },
  pdf: { contentType: 'application/pdf', ext: 'pdf' },
} as const;

export type DocumentFormat = keyof typeof DOCUMENT_FILE_TYPES;

/** Metadata for {@link renderAll}: the PDF information plus optional lines shown on the HTML page. */
export interface RenderInfo extends PdfInfo {
  meta?: Array<{ label: string; value: string }>;
}

export interface RenderedDocument {
  format: DocumentFormat;
  contentType: string;
  body: Buffer;
}

/**
 * Renders one Markdown source to every downloadable format, so HTML, Markdown and PDF of a version
 * never drift apart. The Markdown file is the source itself.
 */
export async function renderAll(markdown: string, info: RenderInfo): Promise<RenderedDocument[]> {
  const html = htmlDocument({
    title: info.title,
    lang: info.lang ?? 'en',
    bodyHtml: markdownToHtml(markdown),
    ...(info.meta ? { meta: info.meta } : {}),
  });
  const pdf = await markdownToPdf(markdown, info);
  return [
    {
      format: 'html',
      contentType: DOCUMENT_FILE_TYPES.html.contentType,
      body: Buffer.from(html, 'utf8'),
    },
    {
      format: 'md',
      contentType: DOCUMENT_FILE_TYPES.md.contentType,
      body: Buffer.from(markdown, 'utf8'),
    },
    { format: 'pdf', contentType: DOCUMENT_FILE_TYPES.pdf.contentType, body: pdf },
  ];
}
