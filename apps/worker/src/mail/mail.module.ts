import { APP_CONFIG, type AppConfig, requireRedisUrl, requireSmtpUrl } from '@app/config';
import { QUEUES, type SendMailJob } from '@app/contracts';
import { createSmtpTransport } from '@app/mailer';
import { RedisOutageLog } from '@app/runtime';
import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobMetricsModule } from '../ops/job-metrics.js';
import { Redis } from 'ioredis';
import type { Transporter } from 'nodemailer';
import { InvitationComposer } from './invitation-composer.js';
import { KeyLearningsComposer } from './key-learnings-composer.js';
import { MailComposer } from './mail-composer.service.js';
import { MailSender } from './mail-sender.service.js';
import { MailWorker } from './mail-worker.service.js';
import { MAIL_QUEUE, SMTP_TRANSPORT } from './mail.tokens.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { ReminderComposer } from './reminder-composer.js';

@Module({
  imports: [JobMetricsModule],
  providers: [
    {
      provide: MAIL_QUEUE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // A producer fails fast while Redis is away; the relay tries again on its next tick.
        const connection = new Redis(requireRedisUrl(config), {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
        });
        const queue = new Queue<SendMailJob>(QUEUES.mail, {
          connection,
          defaultJobOptions: {
            removeOnComplete: { age: 3600, count: 20_000 },
            removeOnFail: { age: 24 * 3600 },
          },
        });
        new RedisOutageLog(new Logger('OutboxRelay'), 'mail queue (relay)').watch(
          [queue],
          [connection],
        );
        return queue;
      },
    },
    {
      provide: SMTP_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createSmtpTransport({
          url: requireSmtpUrl(config),
          poolSize: config.mail.poolSize,
          ratePerSecond: config.mail.ratePerSecond,
        }),
    },
    MailComposer,
    InvitationComposer,
    ReminderComposer,
    KeyLearningsComposer,
    MailSender,
    MailWorker,
    OutboxRelay,
  ],
  exports: [OutboxRelay, MailSender],
})
export class MailModule implements OnApplicationShutdown {
  constructor(
    @Inject(MAIL_QUEUE) private readonly queue: Queue<SendMailJob>,
    @Inject(SMTP_TRANSPORT) private readonly transport: Transporter,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.transport.close();
  }
}
