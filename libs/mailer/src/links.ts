import { MailerInputError } from './mailer.errors.js';

const MAX_URL_LENGTH = 2048;
/** RFC 3986 `pchar`, with percent signs checked separately. */
const PATH_SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]+$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
/** URL parsers resolve `.`, `..` and their percent-encoded forms, which would leave the base. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function parseBaseUrl(publicBaseUrl: string): URL {
  let base: URL;
  try {
    base = new URL(publicBaseUrl);
  } catch {
    throw new MailerInputError('INVALID_BASE_URL', 'publicBaseUrl is not an absolute URL');
  }
  if (
    (base.protocol !== 'https:' && base.protocol !== 'http:') ||
    base.username !== '' ||
    base.password !== '' ||
    base.search !== '' ||
    base.hash !== ''
  ) {
    throw new MailerInputError(
      'INVALID_BASE_URL',
      'publicBaseUrl must be an http(s) URL without credentials, query or fragment',
    );
  }
  return base;
}

function assertPlainPath(path: string): void {
  const plain =
    path.startsWith('/') &&
    path.length <= MAX_URL_LENGTH &&
    (path === '/' ||
      path
        .slice(1)
        .split('/')
        .every(
          (segment, index, all) =>
            (segment === '' && index === all.length - 1) ||
            (PATH_SEGMENT.test(segment) &&
              !BAD_PERCENT.test(segment) &&
              !DOT_SEGMENT.test(segment)),
        ));
  if (!plain) {
    throw new MailerInputError('INVALID_PATH', 'hub links need a plain absolute path such as /x/y');
  }
}

/**
 * A link into the hub: the configured public base URL (which may carry a path prefix) plus a
 * plain absolute path, never anything taken from a request. Query values are encoded here so a
 * caller never pastes them into the path.
 */
export function buildHubUrl(
  publicBaseUrl: string,
  path: string,
  query: Readonly<Record<string, string>> = {},
): string {
  const base = parseBaseUrl(publicBaseUrl);
  assertPlainPath(path);
  const prefix = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${base.origin}${prefix}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  if (url.origin !== base.origin || !url.pathname.startsWith(`${prefix}/`)) {
    throw new MailerInputError('INVALID_PATH', 'hub link would leave the public base URL');
  }
  return url.href;
}

/**
 * An external link (such as a virtual room) that is fit to put in a mail: absolute http(s), no
 * credentials (`https://hub.example@evil.example` reads like the hub), no whitespace or control
 * characters. Returns the normalised URL, or null when the link should be left out.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const candidate = value.trim();
  if (candidate === '' || candidate.length > MAX_URL_LENGTH || /[\s\p{Cc}]/u.test(candidate)) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}
