import type {
  ApiErrorBody,
  ApiTokenView,
  Audience,
  CalendarFeedView,
  AvailabilityWindow,
  CityView,
  ConsentPurpose,
  ConsentView,
  CreatedApiToken,
  DraftSessionPerson,
  DraftSessionView,
  EventDayView,
  EventDetail,
  EventKind,
  InvitationImportResult,
  InvitationListView,
  InvitationPublicView,
  InvitationRole,
  KeyLearningDraftView,
  KeyLearningPublicView,
  KeyLearningVersionView,
  LiveInfo,
  Locale,
  MailRowView,
  MailState,
  MeView,
  MyAgenda,
  MyRegistrationView,
  EventSummary,
  ReleasePreview,
  ReleaseSummaryView,
  PublishedReleaseView,
  RegistrationResult,
  RegistrationView,
  ReleaseView,
  ScheduleConflict,
  SessionDetail,
  SessionFormat,
  SessionLanguage,
  SessionStatus,
  SessionView,
  SpeakerAdminView,
  StreamView,
  TrackKind,
  TrackView,
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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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

/**
 * Calls whose 401 says nothing about a session: signing in, the probe of who is signed in, and the
 * invitee's answer links (their token is the credential, not the session).
 */
const NO_SESSION_PATHS = new Set([
  '/api/auth/verify',
  '/api/auth/sign-in',
  '/api/me',
  '/api/invitations/lookup',
  '/api/invitations/respond',
]);

async function request<T>(
  method: Method,
  path: string,
  options: { body?: unknown; signal?: AbortSignal; fresh?: boolean } = {},
): Promise<T> {
  const { body, signal, fresh = false } = options;
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
      cache: fresh || (method === 'GET' && path.startsWith('/api/me')) ? 'no-store' : 'default',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, error instanceof Error ? error.message : 'Network error');
  }
  if (response.status === 204) return undefined as T;
  const parsed: unknown = await response.json().catch(() => null);
  // Aborted while the body was read: the caller asked for nothing any more (never a null result).
  signal?.throwIfAborted();
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

/** For what an organiser has just changed: never an answer a cache kept. */
function getFresh<T>(path: string, signal: AbortSignal): Promise<T> {
  return request<T>('GET', path, { signal, fresh: true });
}

export interface ProfileChanges {
  name?: string;
  organisation?: string;
  cityId?: string | null;
  locale?: Locale;
  timeZone?: string;
  /** Mails announcing published key learnings carry the PDF too. */
  keyLearningsPdf?: boolean;
}

export type MailCounts = Record<MailState, number>;

/** Where the export is served, as an attachment; a plain link downloads it with the cookie. */
export const EXPORT_URL = '/api/me/export';
/** The queue dashboard (Bull Board) served by the api. */
export const QUEUE_DASHBOARD_URL = '/api/admin/queues';

/*
 * Bodies of the organiser's writes. The api validates them (unknown properties are refused);
 * these mirror its DTOs, which libs/contracts does not carry.
 */
export interface EventSettings {
  kind: EventKind;
  title: string;
  summary: string;
  timeZone: string;
  startDate: string;
  endDate: string;
  venue: string | null;
}

export interface NewEvent extends EventSettings {
  slug: string;
}

export interface DayInput {
  date: string;
  title: string;
  description: string;
}

export interface TrackInput {
  slug: string;
  name: string;
  kind: TrackKind;
  color: string;
}

export interface StreamInput {
  name: string;
  virtualUrl: string | null;
  capacity: number | null;
}

export interface DraftSessionInput {
  title: string;
  abstract: string;
  format: SessionFormat;
  audience: Audience;
  language: SessionLanguage;
  status: SessionStatus;
  capacity: number | null;
  trackId: string | null;
  streamId: string | null;
  dayId: string | null;
  startsAt: string;
  endsAt: string;
  people: DraftSessionPerson[];
}

export interface SavedDraftSession {
  session: DraftSessionView;
  /** The conflicts the saved session takes part in. */
  conflicts: ScheduleConflict[];
}

export interface SpeakerInput {
  name: string;
  title: string | null;
  organisation: string | null;
  bio: string | null;
  cityId: string | null;
  email: string | null;
  availability: AvailabilityWindow[];
}

export interface Invitee {
  name: string;
  email: string;
  city?: string;
  role: InvitationRole;
}

export interface PublishRequest {
  name: string;
  notes?: string;
  overrideReason?: string;
}

export type InvitationAnswer = 'accept' | 'decline';

function eventPath(slug: string, rest = ''): string {
  return `/api/events/${encodeURIComponent(slug)}${rest}`;
}

