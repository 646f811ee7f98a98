export const EVENT_KINDS = ['city-lab', 'mayors-summit'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const AUDIENCES = ['public', 'cities', 'mayors', 'invite-only'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_FORMATS = ['plenary', 'panel', 'workshop', 'keynote', 'networking'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const TRACK_KINDS = ['theme', 'transversal'] as const;
export type TrackKind = (typeof TRACK_KINDS)[number];

export const CITY_ROLES = ['core', 'mentor'] as const;
export type CityRole = (typeof CITY_ROLES)[number];

export const SESSION_PERSON_ROLES = ['speaker', 'moderator', 'rapporteur'] as const;
export type SessionPersonRole = (typeof SESSION_PERSON_ROLES)[number];

export const LOCALES = ['en', 'fr', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** Languages a session can be held in (ISO 639-1). */
export const SESSION_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'el'] as const;
export type SessionLanguage = (typeof SESSION_LANGUAGES)[number];

/** Roles per event; an organiser role without an event is a programme-wide organiser. */
export const EVENT_ROLES = ['organiser', 'moderator', 'rapporteur', 'speaker', 'attendee'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

/** What a person can consent to, with the wording version now shown to them. */
export const CONSENT_PURPOSES = ['programme-updates'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CURRENT_CONSENT_WORDING: Record<ConsentPurpose, string> = {
  'programme-updates': '2026-11',
};

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
