import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  AccountEntity,
  OutgoingMailEntity,
  RegistrationEntity,
  SessionEntity,
  SignInRequestEntity,
  TransactionRunner,
} from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Not, type Repository } from 'typeorm';

export interface RetentionReport {
  signInRequestsDeleted: number;
  mailsPseudonymised: number;
  registrationsPseudonymised: number;
}

/** The address a pseudonymised mail row keeps: it says what happened, and reaches nobody. */
export const PSEUDONYMISED_ADDRESS = 'pseudonymised@invalid';
const SIGN_IN_REQUEST_DAYS = 1;

/** Registrations unlinked per transaction: short write locks, however many a big event had. */
export const REGISTRATIONS_PER_CHUNK = 500;

/**
 * Keeps personal data no longer than needed: spent or stale sign-in requests go after a day,
 * settled mail rows lose recipient and name after the retention period (their counts and
 * states stay for the organisers' numbers), and so do registrations for sessions that ended
 * longer ago than that: each gets an account id of its own that belongs to nobody, and keeps
 * session, city, status and times for the statistics. Idempotent: running it twice changes
 * nothing more.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    @InjectRepository(RegistrationEntity)
    private readonly registrations: Repository<RegistrationEntity>,
  ) {}

  async run(now = new Date()): Promise<RetentionReport> {
    const day = 86_400_000;
    const cutoff = new Date(now.getTime() - this.config.retentionDays * day);
    // In the queue: beside it, a rollback of the worker's other work (a document render) undoes it.
    const signIns = await this.transactions.run((manager) =>
      manager.getRepository(SignInRequestEntity).delete({
        createdAt: LessThan(new Date(now.getTime() - SIGN_IN_REQUEST_DAYS * day)),
      }),
    );
    const mails = await this.transactions.run((manager) =>
      manager.getRepository(OutgoingMailEntity).update(
        {
          state: In(['sent', 'failed']),
          createdAt: LessThan(cutoff),
          recipientEmail: Not(PSEUDONYMISED_ADDRESS),
        },
        { recipientEmail: PSEUDONYMISED_ADDRESS, recipientName: '', accountId: null },
      ),
    );
    const report = {
      signInRequestsDeleted: signIns.affected ?? 0,
      mailsPseudonymised: mails.affected ?? 0,
      registrationsPseudonymised: await this.pseudonymiseRegistrations(cutoff),
    };
    this.logger.log(
      `retention: ${report.signInRequestsDeleted} sign-in requests deleted, ` +
        `${report.mailsPseudonymised} mails and ` +
        `${report.registrationsPseudonymised} registrations pseudonymised`,
    );
    return report;
  }

  /**
   * Registrations of sessions that ended before `cutoff` and still point at an account (erased
   * ones included: the link itself says who went where). A fresh random id per row, so rows
   * cannot be grouped back into one person; once unlinked a row no longer matches.
   */
  private async pseudonymiseRegistrations(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const chunk = await this.registrations
        .createQueryBuilder('r')
        .innerJoin(SessionEntity, 's', 's.id = r.sessionId')
        .innerJoin(AccountEntity, 'a', 'a.id = r.accountId')
        .select(['r.id', 'r.accountId'])
        .where('s.endsAt < :cutoff', { cutoff })
        .orderBy('r.id')
        .limit(REGISTRATIONS_PER_CHUNK)
        .getMany();
      if (!chunk.length) return total;
      // The account in the condition: a row changed meanwhile is left to the next run.
      const changed = await this.transactions.run(async (manager) => {
        let affected = 0;
        for (const row of chunk) {
          const result = await manager
            .getRepository(RegistrationEntity)
            .update({ id: row.id, accountId: row.accountId }, { accountId: randomUUID() });
          affected += result.affected ?? 0;
        }
        return affected;
      });
      total += changed;
      if (chunk.length < REGISTRATIONS_PER_CHUNK || changed === 0) return total;
    }
  }
}
