import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type MailDataRef, OutgoingMailEntity } from '../entities/outgoing-mail.entity.js';

export interface NewMail {
  to: {
    email: string;
    name: string;
    locale: string;
    timeZone: string;
    accountId?: string | null;
  };
  template: string;
  dataRef: MailDataRef;
  /** The same key never queues a second mail (e.g. `release:3:session:<id>:to:<account>`). */
  dedupeKey?: string;
  correlationId?: string;
  /** Not before this instant (reminders); default now. */
  availableAt?: Date;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/**
 * The producer side of the outbox. Call it with the EntityManager of the transaction that makes
 * the change: the mail exists exactly when the change does. No Redis is touched here, so a user's
 * action succeeds while Redis is away; the worker's relay puts the row on the queue later.
 */
@Injectable()
export class MailOutbox {
  private readonly messageIdDomain: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.messageIdDomain = new URL(config.publicBaseUrl).hostname || 'icc-hub.localhost';
  }

  /** Returns the new row, or null when a mail with the same dedupe key exists already. */
  async queue(manager: EntityManager, mail: NewMail): Promise<OutgoingMailEntity | null> {
    if (!EMAIL.test(mail.to.email) || mail.to.email.length > 320) {
      throw new Error('invalid recipient address');
    }
    const id = randomUUID();
    const row: Partial<OutgoingMailEntity> = {
      id,
      recipientEmail: mail.to.email,
      recipientName: mail.to.name.slice(0, 200),
      locale: mail.to.locale,
      timeZone: mail.to.timeZone,
      accountId: mail.to.accountId ?? null,
      template: mail.template,
      dataRef: mail.dataRef,
      state: 'queued',
      messageId: `<${id}@${this.messageIdDomain}>`,
      dedupeKey: mail.dedupeKey ?? null,
      correlationId: mail.correlationId ?? null,
      availableAt: mail.availableAt ?? new Date(),
    };
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(OutgoingMailEntity)
      .values(row)
      .orIgnore()
      .execute();
    const inserted = await manager.getRepository(OutgoingMailEntity).findOneBy({ id });
    if (!inserted && result.identifiers.length > 0 && !mail.dedupeKey) {
      throw new Error('outbox insert vanished');
    }
    return inserted;
  }
}
