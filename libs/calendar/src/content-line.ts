/** RFC 5545 section 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
export const MAX_LINE_OCTETS = 75;

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line into physical lines of at most 75 octets. It cuts between code points,
 * so a multi-byte UTF-8 sequence or a surrogate pair is never split; the continuation lines start
 * with the single space that unfolding removes.
 */
export function foldLine(line: string): string {
  const physical: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > MAX_LINE_OCTETS) {
      physical.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  physical.push(current);
  return physical.join('\r\n');
}

/**
 * One content line. Parameter values and the value must already be encoded for their type
 * (see escapeText, quoteParam); the names are constants of this library.
 */
export function contentLine(
  name: string,
  value: string,
  params: ReadonlyArray<readonly [string, string]> = [],
): string {
  return `${name}${params.map(([key, param]) => `;${key}=${param}`).join('')}:${value}`;
}

/** The file: every line folded and ended with CRLF, including the last one. */
export function icsFile(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}
