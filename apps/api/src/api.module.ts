import { ConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { MetricsModule, RedisModule } from '@app/runtime';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './auth/access.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { WriteLimitGuard } from './auth/write-limit.guard.js';
import { CitiesModule } from './cities/cities.module.js';
import { MailAdminModule } from './mail-admin/mail-admin.module.js';
import { MeModule } from './me/me.module.js';
import { RolesModule } from './roles/roles.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { ProgrammeModule } from './programme/programme.module.js';
import { ScheduleModule } from './schedule/schedule.module.js';
import { CalendarsModule } from './calendars/calendars.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { RegistrationsModule } from './registrations/registrations.module.js';
import { AgendaModule } from './agenda/agenda.module.js';
import { QuestionsModule } from './questions/questions.module.js';
import { ChatModule } from './chat/chat.module.js';
import { PollsModule } from './polls/polls.module.js';
import { AttendanceModule } from './attendance/attendance.module.js';
import { KeyLearningsModule } from './key-learnings/key-learnings.module.js';
import { LiveRelayModule } from './live-broadcast/live-broadcast.module.js';

@Module({
  imports: [
    RegistrationsModule,
    KeyLearningsModule,
    AgendaModule,
    InvitationsModule,
    CalendarsModule,
    ConfigModule,
    PersistenceModule,
    RedisModule,
    MetricsModule.forRoot('api'),
    HealthModule,
    AuthModule,
    RolesModule,
    MeModule,
    EventsModule,
    CitiesModule,
    SessionsModule,
    MailAdminModule,
    ProgrammeModule,
    ScheduleModule,
    QuestionsModule,
    ChatModule,
    PollsModule,
    AttendanceModule,
    LiveRelayModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    // After the AccessGuard (global guards run in this order): it counts the signed-in caller.
    { provide: APP_GUARD, useClass: WriteLimitGuard },
  ],
})
export class ApiModule {}
