import type { MailState } from './queues.js';
import type {
  Audience,
  CityRole,
  EventKind,
  EventRole,
  SessionFormat,
  SessionLanguage,
  SessionPersonRole,
  SessionStatus,
  TrackKind,
} from './enums.js';

/** Shapes of the public REST API (v1). Times are UTC ISO-8601; `timeZone` is the event's IANA zone. */

export interface EventSummary {
  id: string;
  slug: string;
  kind: EventKind;
  title: string;
  summary: string;
  timeZone: string;
  /** First and last day, `YYYY-MM-DD` in the event's time zone. */
  startDate: string;
  endDate: string;
  venue: string | null;
  isDemo: boolean;
}

export interface EventDayView {
  id: string;
  date: string;
  dayNumber: number;
  title: string;
  description: string;
}

export interface TrackView {
  id: string;
  slug: string;
  name: string;
  kind: TrackKind;
  color: string;
}

export interface StreamView {
  id: string;
  name: string;
  virtualUrl: string | null;
  capacity: number | null;
}

export interface EventDetail extends EventSummary {
  /** Minutes a person needs between sessions in different streams (conflict detection). */
  streamChangeBufferMinutes: number;
  days: EventDayView[];
  tracks: TrackView[];
  streams: StreamView[];
}

export interface SessionPersonView {
  id: string;
  name: string;
  title: string | null;
  organisation: string | null;
  role: SessionPersonRole;
}

export interface SessionView {
  id: string;
  eventSlug: string;
  dayId: string | null;
  trackId: string | null;
  streamId: string | null;
  title: string;
  abstract: string;
  format: SessionFormat;
  audience: Audience;
  language: SessionLanguage;
  status: SessionStatus;
  /** Seats in all; live (organisers change it between releases); null means no limit. */
  capacity: number | null;
  /** Free seats now; null when there is no limit. */
  seatsLeft: number | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  isDemo: boolean;
  people: SessionPersonView[];
}

export interface SpeakerDetailView extends SessionPersonView {
  bio: string | null;
  city: string | null;
}

export interface SessionDetail extends SessionView {
  track: TrackView | null;
  stream: StreamView | null;
  day: EventDayView | null;
  people: SpeakerDetailView[];
}

export interface CityView {
  id: string;
  name: string;
  country: string;
  role: CityRole;
}

export type HealthState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: {
    database: HealthState;
    redis: HealthState;
    worker: HealthState;
  };
}

/** Every error the API returns has this shape. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: string[];
}

/** The signed-in person, as GET /api/me and PATCH /api/me describe them. */
export interface MeView {
  id: string;
  email: string | null;
  name: string;
  organisation: string;
  cityId: string | null;
  locale: string;
  timeZone: string;
  /** Mails with published key learnings carry the PDF (else only the link). */
  keyLearningsPdf: boolean;
  roles: Array<{ eventSlug: string | null; role: EventRole }>;
}

export interface ApiTokenView {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
}

export interface CreatedApiToken {
  id: string;
  label: string;
  /** The secret itself: the only time the api ever shows it. */
  token: string;
  expiresAt: string;
}

export interface ConsentView {
  purpose: string;
  wordingVersion: string;
  grantedAt: string;
  withdrawnAt: string | null;
}

/** One outbox row as organisers see it. */
export interface MailRowView {
  id: string;
  recipientEmail: string;
  template: string;
  state: MailState;
  attempts: number;
  lastError: string | null;
  messageId: string;
  createdAt: string;
  sentAt: string | null;
}
