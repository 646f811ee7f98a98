import { APP_CONFIG, type AppConfig, requireRedisUrl } from '@app/config';
import { QUEUES, type SendMailJob } from '@app/contracts';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { RedisOutageLog, withCorrelationId } from '@app/runtime';
import { JobMetrics } from '../ops/job-metrics.js';
import { MailSender, type SendOutcome } from './mail-sender.service.js';

/** The BullMQ consumer of the mail queue. More worker processes simply mean more consumers. */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailWorker.name);
  private worker: Worker<SendMailJob, SendOutcome> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sender: MailSender,
    private readonly jobs: JobMetrics,
  ) {}

  onApplicationBootstrap(): void {
    // BullMQ workers block on Redis and must retry forever while it is away.
    const connection = new Redis(requireRedisUrl(this.config), { maxRetriesPerRequest: null });
    this.worker = new Worker<SendMailJob, SendOutcome>(
      QUEUES.mail,
      (job: Job<SendMailJob>) => this.process(job),
      {
        connection,
        concurrency: this.config.mail.poolSize * 4,
        // Retries are scheduled in the outbox row (see MailSender), not by BullMQ.
        autorun: true,
      },
    );
    this.worker.on('failed', (job, error) => {
      this.logger.warn({
        msg: 'mail job failed',
        jobId: job?.id,
        mailId: job?.data.mailId,
        correlationId: job?.data.correlationId,
        error: error.message,
      });
    });
    this.jobs.observe(this.worker, QUEUES.mail);
    new RedisOutageLog(this.logger, 'mail queue').watch([this.worker], [connection]);
  }

  /** Sends the job's mail; every line logged meanwhile carries the mail's correlation id. */
  private process(job: Job<SendMailJob>): Promise<SendOutcome> {
    return withCorrelationId(job.data.correlationId, () => {
      this.logger.log({ msg: 'mail job picked up', jobId: job.id, mailId: job.data.mailId });
      return this.sender.send(job.data.mailId);
    });
  }

  /**
   * Finishes the jobs in hand (BullMQ waits for them) before anything else closes: the SMTP pool,
   * the database and Redis go in the later shutdown hooks.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
