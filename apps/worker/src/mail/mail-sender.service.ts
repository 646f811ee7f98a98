import { APP_CONFIG, type AppConfig } from '@app/config';
import { addressHeader, classifySmtpError } from '@app/mailer';
import { OutgoingMailEntity, TransactionRunner } from '@app/persistence';
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
    private readonly transactions: TransactionRunner,
    @InjectRepository(OutgoingMailEntity) private readonly mails: Repository<OutgoingMailEntity>,
    @Inject(SMTP_TRANSPORT) private readonly transport: Transporter,
    private readonly composer: MailComposer,
  ) {}

  async send(mailId: string, now = new Date()): Promise<SendOutcome> {
    const row = await this.claim(mailId, now);
    if (!row) return 'skipped';
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
        attachments: message.attachments,
        messageId: row.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      return classifySmtpError(error) === 'permanent'
        ? this.fail(row, describe(error))
        : this.retryOrFail(row, error);
    }
    await this.markSent(row.id);
    this.logger.log({
      msg: 'mail sent',
      mailId: row.id,
      attempt: row.attempts,
      correlationId: row.correlationId ?? undefined,
    });
    return 'sent';
  }

  /**
   * queued/retrying → sending, or a `sending` row whose lease ran out; one winner, which gets the
   * row back from the same statement (RETURNING, on both drivers) instead of reading it again.
   * TypeORM's query builder refuses RETURNING on SQLite, although SQLite has had it since 3.35,
   * hence plain SQL with values converted by the driver exactly as the ORM would.
   */
  private async claim(mailId: string, now: Date): Promise<OutgoingMailEntity | null> {
    const sql = this.statement(
      `UPDATE "outgoing_mails" SET "state" = 'sending', "attempts" = "attempts" + 1,
         "lockedUntil" = ?, "updatedAt" = ?
       WHERE "id" = ? AND ("state" IN ('queued', 'retrying')
         OR ("state" = 'sending' AND "lockedUntil" < ?))
       RETURNING *`,
    );
    const leaseEnd = new Date(now.getTime() + this.config.mail.leaseMs);
    const rows = await this.query(sql, [
      this.timestamp('lockedUntil', leaseEnd),
      this.timestamp('updatedAt', now),
      mailId,
      this.timestamp('lockedUntil', now),
    ]);
    const raw = Array.isArray(rows[0]) ? (rows[0] as Record<string, unknown>[])[0] : rows[0];
    return raw ? this.hydrate(raw as Record<string, unknown>) : null;
  }

  private async markSent(mailId: string): Promise<void> {
    const now = new Date();
    await this.query(
      this.statement(
        `UPDATE "outgoing_mails" SET "state" = 'sent', "sentAt" = ?, "updatedAt" = ?,
           "lockedUntil" = NULL, "lastError" = NULL
         WHERE "id" = ? AND "state" = 'sending'`,
      ),
      [this.timestamp('sentAt', now), this.timestamp('updatedAt', now), mailId],
    );
  }

  /**
   * In the queue of transactions: on SQLite a write beside it runs inside whatever transaction of
   * this process is open (a document render, a retention chunk), and that one's rollback would undo
   * the claim or the `sent` mark, and the mail would go out twice.
   */
  private query(sql: string, parameters: unknown[]): Promise<unknown[]> {
    return this.transactions.alone((manager) => manager.query<unknown[]>(sql, parameters));
  }

  /** `?` placeholders, numbered for PostgreSQL. */
  private statement(sql: string): string {
    if (this.mails.manager.connection.options.type !== 'postgres') return sql;
    let index = 0;
    return sql.replace(/\?/g, () => `$${++index}`);
  }

  private timestamp(property: keyof OutgoingMailEntity, value: Date): unknown {
    const column = this.mails.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`outgoing_mails has no column ${property}`);
    return this.mails.manager.connection.driver.preparePersistentValue(value, column);
  }

  private hydrate(raw: Record<string, unknown>): OutgoingMailEntity {
    const driver = this.mails.manager.connection.driver;
    const entity = this.mails.create();
    for (const column of this.mails.metadata.columns) {
      const value = raw[column.databaseName];
      if (value !== undefined)
        column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }

  private async retryOrFail(row: OutgoingMailEntity, error: unknown): Promise<SendOutcome> {
    if (row.attempts >= this.config.mail.maxAttempts) return this.fail(row, describe(error));
    await this.transactions.alone((manager) =>
      manager
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
        .execute(),
    );
    this.logger.warn({
      msg: 'mail will be retried',
      mailId: row.id,
      attempt: row.attempts,
      correlationId: row.correlationId ?? undefined,
    });
    return 'retrying';
  }

  private async fail(row: OutgoingMailEntity, reason: string): Promise<SendOutcome> {
    await this.transactions.alone((manager) =>
      manager
        .getRepository(OutgoingMailEntity)
        .update(
          { id: row.id, state: 'sending' },
          { state: 'failed', lastError: reason, lockedUntil: null },
        ),
    );
    this.logger.warn({
      msg: 'mail failed for good',
      mailId: row.id,
      attempts: row.attempts,
      correlationId: row.correlationId ?? undefined,
    });
    return 'failed';
  }
}
