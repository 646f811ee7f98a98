import { escapeMarkdown } from './digest-markdown.js';

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
