import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { RedisModule } from '@app/runtime';
import { Module } from '@nestjs/common';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { SessionsModule } from './sessions/sessions.module.js';

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    RedisModule,
    HealthModule,
    EventsModule,
    SessionsModule,
  ],
})
export class ApiModule {}
