import { Module } from '@nestjs/common';
import { LiveBroadcastModule } from '../live-broadcast/live-broadcast.module.js';
import { RolesController } from './roles.controller.js';
import { RolesService } from './roles.service.js';

@Module({
  imports: [LiveBroadcastModule],
  controllers: [RolesController],
  providers: [RolesService],
  exports: [RolesService],
})
export class RolesModule {}
