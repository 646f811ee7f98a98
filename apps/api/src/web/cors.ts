import type { ApiErrorBody } from '@app/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
/** What the web app sends: JSON, the CSRF token of a cookie session, a bearer token, a request id. */
const ALLOWED_HEADERS = 'authorization, content-type, x-csrf-token, x-request-id';
/** What a page on another allowed origin may read: file names of downloads, back-off, the request id. */
const EXPOSED_HEADERS = 'content-disposition, retry-after, x-request-id';
/** Browsers cap this anyway (Chromium at 2 hours); ten minutes keeps an allowlist change quick. */
const PREFLIGHT_MAX_AGE_SECONDS = '600';

export const CROSS_SITE_REFUSED: ApiErrorBody = {
  statusCode: 403,
  error: 'Forbidden',
  message: 'Cross-site request refused',
};

export type CorsDecision =
  /** No Origin header: a same-origin read, or a client outside a browser; nothing to add. */
  | { kind: 'none' }
  /** An allowed origin: its CORS headers; a preflight is answered with them and nothing else. */
  | { kind: 'allow'; headers: Record<string, string>; preflight: boolean }
  /** Another origin: no CORS headers; a preflight gets an empty answer the browser will refuse. */
  | { kind: 'deny-preflight' }
  /** Another origin writing: refused before anything runs (cross-site request forgery). */
  | { kind: 'refuse' }
  /** Another origin reading: served without CORS headers, so its page cannot read the answer. */
  | { kind: 'pass' };

/**
 * What the api does with a request's Origin. Browsers send Origin with every cross-origin request
 * and with same-origin writes; allowed origins (`CORS_ORIGINS` and the public base) are echoed with
 * credentials, since sign-in keeps a cookie. A write whose Origin is present and not allowed never
 * reaches a route, whatever its credentials; one without an Origin comes from outside a browser,
 * where bearer tokens and the CSRF token of cookie sessions protect it.
 */
export function corsDecision(
  request: { method: string; headers: Record<string, string | string[] | undefined> },
  allowed: ReadonlySet<string>,
): CorsDecision {
  const origin = request.headers.origin;
  if (origin === undefined) return { kind: 'none' };
  const preflight =
    request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
  if (typeof origin === 'string' && allowed.has(origin)) {
    const headers: Record<string, string> = {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
    };
    if (preflight) {
      headers['access-control-allow-methods'] = ALLOWED_METHODS;
      headers['access-control-allow-headers'] = ALLOWED_HEADERS;
      headers['access-control-max-age'] = PREFLIGHT_MAX_AGE_SECONDS;
    } else {
      headers['access-control-expose-headers'] = EXPOSED_HEADERS;
    }
    return { kind: 'allow', headers, preflight };
  }
  if (preflight) return { kind: 'deny-preflight' };
  return STATE_CHANGING.has(request.method) ? { kind: 'refuse' } : { kind: 'pass' };
}

/** Adds `field` to the reply's Vary header unless it is there already. */
function vary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  const fields = String(current ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (fields.includes('*') || fields.includes(field.toLowerCase())) return;
  void reply.header('vary', current ? `${String(current)}, ${field}` : field);
}

/**
 * The api's CORS allowlist, on every route of the process (Nest's, the web app's, the queues
 * dashboard's) and on paths without a route, so that preflights are answered wherever they go.
 * Every answer varies by Origin: a cache must not hand one origin's answer to another.
 */
export function registerCors(fastify: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const decision = corsDecision(request, allowed);
    switch (decision.kind) {
      case 'allow':
        void reply.headers(decision.headers);
        if (decision.preflight) return reply.code(204).send();
        return undefined;
      case 'deny-preflight':
        return reply.code(204).send();
      case 'refuse':
        return reply.code(403).send(CROSS_SITE_REFUSED);
      default:
        return undefined;
    }
  });
  // On the way out, after a route has set a Vary of its own.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    vary(reply, 'Origin');
    done(null, payload);
  });
}
