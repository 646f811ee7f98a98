import { APP_CONFIG, type AppConfig } from '@app/config';
import { OutgoingMailEntity, SignInRequestEntity } from '@app/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Not, type Repository } from 'typeorm';

export interface RetentionReport {
  signInRequestsDeleted: number;
  mailsPseudonymised: number;
}

/** The address a pseudonymised mail row keeps: it says what happened, and reaches nobody. */
export const PSEUDONYMISED_ADDRESS = 'pseudonymised@invalid';
const SIGN_IN_REQUEST_DAYS = 1;

/**
 * Keeps personal data no longer than needed: spent or stale sign-in requests go after a day,
 * settled mail rows lose recipient and name after the retention period (their counts and
 * states stay for the organisers' numbers). Registrations of past events join this job with
 * the registration feature. Idempotent: running it twice changes nothing more.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(SignInRequestEntity)
    private readonly signIns: Repository<SignInRequestEntity>,
    @InjectRepository(OutgoingMailEntity) private readonly mails: Repository<OutgoingMailEntity>,
  ) {}

  async run(now = new Date()): Promise<RetentionReport> {
    const day = 86_400_000;
    const signIns = await this.signIns.delete({
      createdAt: LessThan(new Date(now.getTime() - SIGN_IN_REQUEST_DAYS * day)),
    });
    const mails = await this.mails.update(
      {
        state: In(['sent', 'failed']),
        createdAt: LessThan(new Date(now.getTime() - this.config.retentionDays * day)),
        recipientEmail: Not(PSEUDONYMISED_ADDRESS),
      },
      { recipientEmail: PSEUDONYMISED_ADDRESS, recipientName: '', accountId: null },
    );
    const report = {
      signInRequestsDeleted: signIns.affected ?? 0,
      mailsPseudonymised: mails.affected ?? 0,
    };
    this.logger.log(
      `retention: ${report.signInRequestsDeleted} sign-in requests deleted, ${report.mailsPseudonymised} mails pseudonymised`,
    );
    return report;
  }
}
