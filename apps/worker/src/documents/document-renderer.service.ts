import { safeFileName } from '@app/documents';
import {
  AccountEntity,
  EventEntity,
  KeyLearningDocumentEntity,
  KeyLearningFileEntity,
  KeyLearningVersionEntity,
  MailOutbox,
  type NewMail,
  RegistrationEntity,
  TransactionRunner,
} from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { RENDER_ENGINE, type RenderEngine } from './render-engine.js';

export interface RenderOutcome {
  state: 'rendered' | 'already' | 'gone';
  ms: number;
  mails: number;
}

/**
 * Renders a published version to its files (HTML page, Markdown, PDF) from its one Markdown
 * source, stores them, and in the same transaction queues the mail to each confirmed registrant
 * of the session: once per version, however often the job runs (files are unique per version
 * and format, mails per version and person).
 */
@Injectable()
export class DocumentRenderer {
  private readonly logger = new Logger(DocumentRenderer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly outbox: MailOutbox,
    @Inject(RENDER_ENGINE) private readonly engine: RenderEngine,
  ) {}

  async render(versionId: string): Promise<RenderOutcome> {
    const manager = this.dataSource.manager;
    const started = performance.now();
    const version = await manager
      .getRepository(KeyLearningVersionEntity)
      .findOneBy({ id: versionId });
    if (!version) return { state: 'gone', ms: 0, mails: 0 };
    if (version.renderState === 'ready') return { state: 'already', ms: 0, mails: 0 };
    const document = await manager
      .getRepository(KeyLearningDocumentEntity)
      .findOneByOrFail({ id: version.documentId });
    const event = await manager
      .getRepository(EventEntity)
      .findOneOrFail({ select: { id: true, title: true }, where: { id: document.eventId } });
    const files = await this.engine.render(version.markdown, {
      title: version.title,
      author: version.publishedBy,
      subject: event.title,
      lang: version.language,
      createdAt: version.publishedAt,
    });
    const ms = Math.round(performance.now() - started);
    const base = `${safeFileName(version.title, 'md').replace(/\.md$/, '')}-v${version.number}`;
    const mails = await this.transactions.run(async (tx) => {
      const now = new Date();
      await tx
        .createQueryBuilder()
        .insert()
        .into(KeyLearningFileEntity)
        .values(
          files.map((file) => ({
            versionId: version.id,
            format: file.format,
            contentType: file.contentType,
            fileName: safeFileName(base, file.format),
            bytes: file.body.length,
            sha256: createHash('sha256').update(file.body).digest('hex'),
            body: file.body,
            createdAt: now,
          })),
        )
        .orIgnore()
        .execute();
      const marked = await tx
        .createQueryBuilder()
        .update(KeyLearningVersionEntity)
        .set({ renderState: 'ready', renderMs: ms, renderedAt: now })
        .where("id = :id AND renderState <> 'ready'", { id: version.id })
        .execute();
      if (!marked.affected) return -1;
      if (!document.sessionId) return 0;
      const queued = await this.queueMails(tx, version.id, document.sessionId);
      await tx.update(KeyLearningVersionEntity, { id: version.id }, { mailQueuedAt: now });
      return queued;
    });
    if (mails < 0) return { state: 'already', ms, mails: 0 };
    this.logger.log(`rendered key-learnings version ${version.id} in ${ms} ms; ${mails} mails`);
    return { state: 'rendered', ms, mails };
  }

  /** Marks a version whose rendering keeps failing, so the editor shows it (never a person). */
  async fail(versionId: string): Promise<void> {
    await this.dataSource.manager.update(
      KeyLearningVersionEntity,
      { id: versionId, renderState: 'pending' },
      { renderState: 'failed' },
    );
  }

  private async queueMails(
    manager: EntityManager,
    versionId: string,
    sessionId: string,
  ): Promise<number> {
    const seats = await manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('r')
      .innerJoin(AccountEntity, 'a', 'a.id = r.accountId')
      .select([
        'a.id AS "accountId"',
        'a.email AS "email"',
        'a.name AS "name"',
        'a.locale AS "locale"',
        'a.timeZone AS "timeZone"',
      ])
      .where('r.sessionId = :sessionId', { sessionId })
      .andWhere("r.status = 'confirmed'")
      .andWhere('a.email IS NOT NULL AND a.erasedAt IS NULL')
      .getRawMany<{
        accountId: string;
        email: string;
        name: string;
        locale: string;
        timeZone: string;
      }>();
    const mails: NewMail[] = seats.map((seat) => ({
      to: {
        email: seat.email,
        name: seat.name,
        locale: seat.locale,
        timeZone: seat.timeZone,
        accountId: seat.accountId,
      },
      template: 'key-learnings-published',
      dataRef: { keyLearningVersionId: versionId, sessionId },
      dedupeKey: `key-learnings:${versionId}:to:${seat.accountId}`,
    }));
    await this.outbox.queueMany(manager, mails);
    return mails.length;
  }
}
