import { REDIS } from '@app/runtime';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** One counted hit: whether it is allowed, and the seconds until its window ends. */
export interface RateLimitHit {
  allowed: boolean;
  retryAfterSeconds: number;
}

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
  async allowPerson(
    action: string,
    accountId: string,
    limit: number,
    windowSeconds: number,
  ): Promise<boolean> {
    return (await this.hitPerson(action, accountId, limit, windowSeconds)).allowed;
  }

  /** True when this hit is within `limit` per `windowSeconds` for `key`. */
  async allow(key: string, limit: number, windowSeconds: number): Promise<boolean> {
    return (await this.hit(key, limit, windowSeconds)).allowed;
  }

  /** {@link allowPerson}, and when the window ends. */
  hitPerson(
    action: string,
    accountId: string,
    limit: number,
    windowSeconds: number,
  ): Promise<RateLimitHit> {
    return this.hit(`${action}:${digest(accountId)}`, limit, windowSeconds);
  }

  /** Counts one hit on `key`: whether it is within `limit` per `windowSeconds`, and when the window ends. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitHit> {
    try {
      const results = await this.redis
        .multi()
        .incr(`icc:rl:${key}`)
        .expire(`icc:rl:${key}`, windowSeconds, 'NX')
        .ttl(`icc:rl:${key}`)
        .exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      const ttl = Number(results?.[2]?.[1] ?? -1);
      return {
        allowed: count <= limit,
        retryAfterSeconds: ttl > 0 ? Math.min(ttl, windowSeconds) : windowSeconds,
      };
    } catch (error) {
      this.logger.warn(
        `rate limiter unavailable: ${error instanceof Error ? error.message : 'unknown'}`,
      );
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }
}

/** A key part that names a person or a machine without saying who or which. */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}
