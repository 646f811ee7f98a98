import type { LiveError } from '@app/contracts';
import { SessionEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PublishedScheduleService } from '../../../api/src/sessions/published-schedule.service.js';

/**
 * Who may enter a session's live room: the session must be in its event's latest release (a
 * draft or withdrawn session has no room), and only a public session admits anonymous viewers.
 */
@Injectable()
export class SessionAccessService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly schedule: PublishedScheduleService,
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
    if (released.audience !== 'public' && accountId === null) {
      return { code: 'sign_in_required', message: 'Sign in to join this session' };
    }
    return null;
  }
}
