import type { RoomSettingsRequest, RoomSettingsView, RoomSnapshot } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { ChatService } from '../../../api/src/chat/chat.service.js';
import { type Admitted, RoomRules } from '../../../api/src/live-broadcast/room-rules.service.js';
import { PollsService } from '../../../api/src/polls/polls.service.js';
import { QuestionsService } from '../../../api/src/questions/questions.service.js';
import { FreshFlight } from './fresh-flight.js';

/** What a client gets when it joins a room, and the room's settings as moderators change them. */
@Injectable()
export class RoomSnapshotService {
  /**
   * Anonymous viewers all see the same room (only a public one admits them, on the same terms):
   * a join storm shares its computations.
   */
  private readonly anonymous = new FreshFlight<RoomSnapshot, Admitted>((_sessionId, admitted) =>
    this.build(admitted),
  );

  constructor(
    private readonly rules: RoomRules,
    private readonly questions: QuestionsService,
    private readonly chat: ChatService,
    private readonly polls: PollsService,
  ) {}

  /**
   * The room as the admitted viewer may see it, read after the call (the caller joins the room
   * first, so nothing broadcast in between is missed); presence is filled in by the gateway.
   * Access was checked by the admission, once: the room and its lists are read without it.
   */
  snapshot(admitted: Admitted): Promise<RoomSnapshot> {
    return admitted.viewerId === null
      ? this.anonymous.get(admitted.session.id, admitted)
      : this.build(admitted);
  }

  private async build(admitted: Admitted): Promise<RoomSnapshot> {
    const { viewerId } = admitted;
    const room = await this.rules.admittedRoom(admitted);
    const [list, chat, polls] = await Promise.all([
      this.questions.listIn(room, { sort: 'votes' }, viewerId),
      this.chat.historyIn(room),
      this.polls.listIn(room, viewerId),
    ]);
    return {
      sessionId: room.id,
      settings: this.chat.settingsOf(room),
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
