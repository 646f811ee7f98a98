import { type ChatMessageView, LIVE_CHAT_HISTORY, type RoomSettingsView } from '@app/contracts';
import {
  AccountEntity,
  AuditEntryEntity,
  ChatMessageEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';
import {
  RoomRules,
  type AdmittedRoom,
  type SessionRoom,
} from '../live-broadcast/room-rules.service.js';
import { chatAuthorName, chatBody } from './chat-text.js';

export interface SendChatInput {
  sessionId: string;
  body: string;
  /** Chosen by the client; the same one again returns the first message instead of a second. */
  clientId: string;
}

/** New chat messages per person. */
export const CHAT_LIMIT = { limit: 10, windowSeconds: 30 };

type MessageRow = ChatMessageEntity & { author?: AccountEntity | null };

/**
 * The chat of a session's live room. Like the questions, every method takes the acting account
 * and plain input and returns a view, for the REST api and the live process alike.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly rules: RoomRules,
    private readonly broadcaster: RoomBroadcaster,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(ChatMessageEntity) private readonly messages: Repository<ChatMessageEntity>,
  ) {}

  async send(
    accountId: string,
    input: SendChatInput,
  ): Promise<{ message: ChatMessageView; created: boolean }> {
    const body = chatBody(input.body);
    const session = await this.rules.writableRoomFor(input.sessionId, accountId);
    const key = { authorAccountId: accountId, sessionId: session.id, clientId: input.clientId };
    const now = new Date();
    const { id, created } = await this.transactions.run(async (manager) => {
      // A client repeating itself after a reconnect gets its message back, whatever else
      // applies; read in the transaction, so that it never sees another request's message that
      // the chat limit is about to roll back (on SQLite every request shares one connection).
      const repeat = await manager.getRepository(ChatMessageEntity).findOneBy(key);
      if (repeat) return { id: repeat.id, created: false };
      if (!session.chatEnabled) throw new DomainError(DomainErrorCode.Conflict, 'The chat is off');
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ChatMessageEntity)
        // Milliseconds (SQLite's default keeps whole seconds): the room reads the chat in order.
        .values({ ...key, body, removedAt: null, createdAt: now })
        .orIgnore()
        .execute();
      const isNew = await this.rules.inserted(manager, inserted.raw);
      // Counted only for a new message, so a client repeating itself is never limited; a refusal
      // rolls the message back.
      if (isNew)
        await this.rules.limit(
          'chat:send',
          accountId,
          CHAT_LIMIT,
          'Too many messages; try again shortly',
        );
      const row = await manager.getRepository(ChatMessageEntity).findOneByOrFail(key);
      return { id: row.id, created: isNew };
    });
    const message = await this.viewOf(id);
    if (created) this.broadcaster.toRoom(session.id, 'chat', message);
    return { message, created };
  }

  /** Takes a message out of the room (moderators of the session's event); repeating is a no-op. */
  async remove(actorId: string, messageId: string): Promise<void> {
    const message = await this.messages.findOneBy({ id: messageId });
    if (!message) throw DomainError.notFound('Message');
    const session = await this.sessions.findOneByOrFail({ id: message.sessionId });
    await this.rules.requireModerator(actorId, session.eventId);
    const removed = await this.transactions.run(async (manager) => {
      const result = await manager
        .getRepository(ChatMessageEntity)
        .update({ id: messageId, removedAt: IsNull() }, { removedAt: new Date() });
      return (result.affected ?? 0) > 0;
    });
    if (removed) {
      this.broadcaster.toRoom(message.sessionId, 'chat:removed', {
        sessionId: message.sessionId,
        messageId,
      });
    }
  }

  /**
   * The last messages of the room, oldest first, without removed ones; none while the chat is
   * off. Anyone may read a public session's chat; another session's is for the people it is for.
   */
  async history(
    sessionId: string,
    viewerId: string | null,
    limit = LIVE_CHAT_HISTORY,
  ): Promise<ChatMessageView[]> {
    return this.historyIn(await this.rules.roomFor(sessionId, viewerId), limit);
  }

  /** {@link history} of a room the viewer was admitted to. */
  async historyIn(session: AdmittedRoom, limit = LIVE_CHAT_HISTORY): Promise<ChatMessageView[]> {
    const sessionId = session.id;
    if (!session.chatEnabled) return [];
    const rows = await this.query()
      .where('m.sessionId = :sessionId', { sessionId })
      .andWhere('m.removedAt IS NULL')
      .orderBy('m.createdAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(Math.max(0, Math.min(limit, LIVE_CHAT_HISTORY)))
      .getMany();
    return rows.reverse().map(messageView);
  }

  /** The settings of a session's room: the Q&A's and whether chat is on. */
  async roomSettings(sessionId: string): Promise<RoomSettingsView> {
    return settingsView(await this.rules.releasedRoom(sessionId));
  }

  /** {@link roomSettings} of a room already read. */
  settingsOf(room: SessionRoom): RoomSettingsView {
    return settingsView(room);
  }

  /** Turns the room's chat on or off (moderators); audited, and the room is told. */
  async setChatEnabled(
    actorId: string,
    sessionId: string,
    enabled: boolean,
  ): Promise<RoomSettingsView> {
    const session = await this.rules.releasedRoom(sessionId);
    await this.rules.requireModerator(actorId, session.eventId);
    if (session.chatEnabled === enabled) return settingsView(session);
    await this.transactions.run(async (manager) => {
      // A change of the room is not a change of the programme: the session's updatedAt stays.
      await manager
        .createQueryBuilder()
        .update(SessionEntity)
        .set({ chatEnabled: enabled, updatedAt: () => '"updatedAt"' })
        .where('id = :sessionId', { sessionId })
        .execute();
      await manager.getRepository(AuditEntryEntity).insert({
        actorId,
        action: 'chat.settings-changed',
        targetAccountId: null,
        eventId: session.eventId,
        details: { sessionId, chatEnabled: enabled },
        createdAt: new Date(),
      });
    });
    const settings = settingsView(await this.rules.releasedRoom(sessionId));
    this.broadcaster.toRoom(sessionId, 'settings', settings);
    return settings;
  }

  private query() {
    return this.messages
      .createQueryBuilder('m')
      .leftJoinAndMapOne('m.author', AccountEntity, 'a', 'a.id = m.authorAccountId');
  }

  private async viewOf(messageId: string): Promise<ChatMessageView> {
    return messageView(await this.query().where('m.id = :messageId', { messageId }).getOneOrFail());
  }
}

function messageView(row: MessageRow): ChatMessageView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    authorName: chatAuthorName(row.author),
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

function settingsView(session: SessionRoom): RoomSettingsView {
  return {
    sessionId: session.id,
    qaMode: session.qaMode,
    qaClosed: session.qaClosed,
    chatEnabled: session.chatEnabled,
  };
}
