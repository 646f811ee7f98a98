import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';
import { PrivacyService } from './privacy.service.js';

@Module({
  imports: [AuthModule, RolesModule],
  controllers: [MeController],
  providers: [MeService, PrivacyService],
})
export class MeModule {}