/** Calendar files and feeds are plain links: the browser downloads them or hands them on. */
export const feeds = {
  event: (slug: string) => eventPath(slug, '/calendar.ics'),
  day: (slug: string, date: string) =>
    eventPath(slug, `/days/${encodeURIComponent(date)}/calendar.ics`),
  track: (slug: string, trackSlug: string) =>
    eventPath(slug, `/tracks/${encodeURIComponent(trackSlug)}/calendar.ics`),
  session: (id: string) => `/api/sessions/${encodeURIComponent(id)}/calendar.ics`,
  releasesAtom: (slug: string) => eventPath(slug, '/schedule/releases.atom'),
};

/** The same feed for calendar apps that subscribe (`webcal://` is `http(s)://` for them). */
export function webcalUrl(path: string): string {
  return `webcal://${window.location.host}${path}`;
}

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
  /** The event as its organisers are changing it. */
  freshEvent: (slug: string, signal: AbortSignal) =>
    getFresh<EventDetail>(`/api/events/${encodeURIComponent(slug)}`, signal),
  /** Seats left change with every registration: sessions are never an answer a cache kept. */
  sessions(slug: string, filters: SessionFilters, signal: AbortSignal) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(filters)) {
      if (typeof value === 'string' && value !== '') query.set(name, value);
    }
    const search = query.toString() ? `?${query.toString()}` : '';
    return getFresh<SessionView[]>(
      `/api/events/${encodeURIComponent(slug)}/sessions${search}`,
      signal,
    );
  },
  session: (id: string, signal: AbortSignal) =>
    getFresh<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}`, signal),
  cities: (signal: AbortSignal) => getJson<CityView[]>('/api/cities', signal),
  /** Where the live rooms are served (their own process and port). */
  live: (signal: AbortSignal) => getFresh<LiveInfo>('/api/live', signal),

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

/** Programme building: the event, its structure and its private draft (organisers). */
export const programmeApi = {
  createEvent: (body: NewEvent) => request<EventDetail>('POST', '/api/events', { body }),
  updateEvent: (slug: string, body: Partial<EventSettings>) =>
    request<EventDetail>('PATCH', eventPath(slug), { body }),

  createDay: (slug: string, body: DayInput) =>
    request<EventDayView>('POST', eventPath(slug, '/days'), { body }),
  updateDay: (slug: string, id: string, body: DayInput) =>
    request<EventDayView>('PATCH', eventPath(slug, `/days/${encodeURIComponent(id)}`), { body }),
  deleteDay: (slug: string, id: string) =>
    request<void>('DELETE', eventPath(slug, `/days/${encodeURIComponent(id)}`)),

  createTrack: (slug: string, body: TrackInput) =>
    request<TrackView>('POST', eventPath(slug, '/tracks'), { body }),
  updateTrack: (slug: string, id: string, body: TrackInput) =>
    request<TrackView>('PATCH', eventPath(slug, `/tracks/${encodeURIComponent(id)}`), { body }),
  deleteTrack: (slug: string, id: string) =>
    request<void>('DELETE', eventPath(slug, `/tracks/${encodeURIComponent(id)}`)),

  createStream: (slug: string, body: StreamInput) =>
    request<StreamView>('POST', eventPath(slug, '/streams'), { body }),
  updateStream: (slug: string, id: string, body: StreamInput) =>
    request<StreamView>('PATCH', eventPath(slug, `/streams/${encodeURIComponent(id)}`), { body }),
  deleteStream: (slug: string, id: string) =>
    request<void>('DELETE', eventPath(slug, `/streams/${encodeURIComponent(id)}`)),

  draftSessions: (slug: string, signal: AbortSignal) =>
    getFresh<DraftSessionView[]>(eventPath(slug, '/draft/sessions'), signal),
  createDraftSession: (slug: string, body: DraftSessionInput) =>
    request<SavedDraftSession>('POST', eventPath(slug, '/draft/sessions'), { body }),
  updateDraftSession: (slug: string, id: string, body: Partial<DraftSessionInput>) =>
    request<SavedDraftSession>(
      'PATCH',
      eventPath(slug, `/draft/sessions/${encodeURIComponent(id)}`),
      { body },
    ),
  deleteDraftSession: (slug: string, id: string) =>
    request<void>('DELETE', eventPath(slug, `/draft/sessions/${encodeURIComponent(id)}`)),
  draftConflicts: (slug: string, signal: AbortSignal) =>
    getFresh<ScheduleConflict[]>(eventPath(slug, '/draft/conflicts'), signal),

  speakers: (signal: AbortSignal) => getFresh<SpeakerAdminView[]>('/api/speakers', signal),
  createSpeaker: (body: SpeakerInput) =>
    request<SpeakerAdminView>('POST', '/api/speakers', { body }),
  updateSpeaker: (id: string, body: SpeakerInput) =>
    request<SpeakerAdminView>('PATCH', `/api/speakers/${encodeURIComponent(id)}`, { body }),

  releasePreview: (slug: string, signal: AbortSignal) =>
    getFresh<ReleasePreview>(eventPath(slug, '/schedule/preview'), signal),
  publish: (slug: string, body: PublishRequest) =>
    request<PublishedReleaseView>('POST', eventPath(slug, '/schedule/releases'), { body }),
};

/** Published releases: public. */
export const releasesApi = {
  list: (slug: string, signal: AbortSignal) =>
    getJson<ReleaseSummaryView[]>(eventPath(slug, '/schedule/releases'), signal),
  one: (slug: string, number: number, signal: AbortSignal) =>
    getJson<ReleaseView>(eventPath(slug, `/schedule/releases/${number}`), signal),
};

export const invitationsApi = {
  list: (slug: string, signal: AbortSignal) =>
    getFresh<InvitationListView>(eventPath(slug, '/invitations'), signal),
  invite: (slug: string, invitees: Invitee[]) =>
    request<InvitationImportResult>('POST', eventPath(slug, '/invitations'), {
      body: { invitees },
    }),
  importCsv: (slug: string, csv: string) =>
    request<InvitationImportResult>('POST', eventPath(slug, '/invitations/csv'), {
      body: { csv },
    }),
  remind: (slug: string) =>
    request<{ reminded: number }>('POST', eventPath(slug, '/invitations/reminders')),

  /** The invitee's side: the token from the mail is the only credential. */
  lookup: (token: string) =>
    request<InvitationPublicView>('POST', '/api/invitations/lookup', { body: { token } }),
  respond: (token: string, answer: InvitationAnswer) =>
    request<InvitationPublicView>('POST', '/api/invitations/respond', {
      body: { token, answer },
    }),
};

function registrationPath(sessionId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/registration`;
}

