import type { EventDetail } from '@app/contracts';
import { EventDayEntity, EventEntity, loadEventDetail, TransactionRunner } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import type { CreateEventDto, UpdateEventDto } from './dto/event.dto.js';
import {
  audit,
  conflictOnDuplicate,
  eventForWrite,
  givenFields,
  invalid,
} from './programme-writes.js';

function checkDates(startDate: string, endDate: string): void {
  if (endDate < startDate) {
    throw invalid('The event ends before it starts', ['endDate must not be before startDate']);
  }
}

/** Events themselves: created by programme organisers, edited by the event's organisers. */
@Injectable()
export class EventAdminService {
  constructor(
    private readonly transactions: TransactionRunner,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
  ) {}

  async create(actorId: string, dto: CreateEventDto): Promise<EventDetail> {
    checkDates(dto.startDate, dto.endDate);
    await conflictOnDuplicate(`An event with the slug "${dto.slug}" already exists`, () =>
      this.transactions.run(async (manager) => {
        const repo = manager.getRepository(EventEntity);
        const event = await repo.save(repo.create({ ...givenFields(dto), isDemo: false }));
        await audit(manager, {
          actorId,
          action: 'event.created',
          eventId: event.id,
          details: { slug: event.slug },
        });
      }),
    );
    return this.detail(dto.slug);
  }

  async update(actorId: string, slug: string, dto: UpdateEventDto): Promise<EventDetail> {
    const changes = givenFields(dto);
    const fields = Object.keys(changes);
    if (fields.length) {
      await this.transactions.run(async (manager) => {
        const event = await eventForWrite(manager, slug);
        const startDate = changes.startDate ?? event.startDate;
        const endDate = changes.endDate ?? event.endDate;
        checkDates(startDate, endDate);
        const stranded = await manager
          .getRepository(EventDayEntity)
          .createQueryBuilder('day')
          .where('day.eventId = :eventId', { eventId: event.id })
          .andWhere('(day.date < :startDate OR day.date > :endDate)', { startDate, endDate })
          .orderBy('day.date', 'ASC')
          .getMany();
        if (stranded.length) {
          throw new DomainError(
            DomainErrorCode.Conflict,
            `Days ${stranded.map((d) => d.date).join(', ')} would fall outside the event's ` +
              'dates; move or delete them first',
          );
        }
        await manager
          .getRepository(EventEntity)
          .update({ id: event.id }, { ...changes, updatedAt: new Date() });
        await audit(manager, {
          actorId,
          action: 'event.updated',
          eventId: event.id,
          details: { fields: fields.join(',') },
        });
      });
    }
    return this.detail(slug);
  }

  private async detail(slug: string): Promise<EventDetail> {
    const detail = await loadEventDetail(this.events.manager, slug);
    if (!detail) throw DomainError.notFound(`Event "${slug}"`);
    return detail;
  }
}
