import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { RoomRules } from '../live-broadcast/room-rules.service.js';
import { RolesModule } from '../roles/roles.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SessionChatController } from './chat.controller.js';
import { ChatService } from './chat.service.js';

@Module({
  imports: [SessionsModule, RolesModule, AuthModule, LiveBroadcastModule],
  controllers: [SessionChatController],
  providers: [ChatService, RoomRules],
  exports: [ChatService],
})
export class ChatModule {}
