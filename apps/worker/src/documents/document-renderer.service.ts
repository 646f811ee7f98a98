import {
  AccountEntity,
  KeyLearningVersionEntity,
  MailOutbox,
  type NewMail,
  RegistrationEntity,
  TransactionRunner,
} from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RENDER_ENGINE, type RenderEngine } from './render-engine.js';

export interface RenderOutcome {
  state: 'rendered' | 'already' | 'gone';
  ms: number;
  mails: number;
}

/**
 * Turns a published version into its files (HTML page, Markdown, PDF, produced and stored by the
 * render engine from the version's one Markdown source), then marks it ready and in the same
 * transaction queues the mail to each confirmed registrant of the session: once per version,
 * however often the job runs (files are unique per version and format, mails per version and
 * person, and only the transaction that marks the version ready queues them).
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
    const produced = await this.engine.produce(versionId);
    if (produced.state !== 'stored') return { state: produced.state, ms: 0, mails: 0 };
    const { ms, sessionId } = produced;
    const mails = await this.transactions.run(async (tx) => {
      const now = new Date();
      const marked = await tx
        .createQueryBuilder()
        .update(KeyLearningVersionEntity)
        .set({ renderState: 'ready', renderMs: ms, renderedAt: now })
        .where("id = :id AND renderState <> 'ready'", { id: versionId })
        .execute();
      if (!marked.affected) return -1;
      if (!sessionId) return 0;
      const queued = await this.queueMails(tx, versionId, sessionId);
      await tx.update(KeyLearningVersionEntity, { id: versionId }, { mailQueuedAt: now });
      return queued;
    });
    if (mails < 0) return { state: 'already', ms, mails: 0 };
    this.logger.log(`rendered key-learnings version ${versionId} in ${ms} ms; ${mails} mails`);
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
