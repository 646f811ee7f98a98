import type { MailTemplateName } from '@app/mailer';
import { AccountEntity, type MailDataRef, MailOutbox, type NewMail } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SessionReminders } from './session-reminders.js';

export type RegistrationMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled';

const TEMPLATE: Readonly<Record<RegistrationMailKind, MailTemplateName>> = {
  confirmed: 'registration-confirmed',
  waitlisted: 'registration-waitlisted',
  promoted: 'registration-promoted',
  cancelled: 'registration-cancelled',
};

const CALENDAR: Readonly<Record<RegistrationMailKind, MailDataRef['calendar']>> = {
  confirmed: 'REQUEST',
  waitlisted: undefined,
  promoted: 'REQUEST',
  cancelled: 'CANCEL',
};

export interface RegistrationMail {
  kind: RegistrationMailKind;
  registrationId: string;
  accountId: string;
  /** The account when the caller has read it already (the person registering); else read here. */
  recipient?: Pick<AccountEntity, 'id' | 'email' | 'name' | 'locale' | 'timeZone'>;
  sessionId: string;
  /**
   * The release the person registered from: the mail and its calendar file describe the session
   * as published, never unpublished draft edits.
   */
  releaseId: string;
  /** The session's start in that release: a held seat's reminders are timed from it. */
  startsAt: Date;
  /** The moment of the change; with the id it makes the dedupe key, so a retry mails once. */
  at: Date;
}

/**
 * Writes a registration's mail into the outbox, in the transaction that makes the change, and
 * with a held seat its reminders (queued with a confirmation or promotion, taken back with a
 * cancellation).
 */
@Injectable()
export class RegistrationMails {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly reminders: SessionReminders,
  ) {}

  async queue(manager: EntityManager, mail: RegistrationMail): Promise<void> {
    if (mail.kind === 'cancelled') {
      await this.reminders.forget(manager, {
        sessionId: mail.sessionId,
        registrationId: mail.registrationId,
      });
    }
    const account =
      mail.recipient ??
      (await manager.getRepository(AccountEntity).findOneBy({ id: mail.accountId }));
    // An erased account has no address left to write to.
    if (!account?.email) return;
    const to = {
      email: account.email,
      name: account.name,
      locale: account.locale,
      timeZone: account.timeZone,
      accountId: account.id,
    };
    const calendar = CALENDAR[mail.kind];
    const notice: NewMail = {
      to,
      template: TEMPLATE[mail.kind],
      dataRef: {
        sessionId: mail.sessionId,
        releaseId: mail.releaseId,
        ...(calendar ? { calendar } : {}),
      },
      dedupeKey: `registration:${mail.registrationId}:${mail.kind}:${mail.at.toISOString()}`,
    };
    const reminders =
      mail.kind === 'confirmed' || mail.kind === 'promoted'
        ? this.reminders.mailsFor({
            registrationId: mail.registrationId,
            sessionId: mail.sessionId,
            startsAt: mail.startsAt,
            to,
          })
        : [];
    await this.outbox.queueMany(manager, [notice, ...reminders]);
  }
}
