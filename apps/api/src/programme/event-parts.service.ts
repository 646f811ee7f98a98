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
import type { DeepPartial, EntityManager, FindOptionsWhere, Repository } from 'typeorm';
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
async function nextPosition(repo: Repository<TrackEntity | StreamEntity>, eventId: string) {
  const last = await repo
    .createQueryBuilder('part')
    .select('MAX(part.position)', 'last')
    .where('part.eventId = :eventId', { eventId })
    .getRawOne<{ last: number | null }>();
  return (last?.last ?? -1) + 1;
}

/** How one kind of part is stored and shown. */
interface PartKind<E extends EventPart, V> {
  kind: EventPartKind;
  label: string;
  entity: new () => E;
  view(row: E): V;
}

const DAY: PartKind<EventDayEntity, EventDayView> = {
  kind: 'day',
  label: 'Day',
  entity: EventDayEntity,
  view: toDayView,
};
const TRACK: PartKind<TrackEntity, TrackView> = {
  kind: 'track',
  label: 'Track',
  entity: TrackEntity,
  view: toTrackView,
};
const STREAM: PartKind<StreamEntity, StreamView> = {
  kind: 'stream',
  label: 'Stream',
  entity: StreamEntity,
  view: toStreamView,
};

/** Days, tracks (themes) and streams (rooms) of one event; sessions point at them. */
@Injectable()
export class EventPartsService {
  constructor(private readonly transactions: TransactionRunner) {}

  createDay(actorId: string, slug: string, dto: CreateDayDto): Promise<EventDayView> {
    return this.create(DAY, actorId, slug, dto, `The event already has a day on ${dto.date}`, {
      check: (event) => checkWithinEvent(event, dto.date),
      defaults: (event) => ({ dayNumber: dto.dayNumber ?? this.dayNumber(event, dto.date) }),
    });
  }

  updateDay(actorId: string, slug: string, dayId: string, dto: UpdateDayDto) {
    return this.update(
      DAY,
      actorId,
      slug,
      dayId,
      dto,
      `The event already has a day on ${dto.date}`,
      {
        check: (event) => {
          if (dto.date !== undefined) checkWithinEvent(event, dto.date);
        },
      },
    );
  }

  createTrack(actorId: string, slug: string, dto: CreateTrackDto): Promise<TrackView> {
    return this.create(TRACK, actorId, slug, dto, `The event already has a track "${dto.slug}"`, {
      defaults: async (event, repo) => ({
        position: dto.position ?? (await nextPosition(repo, event.id)),
      }),
    });
  }

  updateTrack(actorId: string, slug: string, trackId: string, dto: UpdateTrackDto) {
    return this.update(
      TRACK,
      actorId,
      slug,
      trackId,
      dto,
      `The event already has a track "${dto.slug}"`,
    );
  }

  createStream(actorId: string, slug: string, dto: CreateStreamDto): Promise<StreamView> {
    return this.create(STREAM, actorId, slug, dto, `The event already has a stream "${dto.name}"`, {
      defaults: async (event, repo) => ({
        position: dto.position ?? (await nextPosition(repo, event.id)),
      }),
    });
  }

  updateStream(actorId: string, slug: string, streamId: string, dto: UpdateStreamDto) {
    return this.update(
      STREAM,
      actorId,
      slug,
      streamId,
      dto,
      `The event already has a stream "${dto.name}"`,
    );
  }

  /** One transaction: the part, its defaults and the audit line; a duplicate is a 409. */
  private create<E extends EventPart, V>(
    part: PartKind<E, V>,
    actorId: string,
    slug: string,
    dto: object,
    duplicate: string,
    options: {
      check?: (event: EventEntity) => void;
      defaults: (event: EventEntity, repo: Repository<E>) => Promise<object> | object;
    },
  ): Promise<V> {
    return conflictOnDuplicate(duplicate, () =>
      this.transactions.run(async (manager) => {
        const event = await eventForWrite(manager, slug);
        options.check?.(event);
        const repo = manager.getRepository(part.entity);
        const fields = givenFields(dto);
        const row = repo.create({
          ...fields,
          ...(await options.defaults(event, repo)),
          eventId: event.id,
        } as DeepPartial<E>);
        await repo.save(row);
        await this.log(
          manager,
          actorId,
          `${part.kind}.created`,
          event,
          row.id,
          Object.keys(fields),
        );
        return part.view(row);
      }),
    );
  }

  /** Only the fields given change; nothing given, nothing written or logged. */
  private update<E extends EventPart, V>(
    part: PartKind<E, V>,
    actorId: string,
    slug: string,
    id: string,
    dto: object,
    duplicate: string,
    options: { check?: (event: EventEntity) => void } = {},
  ): Promise<V> {
    return conflictOnDuplicate(duplicate, () =>
      this.transactions.run(async (manager) => {
        const event = await eventForWrite(manager, slug);
        const repo = manager.getRepository(part.entity);
        const row = await repo.findOneBy({ id, eventId: event.id } as FindOptionsWhere<E>);
        if (!row) throw DomainError.notFound(part.label);
        options.check?.(event);
        const changes = givenFields(dto);
        const fields = Object.keys(changes);
        if (fields.length) {
          await repo.save(Object.assign(row, changes));
          await this.log(manager, actorId, `${part.kind}.updated`, event, row.id, fields);
        }
        return part.view(row);
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
