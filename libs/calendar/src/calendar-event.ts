export interface CalendarEvent {
  /** Stable UID derives from it. */
  sessionId: string;
  /** Stored SEQUENCE: goes up on time/place/link change; the caller owns it. */
  sequence: number;
  /** Plain user text, may be hostile. */
  title: string;
  /** Plain text, may contain newlines. */
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone of the event, e.g. Europe/Brussels. */
  timeZone: string;
  /** Stream or room name. */
  location: string | null;
  /** Absolute link to the session page. */
  url: string | null;
  /** Virtual meeting link. */
  joinUrl: string | null;
  cancelled: boolean;
  /** Written as DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date;
}

export interface CalendarParty {
  name: string;
  email: string;
}
