import { compileSessionDigest, HUB_AUTHOR, releasedSession } from '@app/documents';
import { KeyLearningDocumentEntity, SessionEntity, TransactionRunner } from '@app/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Sessions that ended longer ago than this get no digest by themselves any more. */
export const DIGEST_WINDOW_MS = 2 * 24 * 3600_000;
/** Sessions compiled per sweep (a sweep runs every minute). */
export const DIGEST_BATCH = 50;

/**
 * Compiles the digest of each released session once it has ended, so the rapporteur finds the
 * questions, polls and attendance in the editor without asking. A session whose digest was
 * compiled before (by this sweep or by a rapporteur) is left alone.
 */
@Injectable()
export class DigestSweep {
  private readonly logger = new Logger(DigestSweep.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  async run(now = new Date()): Promise<number> {
    const manager = this.dataSource.manager;
    const ended = await manager
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .leftJoin(KeyLearningDocumentEntity, 'd', 'd.sessionId = s.id')
      .select(['s.id AS "id"', 's.eventId AS "eventId"'])
      .where('s.endsAt <= :now AND s.endsAt >= :since', {
        now,
        since: new Date(now.getTime() - DIGEST_WINDOW_MS),
      })
      .andWhere("s.status <> 'cancelled'")
      .andWhere('d.digestCompiledAt IS NULL')
      .orderBy('s.endsAt', 'ASC')
      .limit(DIGEST_BATCH)
      .getRawMany<{ id: string; eventId: string }>();
    let compiled = 0;
    for (const row of ended) {
      const session = await releasedSession(manager, row.eventId, row.id);
      if (!session || session.status === 'cancelled') continue;
      if (Date.parse(session.endsAt) > now.getTime()) continue;
      const saved = await this.transactions.run((tx) =>
        compileSessionDigest(tx, {
          session,
          eventId: row.eventId,
          onlyFirst: true,
          author: HUB_AUTHOR,
          now,
        }),
      );
      if (saved !== null) compiled += 1;
    }
    if (compiled > 0) this.logger.log(`compiled the digest of ${compiled} ended sessions`);
    return compiled;
  }
}
