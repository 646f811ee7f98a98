import type { RegistrationStatus, SessionStatus } from './enums.js';

/** Shapes of session registration (attendees) and its numbers (organisers). */

/**
 * Why a registration is refused. The error body carries the code as its only `details` entry,
 * so a client can word the refusal in its own language; `message` says it in English.
 */
export const REGISTRATION_REFUSALS = [
  'session-cancelled',
  'session-over',
  'not-open-yet',
  'closed',
  'cities-only',
  'invitation-required',
  'quota-reached',
] as const;
export type RegistrationRefusal = (typeof REGISTRATION_REFUSALS)[number];

/** The answer to "register me": 201 when it is new, 200 when it was so already. */
export interface RegistrationResult {
  status: 'confirmed' | 'waitlisted';
  /** 1 = next to get a seat; null when confirmed. */
  position: number | null;
  sessionId: string;
  /** Free seats once this answer was given; null when the session has no limit. */
  seatsLeft: number | null;
}

/** My registration for one session. */
export interface RegistrationView {
  sessionId: string;
  status: RegistrationStatus;
  position: number | null;
  seatsLeft: number | null;
  confirmedAt: string | null;
  waitlistedAt: string | null;
  cancelledAt: string | null;
}

/** One of my live registrations, with the session as the latest release shows it. */
export interface MyRegistrationView {
  sessionId: string;
  eventSlug: string;
  eventTitle: string;
  sessionTitle: string;
  startsAt: string;
  endsAt: string;
  /** The event's IANA zone. */
  timeZone: string;
  /** A cancelled session keeps its registrations; the page says so. */
  sessionStatus: SessionStatus;
  status: 'confirmed' | 'waitlisted';
  position: number | null;
}

export interface CityRegistrationCount {
  cityId: string;
  cityName: string;
  confirmed: number;
  waitlisted: number;
}

export interface SessionRegistrationCounts {
  sessionId: string;
  title: string;
  startsAt: string;
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
  seatsLeft: number | null;
  /** The session's own quota per city; null falls back to the event's. */
  delegationQuota: number | null;
  /** The quota that applies to city sessions: the session's, else the event's; null = none. */
  effectiveDelegationQuota: number | null;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  /** Registrations of city representatives, by the city they represent. */
  byCity: CityRegistrationCount[];
}

export interface EventRegistrationCounts {
  eventSlug: string;
  /** Seats per city in each city session unless the session sets its own; null = no limit. */
  delegationQuota: number | null;
  sessions: SessionRegistrationCounts[];
}

/** After an organiser changed a session's capacity or registration settings. */
export interface SessionCapacityResult extends SessionRegistrationCounts {
  /** Waiting people who got a seat through this change (each is mailed). */
  promoted: number;
}

/** One of my sessions on my agenda: my registration, with the session as released. */
export interface AgendaItem extends MyRegistrationView {
  /** The room or online stream, as released. */
  stream: { id: string; name: string; virtualUrl: string | null } | null;
}

/** Two of my sessions that take up the same time. */
export interface AgendaOverlap {
  /** The session that starts first, then the other. */
  sessionIds: [string, string];
  /** The stretch both take up. */
  startsAt: string;
  endsAt: string;
  /** One of the two is only a waiting place: they clash only if its seat comes. */
  waitlisted: boolean;
}

/** GET /api/me/agenda: my confirmed and waiting sessions in time order, and where they clash. */
export interface MyAgenda {
  items: AgendaItem[];
  /** Sessions cancelled by the organisers take up no time and clash with nothing. */
  overlaps: AgendaOverlap[];
}

/** My private calendar feed: the address to subscribe to, for me only. */
export interface CalendarFeedView {
  url: string;
  /** The same address for calendar apps that subscribe on a click. */
  webcalUrl: string;
  /** When this address was made; a reset makes a new one. */
  createdAt: string;
}
