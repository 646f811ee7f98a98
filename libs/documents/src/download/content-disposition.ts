import contentDisposition from 'content-disposition';

const FALLBACK_NAME = 'key-learnings';
const MAX_BASE_LENGTH = 80;

/**
 * A file name for a downloaded document, derived from its title: Unicode letters and digits are
 * kept (a Łódź session stays recognisable), everything else — separators, dots, quotes, control
 * characters — becomes a single `-`, so the name can never climb out of a directory or break a
 * header. At most 80 characters before the extension, never empty.
 */
export function safeFileName(title: string, ext: 'html' | 'md' | 'pdf'): string {
  const base = Array.from(
    title
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+/, ''),
  )
    .slice(0, MAX_BASE_LENGTH)
    .join('')
    .replace(/-+$/, '');
  return `${base || FALLBACK_NAME}.${ext}`;
}

const TRANSLITERATION: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ø: 'O',
  ø: 'o',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  ß: 'ss',
  Þ: 'Th',
  þ: 'th',
};

/** Plain-ASCII stand-in for clients that ignore `filename*` (RFC 6266 §4.3). */
function asciiFallback(fileName: string): string {
  return fileName
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\x20-\x7e]/g, (ch) => TRANSLITERATION[ch] ?? '-')
    .replace(/["\\%]/g, '-')
    .replace(/-{2,}/g, '-');
}

/** Input of {@link downloadHeaders}. */
export interface DownloadHeadersInput {
  fileName: string;
  contentType: string;
  disposition: 'inline' | 'attachment';
}

/**
 * Response headers for serving a rendered document: a Content-Disposition with an ASCII
 * `filename` and a UTF-8 `filename*` (RFC 6266) so every browser saves a sensible name, a charset
 * for text types, and `nosniff` so a Markdown file is never treated as HTML.
 */
export function downloadHeaders(input: DownloadHeadersInput): Record<string, string> {
  // The package keeps only the part after the last slash; callers should pass safeFileName().
  const name = input.fileName.replace(/[\p{Cc}/\\]+/gu, '-').trim() || FALLBACK_NAME;
  const contentType =
    /^text\//i.test(input.contentType) && !/;\s*charset=/i.test(input.contentType)
      ? `${input.contentType}; charset=utf-8`
      : input.contentType;
  return {
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(name, {
      type: input.disposition,
      fallback: asciiFallback(name),
    }),
    'X-Content-Type-Options': 'nosniff',
  };
}
