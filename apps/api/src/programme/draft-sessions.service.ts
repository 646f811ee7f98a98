import type { DraftSessionView, ScheduleConflict, SessionPersonRole } from '@app/contracts';
import {
  EventDayEntity,
  EventEntity,
  SessionEntity,
  SessionPersonEntity,
  SpeakerEntity,
  StreamEntity,
  TrackEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { type EntityManager, In, IsNull, type Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RegistrationAdminService } from '../registrations/registration-admin.service.js';
import { DraftConflictsService } from './draft-conflicts.service.js';
import type {
  CreateDraftSessionDto,
  DraftSessionPersonDto,
  UpdateDraftSessionDto,
} from './dto/draft-session.dto.js';
import { audit, eventForWrite, givenFields, invalid } from './programme-writes.js';

export interface DraftSessionResult {
  session: DraftSessionView;
  conflicts: ScheduleConflict[];
}

const ROLE_ORDER: Record<SessionPersonRole, number> = { speaker: 0, moderator: 1, rapporteur: 2 };

function toDraftView(session: SessionEntity, event: EventEntity): DraftSessionView {
  const people = [...(session.people ?? [])].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.position - b.position,
  );
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
    people: people.map((p) => ({
      speakerId: p.speakerId,
      role: p.role,
      name: p.speaker?.name ?? '',
    })),
    published: session.firstReleasedAt !== null,
    updatedAt: session.updatedAt.toISOString(),
  };
}

interface References {
  trackId?: string | null;
  streamId?: string | null;
  dayId?: string | null;
  people?: DraftSessionPersonDto[];
}

/**
 * The private draft of an event: the `sessions` table as organisers edit it. Releases (in
 * schedule/) freeze it for the public and own the calendar sequence and first release time,
 * which nothing here writes.
 */
@Injectable()
export class DraftSessionsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly conflicts: DraftConflictsService,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly seats: RegistrationAdminService,
  ) {}

  async list(slug: string): Promise<DraftSessionView[]> {
    const event = await this.event(slug);
    const sessions = await this.sessions.find({
      where: { eventId: event.id },
      relations: { people: { speaker: true } },
      order: { startsAt: 'ASC', title: 'ASC' },
    });
    return sessions.map((s) => toDraftView(s, event));
  }

  async create(
    actorId: string,
    slug: string,
    dto: CreateDraftSessionDto,
  ): Promise<DraftSessionResult> {
    const { event, sessionId } = await this.transactions.run(async (manager) => {
      const event = await eventForWrite(manager, slug);
      const startsAt = new Date(dto.startsAt);
      const endsAt = new Date(dto.endsAt);
      checkTimes(startsAt, endsAt);
      await checkReferences(manager, event.id, dto);
      const repo = manager.getRepository(SessionEntity);
      const { people, ...fields } = givenFields(dto);
      const session = await repo.save(
        repo.create({
          ...fields,
          eventId: event.id,
          startsAt,
          endsAt,
          dayId: dto.dayId === undefined ? await dayOf(manager, event, startsAt) : dto.dayId,
        }),
      );
      await writePeople(manager, session.id, people ?? []);
      await audit(manager, {
        actorId,
        action: 'session.created',
        eventId: event.id,
        details: { sessionId: session.id, title: session.title },
      });
      return { event, sessionId: session.id };
    });
    return this.result(event, sessionId);
  }

  async update(
    actorId: string,
    slug: string,
    sessionId: string,
    dto: UpdateDraftSessionDto,
  ): Promise<DraftSessionResult> {
    const event = await this.transactions.run(async (manager) => {
      const event = await eventForWrite(manager, slug);
      const session = await manager
        .getRepository(SessionEntity)
        .findOneBy({ id: sessionId, eventId: event.id });
      if (!session) throw DomainError.notFound('Session');
      const changes = givenFields(dto);
      const { people, startsAt, endsAt, capacity, ...fields } = changes;
      const starts = startsAt === undefined ? session.startsAt : new Date(startsAt);
      const ends = endsAt === undefined ? session.endsAt : new Date(endsAt);
      checkTimes(starts, ends);
      await checkReferences(manager, event.id, dto);
      const given = Object.keys(changes);
      if (!given.length) return event;
      // Only the columns the organiser set: the release code updates the same rows.
      await manager.getRepository(SessionEntity).update(
        { id: session.id },
        {
          ...fields,
          ...(startsAt === undefined ? {} : { startsAt: starts }),
          ...(endsAt === undefined ? {} : { endsAt: ends }),
          ...(dto.dayId === undefined && startsAt !== undefined
            ? { dayId: await dayOf(manager, event, starts) }
            : {}),
          updatedAt: new Date(),
        },
      );
      if (people) {
        await manager.getRepository(SessionPersonEntity).delete({ sessionId: session.id });
        await writePeople(manager, session.id, people);
      }
      // Seats are live, not part of a release: below the confirmed count is refused, a raise
      // promotes from the waiting list at once.
      if (capacity !== undefined) {
        await this.seats.applySessionSettings(manager, actorId, event, session.id, { capacity });
      }
      await audit(manager, {
        actorId,
        action: 'session.updated',
        eventId: event.id,
        details: { sessionId: session.id, title: session.title, fields: given.join(',') },
      });
      return event;
    });
    return this.result(event, sessionId);
  }

  async remove(actorId: string, slug: string, sessionId: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const event = await eventForWrite(manager, slug);
      const repo = manager.getRepository(SessionEntity);
      const session = await repo.findOneBy({ id: sessionId, eventId: event.id });
      if (!session) throw DomainError.notFound('Session');
      // The condition, not the read above, decides: a release may carry the session meanwhile.
      const { affected } = await repo.delete({ id: session.id, firstReleasedAt: IsNull() });
      if (!affected) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          `"${session.title}" has been published in a schedule release, so it cannot be ` +
            'deleted; cancel it instead (PATCH its status to "cancelled"), and the next release ' +
            'tells the people concerned',
        );
      }
      await audit(manager, {
        actorId,
        action: 'session.deleted',
        eventId: event.id,
        details: { sessionId: session.id, title: session.title },
      });
    });
  }

  async conflictsOf(slug: string): Promise<ScheduleConflict[]> {
    return this.conflicts.forEvent((await this.event(slug)).id);
  }

  private async result(event: EventEntity, sessionId: string): Promise<DraftSessionResult> {
    const [session, conflicts] = await Promise.all([
      this.sessions.findOneOrFail({
        where: { id: sessionId },
        relations: { people: { speaker: true } },
      }),
      this.conflicts.forSession(event.id, sessionId),
    ]);
    return { session: toDraftView(session, event), conflicts };
  }

  private async event(slug: string): Promise<EventEntity> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    return event;
  }
}

function checkTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt <= startsAt) {
    throw invalid('The session ends before it starts', ['endsAt must be after startsAt']);
  }
}

/** The event's day on the start's date in the event's zone, if the event has one. */
async function dayOf(
  manager: EntityManager,
  event: EventEntity,
  startsAt: Date,
): Promise<string | null> {
  const date = DateTime.fromJSDate(startsAt, { zone: event.timeZone }).toISODate();
  if (!date) return null;
  const day = await manager.getRepository(EventDayEntity).findOneBy({ eventId: event.id, date });
  return day?.id ?? null;
}

/** Every reference must exist, in this event for its parts; all problems are reported at once. */
async function checkReferences(
  manager: EntityManager,
  eventId: string,
  refs: References,
): Promise<void> {
  const problems: string[] = [];
  const parts = [
    ['trackId', TrackEntity, refs.trackId, 'track'],
    ['streamId', StreamEntity, refs.streamId, 'stream'],
    ['dayId', EventDayEntity, refs.dayId, 'day'],
  ] as const;
  for (const [field, entity, id, noun] of parts) {
    if (id && !(await manager.getRepository(entity).existsBy({ id, eventId }))) {
      problems.push(`${field}: this event has no ${noun} ${id}`);
    }
  }
  const people = refs.people ?? [];
  const seen = new Set<string>();
  people.forEach(({ speakerId, role }, i) => {
    const key = `${speakerId}/${role}`;
    if (seen.has(key)) problems.push(`people[${i}]: ${speakerId} is already listed as ${role}`);
    seen.add(key);
  });
  const ids = [...new Set(people.map((p) => p.speakerId))];
  if (ids.length) {
    const known = new Set(
      (
        await manager
          .getRepository(SpeakerEntity)
          .find({ where: { id: In(ids) }, select: { id: true } })
      ).map((s) => s.id),
    );
    people.forEach(({ speakerId }, i) => {
      if (!known.has(speakerId)) {
        problems.push(`people[${i}].speakerId: no person ${speakerId} on the programme`);
      }
    });
  }
  if (problems.length) throw invalid('The session refers to things that do not exist', problems);
}

async function writePeople(
  manager: EntityManager,
  sessionId: string,
  people: DraftSessionPersonDto[],
): Promise<void> {
  if (!people.length) return;
  const next: Partial<Record<SessionPersonRole, number>> = {};
  await manager.getRepository(SessionPersonEntity).insert(
    people.map(({ speakerId, role }) => {
      const position = next[role] ?? 0;
      next[role] = position + 1;
      return { sessionId, speakerId, role, position };
    }),
  );
}
