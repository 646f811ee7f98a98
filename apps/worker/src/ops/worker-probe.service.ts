import { RedisOutageLog } from '@app/runtime';
import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

/** How long readiness waits for this process to consume its probe job. */
export const PROBE_TIMEOUT_MS = 2_000;

/**
 * Proof that this worker process consumes from Redis, not merely reaches it: the process
 * consumes a queue of its own (its name carries a per-process id), and `consumes()` adds a job
 * there and waits until this process's consumer has completed it. Its connections are set up as
 * the mail consumer's are (a consumer that waits out a Redis restart, a producer that fails
 * fast); the queue is removed from Redis on shutdown.
 */
@Injectable()
export class WorkerProbe implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerProbe.name);
  readonly queueName = `probe-${process.pid}-${randomUUID().slice(0, 8)}`;
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private connections: Redis[] = [];
  private readonly waiting = new Map<string, () => void>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    const url = requireRedisUrl(this.config);
    const producer = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    const consumer = new Redis(url, { maxRetriesPerRequest: null });
    this.connections = [producer, consumer];
    this.queue = new Queue(this.queueName, {
      connection: producer,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    this.worker = new Worker(this.queueName, () => Promise.resolve(), {
      connection: consumer,
      concurrency: 1,
    });
    this.worker.on('completed', (job) => {
      if (job.id) this.waiting.get(job.id)?.();
    });
    new RedisOutageLog(this.logger, 'probe queue').watch(
      [this.queue, this.worker],
      [producer, consumer],
    );
  }

  /** Resolves once this process has consumed a fresh probe job; rejects after `timeoutMs`. */
  async consumes(timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
    const queue = this.queue;
    if (!queue) throw new Error('probe not started');
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const consumed = new Promise<void>((resolve, reject) => {
      this.waiting.set(id, resolve);
      timer = setTimeout(() => reject(new Error('probe job not consumed in time')), timeoutMs);
    });
    try {
      await queue.add('probe', {}, { jobId: id });
      await consumed;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(id);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    try {
      await this.queue?.obliterate({ force: true });
    } catch (error) {
      this.logger.warn(
        `probe queue ${this.queueName} not removed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    await this.queue?.close().catch(() => undefined);
    for (const connection of this.connections) connection.disconnect();
  }
}
