import type { EventDetail, EventSummary } from '@app/contracts';
import { EventEntity, loadEventDetail, toEventSummary } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';

@Injectable()
export class EventsService {
  constructor(@InjectRepository(EventEntity) private readonly events: Repository<EventEntity>) {}

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
    const detail = await loadEventDetail(this.events.manager, slug);
    if (!detail) throw DomainError.notFound(`Event "${slug}"`);
    return detail;
  }
}
