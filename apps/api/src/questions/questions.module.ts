import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { RoomRules } from '../live-broadcast/room-rules.service.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { QuestionController, SessionQuestionsController } from './questions.controller.js';
import { QuestionsService } from './questions.service.js';

@Module({
  imports: [SessionsModule, RolesModule, AuthModule, LiveBroadcastModule],
  controllers: [SessionQuestionsController, QuestionController],
  providers: [QuestionsService, RoomRules],
  exports: [QuestionsService],
})
export class QuestionsModule {}
