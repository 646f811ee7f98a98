import { Marked, type Tokens } from 'marked';
import { escapeHtml, escapeHtmlKeepEntities } from './escape.js';
import { safeHref } from './safe-url.js';

const LINK_REL = 'noopener noreferrer nofollow';

function anchor(href: string, title: string | null | undefined, innerHtml: string): string {
  const titleAttr = title ? ` title="${escapeHtmlKeepEntities(title)}"` : '';
  return `<a href="${escapeHtml(href)}" rel="${LINK_REL}"${titleAttr}>${innerHtml}</a>`;
}

/*
 * One private instance: `marked.use` would change the global parser for every other caller in
 * the process. Raw HTML, unsafe links and images are neutralised here, in the renderer, so the
 * output is safe to embed without a separate sanitiser.
 */
const safeMarked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      const text = escapeHtml(token.text);
      return token.block ? `<p>${text.trimEnd()}</p>\n` : text;
    },
    // Text inside a raw <script>/<pre> run arrives flagged `escaped` but is in fact raw source.
    text(token: Tokens.Text | Tokens.Escape): string {
      if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
      if (token.type === 'text' && token.escaped) return escapeHtml(token.text);
      return token.type === 'escape' ? escapeHtml(token.text) : escapeHtmlKeepEntities(token.text);
    },
    code({ text, lang }: Tokens.Code): string {
      const language = /^[\w+#.-]{1,40}/.exec(lang ?? '')?.[0];
      const cls = language ? ` class="language-${escapeHtml(language)}"` : '';
      return `<pre><code${cls}>${escapeHtml(text.replace(/\n$/, ''))}\n</code></pre>\n`;
    },
    link({ href, title, text, tokens, autolink }: Tokens.Link): string {
      const inner = autolink ? escapeHtml(text) : this.parser.parseInline(tokens);
      const url = safeHref(href);
      return url === null ? inner : anchor(url, title, inner);
    },
    // A download must not fetch remote images (tracking, broken offline): the alt text stands in.
    image({ href, title, text, tokens }: Tokens.Image): string {
      const alt = tokens.length ? this.parser.parseInline(tokens, this.parser.textRenderer) : text;
      const label = escapeHtmlKeepEntities(alt.trim() || 'image');
      const url = safeHref(href);
      return url !== null && /^https?:/.test(url) ? anchor(url, title, label) : label;
    },
  },
});

/**
 * Renders the Markdown of a key-learnings document to an HTML body fragment (GFM) that is safe to
 * embed: raw HTML shows as text, only http/https/mailto links survive (with
 * rel="noopener noreferrer nofollow") and images become their alt text, because the source mixes
 * rapporteur text with questions typed by the public.
 */
export function markdownToHtml(markdown: string): string {
  return safeMarked.parse(markdown, { async: false });
}
