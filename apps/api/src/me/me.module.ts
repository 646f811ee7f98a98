import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RegistrationsModule } from '../registrations/registrations.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { PrivacyService } from './privacy.service.js';

@Module({
  imports: [AuthModule, RolesModule, RegistrationsModule, SessionsModule, LiveBroadcastModule],
  controllers: [MeController],
  providers: [MeService, PrivacyService],
})
export class MeModule {}
