import type {
  ApiErrorBody,
  ApiTokenView,
  Audience,
  CityView,
  ConsentPurpose,
  ConsentView,
  CreatedApiToken,
  EventDetail,
  Locale,
  MailRowView,
  MailState,
  MeView,
  EventSummary,
  SessionDetail,
  SessionLanguage,
  SessionView,
} from '@app/contracts';

export type { ApiTokenView, ConsentView, CreatedApiToken, MailRowView, MeView };

/** A failed API call: `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ApiErrorBody>).statusCode === 'number' &&
    typeof (value as Partial<ApiErrorBody>).message === 'string'
  );
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The CSRF token of the signed-in browser session (from the sign-in or GET /api/me). It lives in
 * memory only and goes out as `X-CSRF-Token` with every write; the session itself is an HttpOnly
 * cookie the page never sees.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorizedListener: (() => void) | null = null;

/** Called when a signed-in call answers 401; returns the function that stops listening. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListener = listener;
  return () => {
    if (unauthorizedListener === listener) unauthorizedListener = null;
  };
}

/** Calls whose 401 says nothing about a session: signing in, and the probe of who is signed in. */
const NO_SESSION_PATHS = new Set(['/api/auth/verify', '/api/auth/sign-in', '/api/me']);

async function request<T>(
  method: Method,
  path: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const { body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  // Fastify refuses a JSON content type on an empty body, so it is only named when there is one.
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: method === 'GET' && path.startsWith('/api/me') ? 'no-store' : 'default',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, error instanceof Error ? error.message : 'Network error');
  }
  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const aboutSession = !NO_SESSION_PATHS.has(path) || (path === '/api/me' && method !== 'GET');
    if (response.status === 401 && aboutSession) unauthorizedListener?.();
    if (isErrorBody(parsed)) throw new ApiError(response.status, parsed.message, parsed.details);
    throw new ApiError(response.status, response.statusText || `HTTP ${response.status}`);
  }
  return parsed as T;
}

function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
  return request<T>('GET', path, { signal });
}

export interface ProfileChanges {
  name?: string;
  organisation?: string;
  cityId?: string | null;
  locale?: Locale;
  timeZone?: string;
}

export type MailCounts = Record<MailState, number>;

/** Where the export is served, as an attachment; a plain link downloads it with the cookie. */
export const EXPORT_URL = '/api/me/export';
/** The queue dashboard (Bull Board) served by the api. */
export const QUEUE_DASHBOARD_URL = '/api/admin/queues';

export interface SessionFilters {
  day?: string;
  track?: string;
  audience?: Audience;
  language?: SessionLanguage;
}

export const api = {
  events: (signal: AbortSignal) => getJson<EventSummary[]>('/api/events', signal),
  event: (slug: string, signal: AbortSignal) =>
    getJson<EventDetail>(`/api/events/${encodeURIComponent(slug)}`, signal),
  sessions(slug: string, filters: SessionFilters, signal: AbortSignal) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) {
      if (typeof value === 'string' && value !== '') query.set(name, value);
    }
    const search = query.toString() ? `?${query.toString()}` : '';
    return getJson<SessionView[]>(
      `/api/events/${encodeURIComponent(slug)}/sessions${search}`,
      signal,
    );
  },
  session: (id: string, signal: AbortSignal) =>
    getJson<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}`, signal),
  cities: (signal: AbortSignal) => getJson<CityView[]>('/api/cities', signal),

  signIn: (email: string, locale: Locale) =>
    request<{ message: string }>('POST', '/api/auth/sign-in', { body: { email, locale } }),
  verify: (token: string, locale: Locale) =>
    request<{ accountId: string; csrfToken: string }>('POST', '/api/auth/verify', {
      body: { token, locale },
    }),
  signOut: () => request<void>('POST', '/api/auth/sign-out'),

  me: (signal?: AbortSignal) =>
    request<MeView & { csrfToken: string }>('GET', '/api/me', { signal }),
  updateMe: (changes: ProfileChanges) => request<MeView>('PATCH', '/api/me', { body: changes }),
  eraseMe: () => request<void>('DELETE', '/api/me'),

  tokens: (signal: AbortSignal) => getJson<ApiTokenView[]>('/api/me/tokens', signal),
  createToken: (label: string) =>
    request<CreatedApiToken>('POST', '/api/me/tokens', { body: { label } }),
  revokeToken: (id: string) => request<void>('DELETE', `/api/me/tokens/${encodeURIComponent(id)}`),

  consents: (signal: AbortSignal) => getJson<ConsentView[]>('/api/me/consents', signal),
  grantConsent: (purpose: ConsentPurpose, wordingVersion: string) =>
    request<unknown>('POST', '/api/me/consents', { body: { purpose, wordingVersion } }),
  withdrawConsent: (purpose: ConsentPurpose) =>
    request<unknown>('DELETE', `/api/me/consents/${encodeURIComponent(purpose)}`),

  mailSummary: (signal: AbortSignal) => getJson<MailCounts>('/api/admin/mail/summary', signal),
  mails: (state: MailState | '', signal: AbortSignal) =>
    getJson<MailRowView[]>(
      `/api/admin/mail?${new URLSearchParams({ ...(state ? { state } : {}), limit: '100' }).toString()}`,
      signal,
    ),
  resendMail: (id: string) =>
    request<MailRowView>('POST', `/api/admin/mail/${encodeURIComponent(id)}/resend`),
};
