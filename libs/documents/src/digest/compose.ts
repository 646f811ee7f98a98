import { DateTime } from 'luxon';
import { escapeMarkdown } from './digest-markdown.js';
import { documentWords } from './document-words.js';

/** The header of a key-learnings document: its title and the lines under it. */
export interface DocumentHeading {
  title: string;
  /** Plain text lines (event, date…), escaped here. */
  lines: string[];
}

/**
 * The one Markdown source of a version: title, rapporteur's notes, then the digest. Every format
 * (page, Markdown download, PDF) is rendered from exactly this text.
 */
export function composeDocument(
  heading: DocumentHeading,
  parts: ReadonlyArray<string | null | undefined>,
): string {
  const head = [`# ${escapeMarkdown(heading.title)}`, ''];
  for (const line of heading.lines) head.push(`*${escapeMarkdown(line)}*  `);
  const body = parts.map((p) => (p ?? '').trim()).filter((p) => p.length > 0);
  return [head.join('\n').trimEnd(), ...body].join('\n\n') + '\n';
}

/**
 * Moves every ATX heading of a Markdown text `levels` deeper (capped at level 6), leaving code
 * fences alone: a session's document becomes a section of its day's document.
 */
export function demoteHeadings(markdown: string, levels: number): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (opening) {
        if (fence === null) fence = opening[1][0];
        else if (opening[1][0] === fence) fence = null;
        return line;
      }
      if (fence !== null) return line;
      const heading = /^( {0,3})(#{1,6})(\s|$)/.exec(line);
      if (!heading) return line;
      const depth = Math.min(6, heading[2].length + levels);
      return heading[1] + '#'.repeat(depth) + line.slice(heading[1].length + heading[2].length);
    })
    .join('\n');
}

/**
 * The Markdown a published version freezes: `Key learnings: <subject>`, the event, when it
 * happened and the version line (in the words of the document's `language`), then the parts
 * (notes, digest, a day's sessions).
 */
export function versionMarkdown(input: {
  subject: string;
  eventTitle: string;
  /** When the session or day took place, as a line. */
  when: string;
  number: number;
  publishedAt: Date;
  timeZone: string;
  language?: string;
  parts: ReadonlyArray<string | null | undefined>;
}): string {
  const words = documentWords(input.language);
  const published = DateTime.fromJSDate(input.publishedAt, { zone: input.timeZone })
    .setLocale(words.locale)
    .toFormat(words.dateFormat);
  return composeDocument(
    {
      title: words.title(input.subject),
      lines: [input.eventTitle, input.when, words.version(input.number, published)],
    },
    input.parts,
  );
}

/** `Monday 28 September 2020`: a day of an event as its documents name it. */
export function dayWhen(date: string, language?: string): string {
  const words = documentWords(language);
  return DateTime.fromISO(date).setLocale(words.locale).toFormat(words.dayFormat);
}
