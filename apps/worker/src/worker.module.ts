import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { RedisModule } from '@app/runtime';
import { Module } from '@nestjs/common';
import { DocumentsModule } from './documents/documents.module.js';
import { HeartbeatModule } from './heartbeat/heartbeat.module.js';
import { MailModule } from './mail/mail.module.js';
import { RetentionModule } from './retention/retention.module.js';

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    RedisModule,
    HeartbeatModule,
    MailModule,
    RetentionModule,
    DocumentsModule,
  ],
})
export class WorkerModule {}
