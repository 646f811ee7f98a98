import { APP_CONFIG, type AppConfig, ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { Test, type TestingModule } from '@nestjs/testing';
import { MailModule } from '../../apps/worker/src/mail/mail.module.js';
import { MAIL_QUEUE } from '../../apps/worker/src/mail/mail.tokens.js';

/**
 * The worker's mail services on a database connection of their own, as the worker process has
 * them, configured as the hub under test. The relay is not under test: its queue would hold a
 * Redis connection open.
 */
export function workerMailModule(config: AppConfig): Promise<TestingModule> {
  return Test.createTestingModule({ imports: [ConfigModule, PersistenceModule, MailModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(MAIL_QUEUE)
    .useValue({ close: () => Promise.resolve() })
    .compile();
}
