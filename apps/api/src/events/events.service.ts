import type { EventDetail, EventSummary } from '@app/contracts';
import { EventDayEntity, EventEntity, StreamEntity, TrackEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';
import { toDayView, toEventSummary, toStreamView, toTrackView } from './event.mapper.js';

@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventDayEntity) private readonly days: Repository<EventDayEntity>,
    @InjectRepository(TrackEntity) private readonly tracks: Repository<TrackEntity>,
    @InjectRepository(StreamEntity) private readonly streams: Repository<StreamEntity>,
  ) {}

  async list(): Promise<EventSummary[]> {
    const events = await this.events.find({ order: { startDate: 'ASC', slug: 'ASC' } });
    return events.map(toEventSummary);
  }

  async findBySlug(slug: string): Promise<EventEntity> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    return event;
  }

  async detail(slug: string): Promise<EventDetail> {
    const event = await this.findBySlug(slug);
    const [days, tracks, streams] = await Promise.all([
      this.days.find({ where: { eventId: event.id }, order: { dayNumber: 'ASC' } }),
      this.tracks.find({ where: { eventId: event.id }, order: { position: 'ASC' } }),
      this.streams.find({ where: { eventId: event.id }, order: { position: 'ASC' } }),
    ]);
    return {
      ...toEventSummary(event),
      days: days.map(toDayView),
      tracks: tracks.map(toTrackView),
      streams: streams.map(toStreamView),
    };
  }
}
