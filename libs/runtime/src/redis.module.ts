import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { RedisOutageLog } from './redis-errors.js';

export const REDIS = Symbol('REDIS');

/** One shared ioredis connection per process for light commands (health, heartbeats). */
@Injectable()
export class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Redis => {
        const redis = new Redis(requireRedisUrl(config), {
          // While Redis is away a command waits for one reconnect attempt, then fails: callers
          // (health checks, heartbeats) decide what that means instead of hanging.
          maxRetriesPerRequest: 1,
        });
        new RedisOutageLog(new Logger('Redis'), 'shared connection').watch([], [redis]);
        return redis;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
