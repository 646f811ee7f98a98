import { RedisOutageLog } from '@app/runtime';
import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import { DOCUMENT_JOBS, QUEUES, type RenderDocumentJob } from '@app/contracts';
import { KeyLearningVersionEntity } from '@app/persistence';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { DigestSweep } from './digest-sweep.service.js';
import { DocumentRenderer } from './document-renderer.service.js';
import { JobMetrics } from '../ops/job-metrics.js';

/** How often pending versions are put on the queue (the version row is the outbox). */
export const RENDER_RELAY_MS = 1_000;
const RELAY_BATCH = 20;
/** Tries of a render before the version is marked failed. */
export const RENDER_ATTEMPTS = 3;
export const DIGEST_SWEEP_MS = 60_000;

type DocumentJob = Job<RenderDocumentJob | Record<string, never>>;

/**
 * The worker's documents queue. A published version waits in its table as `pending`; the relay
 * puts it on the queue by id (job id = version id, so several workers relaying at once add it
 * once, and a job lost with Redis is added again). A job scheduler runs the digest sweep every
 * minute, once however many workers run.
 */
@Injectable()
export class DocumentsQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DocumentsQueue.name);
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private connections: Redis[] = [];
  private relayTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastError: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly renderer: DocumentRenderer,
    private readonly sweep: DigestSweep,
    private readonly jobs: JobMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const url = requireRedisUrl(this.config);
    const producer = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    const consumer = new Redis(url, { maxRetriesPerRequest: null });
    this.connections = [producer, consumer];
    this.queue = new Queue(QUEUES.documents, {
      connection: producer,
      defaultJobOptions: {
        removeOnComplete: true,
        removeOnFail: { age: 3600 },
      },
    });
    this.worker = new Worker(QUEUES.documents, (job: DocumentJob) => this.process(job), {
      connection: consumer,
      concurrency: 1,
    });
    new RedisOutageLog(this.logger, 'documents queue').watch(
      [this.queue, this.worker],
      [producer, consumer],
    );
    this.jobs.observe(this.worker, QUEUES.documents);
    this.worker.on('failed', (job, error) => void this.failed(job, error));
    this.scheduleRelay(0);
    producer.once('ready', () => {
      this.queue
        ?.upsertJobScheduler(
          DOCUMENT_JOBS.digestSweep,
          { every: DIGEST_SWEEP_MS },
          { name: DOCUMENT_JOBS.digestSweep, data: {} },
        )
        .catch((error: unknown) => this.warn('schedule', error));
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relayTimer);
    await this.worker?.close();
    await this.queue?.close();
    for (const connection of this.connections) connection.disconnect();
  }

  private async process(job: DocumentJob): Promise<unknown> {
    if (job.name === DOCUMENT_JOBS.digestSweep) return this.sweep.run();
    if (job.name === DOCUMENT_JOBS.render && 'versionId' in job.data) {
      return this.renderer.render(job.data.versionId);
    }
    throw new Error(`unknown documents job ${job.name}`);
  }

  private async failed(job: DocumentJob | undefined, error: Error): Promise<void> {
    this.warn('render', error);
    if (!job || job.name !== DOCUMENT_JOBS.render || !('versionId' in job.data)) return;
    if (job.attemptsMade >= RENDER_ATTEMPTS) await this.renderer.fail(job.data.versionId);
  }

  private scheduleRelay(delay: number): void {
    if (this.stopped) return;
    this.relayTimer = setTimeout(() => {
      this.relay().then(
        (moved) => this.scheduleRelay(moved === RELAY_BATCH ? 0 : RENDER_RELAY_MS),
        (error: unknown) => {
          this.warn('relay', error);
          this.scheduleRelay(RENDER_RELAY_MS * 4);
        },
      );
    }, delay);
  }

  /** Puts pending versions on the queue; one already there (same job id) is not added twice. */
  async relay(): Promise<number> {
    const queue = this.queue;
    if (!queue) return 0;
    const pending = await this.dataSource.getRepository(KeyLearningVersionEntity).find({
      select: { id: true },
      where: { renderState: 'pending' },
      order: { publishedAt: 'ASC' },
      take: RELAY_BATCH,
    });
    if (pending.length === 0) return 0;
    await queue.addBulk(
      pending.map((v) => ({
        name: DOCUMENT_JOBS.render,
        data: { versionId: v.id },
        opts: {
          jobId: `render-${v.id}`,
          attempts: RENDER_ATTEMPTS,
          backoff: { type: 'exponential', delay: 2_000 },
        },
      })),
    );
    this.lastError = undefined;
    return pending.length;
  }

  /** One line per kind of trouble, not one per tick while Redis is away. */
  private warn(what: string, error: unknown): void {
    const message = `${what}: ${error instanceof Error ? error.message : 'unknown error'}`;
    if (message === this.lastError) return;
    this.lastError = message;
    this.logger.warn(message);
  }
}
