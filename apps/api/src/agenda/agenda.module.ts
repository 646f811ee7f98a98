import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { MyAgendaController, PrivateCalendarFeedController } from './agenda.controller.js';
import { AgendaService } from './agenda.service.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { feedKeyProvider } from './feed-key.js';

@Module({
  imports: [AuthModule, RegistrationsModule, SessionsModule],
  controllers: [MyAgendaController, PrivateCalendarFeedController],
  providers: [AgendaService, CalendarFeedService, feedKeyProvider],
})
export class AgendaModule {}
