import type { SessionDetail } from './api.js';
import type {
  Audience,
  SessionFormat,
  SessionLanguage,
  SessionPersonRole,
  SessionStatus,
} from './enums.js';

/** Shapes of programme building, schedule releases and invitations (organiser and public). */

/** A window in which a speaker can take part, UTC ISO-8601. */
export interface AvailabilityWindow {
  startsAt: string;
  endsAt: string;
}

/** A person on the programme as organisers see them (email and availability are private). */
export interface SpeakerAdminView {
  id: string;
  name: string;
  title: string | null;
  organisation: string | null;
  bio: string | null;
  cityId: string | null;
  email: string | null;
  /** Empty means no constraint was given. */
  availability: AvailabilityWindow[];
}

export interface DraftSessionPerson {
  speakerId: string;
  role: SessionPersonRole;
}

/** A session in the private draft of its event. */
export interface DraftSessionView {
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
  capacity: number | null;
  startsAt: string;
  endsAt: string;
  people: Array<DraftSessionPerson & { name: string }>;
  /** Whether any release has carried this session (then it can be cancelled, not deleted). */
  published: boolean;
  updatedAt: string;
}

export const CONFLICT_KINDS = [
  'speaker-double-booked',
  'moderator-double-booked',
  'speaker-unavailable',
  'stream-overlap',
  'outside-event-dates',
  'stream-change-too-short',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Hard conflicts block publishing (unless overridden with a reason); soft ones are warnings. */
export type ConflictSeverity = 'hard' | 'soft';

export interface ScheduleConflict {
  kind: ConflictKind;
  severity: ConflictSeverity;
  /** The sessions involved, in time order. */
  sessionIds: string[];
  /** The person involved, for person conflicts. */
  speakerId?: string;
  streamId?: string;
  /** A sentence an organiser can act on (English; the editor renders its own from the fields). */
  message: string;
}

/** A session as a release froze it: what the public sees and calendars carry (seats are live). */
export interface ReleasedSession extends Omit<SessionDetail, 'seatsLeft'> {
  /** iCalendar SEQUENCE at this release. */
  sequence: number;
}

export interface ReleaseSnapshot {
  sessions: ReleasedSession[];
}

export const SESSION_CHANGE_KINDS = ['new', 'moved', 'changed', 'cancelled'] as const;
export type SessionChangeKind = (typeof SESSION_CHANGE_KINDS)[number];

/** What differs in a session between two releases. `time`, `place`, `link` move calendars. */
export const SESSION_CHANGE_FIELDS = [
  'time',
  'place',
  'link',
  'title',
  'abstract',
  'people',
  'audience',
  'language',
  'capacity',
  'track',
  'format',
] as const;
export type SessionChangeField = (typeof SESSION_CHANGE_FIELDS)[number];

export interface SessionChange {
  sessionId: string;
  kind: SessionChangeKind;
  title: string;
  fields: SessionChangeField[];
  before: { startsAt: string; endsAt: string; stream: string | null } | null;
  after: { startsAt: string; endsAt: string; stream: string | null } | null;
  /** People added to or withdrawn from the session (speaker ids). */
  peopleAdded: string[];
  peopleRemoved: string[];
}

export interface ReleaseDiff {
  changes: SessionChange[];
  counts: Record<SessionChangeKind, number>;
}

export interface ReleaseSummaryView {
  number: number;
  name: string;
  notes: string;
  publishedAt: string;
  counts: Record<SessionChangeKind, number>;
}

export interface ReleaseView extends ReleaseSummaryView {
  diff: ReleaseDiff;
}

/** What the publishing organiser gets back; the reason stays in the audit log, not in public. */
export interface PublishedReleaseView extends ReleaseView {
  /** Set when the organiser published over hard conflicts. */
  overrideReason: string | null;
}

/** What publishing now would do: the diff against the latest release and what blocks it. */
export interface ReleasePreview {
  basedOn: number | null;
  diff: ReleaseDiff;
  conflicts: ScheduleConflict[];
  /** Mails publishing would queue. */
  notices: { updates: number; cancellations: number; invitations: number };
}

export const INVITATION_ROLES = ['mayor', 'speaker', 'delegate', 'guest'] as const;
export type InvitationRole = (typeof INVITATION_ROLES)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface InvitationView {
  id: string;
  name: string;
  email: string;
  city: string | null;
  role: InvitationRole;
  status: InvitationStatus;
  invitedAt: string;
  respondedAt: string | null;
  remindersSent: number;
  lastRemindedAt: string | null;
}

export interface InvitationListView {
  counts: Record<InvitationStatus, number>;
  invitations: InvitationView[];
}

export interface InvitationImportResult {
  invited: number;
  /** Already invited: nothing sent again. */
  alreadyInvited: number;
  /** Lines refused, with the reason (1-based line numbers for CSV). */
  rejected: Array<{ line: number; reason: string }>;
}

/** What the invitee sees on the accept/decline page: no one else's data. */
export interface InvitationPublicView {
  eventSlug: string;
  eventTitle: string;
  eventStartDate: string;
  eventEndDate: string;
  timeZone: string;
  venue: string | null;
  name: string;
  role: InvitationRole;
  status: InvitationStatus;
}
