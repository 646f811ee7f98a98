import type { Locale } from '@app/contracts';
import { escapeHtml, safeHeaderText, safePlainText } from './text-safety.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface DetailRow {
  label: string;
  value: string;
  /** Makes the value a link; must already be a validated absolute URL. */
  href?: string;
}

/**
 * What a template says, as plain text only. Both parts are produced from these blocks by one
 * renderer, which escapes every string it writes into HTML, so a template has no way to emit
 * markup, escaped or not, and the two parts cannot drift apart.
 */
export type MailBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; title: string; items: readonly string[] }
  | { kind: 'details'; rows: readonly DetailRow[] }
  | { kind: 'action'; label: string; href: string };

export interface MailContent {
  subject: string;
  heading: string;
  blocks: readonly MailBlock[];
  footer: string;
  /** Between a label and its value in the text part: `: `, or `\u00a0: ` in French. */
  labelSeparator: string;
}

const SUBJECT_MAX_LENGTH = 200;

const STYLE = {
  body: 'margin:0;padding:0;background-color:#f3f4f6;',
  container:
    'max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;color:#1f2328;' +
    'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;',
  heading: 'margin:0 0 16px;font-size:22px;line-height:1.3;color:#003399;',
  paragraph: 'margin:0 0 16px;',
  listTitle: 'margin:0 0 8px;font-size:16px;line-height:1.5;',
  list: 'margin:0 0 16px;padding-left:24px;',
  table: 'border-collapse:collapse;margin:0 0 16px;',
  rowHeader: 'padding:4px 16px 4px 0;text-align:left;vertical-align:top;white-space:nowrap;',
  cell: 'padding:4px 0;vertical-align:top;word-break:break-word;',
  link: 'color:#003399;text-decoration:underline;word-break:break-all;',
  action:
    'display:inline-block;padding:12px 20px;background-color:#003399;color:#ffffff;' +
    'font-weight:bold;text-decoration:none;border-radius:4px;',
  rule: 'border:0;border-top:1px solid #d0d7de;margin:24px 0 16px;',
  footer: 'margin:0;font-size:13px;color:#57606a;',
} as const;

/** Escaped element content; every string that reaches the HTML part goes through here. */
function h(text: string): string {
  return escapeHtml(safePlainText(text));
}

function link(href: string, label: string, style: string): string {
  return `<a href="${h(href)}" style="${style}">${h(label)}</a>`;
}

function blockHtml(block: MailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="${STYLE.paragraph}">${h(block.text)}</p>`;
    case 'list':
      return (
        `<h2 style="${STYLE.listTitle}">${h(block.title)}</h2>` +
        `<ul style="${STYLE.list}">${block.items.map((item) => `<li>${h(item)}</li>`).join('')}</ul>`
      );
    case 'details':
      return (
        `<table style="${STYLE.table}"><tbody>` +
        block.rows
          .map(
            (row) =>
              `<tr><th scope="row" style="${STYLE.rowHeader}">${h(row.label)}</th>` +
              `<td style="${STYLE.cell}">${row.href === undefined ? h(row.value) : link(row.href, row.value, STYLE.link)}</td></tr>`,
          )
          .join('') +
        `</tbody></table>`
      );
    case 'action':
      return `<p style="${STYLE.paragraph}">${link(block.href, block.label, STYLE.action)}</p>`;
  }
}

function blockText(block: MailBlock, separator: string): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'list':
      return [block.title, ...block.items.map((item) => `- ${item}`)].join('\n');
    case 'details':
      return block.rows.map((row) => `${row.label}${separator}${row.value}`).join('\n');
    case 'action':
      return `${block.label}${separator}${block.href}`;
  }
}

export function renderLayout(content: MailContent, locale: Locale): RenderedMail {
  const subject = safeHeaderText(content.subject, SUBJECT_MAX_LENGTH);
  const text = safePlainText(
    [
      content.heading,
      ...content.blocks.map((block) => blockText(block, content.labelSeparator)),
      `-- \n${content.footer}`,
    ].join('\n\n') + '\n',
  );
  const html =
    `<!DOCTYPE html>\n<html lang="${h(locale)}" dir="ltr">\n<head>\n` +
    `<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${h(subject)}</title>\n</head>\n<body style="${STYLE.body}">\n` +
    `<div role="article" aria-label="${h(subject)}" lang="${h(locale)}" style="${STYLE.container}">\n` +
    `<h1 style="${STYLE.heading}">${h(content.heading)}</h1>\n` +
    content.blocks.map((block) => `${blockHtml(block)}\n`).join('') +
    `<hr style="${STYLE.rule}">\n<p style="${STYLE.footer}">${h(content.footer)}</p>\n` +
    `</div>\n</body>\n</html>\n`;
  return { subject, text, html };
}
