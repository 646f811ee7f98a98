import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import {
  type ClientToServerEvents,
  LIVE_NAMESPACE,
  type LiveSocketData,
  type ServerToClientEvents,
} from '@app/contracts';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
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
    Record<string, never>,
    LiveSocketData
  > | null = null;
  private redis: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly broadcaster: RoomBroadcaster,
  ) {}

  onModuleInit(): void {
    // Stream reads block; they must wait out a Redis restart instead of failing.
    this.redis = new Redis(requireRedisUrl(this.config), { maxRetriesPerRequest: null });
    this.server = new Server({ adapter: createAdapter(this.redis, LIVE_STREAM_OPTIONS) });
    this.broadcaster.attach(this.server.of(LIVE_NAMESPACE));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
