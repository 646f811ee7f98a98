import type { CapturedMessage } from './mail-store.js';

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Local time of this machine: the capture only ever serves the person sitting at it. */
function formatTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

const STYLE = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6575; --line: #dfe3ea; --accent: #0b4f9c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #f5f7fa; }
header.bar { display: flex; align-items: center; gap: 1rem; padding: .75rem 1.5rem;
  background: #0b2d55; color: #fff; }
header.bar h1 { font-size: 1.05rem; margin: 0; font-weight: 600; }
header.bar .meta { color: #c9d6e8; font-size: .85rem; }
header.bar a { color: #fff; text-decoration: none; }
header.bar a:hover { text-decoration: underline; }
header.bar h1 a:hover { text-decoration: none; }
header.bar .spacer { flex: 1; }
main { max-width: 72rem; margin: 1.25rem auto; padding: 0 1.5rem; }
a { color: var(--accent); }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line);
  border-radius: 6px; overflow: hidden; table-layout: fixed; }
th, td { text-align: left; padding: .5rem .75rem; border-bottom: 1px solid var(--line);
  vertical-align: top; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
th { background: #eef1f6; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em;
  color: var(--muted); }
tr:last-child td { border-bottom: 0; }
tbody tr:hover { background: #f0f5fc; }
td.time { color: var(--muted); font-variant-numeric: tabular-nums; }
col.time { width: 11.5rem; } col.to { width: 16rem; } col.size { width: 6rem; }
col.att { width: 7.5rem; }
.pill { display: inline-block; font-size: .75rem; padding: .05rem .5rem; border-radius: 999px;
  background: #e6eefa; color: #24497a; }
td.size { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); }
td.subject a { text-decoration: none; font-weight: 500; }
td.subject a:hover { text-decoration: underline; }
.empty { padding: 2.5rem; text-align: center; color: var(--muted); background: #fff;
  border: 1px dashed var(--line); border-radius: 6px; }
button.danger { background: #fff; color: #a11b1b; border: 1px solid #e3b4b4; border-radius: 4px;
  padding: .3rem .8rem; font: inherit; font-size: .85rem; cursor: pointer; }
button.danger:hover { background: #fbeaea; }
nav.pages { display: flex; justify-content: space-between; margin: .75rem 0; color: var(--muted); }
h2 { font-size: 1.3rem; margin: 0 0 .75rem; word-break: break-word; }
h3 { font-size: .85rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  margin: 1.5rem 0 .5rem; }
dl.headers { display: grid; grid-template-columns: 9rem 1fr; gap: .3rem 1rem; margin: 0;
  background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem; }
dl.headers dt { color: var(--muted); }
dl.headers dd { margin: 0; word-break: break-word; }
iframe.html-part { width: 100%; height: 28rem; border: 1px solid var(--line); border-radius: 6px;
  background: #fff; resize: vertical; }
pre { white-space: pre-wrap; word-break: break-word; background: #fff; border: 1px solid var(--line);
  border-radius: 6px; padding: .9rem 1rem; margin: 0; font: 13.5px/1.5 ui-monospace, Menlo, Consolas, monospace; }
ul.attachments { list-style: none; padding: 0; margin: 0; background: #fff;
  border: 1px solid var(--line); border-radius: 6px; }
ul.attachments li { padding: .5rem 1rem; border-bottom: 1px solid var(--line); }
ul.attachments li:last-child { border-bottom: 0; }
.muted { color: var(--muted); font-size: .85rem; }
h3 .muted { text-transform: none; letter-spacing: 0; font-weight: 400; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
details summary { cursor: pointer; color: var(--muted); margin: 1.5rem 0 .5rem; }
`;

function layout(title: string, bar: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="bar">${bar}</header>
<main>
${body}
</main>
</body>
</html>
`;
}

function recipients(to: readonly string[]): string {
  if (to.length <= 2) return escapeHtml(to.join(', '));
  return `${escapeHtml(to.slice(0, 2).join(', '))} <span class="muted">+${to.length - 2}</span>`;
}

export interface ListPage {
  messages: readonly CapturedMessage[];
  total: number;
  page: number;
  pageCount: number;
  smtpPort: number;
}

export function renderList(view: ListPage): string {
  const bar = `<h1><a href="/">ICC Hub mail capture</a></h1>
<span class="meta">${view.total} message${view.total === 1 ? '' : 's'} · SMTP on 127.0.0.1:${view.smtpPort}</span>
<span class="spacer"></span>
${
  view.total > 0
    ? `<form method="post" action="/messages/delete">
<button class="danger" type="submit">Delete all</button>
</form>`
    : ''
}`;
  if (view.total === 0) {
    return layout(
      'Captured mail',
      bar,
      `<p class="empty">No mail captured yet. Mail sent to <code>smtp://127.0.0.1:${view.smtpPort}</code> shows up here.</p>`,
    );
  }
  const rows = view.messages
    .map(
      (m) => `<tr>
<td class="time"><time datetime="${m.receivedAt.toISOString()}">${formatTime(m.receivedAt)}</time></td>
<td title="${escapeHtml(m.to.join(', '))}">${recipients(m.to)}</td>
<td class="subject"><a href="/messages/${m.id}">${m.subject === '' ? '<em>(no subject)</em>' : escapeHtml(m.subject)}</a></td>
<td class="size">${formatSize(m.size)}</td>
<td>${m.hasAttachments ? '<span class="pill" title="multipart/mixed: most likely has attachments">attachments</span>' : ''}</td>
</tr>`,
    )
    .join('\n');
  const pager =
    view.pageCount > 1
      ? `<nav class="pages">
<span>${view.page > 1 ? `<a href="/?page=${view.page - 1}">← Newer</a>` : ''}</span>
<span>Page ${view.page} of ${view.pageCount}</span>
<span>${view.page < view.pageCount ? `<a href="/?page=${view.page + 1}">Older →</a>` : ''}</span>
</nav>`
      : '';
  return layout(
    'Captured mail',
    bar,
    `<table>
<colgroup><col class="time"><col class="to"><col><col class="size"><col class="att"></colgroup>
<thead><tr><th>Received</th><th>To</th><th>Subject</th><th>Size</th><th><span class="sr-only">Attachments</span></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${pager}`,
  );
}

export interface AttachmentView {
  name: string;
  contentType: string;
  size: number;
  inline: boolean;
}

export interface MessagePage {
  message: CapturedMessage;
  headers: ReadonlyArray<[string, string]>;
  rawHeaderLines: readonly string[];
  text: string | undefined;
  hasHtml: boolean;
  attachments: readonly AttachmentView[];
}

export function renderMessage(view: MessagePage): string {
  const { message } = view;
  const base = `/messages/${message.id}`;
  const bar = `<h1><a href="/">ICC Hub mail capture</a></h1>
<a href="/">← All mail</a>
<span class="spacer"></span>
<a href="${base}/raw">Download .eml</a>`;
  const headers = [
    ...view.headers,
    ['Envelope from', message.from === '' ? '<>' : message.from],
    ['Envelope to', message.to.join(', ')],
    ['Received', `${formatTime(message.receivedAt)} · ${formatSize(message.size)}`],
  ]
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  const sections: string[] = [
    `<h2>${message.subject === '' ? '<em>(no subject)</em>' : escapeHtml(message.subject)}</h2>`,
    `<dl class="headers">\n${headers}\n</dl>`,
  ];
  if (view.hasHtml) {
    sections.push(
      `<h3>HTML part <span class="muted">· scripts, forms and remote content blocked</span></h3>`,
      `<iframe class="html-part" sandbox="" src="${base}/html" title="HTML part of the message" referrerpolicy="no-referrer"></iframe>`,
    );
  }
  if (view.text !== undefined && view.text.trim() !== '') {
    sections.push(`<h3>Text part</h3>`, `<pre>${escapeHtml(view.text.trimEnd())}</pre>`);
  }
  if (!view.hasHtml && (view.text === undefined || view.text.trim() === '')) {
    sections.push(`<h3>Body</h3>`, `<p class="muted">The message has no text or HTML part.</p>`);
  }
  if (view.attachments.length > 0) {
    const items = view.attachments
      .map(
        (a, index) => `<li><a href="${base}/attachments/${index}">${escapeHtml(a.name)}</a>
<span class="muted">${escapeHtml(a.contentType)} · ${formatSize(a.size)}${a.inline ? ' · inline' : ''}</span></li>`,
      )
      .join('\n');
    sections.push(
      `<h3>Attachments (${view.attachments.length})</h3>`,
      `<ul class="attachments">\n${items}\n</ul>`,
    );
  }
  sections.push(
    `<details><summary>All header lines</summary><pre>${escapeHtml(view.rawHeaderLines.join('\n'))}</pre></details>`,
  );
  return layout(
    message.subject === '' ? 'Captured mail' : message.subject,
    bar,
    sections.join('\n'),
  );
}

export function renderProblem(status: number, text: string): string {
  return layout(
    `${status}`,
    `<h1><a href="/">ICC Hub mail capture</a></h1>\n<a href="/">← All mail</a>`,
    `<p class="empty">${escapeHtml(text)}</p>`,
  );
}
