import type { LiveError } from '@app/contracts';
import { SessionEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PublishedScheduleService } from '../../../api/src/sessions/published-schedule.service.js';
import { SessionsService } from '../../../api/src/sessions/sessions.service.js';

/**
 * Who may enter a session's live room: the session must be in its event's latest release (a
 * draft or withdrawn session has no room). Anyone may watch a public session; a city, mayors' or
 * invite-only session admits the people who also see its room link: confirmed registrants and
 * the event's team.
 */
@Injectable()
export class SessionAccessService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly schedule: PublishedScheduleService,
    private readonly sessionsService: SessionsService,
  ) {}

  /** Null when the caller may enter, otherwise why not. */
  async refusal(sessionId: string, accountId: string | null): Promise<LiveError | null> {
    const row = await this.sessions.findOne({
      select: { id: true, eventId: true },
      where: { id: sessionId },
    });
    const released = row ? (await this.schedule.latest(row.eventId))?.byId.get(sessionId) : null;
    if (!released || released.status === 'cancelled') {
      return { code: 'not_found', message: 'No such session in the published programme' };
    }
    if (released.audience === 'public') return null;
    if (accountId === null) {
      return { code: 'sign_in_required', message: 'Sign in to join this session' };
    }
    if (!(await this.sessionsService.seesJoinLink(released, accountId))) {
      return {
        code: 'forbidden',
        message: 'This session is for its registered participants; register first',
      };
    }
    return null;
  }
}
