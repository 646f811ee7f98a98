const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The normalised URL when a link may be followed from a key-learnings document, otherwise null.
 * Only absolute http, https and mailto URLs pass: the text comes partly from the public, so
 * `javascript:`, `data:`, `file:` and relative paths (meaningless in a downloaded file) are refused.
 */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (!/^(?:https?:|mailto:)/i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return ALLOWED_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
