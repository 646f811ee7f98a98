const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Embedding and override controls can make a subject or title read differently than it is. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
/** C0, DEL and C1; NEL (U+0085) is among them. */
const CONTROL = /\p{Cc}/gu;
const CONTROL_EXCEPT_NEWLINE = /[^\P{Cc}\n]/gu;
/** JavaScript's `\s` covers U+2028/U+2029 and the Unicode spaces, but not NEL. */
const WHITESPACE_RUN = /[\s\u0085]+/g;
const ELLIPSIS = '…';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** Well-formed UTF-16 in NFC, without bidi controls: the base of every cleaned string. */
function normalizeUnicode(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').replace(BIDI_CONTROL, '');
}

/**
 * One line that is safe in a mail header (and as a single-line value in a body): whitespace,
 * line breaks included, is folded to single spaces, other control characters are removed, the
 * result is trimmed and cut to at most `maxLength` UTF-16 code units on a code point boundary,
 * with an ellipsis when it was cut.
 */
export function safeHeaderText(text: string, maxLength = 200): string {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  }
  const line = normalizeUnicode(text)
    .replace(WHITESPACE_RUN, ' ')
    .replace(CONTROL, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (line.length <= maxLength) return line;
  let cut = '';
  for (const codePoint of line) {
    if (cut.length + codePoint.length > maxLength - ELLIPSIS.length) break;
    cut += codePoint;
  }
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

/**
 * Text for a `text/plain` part: line breaks become `\n`, tabs become spaces, every other control
 * character is removed.
 */
export function safePlainText(text: string): string {
  return normalizeUnicode(text)
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/[\t\v\f]/g, ' ')
    .replace(CONTROL_EXCEPT_NEWLINE, '');
}
