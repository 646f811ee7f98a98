import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { RedisModule } from '@app/runtime';
import { Module } from '@nestjs/common';
import { AuthService } from '../../api/src/auth/auth.service.js';
import { RateLimiter } from '../../api/src/auth/rate-limiter.service.js';
import { LiveBroadcastModule } from '../../api/src/live-broadcast/live-broadcast.module.js';
import { QuestionsService } from '../../api/src/questions/questions.service.js';
import { RolesService } from '../../api/src/roles/roles.service.js';
import { PublishedScheduleService } from '../../api/src/sessions/published-schedule.service.js';
import { SessionsService } from '../../api/src/sessions/sessions.service.js';
import { LiveGateway } from './live.gateway.js';
import { RoomSnapshotService } from './rooms/room-snapshot.service.js';
import { SessionAccessService } from './rooms/session-access.service.js';

/**
 * The api's services without its controllers: the live process identifies callers, checks
 * sessions and applies the Q&A, chat and poll rules exactly as the api does.
 */
@Module({
  imports: [LiveBroadcastModule],
  providers: [
    AuthService,
    RateLimiter,
    PublishedScheduleService,
    SessionsService,
    RolesService,
    QuestionsService,
  ],
  exports: [
    AuthService,
    PublishedScheduleService,
    SessionsService,
    QuestionsService,
    LiveBroadcastModule,
  ],
})
class LiveSharedModule {}

@Module({
  imports: [ConfigModule, PersistenceModule, RedisModule, LiveSharedModule],
  providers: [LiveGateway, SessionAccessService, RoomSnapshotService],
})
export class LiveModule {}
