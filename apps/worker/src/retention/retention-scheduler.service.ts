import { RedisOutageLog } from '@app/runtime';
import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import { MAINTENANCE_JOBS, QUEUES } from '@app/contracts';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { JobMetrics } from '../ops/job-metrics.js';
import { RetentionService } from './retention.service.js';

/**
 * Runs the retention job every night at 03:00 UTC through a BullMQ job scheduler: however many
 * workers run, the scheduler makes one job per run, and one worker takes it.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionScheduler.name);
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private connections: Redis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: RetentionService,
    private readonly jobs: JobMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const url = requireRedisUrl(this.config);
    const producer = new Redis(url, { maxRetriesPerRequest: 1 });
    const consumer = new Redis(url, { maxRetriesPerRequest: null });
    this.connections = [producer, consumer];
    this.queue = new Queue(QUEUES.maintenance, { connection: producer });
    this.worker = new Worker(QUEUES.maintenance, () => this.retention.run(), {
      connection: consumer,
      concurrency: 1,
    });
    new RedisOutageLog(this.logger, 'maintenance queue').watch(
      [this.queue, this.worker],
      [producer, consumer],
    );
    this.jobs.observe(this.worker, QUEUES.maintenance);
    try {
      await this.queue.upsertJobScheduler(
        MAINTENANCE_JOBS.retention,
        { pattern: '0 3 * * *', tz: 'UTC' },
        { name: MAINTENANCE_JOBS.retention, data: {} },
      );
    } catch (error) {
      // Redis may be away at boot; the schedule is kept in Redis, so the next start sets it.
      this.logger.warn(
        `could not schedule retention: ${error instanceof Error ? error.message : 'unknown'}`,
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    for (const connection of this.connections) connection.disconnect();
  }
}
