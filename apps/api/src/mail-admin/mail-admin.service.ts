import { MAIL_STATES, type MailRowView, type MailState } from '@app/contracts';
import { MailOutbox, OutgoingMailEntity, TransactionRunner } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';

function toView(row: OutgoingMailEntity): MailRowView {
  return {
    id: row.id,
    recipientEmail: row.recipientEmail,
    template: row.template,
    state: row.state,
    attempts: row.attempts,
    lastError: row.lastError,
    messageId: row.messageId,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** The organiser's view of the outbox: how much is where, what failed and why, send again. */
@Injectable()
export class MailAdminService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: MailOutbox,
    @InjectRepository(OutgoingMailEntity) private readonly mails: Repository<OutgoingMailEntity>,
  ) {}

  async counts(): Promise<Record<MailState, number>> {
    const rows = await this.mails
      .createQueryBuilder('m')
      .select('m.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .groupBy('m.state')
      .getRawMany<{ state: MailState; n: string | number }>();
    const counts = Object.fromEntries(MAIL_STATES.map((s) => [s, 0])) as Record<MailState, number>;
    for (const row of rows) counts[row.state] = Number(row.n);
    return counts;
  }

  async list(state: MailState | undefined, limit: number): Promise<MailRowView[]> {
    const rows = await this.mails.find({
      where: state ? { state } : {},
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map(toView);
  }

  /**
   * A failed mail goes back on the queue as it is (same Message-ID); a sent one is queued again as
   * a new mail with a new Message-ID, since the first copy was delivered.
   */
  async resend(id: string, correlationId: string): Promise<MailRowView> {
    return this.transactions.run(async (manager) => {
      const repo = manager.getRepository(OutgoingMailEntity);
      const row = await repo.findOneBy({ id });
      if (!row) throw DomainError.notFound('Mail');
      if (row.state === 'failed') {
        await repo.update(
          { id, state: 'failed' },
          {
            state: 'queued',
            attempts: 0,
            enqueuedAt: null,
            enqueueCount: row.enqueueCount + 1,
            availableAt: new Date(),
            lastError: null,
          },
        );
        return toView(await repo.findOneByOrFail({ id }));
      }
      if (row.template === 'sign-in-link') {
        throw new DomainError(
          DomainErrorCode.Conflict,
          'A delivered sign-in link is never sent again: the person asks for a new one',
        );
      }
      if (row.state !== 'sent') {
        throw new DomainError(
          DomainErrorCode.Conflict,
          `The mail is ${row.state}; it is on its way already`,
        );
      }
      const copy = await this.outbox.queue(manager, {
        to: {
          email: row.recipientEmail,
          name: row.recipientName,
          locale: row.locale,
          timeZone: row.timeZone,
          accountId: row.accountId,
        },
        template: row.template,
        dataRef: row.dataRef,
        correlationId,
      });
      if (!copy)
        throw new DomainError(DomainErrorCode.Conflict, 'The mail could not be queued again');
      return toView(copy);
    });
  }
}
