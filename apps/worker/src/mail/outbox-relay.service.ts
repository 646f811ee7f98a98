import { APP_CONFIG, type AppConfig } from '@app/config';
import { MAIL_JOBS, type SendMailJob } from '@app/contracts';
import { OutgoingMailEntity, TransactionRunner } from '@app/persistence';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { In, IsNull, LessThan, LessThanOrEqual, type Repository } from 'typeorm';
import { RELAY_BATCH, RELAY_INTERVAL_MS, sweepIntervalMs } from './mail-timing.js';
import { MAIL_QUEUE } from './mail.tokens.js';

export function mailJobId(row: Pick<OutgoingMailEntity, 'id' | 'enqueueCount'>): string {
  return `${row.id}_${row.enqueueCount}`;
}

/**
 * Moves outbox rows onto the queue (job = row id) and takes back rows whose job or worker was
 * lost. Several workers may relay at once: job ids make a second add of the same row a no-op.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private relayTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastRelayError: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    @InjectRepository(OutgoingMailEntity) private readonly mails: Repository<OutgoingMailEntity>,
    @Inject(MAIL_QUEUE) private readonly queue: Queue<SendMailJob>,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduleRelay(0);
    this.sweepTimer = setInterval(
      () => void this.sweep().catch((error: unknown) => this.warn('sweep', error)),
      sweepIntervalMs(this.config.mail.leaseMs),
    );
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.relayTimer);
    clearInterval(this.sweepTimer);
  }

  private scheduleRelay(delay: number): void {
    if (this.stopped) return;
    this.relayTimer = setTimeout(() => {
      this.relayOnce().then(
        (moved) => this.scheduleRelay(moved === RELAY_BATCH ? 0 : RELAY_INTERVAL_MS),
        (error: unknown) => {
          this.warn('relay', error);
          this.scheduleRelay(RELAY_INTERVAL_MS * 4);
        },
      );
    }, delay);
  }

  /** One batch of due rows onto the queue. Returns how many were moved. */
  async relayOnce(now = new Date()): Promise<number> {
    const due = await this.mails.find({
      select: { id: true, enqueueCount: true, correlationId: true },
      where: [
        { state: 'queued', enqueuedAt: IsNull(), availableAt: LessThanOrEqual(now) },
        { state: 'retrying', enqueuedAt: IsNull(), availableAt: LessThanOrEqual(now) },
      ],
      order: { availableAt: 'ASC' },
      take: RELAY_BATCH,
    });
    if (due.length === 0) return 0;
    const ids = due.map((row) => row.id);
    // Marked first: a worker that fails the mail at once resets `enqueuedAt` itself, and that
    // reset must not be overwritten by a mark that lands after it.
    await this.write((mails) =>
      mails.update({ id: In(ids), enqueuedAt: IsNull() }, { enqueuedAt: now }),
    );
    try {
      await this.queue.addBulk(
        due.map((row) => ({
          name: MAIL_JOBS.send,
          data: row.correlationId
            ? { mailId: row.id, correlationId: row.correlationId }
            : { mailId: row.id },
          opts: { jobId: mailJobId(row) },
        })),
      );
    } catch (error) {
      await this.write((mails) =>
        mails.update({ id: In(ids), enqueuedAt: now }, { enqueuedAt: null }),
      );
      throw error;
    }
    if (this.lastRelayError) this.logger.log('relay reaches the queue again');
    this.lastRelayError = undefined;
    return due.length;
  }

  /**
   * Rows a dead worker held (`sending` past its lease) go back to `retrying`; rows that have sat
   * on the queue a whole lease get a new job when theirs is not waiting any more (Redis lost it,
   * it ended without touching the row, or a worker took it and died before claiming it).
   */
  async sweep(now = new Date()): Promise<{ released: number; requeued: number }> {
    const released = await this.write((mails) =>
      mails
        .createQueryBuilder()
        .update(OutgoingMailEntity)
        .set({
          state: 'retrying',
          enqueuedAt: null,
          lockedUntil: null,
          enqueueCount: () => '"enqueueCount" + 1',
          lastError: 'the worker stopped while sending; sent again with the same Message-ID',
        })
        .where('state = :sending AND "lockedUntil" < :now', { sending: 'sending', now })
        .execute(),
    );
    const stale = await this.mails.find({
      select: { id: true, enqueueCount: true },
      where: [
        {
          state: 'queued',
          enqueuedAt: LessThan(new Date(now.getTime() - this.config.mail.leaseMs)),
        },
        {
          state: 'retrying',
          enqueuedAt: LessThan(new Date(now.getTime() - this.config.mail.leaseMs)),
        },
      ],
      take: RELAY_BATCH,
    });
    let requeued = 0;
    for (const row of stale) {
      const job = await this.queue.getJob(mailJobId(row));
      const state = job ? await job.getState() : 'missing';
      // Still waiting its turn: leave it. An `active` job whose row is still unclaimed after a
      // whole lease belongs to a worker that died before claiming (a live one claims at once).
      if (state === 'waiting' || state === 'delayed' || state === 'prioritized') continue;
      const result = await this.write((mails) =>
        mails.update(
          { id: row.id, enqueueCount: row.enqueueCount },
          { enqueuedAt: null, enqueueCount: row.enqueueCount + 1 },
        ),
      );
      requeued += result.affected ?? 0;
    }
    const releasedCount = released.affected ?? 0;
    if (releasedCount || requeued) {
      this.logger.warn(`sweep: ${releasedCount} released from dead workers, ${requeued} re-queued`);
    }
    return { released: releasedCount, requeued };
  }

  /**
   * In the queue of transactions: on SQLite a rollback of the worker's other work undoes a write
   * beside it (the relay's marks are redone on a later tick, but late).
   */
  private write<T>(work: (mails: Repository<OutgoingMailEntity>) => Promise<T>): Promise<T> {
    return this.transactions.alone((manager) => work(manager.getRepository(OutgoingMailEntity)));
  }

  private warn(what: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason !== this.lastRelayError) this.logger.warn(`${what} failed: ${reason}`);
    this.lastRelayError = reason;
  }
}