/** The signed-in person's own registrations, agenda and private calendar feed. */
export const registrationsApi = {
  register: (sessionId: string) => request<RegistrationResult>('POST', registrationPath(sessionId)),
  cancel: (sessionId: string) => request<void>('DELETE', registrationPath(sessionId)),
  /** Mine for one session, cancelled ones included; null when I never registered. */
  async mine(sessionId: string, signal: AbortSignal): Promise<RegistrationView | null> {
    try {
      return await getFresh<RegistrationView>(registrationPath(sessionId), signal);
    } catch (error) {
      if (error instanceof ApiError && error.isNotFound) return null;
      throw error;
    }
  },
  /** My confirmed and waiting registrations in every event: one call for a whole agenda. */
  all: (signal: AbortSignal) => getFresh<MyRegistrationView[]>('/api/me/registrations', signal),
  agenda: (signal: AbortSignal) => getFresh<MyAgenda>('/api/me/agenda', signal),
  feed: (signal: AbortSignal) => getFresh<CalendarFeedView>('/api/me/calendar-feed', signal),
  resetFeed: () => request<CalendarFeedView>('POST', '/api/me/calendar-feed/reset'),
};

/** Whose key learnings: a session's, or a whole day's of an event. */
export type KeyLearningTarget =
  { scope: 'session'; sessionId: string } | { scope: 'day'; slug: string; date: string };

function keyLearningsPath(target: KeyLearningTarget): string {
  return target.scope === 'session'
    ? `/api/sessions/${encodeURIComponent(target.sessionId)}/key-learnings`
    : eventPath(target.slug, `/days/${encodeURIComponent(target.date)}/key-learnings`);
}

export interface KeyLearningDraftInput {
  notes: string;
  digest: string;
  /** The revision the editor loaded: the api answers 409 when a newer one was saved since. */
  revision: number;
}

/** Key learnings: the published page for readers, the draft for rapporteurs and organisers. */
export const keyLearningsApi = {
  page: (target: KeyLearningTarget, signal: AbortSignal) =>
    getFresh<KeyLearningPublicView>(keyLearningsPath(target), signal),
  draft: (target: KeyLearningTarget, signal?: AbortSignal) =>
    request<KeyLearningDraftView>('GET', `${keyLearningsPath(target)}/draft`, {
      signal,
      fresh: true,
    }),
  save: (target: KeyLearningTarget, body: KeyLearningDraftInput) =>
    request<KeyLearningDraftView>('PUT', `${keyLearningsPath(target)}/draft`, { body }),
  /** Sessions only: compiles the digest from the live Q&A again, saved as a new revision. */
  recompile: (sessionId: string) =>
    request<KeyLearningDraftView>(
      'POST',
      `/api/sessions/${encodeURIComponent(sessionId)}/key-learnings/digest`,
    ),
  publish: (target: KeyLearningTarget, revision: number) =>
    request<KeyLearningVersionView>('POST', `${keyLearningsPath(target)}/versions`, {
      body: { revision },
    }),
  preview: (markdown: string, signal: AbortSignal) =>
    request<{ html: string }>('POST', '/api/key-learnings/preview', {
      body: { markdown },
      signal,
    }),
};
