import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import { MAIL_STATES, QUEUES } from '@app/contracts';
import { METRICS, RedisOutageLog, replaceMetric } from '@app/runtime';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** The queue states reported; `completed` is left out (removed on completion anyway). */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Gauges read on every scrape: the hub's BullMQ queues by state (from Redis, shared by every
 * worker) and the mail outbox by state (one GROUP BY on the database). When Redis or the database
 * does not answer, the gauge has no series for that scrape rather than stale numbers.
 */
@Injectable()
export class WorkerMetrics implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetrics.name);
  private connection: Redis | undefined;
  private queues: Queue[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS) private readonly registry: Registry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // Fails fast while Redis is away: a scrape must not wait for it.
    const connection = new Redis(requireRedisUrl(this.config), {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.connection = connection;
    this.queues = Object.values(QUEUES).map((name) => new Queue(name, { connection }));
    new RedisOutageLog(this.logger, 'queue metrics').watch(this.queues, [connection]);
    const registry = this.registry;
    const queueCounts = () => this.queueCounts();
    const outboxCounts = () => this.outboxCounts();
    replaceMetric(
      registry,
      'bullmq_queue_jobs',
      () =>
        new Gauge({
          name: 'bullmq_queue_jobs',
          help: 'Jobs in the hub queues by state (read from Redis at scrape time)',
          labelNames: ['queue', 'state'] as const,
          registers: [registry],
          async collect() {
            this.reset();
            for (const { queue, state, count } of await queueCounts()) {
              this.set({ queue, state }, count);
            }
          },
        }),
    );
    replaceMetric(
      registry,
      'mail_outbox_rows',
      () =>
        new Gauge({
          name: 'mail_outbox_rows',
          help: 'Rows of the mail outbox by state (read from the database at scrape time)',
          labelNames: ['state'] as const,
          registers: [registry],
          async collect() {
            this.reset();
            for (const { state, count } of await outboxCounts()) this.set({ state }, count);
          },
        }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.registry.removeSingleMetric('bullmq_queue_jobs');
    this.registry.removeSingleMetric('mail_outbox_rows');
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
    this.connection?.disconnect();
  }

  async queueCounts(): Promise<{ queue: string; state: string; count: number }[]> {
    try {
      const counts = await Promise.all(
        this.queues.map(async (queue) => ({
          queue: queue.name,
          counts: await queue.getJobCounts(...QUEUE_STATES),
        })),
      );
      return counts.flatMap(({ queue, counts: byState }) =>
        QUEUE_STATES.map((state) => ({ queue, state, count: byState[state] ?? 0 })),
      );
    } catch (error) {
      this.logger.debug(
        `queue depth not read: ${error instanceof Error ? error.message : String(error)}`,
      );
      return [];
    }
  }

  async outboxCounts(): Promise<{ state: string; count: number }[]> {
    try {
      const rows = await this.dataSource.query<{ state: string; count: string | number }[]>(
        'SELECT "state", COUNT(*) AS "count" FROM "outgoing_mails" GROUP BY "state"',
      );
      const byState = new Map(rows.map((row) => [row.state, Number(row.count)]));
      return MAIL_STATES.map((state) => ({ state, count: byState.get(state) ?? 0 }));
    } catch (error) {
      this.logger.debug(
        `outbox not counted: ${error instanceof Error ? error.message : String(error)}`,
      );
      return [];
    }
  }
}
