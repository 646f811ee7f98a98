import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { RoomRules } from '../live-broadcast/room-rules.service.js';
import { RolesModule } from '../roles/roles.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SessionPollsController } from './polls.controller.js';
import { PollsService } from './polls.service.js';

@Module({
  imports: [SessionsModule, RolesModule, AuthModule, LiveBroadcastModule],
  controllers: [SessionPollsController],
  providers: [PollsService, RoomRules],
  exports: [PollsService],
})
export class PollsModule {}
