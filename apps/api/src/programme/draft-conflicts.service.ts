import type { ScheduleConflict } from '@app/contracts';
import { EventEntity, SessionEntity, SpeakerEntity, StreamEntity } from '@app/persistence';
import { detectConflicts } from '@app/schedule';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { DomainError } from '../common/domain.error.js';

/**
 * The conflicts of an event's draft (its sessions as they are now). Schedule releases use it to
 * refuse publishing over hard conflicts; the editor shows it after every change.
 */
@Injectable()
export class DraftConflictsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every conflict of the draft, in time order. Pass the transaction's manager to read the draft
   * as that transaction sees it.
   */
  async forEvent(eventId: string, manager?: EntityManager): Promise<ScheduleConflict[]> {
    const db = manager ?? this.dataSource.manager;
    const event = await db.getRepository(EventEntity).findOneBy({ id: eventId });
    if (!event) throw DomainError.notFound('Event');
    const [sessions, streams] = await Promise.all([
      db.getRepository(SessionEntity).find({ where: { eventId }, relations: { people: true } }),
      db.getRepository(StreamEntity).find({ where: { eventId }, select: { id: true, name: true } }),
    ]);
    const speakerIds = [
      ...new Set(sessions.flatMap((s) => (s.people ?? []).map((p) => p.speakerId))),
    ];
    const speakers = speakerIds.length
      ? await db.getRepository(SpeakerEntity).find({
          where: { id: In(speakerIds) },
          select: { id: true, name: true, availability: true },
        })
      : [];
    return detectConflicts({
      event,
      sessions: sessions.map((s) => ({ ...s, people: s.people ?? [] })),
      speakers,
      streams,
    });
  }

  /** The conflicts one session is part of. */
  async forSession(eventId: string, sessionId: string): Promise<ScheduleConflict[]> {
    const conflicts = await this.forEvent(eventId);
    return conflicts.filter((c) => c.sessionIds.includes(sessionId));
  }
}
