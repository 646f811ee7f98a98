import { WORKER_HEARTBEAT_INTERVAL_MS, WORKER_HEARTBEAT_KEY } from '@app/contracts';
import { REDIS } from '@app/runtime';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';

/** Tells the api (its /health) that at least one worker is alive and reaches Redis. */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HeartbeatService.name);
  private timer: NodeJS.Timeout | undefined;
  private lastFailure: string | undefined;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), WORKER_HEARTBEAT_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async beat(): Promise<void> {
    try {
      await this.redis.set(
        WORKER_HEARTBEAT_KEY,
        String(Date.now()),
        'PX',
        WORKER_HEARTBEAT_INTERVAL_MS * 3,
      );
      if (this.lastFailure) this.logger.log('heartbeat restored');
      this.lastFailure = undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Log a lost connection once, not every five seconds.
      if (reason !== this.lastFailure) this.logger.warn(`heartbeat failed: ${reason}`);
      this.lastFailure = reason;
    }
  }
}
