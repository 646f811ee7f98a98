import { LIVE_MAX_MESSAGE_BYTES, LIVE_RECOVERY_WINDOW_MS } from '@app/contracts';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { RedisOutageLog, redisAnswers } from '@app/runtime';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { LIVE_STREAM_OPTIONS } from '../../api/src/live-broadcast/stream-options.js';
import { isAllowedOrigin } from './handshake/origin.js';

// Nest brings its own copy of socket.io: the server and its options are typed from that copy.
type IoServer = ReturnType<IoAdapter['createIOServer']>;
type IoOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

/**
 * Socket.IO as every live instance must run it: rooms and missed packets shared through a Redis
 * stream (so a client recovers its state on whichever instance it reconnects to), a message cap,
 * and the Origin check before any handshake work.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly redis: Redis;

  constructor(
    app: INestApplicationContext,
    redisUrl: string,
    /** The api's CORS allowlist (bare origins): pages there may open the live connection. */
    private readonly allowedOrigins: readonly string[],
  ) {
    super(app);
    // Blocking stream reads run on the adapter's duplicates of this client; they must wait out a
    // Redis restart instead of failing after a few retries.
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    new RedisOutageLog(new Logger('LiveIoAdapter'), 'live rooms').watch([], [this.redis]);
  }

  override createIOServer(port: number, options?: IoOptions): IoServer {
    // Nest types these as socket.io's complete ServerOptions; socket.io fills in what is left out.
    const live: Partial<IoOptions> = {
      ...options,
      adapter: createAdapter(this.redis, LIVE_STREAM_OPTIONS),
      connectionStateRecovery: { maxDisconnectionDuration: LIVE_RECOVERY_WINDOW_MS },
      maxHttpBufferSize: LIVE_MAX_MESSAGE_BYTES,
      serveClient: false,
      // The web app is served by the api on another port: long-polling from it is cross-origin.
      cors: { origin: [...this.allowedOrigins], credentials: true },
      allowRequest: (request, callback) =>
        callback(null, isAllowedOrigin(request.headers.origin, this.allowedOrigins)),
    };
    return super.createIOServer(port, live as IoOptions);
  }

  /** Readiness: the adapter's Redis client is connected and answers. */
  redisAnswers(): Promise<void> {
    return redisAnswers(this.redis);
  }

  override async dispose(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
