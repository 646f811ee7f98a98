import type { RoomSettingsRequest, RoomSettingsView, RoomSnapshot } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { ChatService } from '../../../api/src/chat/chat.service.js';
import { PollsService } from '../../../api/src/polls/polls.service.js';
import { QuestionsService } from '../../../api/src/questions/questions.service.js';
import { FreshFlight } from './fresh-flight.js';

/** What a client gets when it joins a room, and the room's settings as moderators change them. */
@Injectable()
export class RoomSnapshotService {
  /** Anonymous viewers all see the same room: a join storm shares its computations. */
  private readonly anonymous = new FreshFlight((sessionId) => this.build(sessionId, null));

  constructor(
    private readonly questions: QuestionsService,
    private readonly chat: ChatService,
    private readonly polls: PollsService,
  ) {}

  /**
   * The room as the viewer may see it, read after the call (the caller joins the room first, so
   * nothing broadcast in between is missed); presence is filled in by the gateway.
   */
  snapshot(sessionId: string, viewerId: string | null): Promise<RoomSnapshot> {
    return viewerId === null ? this.anonymous.get(sessionId) : this.build(sessionId, viewerId);
  }

  private async build(sessionId: string, viewerId: string | null): Promise<RoomSnapshot> {
    const [list, settings, chat, polls] = await Promise.all([
      this.questions.list(sessionId, { sort: 'votes' }, viewerId),
      this.chat.roomSettings(sessionId),
      this.chat.history(sessionId, viewerId),
      this.polls.list(sessionId, viewerId),
    ]);
    return {
      sessionId,
      settings,
      moderator: list.moderator,
      signedIn: viewerId !== null,
      questions: list.questions,
      chat,
      polls,
      presence: 0,
    };
  }

  /**
   * Applies a moderator's change of the Q&A and the chat (the Q&A rule checks the moderator
   * first, also when nothing changes); each service tells the room what it changed.
   */
  async changeSettings(actorId: string, request: RoomSettingsRequest): Promise<RoomSettingsView> {
    const { sessionId, qaMode, qaClosed, chatEnabled } = request;
    const qa = await this.questions.settings(actorId, sessionId, { qaMode, qaClosed });
    if (chatEnabled !== undefined) {
      return this.chat.setChatEnabled(actorId, sessionId, chatEnabled);
    }
    return { ...(await this.chat.roomSettings(sessionId)), ...qa };
  }
}
