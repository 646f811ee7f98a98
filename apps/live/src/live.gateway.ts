import {
  type ClientToServerEvents,
  LIVE_NAMESPACE,
  LIVE_SOCKET_BURST,
  LIVE_SOCKET_RATE_PER_S,
  type LiveAck,
  type LiveSocketData,
  type RoomSnapshot,
  type ServerToClientEvents,
} from '@app/contracts';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { AuthService } from '../../api/src/auth/auth.service.js';
import {
  type LiveNamespace,
  moderatorRoomOf,
  RoomBroadcaster,
  roomOf,
} from '../../api/src/live-broadcast/room-broadcaster.js';
import { QuestionsService } from '../../api/src/questions/questions.service.js';
import { TokenBucket } from './flood/token-bucket.js';
import { countPeople, PresenceCoalescer } from './presence/presence.js';
import { liveErrorOf, refusal } from './protocol/live-errors.js';
import { type LiveRequest, type LiveRequestName, parseRequest } from './protocol/requests.js';
import { RoomSnapshotService } from './rooms/room-snapshot.service.js';
import { SessionAccessService } from './rooms/session-access.service.js';

type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  LiveSocketData
>;

const ROOM_PREFIX = 'session:';
const SIGN_IN = refusal('sign_in_required', 'Sign in to take part');
const NOT_JOINED = refusal('not_joined', 'Join the session first');
const FLOODED = refusal('rate_limited', 'Too many messages; slow down');
const UNAVAILABLE = refusal('unavailable', 'The hub could not do that now; try again');

/** The session of a room name, for rooms of sessions only (not their moderators' rooms). */
function sessionOfRoom(room: string): string | null {
  if (!room.startsWith(ROOM_PREFIX) || room.endsWith(':moderators')) return null;
  return room.slice(ROOM_PREFIX.length);
}

