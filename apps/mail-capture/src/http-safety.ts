import { isIPv4, isIPv6 } from 'node:net';

/** Pages: nothing runs, nothing loads from elsewhere, only this origin may frame them. */
export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "frame-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
].join('; ');

/**
 * A captured HTML part is hostile until shown otherwise: no scripts, no remote loads (embedded
 * images arrive as data: URLs), no forms, and sandboxed even when opened outside its iframe.
 */
export const MESSAGE_HTML_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "form-action 'none'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  'sandbox',
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return isIPv6(address) && /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(address);
}

/**
 * Host names a browser on this machine uses to reach the capture; anything else is a DNS
 * rebinding attempt (a remote page whose name resolves to 127.0.0.1) and is refused.
 */
export function allowedHosts(port: number): Set<string> {
  return new Set(['127.0.0.1', 'localhost', '[::1]'].map((host) => `${host}:${port}`));
}

export interface RequestFacts {
  method: string;
  remoteAddress: string | undefined;
  host: string | undefined;
  origin: string | undefined;
}

/**
 * Why a request is refused, if it is: not from this machine, not addressed to a loopback name, or
 * a state change sent from another origin (a form a foreign page submits carries its Origin).
 */
export function refusal(request: RequestFacts, hosts: ReadonlySet<string>): string | undefined {
  if (!isLoopback(request.remoteAddress)) return 'Only this machine may read captured mail.';
  if (!hosts.has(request.host ?? '')) return 'Unknown host name.';
  const changes = request.method !== 'GET' && request.method !== 'HEAD';
  if (changes && request.origin !== undefined && request.origin !== `http://${request.host}`) {
    return 'Cross-origin request.';
  }
  return undefined;
}

/** RFC 6266 `attachment` disposition with an ASCII fallback and the exact name in filename*. */
export function attachmentDisposition(name: string | undefined, fallback: string): string {
  const clean = (name ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/.*[/\\]/, '')
    .trim()
    .replace(/^\.+/, '');
  const chosen = clean === '' ? fallback : clean;
  const ascii = chosen.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(chosen).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return ascii === chosen
    ? `attachment; filename="${ascii}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;
const CHARSET = /^[a-z0-9][a-z0-9_.:+-]{0,39}$/i;

/** The attachment's declared type when well-formed, else octet-stream; text keeps its charset. */
export function safeContentType(type: string | undefined, charset: string | undefined): string {
  const base = type && MIME_TYPE.test(type) ? type.toLowerCase() : 'application/octet-stream';
  return base.startsWith('text/') && charset && CHARSET.test(charset)
    ? `${base}; charset=${charset.toLowerCase()}`
    : base;
}
