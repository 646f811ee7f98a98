import type {
  SessionDetail,
  SessionPersonView,
  SessionView,
  SpeakerDetailView,
} from '@app/contracts';
import type { EventEntity, SessionEntity, SessionPersonEntity } from '@app/persistence';
import { toDayView, toStreamView, toTrackView } from '../events/event.mapper.js';

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

export function toSessionView(session: SessionEntity, event: EventEntity): SessionView {
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

export function toSessionDetail(session: SessionEntity, event: EventEntity): SessionDetail {
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