/**
 * The /live namespace: one room per session. Every event is refused unless its payload parses,
 * the socket is within its flood limit and, for anything but `join`, it is in the session's room;
 * writes need a signed-in caller and moderation a moderator (checked by the services, which the
 * REST api shares). Presence is counted across every live instance.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private namespace!: LiveNamespace;
  private presence!: PresenceCoalescer;

  constructor(
    private readonly auth: AuthService,
    private readonly access: SessionAccessService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly snapshots: RoomSnapshotService,
    private readonly questions: QuestionsService,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    this.namespace = namespace;
    this.broadcaster.attach(namespace);
    this.presence = new PresenceCoalescer({
      count: (sessionId) => this.count(sessionId),
      emit: (update) => namespace.to(roomOf(update.sessionId)).emit('presence', update),
      onError: (error, sessionId) =>
        this.logger.warn(
          `presence of ${sessionId} not announced: ${error instanceof Error ? error.message : 'unknown'}`,
        ),
    });
    // Skipped for a recovered connection: its data (the caller) comes back with it.
    namespace.use((socket, next) => {
      this.auth.resolve({ headers: socket.handshake.headers }).then(
        (principal) => {
          socket.data.accountId = principal?.accountId ?? null;
          next();
        },
        (error: unknown) => {
          this.logger.error(error);
          next(new Error('The hub could not identify you; try again'));
        },
      );
    });
  }

  handleConnection(socket: LiveSocket): void {
    const bucket = new TokenBucket(LIVE_SOCKET_BURST, LIVE_SOCKET_RATE_PER_S);
    socket.use((packet, next) => {
      if (bucket.take()) return next();
      const ack = packet[packet.length - 1] as unknown;
      if (typeof ack === 'function') (ack as (result: LiveAck) => void)(FLOODED);
    });
    // Rooms are gone by the time `disconnect` fires; `disconnecting` still has them.
    socket.on('disconnecting', () => this.changed(socket));
    if (socket.recovered) this.changed(socket);
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('join', body, async ({ sessionId }) => {
      const denied = await this.access.refusal(sessionId, socket.data.accountId);
      if (denied) return { ok: false, error: denied } as const;
      const room: RoomSnapshot = await this.snapshots.snapshot(sessionId, socket.data.accountId);
      await socket.join(roomOf(sessionId));
      if (room.moderator) await socket.join(moderatorRoomOf(sessionId));
      this.presence.changed(sessionId);
      const presence = await this.count(sessionId);
      return { ok: true, presence, room: { ...room, presence } } as const;
    });
  }

  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('leave', body, async ({ sessionId }) => {
      if (socket.rooms.has(roomOf(sessionId))) {
        await socket.leave(roomOf(sessionId));
        await socket.leave(moderatorRoomOf(sessionId));
        this.presence.changed(sessionId);
      }
      return { ok: true } as const;
    });
  }

  @SubscribeMessage('question:ask')
  ask(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('question:ask', body, async (request) => {
      const caller = this.participant(socket, request.sessionId);
      if (typeof caller !== 'string') return caller;
      const { question, created } = await this.questions.ask(caller, request.sessionId, request);
      return { ok: true, question, created } as const;
    });
  }

  @SubscribeMessage('question:vote')
  vote(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('question:vote', body, async ({ questionId, up }) => {
      const caller = this.participant(socket, await this.questions.sessionOf(questionId));
      if (typeof caller !== 'string') return caller;
      const vote = up
        ? await this.questions.vote(caller, questionId)
        : await this.questions.unvote(caller, questionId);
      return { ok: true, vote } as const;
    });
  }

  @SubscribeMessage('question:moderate')
  moderate(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('question:moderate', body, async ({ questionId, action, body: text }) => {
      const caller = this.participant(socket, await this.questions.sessionOf(questionId));
      if (typeof caller !== 'string') return caller;
      if (action === 'edit' && text === undefined) {
        return refusal('invalid_input', 'body: the corrected text is required to edit');
      }
      const command = action === 'edit' ? { action, body: text ?? '' } : { action };
      const question = await this.questions.moderate(caller, questionId, command);
      return { ok: true, question } as const;
    });
  }

  @SubscribeMessage('room:settings')
  settings(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('room:settings', body, async (request) => {
      const caller = this.participant(socket, request.sessionId);
      if (typeof caller !== 'string') return caller;
      const settings = await this.snapshots.changeSettings(caller, request);
      return { ok: true, settings } as const;
    });
  }

  onApplicationShutdown(): void {
    this.presence.close();
  }

  /**
   * Parses the payload, runs the handler and turns what it throws into a refusal: a rule's
   * refusal keeps its code and message; anything else is logged and answered as unavailable.
   */
  private async handle<E extends LiveRequestName, T extends LiveAck<object>>(
    event: E,
    body: unknown,
    handler: (request: LiveRequest<E>) => Promise<T>,
  ): Promise<T | ReturnType<typeof refusal>> {
    const parsed = parseRequest(event, body);
    if (!parsed.ok) return refusal('invalid_input', parsed.message);
    try {
      return await handler(parsed.value);
    } catch (error) {
      const known = liveErrorOf(error);
      if (known) return { ok: false, error: known } as const;
      this.logger.error(
        `${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : 'unknown'}`,
      );
      return UNAVAILABLE;
    }
  }

  /** The caller's account when they are signed in and in the session's room, else the refusal. */
  private participant(socket: LiveSocket, sessionId: string | null) {
    if (sessionId === null) return refusal('not_found', 'Not found');
    if (!socket.rooms.has(roomOf(sessionId))) return NOT_JOINED;
    return socket.data.accountId ?? SIGN_IN;
  }

  private changed(socket: LiveSocket): void {
    for (const room of socket.rooms) {
      const sessionId = sessionOfRoom(room);
      if (sessionId) this.presence.changed(sessionId);
    }
  }

  private async count(sessionId: string): Promise<number> {
    return countPeople(await this.namespace.in(roomOf(sessionId)).fetchSockets());
  }
}
