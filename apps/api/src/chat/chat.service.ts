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
import { createHash } from 'node:crypto';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { RateLimiter } from '../auth/rate-limiter.service.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';
import { RolesService } from '../roles/roles.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { chatAuthorName, chatBody } from './chat-text.js';

export interface SendChatInput {
  sessionId: string;
  body: string;
  /** Chosen by the client; the same one again returns the first message instead of a second. */
  clientId: string;
}

/** New chat messages per person. */
export const CHAT_LIMIT = { limit: 10, windowSeconds: 30 };

type SessionRoom = Pick<
  SessionEntity,
  'id' | 'eventId' | 'audience' | 'qaMode' | 'qaClosed' | 'chatEnabled'
>;

type MessageRow = ChatMessageEntity & { author?: AccountEntity | null };

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/**
 * The chat of a session's live room. Like the questions, every method takes the acting account
 * and plain input and returns a view, for the REST api and the live process alike.
 */
@Injectable()
export class ChatService {
  private readonly postgres: boolean;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly sessionsService: SessionsService,
    private readonly limiter: RateLimiter,
    private readonly roles: RolesService,
    private readonly broadcaster: RoomBroadcaster,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(ChatMessageEntity) private readonly messages: Repository<ChatMessageEntity>,
  ) {
    this.postgres = this.sessions.manager.connection.options.type === 'postgres';
  }

  async send(
    accountId: string,
    input: SendChatInput,
  ): Promise<{ message: ChatMessageView; created: boolean }> {
    const body = chatBody(input.body);
    const session = await this.releasedSession(input.sessionId);
    const key = { authorAccountId: accountId, sessionId: session.id, clientId: input.clientId };
    // A client repeating itself after a reconnect gets its message back, whatever else applies.
    const repeat = await this.messages.findOneBy(key);
    if (repeat) return { message: await this.viewOf(repeat.id), created: false };
    if (!session.chatEnabled) throw new DomainError(DomainErrorCode.Conflict, 'The chat is off');
    const now = new Date();
    const { id, created } = await this.transactions.run(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ChatMessageEntity)
        // Milliseconds (SQLite's default keeps whole seconds): the room reads the chat in order.
        .values({ ...key, body, removedAt: null, createdAt: now })
        .orIgnore()
        .execute();
      const isNew = await this.inserted(manager, inserted.raw);
      // Counted only for a new message, so a client repeating itself is never limited; a refusal
      // rolls the message back.
      if (isNew) await this.limit(`chat:send:${digest(accountId)}`, CHAT_LIMIT);
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
    await this.requireModerator(actorId, session.eventId);
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
   * off. Anyone may read a public session's chat; other audiences need a signed-in viewer.
   */
  async history(
    sessionId: string,
    viewerId: string | null,
    limit = LIVE_CHAT_HISTORY,
  ): Promise<ChatMessageView[]> {
    const session = await this.releasedSession(sessionId);
    if (session.audience !== 'public' && !viewerId) {
      throw new DomainError(DomainErrorCode.Unauthorized, 'Sign in first');
    }
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
    return settingsView(await this.releasedSession(sessionId));
  }

  /** Turns the room's chat on or off (moderators); audited, and the room is told. */
  async setChatEnabled(
    actorId: string,
    sessionId: string,
    enabled: boolean,
  ): Promise<RoomSettingsView> {
    const session = await this.releasedSession(sessionId);
    await this.requireModerator(actorId, session.eventId);
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
    const settings = settingsView(await this.releasedSession(sessionId));
    this.broadcaster.toRoom(sessionId, 'settings', settings);
    return settings;
  }

  private async requireModerator(accountId: string, eventId: string): Promise<void> {
    if (!(await this.roles.moderatesEvent(accountId, eventId))) {
      throw new DomainError(DomainErrorCode.Forbidden, 'Moderators only');
    }
  }

  /** The session's room settings, when the session is in the latest release. */
  private async releasedSession(sessionId: string): Promise<SessionRoom> {
    await this.sessionsService.released(sessionId);
    return this.sessions.findOneOrFail({
      select: {
        id: true,
        eventId: true,
        audience: true,
        qaMode: true,
        qaClosed: true,
        chatEnabled: true,
      },
      where: { id: sessionId },
    });
  }

  private async limit(key: string, rule: { limit: number; windowSeconds: number }) {
    if (!(await this.limiter.allow(key, rule.limit, rule.windowSeconds))) {
      throw new DomainError(DomainErrorCode.RateLimited, 'Too many messages; try again shortly');
    }
  }

  /**
   * Whether the INSERT … ON CONFLICT DO NOTHING just run made a row. PostgreSQL returns the new
   * id only then; on SQLite the transaction queue makes `changes()` this statement's count.
   */
  private async inserted(manager: EntityManager, raw: unknown): Promise<boolean> {
    if (this.postgres) return (raw as Array<{ id?: string }>).length > 0;
    const [row] = await manager.query<Array<{ n: number }>>('SELECT changes() AS n');
    return Number(row?.n ?? 0) > 0;
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
