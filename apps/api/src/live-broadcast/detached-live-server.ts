import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import {
  type ClientToServerEvents,
  type InterServerEvents,
  LIVE_NAMESPACE,
  type LiveSocketData,
  type ServerToClientEvents,
} from '@app/contracts';
import { RedisOutageLog } from '@app/runtime';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { RoomBroadcaster } from './room-broadcaster.js';
import { LIVE_STREAM_OPTIONS } from './stream-options.js';

/**
 * A Socket.IO server that serves no client: its adapter writes to the live stream in Redis, so
 * what the api changes (a question asked or moderated over REST) reaches every live instance's
 * rooms, and is replayed to clients that reconnect, exactly like a broadcast made there.
 */
@Injectable()
export class DetachedLiveServer implements OnModuleInit, OnApplicationShutdown {
  private server: Server<
    ClientToServerEvents,
    ServerToClientEvents,
    InterServerEvents,
    LiveSocketData
  > | null = null;
  private redis: Redis | null = null;
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly broadcaster: RoomBroadcaster,
  ) {}

  onModuleInit(): void {
    // Stream reads block; they must wait out a Redis restart instead of failing.
    const redis = new Redis(requireRedisUrl(this.config), { maxRetriesPerRequest: null });
    this.redis = redis;
    // The api serves while Redis is away (health says so); ioredis keeps reconnecting.
    new RedisOutageLog(new Logger(DetachedLiveServer.name), 'live relay').watch([], [redis]);
    // The adapter makes its own connections from this one as it starts, and fails unhandled when
    // Redis cannot be reached: it starts once Redis first answers. Until then nothing is relayed.
    redis.once('ready', () => {
      if (this.closed) return;
      this.server = new Server({ adapter: createAdapter(redis, LIVE_STREAM_OPTIONS) });
      this.broadcaster.attach(this.server.of(LIVE_NAMESPACE));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    try {
      // Not `server.close()`: a server without an engine throws there, before its Redis is let go.
      // Closing the adapters stops their stream reads (each ends with its blocking read).
      if (this.server) {
        await Promise.allSettled(
          ['/', LIVE_NAMESPACE].map(async (name) => this.server?.of(name).adapter.close()),
        );
      }
    } finally {
      await this.redis?.quit().catch(() => this.redis?.disconnect());
    }
  }
}
