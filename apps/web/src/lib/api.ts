import type {
  ApiErrorBody,
  Audience,
  EventDetail,
  EventSummary,
  SessionDetail,
  SessionLanguage,
  SessionView,
} from '@app/contracts';

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

async function getJson<T>(path: string, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, error instanceof Error ? error.message : 'Network error');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(response.status, body.message, body.details);
    throw new ApiError(response.status, response.statusText || `HTTP ${response.status}`);
  }
  return body as T;
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
};
