import {
  type ClientToServerEvents,
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveError,
  type LiveRoomRequest,
  type LiveSocketData,
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
import { isUUID } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import { AuthService } from '../../api/src/auth/auth.service.js';
import { countPeople, PresenceCoalescer } from './presence/presence.js';
import { SessionAccessService } from './rooms/session-access.service.js';

type LiveNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  LiveSocketData
>;
type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  LiveSocketData
>;

const ROOM_PREFIX = 'session:';

function roomOf(sessionId: string): string {
  return `${ROOM_PREFIX}${sessionId}`;
}

/** Nest's global pipes do not reach gateways, so each payload is checked here. */
function roomRequest(body: unknown): LiveRoomRequest | null {
  if (typeof body !== 'object' || body === null) return null;
  const { sessionId } = body as Partial<Record<keyof LiveRoomRequest, unknown>>;
  return typeof sessionId === 'string' && isUUID(sessionId) ? { sessionId } : null;
}

const INVALID: { ok: false; error: LiveError } = {
  ok: false,
  error: { code: 'invalid_input', message: 'sessionId must be a UUID' },
};

/** The /live namespace: one room per session, presence counted across every live instance. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private namespace!: LiveNamespace;
  private presence!: PresenceCoalescer;

  constructor(
    private readonly auth: AuthService,
    private readonly access: SessionAccessService,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    this.namespace = namespace;
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
    // Rooms are gone by the time `disconnect` fires; `disconnecting` still has them.
    socket.on('disconnecting', () => this.changed(socket));
    if (socket.recovered) this.changed(socket);
  }

  @SubscribeMessage('join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<LiveAck<{ presence: number }>> {
    const request = roomRequest(body);
    if (!request) return INVALID;
    const refusal = await this.access.refusal(request.sessionId, socket.data.accountId);
    if (refusal) return { ok: false, error: refusal };
    await socket.join(roomOf(request.sessionId));
    this.presence.changed(request.sessionId);
    return { ok: true, presence: await this.count(request.sessionId) };
  }

  @SubscribeMessage('leave')
  async leave(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<LiveAck> {
    const request = roomRequest(body);
    if (!request) return INVALID;
    const room = roomOf(request.sessionId);
    if (socket.rooms.has(room)) {
      await socket.leave(room);
      this.presence.changed(request.sessionId);
    }
    return { ok: true };
  }

  onApplicationShutdown(): void {
    this.presence.close();
  }

  private changed(socket: LiveSocket): void {
    for (const room of socket.rooms) {
      if (room.startsWith(ROOM_PREFIX)) this.presence.changed(room.slice(ROOM_PREFIX.length));
    }
  }

  private async count(sessionId: string): Promise<number> {
    return countPeople(await this.namespace.in(roomOf(sessionId)).fetchSockets());
  }
}
