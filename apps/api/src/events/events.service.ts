import type { EventDetail, EventSummary } from '@app/contracts';
import { EventEntity, loadEventDetail, toEventSummary } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';
import { RolesService } from '../roles/roles.service.js';

@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    private readonly roles: RolesService,
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

  /**
   * Room links are shown per session, to the people allowed in it (SessionsService.detail); the
   * list of streams carries them for the event's organisers only, who edit them.
   */
  async detail(slug: string, viewer: string | null = null): Promise<EventDetail> {
    const detail = await loadEventDetail(this.events.manager, slug);
    if (!detail) throw DomainError.notFound(`Event "${slug}"`);
    if (viewer && (await this.roles.isEventOrganiser(viewer, slug))) return detail;
    return { ...detail, streams: detail.streams.map((s) => ({ ...s, virtualUrl: null })) };
  }
}
