import type { SessionDetail, SessionView } from '@app/contracts';
import { EventEntity, SessionEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';
import type { ListSessionsQueryDto } from './dto/list-sessions.query.js';
import { toSessionDetail, toSessionView } from './session.mapper.js';

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  async listForEvent(slug: string, filter: ListSessionsQueryDto): Promise<SessionView[]> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    const query = this.sessions
      .createQueryBuilder('session')
      .leftJoinAndSelect('session.people', 'person')
      .leftJoinAndSelect('person.speaker', 'speaker')
      .where('session.eventId = :eventId', { eventId: event.id })
      .orderBy('session.startsAt', 'ASC')
      .addOrderBy('session.title', 'ASC');
    if (filter.day) {
      query.innerJoin('session.day', 'day', 'day.date = :day', { day: filter.day });
    }
    if (filter.track) {
      query.innerJoin('session.track', 'track', 'track.slug = :track', { track: filter.track });
    }
    if (filter.audience) query.andWhere('session.audience = :audience', filter);
    if (filter.language) query.andWhere('session.language = :language', filter);
    const sessions = await query.getMany();
    return sessions.map((session) => toSessionView(session, event));
  }

  async detail(id: string): Promise<SessionDetail> {
    const session = await this.sessions.findOne({
      where: { id },
      relations: {
        event: true,
        day: true,
        track: true,
        stream: true,
        people: { speaker: { city: true } },
      },
    });
    if (!session?.event) throw DomainError.notFound('Session');
    return toSessionDetail(session, session.event);
  }
}
