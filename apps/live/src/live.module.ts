import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { MetricsModule, RedisModule } from '@app/runtime';
import { Module } from '@nestjs/common';
import { AttendanceService } from '../../api/src/attendance/attendance.service.js';
import { AuthService } from '../../api/src/auth/auth.service.js';
import { ChatService } from '../../api/src/chat/chat.service.js';
import { PollsService } from '../../api/src/polls/polls.service.js';
import { RateLimiter } from '../../api/src/auth/rate-limiter.service.js';
import { LiveBroadcastModule } from '../../api/src/live-broadcast/live-broadcast.module.js';
import { RoomRules } from '../../api/src/live-broadcast/room-rules.service.js';
import { QuestionsService } from '../../api/src/questions/questions.service.js';
import { RolesService } from '../../api/src/roles/roles.service.js';
import { PublishedScheduleService } from '../../api/src/sessions/published-schedule.service.js';
import { SessionsService } from '../../api/src/sessions/sessions.service.js';
import { LiveGateway } from './live.gateway.js';
import { LiveMetrics } from './ops/live-metrics.js';
import { RoomLookupService } from './rooms/room-lookup.service.js';
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
    RoomRules,
    QuestionsService,
    ChatService,
    PollsService,
    AttendanceService,
  ],
  exports: [
    AuthService,
    RateLimiter,
    PublishedScheduleService,
    SessionsService,
    RoomRules,
    QuestionsService,
    ChatService,
    PollsService,
    AttendanceService,
    LiveBroadcastModule,
  ],
})
class LiveSharedModule {}

@Module({
  imports: [
    ConfigModule,
    PersistenceModule,
    RedisModule,
    MetricsModule.forRoot('live'),
    LiveSharedModule,
  ],
  providers: [
    LiveGateway,
    LiveMetrics,
    SessionAccessService,
    RoomSnapshotService,
    RoomLookupService,
  ],
})
export class LiveModule {}
