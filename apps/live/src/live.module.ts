import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { RedisModule } from '@app/runtime';
import { Module } from '@nestjs/common';
import { AuthService } from '../../api/src/auth/auth.service.js';
import { RateLimiter } from '../../api/src/auth/rate-limiter.service.js';
import { PublishedScheduleService } from '../../api/src/sessions/published-schedule.service.js';
import { LiveGateway } from './live.gateway.js';
import { SessionAccessService } from './rooms/session-access.service.js';

/**
 * The api's caller resolution and published programme without its controllers: the live process
 * identifies callers and checks sessions exactly as the api does.
 */
@Module({
  providers: [AuthService, RateLimiter, PublishedScheduleService],
  exports: [AuthService, PublishedScheduleService],
})
class LiveSharedModule {}

@Module({
  imports: [ConfigModule, PersistenceModule, RedisModule, LiveSharedModule],
  providers: [LiveGateway, SessionAccessService],
})
export class LiveModule {}
