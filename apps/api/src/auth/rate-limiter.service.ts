import { REDIS } from '@app/runtime';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Fixed-window counters in Redis, shared by every api process. Keys hold hashes or addresses of
 * machines, never personal data. While Redis is away the limiter lets requests through: the hub
 * keeps working, and the outage is logged.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** One `action` of a person, keyed by a digest of the account id (never the id itself). */
  allowPerson(
    action: string,
    accountId: string,
    limit: number,
    windowSeconds: number,
  ): Promise<boolean> {
    const person = createHash('sha256').update(accountId).digest('hex').slice(0, 32);
    return this.allow(`${action}:${person}`, limit, windowSeconds);
  }

  /** True when this hit is within `limit` per `windowSeconds` for `key`. */
  async allow(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    try {
      const results = await this.redis
        .multi()
        .incr(`icc:rl:${key}`)
        .expire(`icc:rl:${key}`, windowSeconds, 'NX')
        .exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return count <= limit;
    } catch (error) {
      this.logger.warn(
        `rate limiter unavailable: ${error instanceof Error ? error.message : 'unknown'}`,
      );
      return true;
    }
  }
}
