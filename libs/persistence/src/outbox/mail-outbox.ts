import { APP_CONFIG, type AppConfig } from '@app/config';
import { currentCorrelationId } from '@app/runtime';
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
  /** Default: the id of the request (or job) queueing the mail, so its logs lead to the row. */
  correlationId?: string;
  /** Not before this instant (reminders); default now. */
  availableAt?: Date;
}

/** Rows per INSERT: 15 parameters each stays far below PostgreSQL's 65,535. */
const QUEUE_MANY_CHUNK = 500;

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
    const row = this.row(mail);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(OutgoingMailEntity)
      .values(row)
      .orIgnore()
      .execute();
    const inserted = await manager.getRepository(OutgoingMailEntity).findOneBy({ id: row.id });
    if (!inserted && result.identifiers.length > 0 && !mail.dedupeKey) {
      throw new Error('outbox insert vanished');
    }
    return inserted;
  }

  /**
   * A mailing (a release's notices to every registrant) in multi-row inserts. Mails whose dedupe
   * key exists already are skipped, so repeating the cause queues nothing new.
   */
  async queueMany(manager: EntityManager, mails: readonly NewMail[]): Promise<void> {
    const rows = mails.map((mail) => this.row(mail));
    const postgres = manager.connection.options.type === 'postgres';
    for (let start = 0; start < rows.length; start += QUEUE_MANY_CHUNK) {
      const chunk = rows.slice(start, start + QUEUE_MANY_CHUNK);
      if (postgres) {
        await insertWrittenOut(manager, chunk);
        continue;
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(OutgoingMailEntity)
        .values(chunk)
        .orIgnore()
        .execute();
    }
  }

  private row(mail: NewMail): Partial<OutgoingMailEntity> & { id: string } {
    if (!EMAIL.test(mail.to.email) || mail.to.email.length > 320) {
      throw new Error('invalid recipient address');
    }
    const id = randomUUID();
    return {
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
      correlationId: mail.correlationId ?? currentCorrelationId() ?? null,
      availableAt: mail.availableAt ?? new Date(),
    };
  }
}

/**
 * The multi-row INSERT … ON CONFLICT DO NOTHING of `queueMany`, written out for PostgreSQL: it
 * runs in every registration's transaction, and TypeORM's insert builder cost more CPU than the
 * statement (profiled under `npm run bench:registration`). Values are converted for their
 * columns by the driver, as TypeORM does.
 */
async function insertWrittenOut(
  manager: EntityManager,
  rows: ReadonlyArray<Partial<OutgoingMailEntity>>,
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(OutgoingMailEntity);
  const driver = manager.connection.driver;
  const columns = Object.keys(rows[0]).map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`outgoing_mails has no column for ${property}`);
    return column;
  });
  const params: unknown[] = [];
  const values = rows.map((row) => {
    const placeholders = columns.map((column) => {
      params.push(driver.preparePersistentValue(column.getEntityValue(row), column));
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
  await manager.query(
    `INSERT INTO "outgoing_mails" (${names}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  );
}
