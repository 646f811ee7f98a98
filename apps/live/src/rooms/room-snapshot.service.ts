import type { RoomSettingsRequest, RoomSettingsView, RoomSnapshot } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { RoomBroadcaster } from '../../../api/src/live-broadcast/room-broadcaster.js';
import { QuestionsService } from '../../../api/src/questions/questions.service.js';

/** What a client gets when it joins a room, and the room's settings as moderators change them. */
@Injectable()
export class RoomSnapshotService {
  constructor(
    private readonly questions: QuestionsService,
    private readonly broadcaster: RoomBroadcaster,
  ) {}

  async snapshot(
    sessionId: string,
    viewerId: string | null,
  ): Promise<Omit<RoomSnapshot, 'presence'> & { presence: 0 }> {
    const list = await this.questions.list(sessionId, { sort: 'votes' }, viewerId);
    return {
      sessionId,
      settings: { ...list.settings, chatEnabled: true },
      moderator: list.moderator,
      signedIn: viewerId !== null,
      questions: list.questions,
      chat: [],
      polls: [],
      presence: 0,
    };
  }

  async changeSettings(actorId: string, request: RoomSettingsRequest): Promise<RoomSettingsView> {
    const qa = await this.questions.settings(actorId, request.sessionId, request);
    const settings = { ...qa, chatEnabled: true };
    this.broadcaster.toRoom(request.sessionId, 'settings', settings);
    return settings;
  }
}
