import { CalendarInputError } from './calendar-input.error.js';

/** CRLF counts as one break; NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are breaks too. */
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g;
const TAB = /\t/g;
/** C0, DEL and C1 controls, except the LF that normaliseMultiLine has just written. */
const CONTROL = /(?!\n)\p{Cc}/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone surrogates cannot be encoded as UTF-8; U+FFFD is what an encoder would write anyway. */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Normalisation of single-line fields (title, location, feed name; names see normaliseName):
 * lone surrogates become U+FFFD, each line break (CRLF, CR, LF, NEL, U+2028, U+2029) and each tab
 * becomes one space, every other control character (C0, DEL, C1) is removed, and the result is
 * trimmed. A calendar client shows exactly this string.
 */
export function normaliseSingleLine(text: string): string {
  return wellFormed(text).replace(LINE_BREAK, ' ').replace(TAB, ' ').replace(CONTROL, '').trim();
}

/**
 * Normalisation of multi-line fields (description): like {@link normaliseSingleLine}, except that
 * each line break becomes "\n" (written as the escape `\n` in the file).
 */
export function normaliseMultiLine(text: string): string {
  return wellFormed(text).replace(LINE_BREAK, '\n').replace(TAB, ' ').replace(CONTROL, '').trim();
}

/** RFC 5545 TEXT escaping; the input must already be normalised (no CR, no controls). */
export function escapeText(text: string): string {
  return text.replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * Normalisation of people's names, which go into CN parameters: {@link normaliseSingleLine}, then
 * each backslash becomes "/". RFC 5545 parameters have no backslash escapes, but ical.js
 * (Thunderbird) decodes TEXT escapes in them anyway (`\n` turns into a line break) and then
 * miscounts where the value ends, so no single spelling of a backslash reads the same everywhere.
 */
export function normaliseName(text: string): string {
  return normaliseSingleLine(text).replace(/\\/g, '/');
}

/**
 * A normalised name in the RFC 6868 caret form, for a parameter that ical-generator writes between
 * double quotes. DQUOTE cannot be escaped inside a parameter (ical-generator writes `\"`, which
 * ical.js reads as the end of the value), so it becomes ^', a literal caret becomes ^^ and a line
 * break ^n; what is left contains no `"` or `\` for ical-generator to escape.
 */
export function caretParam(name: string): string {
  return name.replace(/[\^"\n]/g, (c) => (c === '^' ? '^^' : c === '"' ? "^'" : '^n'));
}

/**
 * A URI value as ical-generator 10 writes it: it gives URL values TEXT escapes, which URI values
 * do not have, so `;`, `,` and `\` would come back with backslashes. They are percent-encoded
 * instead, which leaves none for ical-generator to escape.
 */
export function uriValue(url: string): string {
  return url.replace(/[;,\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The syntax browsers accept for <input type=email>, widened to Unicode letters, minus `?`, `#` and
 * `%` which would change the meaning of the `mailto:` URI the address is written into.
 */
const LOCAL_PART = /^[\p{L}\p{M}\p{N}.!$&'*+/=^_`{|}~-]{1,64}$/u;
const DOMAIN_LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;

/** Returns the address unchanged or throws: an address is never cleaned into another address. */
export function checkEmail(field: string, email: string): string {
  const at = email.lastIndexOf('@');
  const valid =
    email.length <= 254 &&
    at > 0 &&
    LOCAL_PART.test(email.slice(0, at)) &&
    email
      .slice(at + 1)
      .split('.')
      .every((label) => DOMAIN_LABEL.test(label));
  if (!valid) throw new CalendarInputError(field, 'not a plain email address');
  return email;
}

/**
 * Returns the WHATWG serialisation of an absolute http(s) URL or throws. Whitespace and control
 * characters are rejected rather than left to the URL parser, which would silently drop them.
 */
export function checkUrl(field: string, url: string): string {
  if (/[\s\p{Cc}]/u.test(url) || wellFormed(url) !== url) {
    throw new CalendarInputError(field, 'contains whitespace or control characters');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CalendarInputError(field, 'not an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new CalendarInputError(field, 'not an http(s) URL');
  }
  return parsed.href;
}

/** Whether {@link checkUrl} accepts the URL: for a caller that leaves out a bad link instead. */
export function isCalendarUrl(url: string): boolean {
  try {
    checkUrl('url', url);
    return true;
  } catch (error) {
    if (error instanceof CalendarInputError) return false;
    throw error;
  }
}
