import type { LiveError } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import {
  type Admitted,
  ROOM_FOR_REGISTRANTS,
  type RoomRefusal,
  RoomRules,
} from '../../../api/src/live-broadcast/room-rules.service.js';
import { PublishedScheduleService } from '../../../api/src/sessions/published-schedule.service.js';

const REFUSALS: Record<RoomRefusal, LiveError> = {
  not_found: { code: 'not_found', message: 'No such session in the published programme' },
  sign_in: { code: 'sign_in_required', message: 'Sign in to join this session' },
  forbidden: { code: 'forbidden', message: ROOM_FOR_REGISTRANTS },
};

/**
 * Who may enter a session's live room: the room rules of the api (the session must be in its
 * event's latest release; anyone may watch a public session; a city, mayors' or invite-only
 * session admits the people who also see its room link: confirmed registrants and the event's
 * team); a cancelled session has no live room to enter. Checked once per join: the snapshot is
 * read with the admission.
 */
@Injectable()
export class SessionAccessService {
  constructor(
    private readonly rules: RoomRules,
    private readonly schedule: PublishedScheduleService,
  ) {}

  /** The next admission to the event's rooms reads its latest release from the database. */
  releaseChanged(eventId: string): void {
    this.schedule.forget(eventId);
  }

  async admit(
    sessionId: string,
    accountId: string | null,
  ): Promise<{ admitted: Admitted } | { refused: LiveError }> {
    const admission = await this.rules.admit(sessionId, accountId, { live: true });
    return admission.ok ? { admitted: admission } : { refused: REFUSALS[admission.refusal] };
  }
}
