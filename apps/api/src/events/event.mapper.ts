import type { EventDayView, EventSummary, StreamView, TrackView } from '@app/contracts';
import type { EventDayEntity, EventEntity, StreamEntity, TrackEntity } from '@app/persistence';

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
