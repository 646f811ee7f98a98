import type {
  EventDayView,
  EventDetail,
  EventSummary,
  SessionDetail,
  SessionPersonView,
  SessionView,
  SpeakerDetailView,
  StreamView,
  TrackView,
} from '@app/contracts';
import type { EntityManager } from 'typeorm';
import { EventDayEntity } from '../entities/event-day.entity.js';
import { EventEntity } from '../entities/event.entity.js';
import type { SessionPersonEntity } from '../entities/session-person.entity.js';
import type { SessionEntity } from '../entities/session.entity.js';
import { StreamEntity } from '../entities/stream.entity.js';
import { TrackEntity } from '../entities/track.entity.js';

/** Entities to the public views of the API; a release freezes sessions in these shapes. */

export function toEventSummary(event: EventEntity): EventSummary {
  return {
    id: event.id,
    slug: event.slug,
    kind: event.kind,
    title: event.title,
    summary: event.summary,
    timeZone: event.timeZone,
    startDate: event.startDate,
    endDate: event.endDate,
    venue: event.venue,
    isDemo: event.isDemo,
  };
}

export function toDayView(day: EventDayEntity): EventDayView {
  return {
    id: day.id,
    date: day.date,
    dayNumber: day.dayNumber,
    title: day.title,
    description: day.description,
  };
}

export function toTrackView(track: TrackEntity): TrackView {
  return { id: track.id, slug: track.slug, name: track.name, kind: track.kind, color: track.color };
}

export function toStreamView(stream: StreamEntity): StreamView {
  return {
    id: stream.id,
    name: stream.name,
    virtualUrl: stream.virtualUrl,
    capacity: stream.capacity,
  };
}

const ROLE_ORDER = { speaker: 0, moderator: 1, rapporteur: 2 } as const;

function orderedPeople(session: SessionEntity): SessionPersonEntity[] {
  return [...(session.people ?? [])].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.position - b.position,
  );
}

function toPersonView(person: SessionPersonEntity): SessionPersonView {
  return {
    id: person.speakerId,
    name: person.speaker?.name ?? '',
    title: person.speaker?.title ?? null,
    organisation: person.speaker?.organisation ?? null,
    role: person.role,
  };
}

export function toSessionView(
  session: SessionEntity,
  event: EventEntity,
): Omit<SessionView, 'seatsLeft'> {
  return {
    id: session.id,
    eventSlug: event.slug,
    dayId: session.dayId,
    trackId: session.trackId,
    streamId: session.streamId,
    title: session.title,
    abstract: session.abstract,
    format: session.format,
    audience: session.audience,
    language: session.language,
    status: session.status,
    capacity: session.capacity,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    timeZone: event.timeZone,
    isDemo: session.isDemo || event.isDemo,
    people: orderedPeople(session).map(toPersonView),
  };
}

export function toSessionDetail(
  session: SessionEntity,
  event: EventEntity,
): Omit<SessionDetail, 'seatsLeft'> {
  const people: SpeakerDetailView[] = orderedPeople(session).map((person) => ({
    ...toPersonView(person),
    bio: person.speaker?.bio ?? null,
    city: person.speaker?.city?.name ?? null,
  }));
  return {
    ...toSessionView(session, event),
    track: session.track ? toTrackView(session.track) : null,
    stream: session.stream ? toStreamView(session.stream) : null,
    day: session.day ? toDayView(session.day) : null,
    people,
  };
}

/** An event with its days, tracks and streams, as the API shows it; null when there is none. */
export async function loadEventDetail(
  manager: EntityManager,
  slug: string,
): Promise<EventDetail | null> {
  const event = await manager.getRepository(EventEntity).findOneBy({ slug });
  if (!event) return null;
  const [days, tracks, streams] = await Promise.all([
    manager
      .getRepository(EventDayEntity)
      .find({ where: { eventId: event.id }, order: { dayNumber: 'ASC', date: 'ASC' } }),
    manager
      .getRepository(TrackEntity)
      .find({ where: { eventId: event.id }, order: { position: 'ASC' } }),
    manager
      .getRepository(StreamEntity)
      .find({ where: { eventId: event.id }, order: { position: 'ASC' } }),
  ]);
  return {
    ...toEventSummary(event),
    streamChangeBufferMinutes: event.streamChangeBufferMinutes,
    days: days.map(toDayView),
    tracks: tracks.map(toTrackView),
    streams: streams.map(toStreamView),
  };
}
