import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { MetricsModule, RedisModule } from '@app/runtime';
import { Module } from '@nestjs/common';
import { DocumentsModule } from './documents/documents.module.js';
import { HeartbeatModule } from './heartbeat/heartbeat.module.js';
import { MailModule } from './mail/mail.module.js';
import { WorkerOpsModule } from './ops/worker-ops.module.js';
import { RetentionModule } from './retention/retention.module.js';

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    RedisModule,
    MetricsModule.forRoot('worker'),
    HeartbeatModule,
    MailModule,
    RetentionModule,
    DocumentsModule,
    WorkerOpsModule,
  ],
})
export class WorkerModule {}
