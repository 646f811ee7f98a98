import {
  type ClientToServerEvents,
  type InterServerEvents,
  LIVE_JOINS_PER_PERSON_MINUTE,
  LIVE_NAMESPACE,
  LIVE_SOCKET_BURST,
  LIVE_SOCKET_RATE_PER_S,
  type LiveAck,
  type LiveSocketData,
  type RoomSnapshot,
  type ServerToClientEvents,
} from '@app/contracts';
import { REDIS } from '@app/runtime';
import {
  type BeforeApplicationShutdown,
  Inject,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io';
import { AttendanceService } from '../../api/src/attendance/attendance.service.js';
import { AuthService } from '../../api/src/auth/auth.service.js';
import { RateLimiter } from '../../api/src/auth/rate-limiter.service.js';
import {
  accountRoomOf,
  credentialRoomOf,
  type LiveNamespace,
  moderatorRoomOf,
  RoomBroadcaster,
  roomOf,
} from '../../api/src/live-broadcast/room-broadcaster.js';
import { ChatService } from '../../api/src/chat/chat.service.js';
import { PollsService } from '../../api/src/polls/polls.service.js';
import { moderationCommand } from '../../api/src/questions/question-moderation.js';
import { QuestionsService } from '../../api/src/questions/questions.service.js';
import { AttendanceRecorder } from './attendance/attendance-recorder.js';
import { LiveMetrics } from './ops/live-metrics.js';
import { TokenBucket } from './flood/token-bucket.js';
import { PresenceCoalescer } from './presence/presence.js';
import { PresenceStore } from './presence/presence-store.js';
import { liveErrorOf, refusal } from './protocol/live-errors.js';
import { type LiveRequest, type LiveRequestName, parseRequest } from './protocol/requests.js';
import { InFlight } from './rooms/in-flight.js';
import { RoomLookupService } from './rooms/room-lookup.service.js';
import { RoomSnapshotService } from './rooms/room-snapshot.service.js';
import { SessionAccessService } from './rooms/session-access.service.js';

type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  LiveSocketData
>;

type JoinAck = LiveAck<{ presence: number; room: RoomSnapshot }>;

const ROOM_PREFIX = 'session:';
const SIGN_IN = refusal('sign_in_required', 'Sign in to take part');
const NOT_JOINED = refusal('not_joined', 'Join the session first');
const FLOODED = refusal('rate_limited', 'Too many messages; slow down');
const TOO_MANY_JOINS = refusal('rate_limited', 'Too many joins; wait a minute and try again');
const UNAVAILABLE = refusal('unavailable', 'The hub could not do that now; try again');

/** Who a socket counts as in a room: the person when signed in, else the socket itself. */
function personOf(socket: LiveSocket): string {
  return socket.data.accountId ?? `anon:${socket.id}`;
}

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
export class LiveGateway
  implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(LiveGateway.name);
  private namespace!: LiveNamespace;
  private presence!: PresenceCoalescer;
  private attendance!: AttendanceRecorder;
  private people!: PresenceStore;
  /**
   * Joins in progress, by socket and session: a client that asks again before its first join has
   * answered (its acknowledgement timed out on a busy process) shares that join instead of adding
   * another snapshot to the queue, so slow joins do not snowball into more work.
   */
  private readonly joining = new InFlight<JoinAck>();

  constructor(
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
    private readonly access: SessionAccessService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly snapshots: RoomSnapshotService,
    private readonly lookup: RoomLookupService,
    private readonly questions: QuestionsService,
    private readonly chat: ChatService,
    private readonly polls: PollsService,
    private readonly visits: AttendanceService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: LiveMetrics,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    this.namespace = namespace;
    this.broadcaster.attach(namespace);
    this.metrics.attach(namespace);
    this.attendance = new AttendanceRecorder(this.visits, (error) =>
      this.warn('attendance not recorded yet', error),
    );
    this.people = new PresenceStore(this.redis, {
      onError: (error) => this.warn('presence', error),
    });
    this.people.start();
    this.presence = new PresenceCoalescer({
      count: (sessionId) => this.people.count(sessionId),
      emit: (update) => namespace.to(roomOf(update.sessionId)).emit('presence', update),
      onError: (error, sessionId) =>
        this.logger.warn(
          `presence of ${sessionId} not announced: ${error instanceof Error ? error.message : 'unknown'}`,
        ),
    });
    // From the api, over the live stream: a release closed these rooms to the public.
    namespace.on('rooms:closed', (closed) => this.roomsClosed(namespace, closed));
    // Skipped for a recovered connection: its data (the caller) comes back with it.
    namespace.use((socket, next) => {
      this.auth.resolve({ headers: socket.handshake.headers }).then(
        (principal) => {
          socket.data.accountId = principal?.accountId ?? null;
          socket.data.credentialId = principal?.sessionId ?? null;
          next();
        },
        (error: unknown) => {
          this.logger.error(error);
          next(new Error('The hub could not identify you; try again'));
        },
      );
    });
  }

  /**
   * Ends this process's connections in rooms a new release closed to the public, once the release
   * will be read afresh: their clients join again and are admitted under the new release.
   */
  private roomsClosed(namespace: LiveNamespace, closed: unknown): void {
    const { eventId, sessionIds } = (closed ?? {}) as { eventId?: unknown; sessionIds?: unknown };
    if (typeof eventId !== 'string' || !Array.isArray(sessionIds)) return;
    this.access.releaseChanged(eventId);
    const rooms = sessionIds.filter((id): id is string => typeof id === 'string').map(roomOf);
    if (rooms.length > 0) namespace.in(rooms).local.disconnectSockets();
  }

  handleConnection(socket: LiveSocket): void {
    const bucket = new TokenBucket(LIVE_SOCKET_BURST, LIVE_SOCKET_RATE_PER_S);
    socket.use((packet, next) => {
      if (bucket.take()) return next();
      const ack = packet[packet.length - 1] as unknown;
      if (typeof ack === 'function') (ack as (result: LiveAck) => void)(FLOODED);
    });
    // A recovered socket is back in every room it had, this one included.
    if (socket.data.accountId && !socket.recovered) {
      void socket.join(accountRoomOf(socket.data.accountId));
    }
    if (socket.data.credentialId && !socket.recovered) {
      void socket.join(credentialRoomOf(socket.data.credentialId));
    }
    // Rooms are gone by the time `disconnect` fires; `disconnecting` still has them.
    socket.on('disconnecting', () => {
      for (const sessionId of this.sessionsOf(socket)) void this.exit(socket, sessionId);
    });
    if (socket.recovered) {
      // Back within the recovery window, in the rooms it had: a new stay in each.
      for (const sessionId of this.sessionsOf(socket)) void this.enter(socket, sessionId);
    }
  }

  @SubscribeMessage('join')
  join(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('join', body, ({ sessionId }) =>
      this.joining.run(`${socket.id} ${sessionId}`, () => this.enterRoom(socket, sessionId)),
    );
  }

  private async enterRoom(socket: LiveSocket, sessionId: string): Promise<JoinAck> {
    const { accountId } = socket.data;
    if (
      accountId &&
      !(await this.limiter.allowPerson('live:join', accountId, LIVE_JOINS_PER_PERSON_MINUTE, 60))
    ) {
      return TOO_MANY_JOINS;
    }
    const access = await this.access.admit(sessionId, accountId);
    if ('refused' in access) return { ok: false, error: access.refused } as const;
    // In the room before the snapshot is read: whatever changes meanwhile is broadcast to it.
    const already = socket.rooms.has(roomOf(sessionId));
    await socket.join(roomOf(sessionId));
    let room: RoomSnapshot;
    try {
      room = await this.snapshots.snapshot(access.admitted);
    } catch (error) {
      await socket.leave(roomOf(sessionId));
      throw error;
    }
    if (room.moderator) await socket.join(moderatorRoomOf(sessionId));
    if (!already) await this.enter(socket, sessionId);
    const presence = await this.people.count(sessionId).catch(() => 0);
    return { ok: true, presence, room: { ...room, presence } } as const;
  }

  @SubscribeMessage('leave')
  leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('leave', body, async ({ sessionId }) => {
      if (socket.rooms.has(roomOf(sessionId))) {
        await socket.leave(roomOf(sessionId));
        await socket.leave(moderatorRoomOf(sessionId));
        await this.exit(socket, sessionId);
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
      const caller = this.participant(socket, await this.lookup.ofQuestion(questionId));
      if (typeof caller !== 'string') return caller;
      const vote = up
        ? await this.questions.vote(caller, questionId)
        : await this.questions.unvote(caller, questionId);
      return { ok: true, vote } as const;
    });
  }

  @SubscribeMessage('question:moderate')
  moderate(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('question:moderate', body, async ({ questionId, action, ...fields }) => {
      const caller = this.participant(socket, await this.lookup.ofQuestion(questionId));
      if (typeof caller !== 'string') return caller;
      // A 400 (invalid_input) when `edit` lacks its text or `note` its note.
      const command = moderationCommand(action, fields);
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

  @SubscribeMessage('chat:send')
  sendChat(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('chat:send', body, async (request) => {
      const caller = this.participant(socket, request.sessionId);
      if (typeof caller !== 'string') return caller;
      const { message } = await this.chat.send(caller, request);
      return { ok: true, message } as const;
    });
  }

  @SubscribeMessage('chat:remove')
  removeChat(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('chat:remove', body, async ({ messageId }) => {
      const caller = this.participant(socket, await this.lookup.ofMessage(messageId));
      if (typeof caller !== 'string') return caller;
      await this.chat.remove(caller, messageId);
      return { ok: true } as const;
    });
  }

  @SubscribeMessage('poll:open')
  openPoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('poll:open', body, async (request) => {
      const caller = this.participant(socket, request.sessionId);
      if (typeof caller !== 'string') return caller;
      return { ok: true, poll: await this.polls.open(caller, request) } as const;
    });
  }

  @SubscribeMessage('poll:vote')
  votePoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('poll:vote', body, async (request) => {
      const caller = this.participant(socket, await this.lookup.ofPoll(request.pollId));
      if (typeof caller !== 'string') return caller;
      return { ok: true, poll: await this.polls.vote(caller, request) } as const;
    });
  }

  @SubscribeMessage('poll:close')
  closePoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown) {
    return this.handle('poll:close', body, async ({ pollId }) => {
      const caller = this.participant(socket, await this.lookup.ofPoll(pollId));
      if (typeof caller !== 'string') return caller;
      return { ok: true, poll: await this.polls.close(caller, pollId) } as const;
    });
  }

  /** Before the database and Redis close: every open stay ends now and is written. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.people.close();
    await this.attendance.close();
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
    this.metrics.eventReceived(event);
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
    if (sessionId === null) return refusal('not_found', 'No such item in this hub');
    if (!socket.rooms.has(roomOf(sessionId))) return NOT_JOINED;
    return socket.data.accountId ?? SIGN_IN;
  }

  private sessionsOf(socket: LiveSocket): string[] {
    return [...socket.rooms].map(sessionOfRoom).filter((id): id is string => id !== null);
  }

  /** A socket entered a room: counted (once per person across processes) and its stay begun. */
  private async enter(socket: LiveSocket, sessionId: string): Promise<void> {
    this.attendance.joined(socket.id, sessionId, socket.data.accountId);
    await this.people
      .joined(sessionId, personOf(socket))
      .catch((e: unknown) => this.warn('presence', e));
    this.presence.changed(sessionId);
  }

  private async exit(socket: LiveSocket, sessionId: string): Promise<void> {
    this.attendance.left(socket.id, sessionId);
    await this.people
      .left(sessionId, personOf(socket))
      .catch((e: unknown) => this.warn('presence', e));
    this.presence.changed(sessionId);
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn(`${what}: ${error instanceof Error ? error.message : 'unknown'}`);
  }
}
