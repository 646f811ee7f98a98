import type { AgendaItem, MyAgenda, ReleasedSession } from '@app/contracts';
import { SessionEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { RegistrationsService } from '../registrations/registrations.service.js';
import { PublishedScheduleService } from '../sessions/published-schedule.service.js';
import { overlapsOf } from './agenda-overlaps.js';

/**
 * My agenda: the list GET /api/me/registrations gives (one code path for both), with each
 * session's stream as released and the sessions of mine that clash.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly published: PublishedScheduleService,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  async agenda(accountId: string): Promise<MyAgenda> {
    const mine = await this.registrations.allMine(accountId);
    const released = await this.released(mine.map((r) => r.sessionId));
    const items: AgendaItem[] = mine.map((registration) => {
      const stream = released.get(registration.sessionId)?.stream ?? null;
      return {
        ...registration,
        stream: stream && { id: stream.id, name: stream.name, virtualUrl: stream.virtualUrl },
      };
    });
    return { items, overlaps: overlapsOf(items) };
  }

  /** The released versions of the sessions, by id; one release read per event. */
  private async released(ids: string[]): Promise<Map<string, ReleasedSession>> {
    const found = new Map<string, ReleasedSession>();
    if (!ids.length) return found;
    const rows = await this.sessions.find({
      select: { id: true, eventId: true },
      where: { id: In(ids) },
    });
    for (const eventId of new Set(rows.map((row) => row.eventId))) {
      const schedule = await this.published.latest(eventId);
      for (const row of rows) {
        const session = row.eventId === eventId ? schedule?.byId.get(row.id) : undefined;
        if (session) found.set(row.id, session);
      }
    }
    return found;
  }
}
