import { createHash } from 'node:crypto';
import { type CalendarEvent, isCalendarUrl } from '@app/calendar';
import type { ReleasedSession } from '@app/contracts';
import { HttpStatus } from '@nestjs/common';
import { ifNoneMatchHits } from './conditional-get.js';

/** A calendar file as the routes serve it. */
export interface CalendarFile {
  /** A strong validator: the SHA-256 of the body, so it changes exactly when the bytes do. */
  etag: string;
  /** ASCII only, safe in a quoted content-disposition parameter. */
  filename: string;
  body: string;
}

/**
 * Rendered files, least recently used dropped first. Keys name what a file shows (releases,
 * sessions), so a new release simply stops asking for the old entries.
 */
export class CalendarFileCache {
  private readonly files = new Map<string, CalendarFile>();

  constructor(private readonly size: number) {}

  get(key: string, render: () => { filename: string; body: string }): CalendarFile {
    const hit = this.files.get(key);
    if (hit) {
      this.files.delete(key);
      this.files.set(key, hit);
      return hit;
    }
    const { filename, body } = render();
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    const file = { etag, filename, body };
    if (this.files.size >= this.size) {
      const oldest = this.files.keys().next();
      if (!oldest.done) this.files.delete(oldest.value);
    }
    this.files.set(key, file);
    return file;
  }
}

/**
 * The session as a release froze it, with the UID, SEQUENCE, link and DTSTAMP (the release time)
 * that the release's notice mails carry, so a calendar holding both keeps one entry.
 */
export function releasedCalendarEvent(
  session: ReleasedSession,
  publishedAt: Date,
  publicBaseUrl: string,
  /** Public files carry the room link of public sessions only (see SessionsService.detail). */
  withJoinLink: boolean,
): CalendarEvent {
  const joinUrl = withJoinLink ? (session.stream?.virtualUrl ?? null) : null;
  return {
    sessionId: session.id,
    sequence: session.sequence,
    title: session.title,
    description: session.abstract,
    startsAt: new Date(session.startsAt),
    endsAt: new Date(session.endsAt),
    timeZone: session.timeZone,
    location: session.stream?.name ?? null,
    url: `${publicBaseUrl}/sessions/${session.id}`,
    // One mistyped room link must not take the whole feed down; the session page still shows it.
    joinUrl: joinUrl !== null && isCalendarUrl(joinUrl) ? joinUrl : null,
    cancelled: session.status === 'cancelled',
    updatedAt: publishedAt,
  };
}

export interface CalendarReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

/** The file, or a bodiless 304 when If-None-Match names it; the ETag goes out either way. */
export function sendCalendar(
  reply: CalendarReply,
  ifNoneMatch: string | undefined,
  file: CalendarFile,
  cacheControl: string,
): string | undefined {
  reply.header('etag', file.etag);
  reply.header('cache-control', cacheControl);
  if (ifNoneMatchHits(ifNoneMatch, file.etag)) {
    reply.status(HttpStatus.NOT_MODIFIED);
    return undefined;
  }
  reply.header('content-type', 'text/calendar; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  return file.body;
}
