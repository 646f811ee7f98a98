import {
  type HealthReport,
  type HealthState,
  WORKER_HEARTBEAT_INTERVAL_MS,
  WORKER_HEARTBEAT_KEY,
} from '@app/contracts';
import { checkReadiness, REDIS, type ReadinessReport } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

const CHECK_TIMEOUT_MS = 1_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, redis, worker] = await Promise.all([
      this.check(() => this.dataSource.query('SELECT 1')),
      this.check(() => this.redis.ping()),
      this.workerState(),
    ]);
    return {
      status: database === 'up' && redis === 'up' && worker === 'up' ? 'ok' : 'degraded',
      checks: { database, redis, worker },
    };
  }

  /** Ready to serve: the database and Redis answer (the worker is no part of the api's readiness). */
  readiness(): Promise<ReadinessReport> {
    return checkReadiness(
      {
        database: () => this.dataSource.query('SELECT 1'),
        redis: () => this.redis.ping(),
      },
      CHECK_TIMEOUT_MS,
    );
  }

  private async check(probe: () => Promise<unknown>): Promise<HealthState> {
    try {
      await within(probe(), CHECK_TIMEOUT_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }

  /** A worker writes a heartbeat into Redis; three missed beats mean no worker is running. */
  private async workerState(): Promise<HealthState> {
    try {
      const beat = await within(this.redis.get(WORKER_HEARTBEAT_KEY), CHECK_TIMEOUT_MS);
      const age = beat ? Date.now() - Number(beat) : Number.POSITIVE_INFINITY;
      return age <= WORKER_HEARTBEAT_INTERVAL_MS * 3 ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }
}
