import type { FastifyInstance } from 'fastify';

/** Tools with pages of their own that run inline scripts (OpenAPI UI, the queues dashboard). */
const OWN_PAGES = /^\/api\/(docs|admin\/queues)(\/|$)/;

/**
 * The Content-Security-Policy of the browser app's pages: its own scripts and styles only, no
 * inline script, no plugins, no framing; it talks to the api (same origin) and to the live
 * process (its http and ws origin). Styles set from script (Preact's `style` props) go through
 * the CSSOM, which the policy does not restrict.
 */
export function pageCsp(liveOrigin: string): string {
  const live = new URL(liveOrigin);
  const socket = `${live.protocol === 'https:' ? 'wss' : 'ws'}://${live.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${live.origin} ${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every answer carries, whatever it is. */
export function commonSecurityHeaders(publicBaseUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
  // Only where the hub is served over TLS: a browser would otherwise pin plain http away.
  if (new URL(publicBaseUrl).protocol === 'https:') {
    headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  }
  return headers;
}

/**
 * The policy of everything that is not one of the app's pages (JSON, CSV and calendar downloads,
 * feeds, scripts, images): nothing may load or run, should a browser ever open it as a document.
 */
export const DOWNLOAD_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * Adds the security headers to every answer of the api process: the common ones everywhere (a
 * route's own value wins), the page policy on HTML and the download policy on anything else that
 * has none of its own (key-learnings files set their own, sandboxing one).
 */
export function registerSecurityHeaders(
  fastify: FastifyInstance,
  options: { publicBaseUrl: string; liveOrigin: string },
): void {
  const common = Object.entries(commonSecurityHeaders(options.publicBaseUrl));
  const csp = pageCsp(options.liveOrigin);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    for (const [name, value] of common) {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }
    const type = String(reply.getHeader('content-type') ?? '');
    // A 304 carries no body and no type, and browsers copy its headers onto the cached answer: a
    // download policy there would sandbox the cached page.
    if (
      type !== '' &&
      reply.statusCode !== 304 &&
      !reply.hasHeader('content-security-policy') &&
      !OWN_PAGES.test(request.url)
    ) {
      void reply.header(
        'content-security-policy',
        type.startsWith('text/html') ? csp : DOWNLOAD_CSP,
      );
    }
    done(null, payload);
  });
}
