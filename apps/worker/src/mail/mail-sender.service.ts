import { APP_CONFIG, type AppConfig } from '@app/config';
import { addressHeader, classifySmtpError } from '@app/mailer';
import { OutgoingMailEntity } from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Transporter } from 'nodemailer';
import type { Repository } from 'typeorm';
import { MailComposer, UncomposableMailError } from './mail-composer.service.js';
import { retryDelayMs } from './mail-timing.js';
import { SMTP_TRANSPORT } from './mail.tokens.js';

export type SendOutcome = 'sent' | 'skipped' | 'retrying' | 'failed';

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code =
      (error as { responseCode?: number; code?: string }).responseCode ??
      (error as { code?: string }).code;
    return `${code ? `${code} ` : ''}${error.message}`.slice(0, 1000);
  }
  return String(error).slice(0, 1000);
}

/**
 * Sends one outbox row. Safe to run twice for the same row: only the run that moves the row to
 * `sending` sends, and a sent row is never touched again.
 */
@Injectable()
export class MailSender {
  private readonly logger = new Logger(MailSender.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(OutgoingMailEntity) private readonly mails: Repository<OutgoingMailEntity>,
    @Inject(SMTP_TRANSPORT) private readonly transport: Transporter,
    private readonly composer: MailComposer,
  ) {}

  async send(mailId: string, now = new Date()): Promise<SendOutcome> {
    if (!(await this.claim(mailId, now))) return 'skipped';
    const row = await this.mails.findOneByOrFail({ id: mailId });
    let message;
    try {
      message = await this.composer.compose(row);
    } catch (error) {
      if (error instanceof UncomposableMailError) return this.fail(row, describe(error));
      return this.retryOrFail(row, error);
    }
    try {
      await this.transport.sendMail({
        from: this.config.mail.from,
        to: addressHeader(row.recipientName, row.recipientEmail),
        subject: message.subject,
        text: message.text,
        html: message.html,
        icalEvent: message.icalEvent,
        messageId: row.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      return classifySmtpError(error) === 'permanent'
        ? this.fail(row, describe(error))
        : this.retryOrFail(row, error);
    }
    await this.mails.update(
      { id: row.id, state: 'sending' },
      { state: 'sent', sentAt: new Date(), lockedUntil: null, lastError: null },
    );
    this.logger.debug(
      `mail ${row.id} sent (attempt ${row.attempts}, correlation ${row.correlationId ?? '-'})`,
    );
    return 'sent';
  }

  /** queued/retrying → sending, or a `sending` row whose lease ran out. One winner. */
  private async claim(mailId: string, now: Date): Promise<boolean> {
    const result = await this.mails
      .createQueryBuilder()
      .update(OutgoingMailEntity)
      .set({
        state: 'sending',
        attempts: () => '"attempts" + 1',
        lockedUntil: new Date(now.getTime() + this.config.mail.leaseMs),
      })
      .where('id = :id AND (state IN (:...ready) OR (state = :sending AND "lockedUntil" < :now))', {
        id: mailId,
        ready: ['queued', 'retrying'],
        sending: 'sending',
        now,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private async retryOrFail(row: OutgoingMailEntity, error: unknown): Promise<SendOutcome> {
    if (row.attempts >= this.config.mail.maxAttempts) return this.fail(row, describe(error));
    await this.mails
      .createQueryBuilder()
      .update(OutgoingMailEntity)
      .set({
        state: 'retrying',
        lastError: describe(error),
        lockedUntil: null,
        enqueuedAt: null,
        enqueueCount: () => '"enqueueCount" + 1',
        availableAt: new Date(Date.now() + retryDelayMs(row.attempts)),
      })
      .where('id = :id AND state = :sending', { id: row.id, sending: 'sending' })
      .execute();
    this.logger.warn(`mail ${row.id} will be retried (attempt ${row.attempts} failed)`);
    return 'retrying';
  }

  private async fail(row: OutgoingMailEntity, reason: string): Promise<SendOutcome> {
    await this.mails.update(
      { id: row.id, state: 'sending' },
      { state: 'failed', lastError: reason, lockedUntil: null },
    );
    this.logger.warn(`mail ${row.id} failed for good after ${row.attempts} attempt(s)`);
    return 'failed';
  }
}
