import type { EventDayView, StreamView, TrackView } from '@app/contracts';
import {
  EventDayEntity,
  type EventEntity,
  StreamEntity,
  toDayView,
  toStreamView,
  toTrackView,
  TrackEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager, Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';
import type {
  CreateDayDto,
  CreateStreamDto,
  CreateTrackDto,
  UpdateDayDto,
  UpdateStreamDto,
  UpdateTrackDto,
} from './dto/event-parts.dto.js';
import {
  audit,
  conflictOnDuplicate,
  eventForWrite,
  givenFields,
  invalid,
} from './programme-writes.js';

/** What days, tracks and streams have in common: they belong to one event. */
interface EventPart {
  id: string;
  eventId: string;
}

export type EventPartKind = 'day' | 'track' | 'stream';

const ENTITY = { day: EventDayEntity, track: TrackEntity, stream: StreamEntity } as const;

function checkWithinEvent(event: EventEntity, date: string): void {
  if (date < event.startDate || date > event.endDate) {
    throw invalid('The day is outside the event', [
      `date must be between ${event.startDate} and ${event.endDate}`,
    ]);
  }
}

/** Position after the last one, unless the organiser placed it. */
async function nextPosition(
  repo: Repository<EventPart & { position: number }>,
  eventId: string,
): Promise<number> {
  return ((await repo.maximum('position', { eventId })) ?? -1) + 1;
}

/** Days, tracks (themes) and streams (rooms) of one event; sessions point at them. */
@Injectable()
export class EventPartsService {
  constructor(private readonly transactions: TransactionRunner) {}

  createDay(actorId: string, slug: string, dto: CreateDayDto): Promise<EventDayView> {
    return conflictOnDuplicate(`The event already has a day on ${dto.date}`, () =>
      this.transactions.run(async (manager) => {
        const event = await eventForWrite(manager, slug);
        checkWithinEvent(event, dto.date);
        const repo = manager.getRepository(EventDayEntity);
        const day = await repo.save(
          repo.create({
            ...givenFields(dto),
            dayNumber: dto.dayNumber ?? this.dayNumber(event, dto.date),
            eventId: event.id,
          }),
        );
        await this.log(
          manager,
          actorId,
          'day.created',
          event,
          day.id,
          Object.keys(givenFields(dto)),
        );
        return toDayView(day);
      }),
    );
  }

  updateDay(actorId: string, slug: string, dayId: string, dto: UpdateDayDto) {
    return conflictOnDuplicate(`The event already has a day on ${dto.date}`, () =>
      this.transactions.run(async (manager): Promise<EventDayView> => {
        const event = await eventForWrite(manager, slug);
        const repo = manager.getRepository(EventDayEntity);
        const day = await repo.findOneBy({ id: dayId, eventId: event.id });
        if (!day) throw DomainError.notFound('Day');
        if (dto.date !== undefined) checkWithinEvent(event, dto.date);
        const changes = givenFields(dto);
        const fields = Object.keys(changes);
        if (fields.length) {
          await repo.save(Object.assign(day, changes));
          await this.log(manager, actorId, 'day.updated', event, day.id, fields);
        }
        return toDayView(day);
      }),
    );
  }

  createTrack(actorId: string, slug: string, dto: CreateTrackDto): Promise<TrackView> {
    return conflictOnDuplicate(`The event already has a track "${dto.slug}"`, () =>
      this.transactions.run(async (manager) => {
        const event = await eventForWrite(manager, slug);
        const repo = manager.getRepository(TrackEntity);
        const track = await repo.save(
          repo.create({
            ...givenFields(dto),
            position: dto.position ?? (await nextPosition(repo, event.id)),
            eventId: event.id,
          }),
        );
        await this.log(
          manager,
          actorId,
          'track.created',
          event,
          track.id,
          Object.keys(givenFields(dto)),
        );
        return toTrackView(track);
      }),
    );
  }

  updateTrack(actorId: string, slug: string, trackId: string, dto: UpdateTrackDto) {
    return conflictOnDuplicate(`The event already has a track "${dto.slug}"`, () =>
      this.transactions.run(async (manager): Promise<TrackView> => {
        const event = await eventForWrite(manager, slug);
        const repo = manager.getRepository(TrackEntity);
        const track = await repo.findOneBy({ id: trackId, eventId: event.id });
        if (!track) throw DomainError.notFound('Track');
        const changes = givenFields(dto);
        const fields = Object.keys(changes);
        if (fields.length) {
          await repo.save(Object.assign(track, changes));
          await this.log(manager, actorId, 'track.updated', event, track.id, fields);
        }
        return toTrackView(track);
      }),
    );
  }

  createStream(actorId: string, slug: string, dto: CreateStreamDto): Promise<StreamView> {
    return conflictOnDuplicate(`The event already has a stream "${dto.name}"`, () =>
      this.transactions.run(async (manager) => {
        const event = await eventForWrite(manager, slug);
        const repo = manager.getRepository(StreamEntity);
        const stream = await repo.save(
          repo.create({
            ...givenFields(dto),
            position: dto.position ?? (await nextPosition(repo, event.id)),
            eventId: event.id,
          }),
        );
        await this.log(
          manager,
          actorId,
          'stream.created',
          event,
          stream.id,
          Object.keys(givenFields(dto)),
        );
        return toStreamView(stream);
      }),
    );
  }

  updateStream(actorId: string, slug: string, streamId: string, dto: UpdateStreamDto) {
    return conflictOnDuplicate(`The event already has a stream "${dto.name}"`, () =>
      this.transactions.run(async (manager): Promise<StreamView> => {
        const event = await eventForWrite(manager, slug);
        const repo = manager.getRepository(StreamEntity);
        const stream = await repo.findOneBy({ id: streamId, eventId: event.id });
        if (!stream) throw DomainError.notFound('Stream');
        const changes = givenFields(dto);
        const fields = Object.keys(changes);
        if (fields.length) {
          await repo.save(Object.assign(stream, changes));
          await this.log(manager, actorId, 'stream.updated', event, stream.id, fields);
        }
        return toStreamView(stream);
      }),
    );
  }

  /** Sessions keep their times and lose the reference (the foreign key sets it to null). */
  remove(actorId: string, slug: string, kind: EventPartKind, id: string): Promise<void> {
    return this.transactions.run(async (manager) => {
      const event = await eventForWrite(manager, slug);
      const repo: Repository<EventPart> = manager.getRepository(ENTITY[kind]);
      const { affected } = await repo.delete({ id, eventId: event.id });
      if (!affected) throw DomainError.notFound(kind.replace(/^./, (c) => c.toUpperCase()));
      await this.log(manager, actorId, `${kind}.deleted`, event, id, []);
    });
  }

  /** Counted from the event's first date, so the third date is "Day 3". */
  private dayNumber(event: EventEntity, date: string): number {
    const first = DateTime.fromISO(event.startDate, { zone: 'utc' });
    return DateTime.fromISO(date, { zone: 'utc' }).diff(first, 'days').days + 1;
  }

  private async log(
    manager: EntityManager,
    actorId: string,
    action: string,
    event: EventEntity,
    id: string,
    fields: string[],
  ): Promise<void> {
    await audit(manager, {
      actorId,
      action,
      eventId: event.id,
      details: { id, fields: fields.join(',') },
    });
  }
}
