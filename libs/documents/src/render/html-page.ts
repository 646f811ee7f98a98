import { escapeHtml } from './escape.js';
import { normaliseLang } from './lang.js';

/** Input of {@link htmlDocument}; `bodyHtml` must already be safe (see `markdownToHtml`). */
export interface HtmlDocumentInput {
  title: string;
  lang: string;
  bodyHtml: string;
  meta?: Array<{ label: string; value: string }>;
}

/*
 * Inline and self-contained: the file is downloaded and opened offline, and the CSP below forbids
 * every external resource, so fonts are the reader's own and nothing loads from the network.
 */
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 4rem; color: #1a1a1a; background: #fff;
  font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Noto Sans", Arial, sans-serif;
  overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.8em 0 0.6em; break-after: avoid; }
h1 { font-size: 2rem; margin-top: 0; } h2 { font-size: 1.5rem; } h3 { font-size: 1.2rem; } h4 { font-size: 1.05rem; }
p, ul, ol, blockquote, pre, table, dl { margin: 0 0 1em; }
ul, ol { padding-left: 1.6em; } li + li { margin-top: 0.25em; }
a { color: #0b4f9c; } a:visited { color: #5b2a86; }
blockquote { margin-left: 0; padding: 0.1em 1em; border-left: 4px solid #c9ced6; color: #444; }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
code { background: #f2f4f7; padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: #f2f4f7; padding: 0.8em 1em; overflow-x: auto; white-space: pre-wrap; border-radius: 4px; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c9ced6; padding: 0.4em 0.6em; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
hr { border: 0; border-top: 1px solid #c9ced6; margin: 2em 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; color: #444;
  font-size: 0.9rem; border-bottom: 1px solid #c9ced6; padding-bottom: 1em; margin-bottom: 2em; }
.meta dt { font-weight: 600; } .meta dd { margin: 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: underline; }
  pre, blockquote, tr, img { break-inside: avoid; }
}
`;

/**
 * Wraps a rendered body in a complete standalone HTML page (inline CSS, no scripts, a CSP that
 * forbids every external resource) so the downloaded file reads well on screen and on paper.
 * The metadata list follows the body's leading `<h1>`; without one, the title is shown as it.
 */
export function htmlDocument(input: HtmlDocumentInput): string {
  const title = escapeHtml(input.title);
  const meta = input.meta?.length
    ? `<dl class="meta">\n${input.meta
        .map((m) => `<dt>${escapeHtml(m.label)}</dt><dd>${escapeHtml(m.value)}</dd>`)
        .join('\n')}\n</dl>\n`
    : '';
  const leading = /^\s*<h1[\s>][\s\S]*?<\/h1>\n?/i.exec(input.bodyHtml)?.[0];
  const heading = leading ?? `<h1>${title}</h1>\n`;
  const rest = leading ? input.bodyHtml.slice(leading.length) : input.bodyHtml;
  return `<!doctype html>
<html lang="${escapeHtml(normaliseLang(input.lang))}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${heading.trimStart()}${meta}${rest}
</main>
</body>
</html>
`;
}
