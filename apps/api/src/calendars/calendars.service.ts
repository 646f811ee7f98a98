import { type CalendarEvent, feedIcs } from '@app/calendar';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { ReleasedSession } from '@app/contracts';
import { EventDayEntity, EventEntity, SessionEntity, TrackEntity } from '@app/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';
import {
  type PublishedSchedule,
  PublishedScheduleService,
} from '../sessions/published-schedule.service.js';
import { type CalendarFile, CalendarFileCache, releasedCalendarEvent } from './calendar-file.js';

/** What one feed of an event shows: its name, its address and which released sessions. */
interface FeedView {
  /** Names the filter in the cache key, with ids that a rename does not change. */
  key: string;
  name: string;
  filename: string;
  /** Path of the route under the public base URL, written as the feed's SOURCE. */
  path: string;
  includes(session: ReleasedSession): boolean;
}

/**
 * Subscribed calendars poll whatever interval they like; this is only the hint. Schedule changes
 * also reach registered people by mail, so an hour's delay in a feed is harmless.
 */
const REFRESH_MINUTES = 60;

/**
 * Rendered files kept per process. Most are single sessions of a few kB; an event has one feed
 * per day and per track besides its own.
 */
const CACHED_FILES = 500;

function asciiFilename(title: string, fallback: string): string {
  const name = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${name === '' ? fallback : name}.ics`;
}

/**
 * Calendar files of the public programme: an event's feed (also the subscription feed), a day, a
 * track, one session. They show the latest schedule release, never the draft, so a file changes
 * only when a release is published, and its SEQUENCEs are the ones the release froze.
 */
@Injectable()
export class CalendarsService {
  private readonly files = new CalendarFileCache(CACHED_FILES);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventDayEntity) private readonly days: Repository<EventDayEntity>,
    @InjectRepository(TrackEntity) private readonly tracks: Repository<TrackEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly published: PublishedScheduleService,
  ) {}

  async forEvent(slug: string): Promise<CalendarFile> {
    const event = await this.findEvent(slug);
    return this.feed(event, {
      key: 'event',
      name: event.title,
      filename: `${event.slug}.ics`,
      path: `/api/events/${event.slug}/calendar.ics`,
      includes: () => true,
    });
  }

  async forDay(slug: string, date: string): Promise<CalendarFile> {
    const event = await this.findEvent(slug);
    const day = await this.days.findOneBy({ eventId: event.id, date });
    if (!day) throw DomainError.notFound(`Day ${date} of event "${slug}"`);
    return this.feed(event, {
      key: `day:${day.id}`,
      name: `${event.title}: ${day.title}`,
      filename: `${event.slug}-${day.date}.ics`,
      path: `/api/events/${event.slug}/days/${day.date}/calendar.ics`,
      // A session left without a day belongs to the day it starts on, in the event's zone.
      includes: (session) =>
        session.dayId === null
          ? DateTime.fromISO(session.startsAt, { zone: session.timeZone }).toISODate() === day.date
          : session.dayId === day.id,
    });
  }

  async forTrack(slug: string, trackSlug: string): Promise<CalendarFile> {
    const event = await this.findEvent(slug);
    const track = await this.tracks.findOneBy({ eventId: event.id, slug: trackSlug });
    if (!track) throw DomainError.notFound(`Track "${trackSlug}" of event "${slug}"`);
    return this.feed(event, {
      key: `track:${track.id}`,
      name: `${event.title}: ${track.name}`,
      filename: `${event.slug}-${track.slug}.ics`,
      path: `/api/events/${event.slug}/tracks/${track.slug}/calendar.ics`,
      includes: (session) => session.trackId === track.id,
    });
  }

  /**
   * One released session, as a file to add to one's own calendar: unnamed and without a refresh
   * hint, so clients import the event rather than offer a new calendar.
   */
  async forSession(id: string): Promise<CalendarFile> {
    const row = await this.sessions.findOne({ select: { id: true, eventId: true }, where: { id } });
    const schedule = row ? await this.published.latest(row.eventId) : null;
    const session = schedule?.byId.get(id);
    if (!schedule || !session) throw DomainError.notFound('Session');
    return this.files.get(JSON.stringify([schedule.releaseId, `session:${id}`]), () => ({
      filename: asciiFilename(session.title, `session-${id}`),
      body: feedIcs({ name: '', events: [this.calendarEvent(session, schedule)] }),
    }));
  }

  private async findEvent(slug: string): Promise<EventEntity> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    return event;
  }

  /** An event that has no release yet has an empty feed, which subscribers can already add. */
  private async feed(event: EventEntity, view: FeedView): Promise<CalendarFile> {
    const schedule = await this.published.latest(event.id);
    const key = JSON.stringify([schedule?.releaseId ?? null, view.key, view.name, event.summary]);
    return this.files.get(key, () => ({
      filename: view.filename,
      body: feedIcs({
        name: view.name,
        description: event.summary,
        source: `${this.config.publicBaseUrl}${view.path}`,
        refreshInterval: { minutes: REFRESH_MINUTES },
        events: schedule
          ? schedule.sessions
              .filter((session) => view.includes(session))
              .map((session) => this.calendarEvent(session, schedule))
          : [],
      }),
    }));
  }

  private calendarEvent(session: ReleasedSession, schedule: PublishedSchedule): CalendarEvent {
    return releasedCalendarEvent(
      session,
      schedule.publishedAt,
      this.config.publicBaseUrl,
      session.audience === 'public',
    );
  }
}
